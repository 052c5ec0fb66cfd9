/**
 * The one-sample Kolmogorov–Smirnov test, float64: D_n = sup_x |F_n(x) − F(x)| against a continuous reference CDF,
 * with the asymptotic p-value of the Kolmogorov distribution (Stephens' finite-n correction), and the two reference
 * CDFs the diffusion notebooks use (standard normal, uniform). KS looks at the whole law, not just moments: it is
 * what tells a unit-variance non-Gaussian residual from N(0, 1) (unified diffusion, brief 07 step 5).
 * @module
 */
import { requireAllFinite, requireFinite } from "./validate.ts";

/** The result of {@link ksOneSample}. */
export interface KsResult {
  /** D_n = sup_x |F_n(x) − F(x)|. */
  statistic: number;
  /** P(D ≥ statistic) under the null, asymptotic (Kolmogorov, with Stephens' correction); in [0, 1]. */
  pValue: number;
  n: number;
}

/**
 * The Kolmogorov survival function Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²} = P(√n D_n > λ) as n → ∞ (Q(0) = 1).
 */
export function kolmogorovSurvival(lambda: number): number {
  requireFinite("lambda", lambda);
  if (lambda < 0) throw new RangeError(`lambda must be >= 0, got ${lambda}`);
  if (lambda < 0.2) return 1; // the series converges slowly; Q(0.2) = 1 − 6e-12
  let s = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    s += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}

/**
 * The one-sample KS statistic of `samples` against the continuous CDF `cdf`, and its asymptotic p-value
 * Q((√n + 0.12 + 0.11/√n) D) (Stephens 1970; accurate to a few % for n ≥ 35).
 */
export function ksOneSample(samples: ArrayLike<number>, cdf: (x: number) => number): KsResult {
  if (samples === null || typeof samples !== "object" || typeof samples.length !== "number") {
    throw new TypeError(`samples must be an array of numbers, got ${String(samples)}`);
  }
  if (typeof cdf !== "function") throw new TypeError(`cdf must be a function x => F(x), got ${typeof cdf}`);
  const n = samples.length;
  if (n < 1) throw new RangeError(`samples must be non-empty, got length ${n}`);
  requireAllFinite("samples", samples);
  const xs = Float64Array.from(samples).sort();
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]);
    if (!(f >= 0 && f <= 1)) throw new RangeError(`cdf(${xs[i]}) must be in [0, 1], got ${f}`);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  const sq = Math.sqrt(n);
  return { statistic: d, pValue: kolmogorovSurvival((sq + 0.12 + 0.11 / sq) * d), n };
}

/** The standard normal CDF Φ(x) = erfc(−x/√2)/2 (erfc by Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function normalCdf(x: number): number {
  requireFinite("x", x);
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x), t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(
    -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
                      t *
                        (0.27886807 +
                          t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
  );
  return x >= 0 ? r : 2 - r;
}

/** The CDF of the uniform law on [lo, hi]: 0 below, (x − lo)/(hi − lo) inside, 1 above. */
export function uniformCdf(lo: number, hi: number): (x: number) => number {
  requireFinite("lo", lo);
  requireFinite("hi", hi);
  if (!(hi > lo)) throw new RangeError(`hi must exceed lo, got lo=${lo}, hi=${hi}`);
  return (x: number) => (x <= lo ? 0 : x >= hi ? 1 : (x - lo) / (hi - lo));
}
