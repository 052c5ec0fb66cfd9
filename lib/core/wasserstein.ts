/**
 * Wasserstein distances (article 21, "W distance ≤ score matching"; reused by the rectified-flow notebook 22).
 *
 * W_ρ[p, q] = (inf over couplings γ of E_γ‖x − y‖^ρ)^{1/ρ}. In one dimension the optimal coupling is the monotone
 * one, so W_ρ^ρ = ∫₀¹ |F⁻¹(u) − G⁻¹(u)|^ρ du (quantile functions); between two Gaussians W₂ has the closed form
 * √((m₁ − m₂)² + (s₁ − s₂)²). Any coupling gives an upper bound W₂ ≤ (E_γ‖x − y‖²)^{1/2} — the core inequality of
 * article 21 — which {@link couplingW2} evaluates for paired samples (e.g. two flows run from the same noise).
 * Float64 throughout.
 * @module
 */
import { mean, stdError } from "./stats.ts";
import { requireAllFinite, requireFinite, requireInt, requirePositive } from "./validate.ts";

function order(rho: unknown): 1 | 2 {
  if (rho !== 1 && rho !== 2) throw new RangeError(`rho must be 1 or 2, got ${String(rho)}`);
  return rho;
}

/** W₂ between N(m1, s1²) and N(m2, s2²) in 1-D: √((m1 − m2)² + (s1 − s2)²) (stds s ≥ 0). */
export function w2Gaussian1d(m1: number, s1: number, m2: number, s2: number): number {
  requireFinite("m1", m1);
  requireFinite("m2", m2);
  requirePositive("s1", s1, true);
  requirePositive("s2", s2, true);
  return Math.hypot(m1 - m2, s1 - s2);
}

/**
 * W_ρ (ρ = 1 or 2) between the empirical measures of two 1-D samples (any sizes n, m): the exact value of
 * ∫₀¹ |F⁻¹(u) − G⁻¹(u)|^ρ du for the two step quantile functions (merged breakpoints i/n and j/m).
 */
export function wassersteinEmpirical1d(xs: ArrayLike<number>, ys: ArrayLike<number>, rho: 1 | 2 = 2): number {
  const p = order(rho);
  if (!xs || xs.length === 0) throw new RangeError("xs must be a non-empty array of numbers");
  if (!ys || ys.length === 0) throw new RangeError("ys must be a non-empty array of numbers");
  requireAllFinite("xs", xs);
  requireAllFinite("ys", ys);
  const a = Float64Array.from(xs).sort(), b = Float64Array.from(ys).sort();
  const n = a.length, m = b.length;
  let i = 0, j = 0, u = 0, s = 0;
  while (i < n && j < m) {
    const next = Math.min((i + 1) / n, (j + 1) / m);
    const d = Math.abs(a[i] - b[j]);
    s += (next - u) * (p === 1 ? d : d * d);
    u = next;
    if ((i + 1) / n <= next + 1e-15) i++;
    if ((j + 1) / m <= next + 1e-15) j++;
  }
  return p === 1 ? s : Math.sqrt(s);
}

/**
 * W_ρ (ρ = 1 or 2) in 1-D from two quantile functions, ∫₀¹ |qA(u) − qB(u)|^ρ du by the midpoint rule on n cells
 * (the quantile functions may diverge at u = 0, 1; the midpoint rule never evaluates there).
 */
export function wassersteinQuantile1d(
  qA: (u: number) => number,
  qB: (u: number) => number,
  n: number,
  rho: 1 | 2 = 2,
): number {
  if (typeof qA !== "function") throw new TypeError("qA must be a function u => quantile");
  if (typeof qB !== "function") throw new TypeError("qB must be a function u => quantile");
  requireInt("n", n, 1);
  const p = order(rho);
  let s = 0;
  for (let k = 0; k < n; k++) {
    const u = (k + 0.5) / n;
    const d = Math.abs(requireFinite("qA(u)", qA(u)) - requireFinite("qB(u)", qB(u)));
    s += p === 1 ? d : d * d;
  }
  s /= n;
  return p === 1 ? s : Math.sqrt(s);
}

/** What {@link couplingW2} returns. */
export interface CouplingW2 {
  /** (Σ w_i ‖x_i − y_i‖²)^{1/2}, weights normalised (equal by default). */
  value: number;
  /**
   * Monte Carlo standard error of `value` (delta method: SE of the mean squared gap / (2·value)) when the pairs are
   * equally weighted draws; null with quadrature weights.
   */
  stdError: number | null;
}

/**
 * The transport cost of a given coupling: pairs (x_i, y_i) (row-major n×d each) → (E‖x − y‖²)^{1/2}, an upper bound
 * on W₂ for every coupling (article 21, the "any coupling bounds W₂" step); equal to W₂ in 1-D when the pairs are
 * monotone (e.g. two increasing maps of the same noise). Optional weights (quadrature nodes) replace the plain mean.
 */
export function couplingW2(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  d = 1,
  weights?: ArrayLike<number>,
): CouplingW2 {
  requireInt("d", d, 1);
  if (!xs || !ys || xs.length !== ys.length || xs.length === 0 || xs.length % d !== 0) {
    throw new RangeError(
      `xs and ys must be non-empty, of equal length divisible by d=${d}: got ${xs?.length} and ${ys?.length}`,
    );
  }
  requireAllFinite("xs", xs);
  requireAllFinite("ys", ys);
  const n = xs.length / d, sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let q = 0; q < d; q++) s += (xs[i * d + q] - ys[i * d + q]) ** 2;
    sq[i] = s;
  }
  if (weights === undefined) {
    const value = Math.sqrt(mean(sq));
    if (n < 2) return { value, stdError: null };
    return { value, stdError: value > 0 ? stdError(sq) / (2 * value) : 0 };
  }
  if (weights.length !== n) throw new RangeError(`weights must have ${n} values, got ${weights.length}`);
  let wsum = 0, s = 0;
  for (let i = 0; i < n; i++) {
    const w = requirePositive(`weights[${i}]`, weights[i], true);
    wsum += w;
    s += w * sq[i];
  }
  if (!(wsum > 0)) throw new RangeError("weights must not all be 0");
  return { value: Math.sqrt(s / wsum), stdError: null };
}
