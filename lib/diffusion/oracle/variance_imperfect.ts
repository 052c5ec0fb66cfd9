/**
 * Reverse variances with an imperfect mean (Su, kexue.fm/archives/9246, "生成扩散模型漫谈(八)"; Bao et al. 2022,
 * "Estimating the Optimal Covariance with Imperfect Mean in Diffusion Probabilistic Models", arXiv 2206.07309).
 * With the mean network frozen, the Gaussian N(x_0; μ̄(x_t), σ̄² I) fitted by maximum likelihood has
 *
 *   σ̄_t² = (1/d) E‖x_0 − μ̄(x_t)‖² = (β̄_t²/ᾱ_t²) (1/d) E‖ε − ε_θ(x_t, t)‖²,
 *
 * a rescaled ε-prediction loss, which absorbs the error of the mean (step 3). Per dimension it is the per-coordinate
 * mean square (diagonal MLE); made x_t-dependent it is the regression of the squared residual on x_t (NPR-DPM,
 * target (ε − ε_θ)²), while SN-DPM regresses ε² and uses h − ε_θ² (exact only for a perfect mean). All quantities
 * are in ε-space ("targets") or x_0-space ("variances", multiplied by x0Scale = β̄_t²/ᾱ_t²). Float64.
 * @module
 */
import { requireAllFinite, requireInt, requirePositive } from "../../core/mod.ts";
import type { VarianceEstimate } from "./variance.ts";

function checkPair(eps: ArrayLike<number>, epsTheta: ArrayLike<number>, d?: number): number {
  for (const [name, a] of [["eps", eps], ["epsTheta", epsTheta]] as const) {
    if (a === null || typeof a !== "object" || typeof a.length !== "number" || a.length === 0) {
      throw new TypeError(`${name} must be a non-empty array of numbers, got ${String(a)}`);
    }
    requireAllFinite(name, a);
  }
  if (eps.length !== epsTheta.length) {
    throw new RangeError(
      `eps and epsTheta must have the same length, got ${eps.length} and ${epsTheta.length}`,
    );
  }
  if (d !== undefined) {
    requireInt("d", d, 1);
    if (eps.length % d !== 0) {
      throw new RangeError(`eps must have a length divisible by d=${d}, got ${eps.length}`);
    }
  }
  return eps.length;
}

/**
 * The isotropic MLE with a frozen mean (brief 05 step 3): σ̄² = x0Scale · (1/(n d)) Σ ‖ε − ε_θ‖², with its standard
 * error over the n rows. `eps` is the noise actually used, ε = (x_t − ᾱ_t x_0)/β̄_t; `x0Scale` = β̄_t²/ᾱ_t².
 */
export function mleIsoVar(
  eps: ArrayLike<number>,
  epsTheta: ArrayLike<number>,
  d: number,
  x0Scale: number,
): VarianceEstimate {
  const len = checkPair(eps, epsTheta, d);
  requirePositive("x0Scale", x0Scale, true);
  const n = len / d, per = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let q = 0; q < d; q++) s += (eps[i * d + q] - epsTheta[i * d + q]) ** 2;
    per[i] = s / d;
  }
  let m = 0, v = 0;
  for (let i = 0; i < n; i++) m += per[i] / n;
  for (let i = 0; i < n; i++) v += (per[i] - m) ** 2;
  return { value: x0Scale * m, stdError: n > 1 ? x0Scale * Math.sqrt(v / (n - 1) / n) : NaN, n };
}

/** The diagonal MLE: per dimension q, x0Scale · mean_i (ε_iq − ε_θ,iq)², with standard errors. */
export function mleDiagVar(
  eps: ArrayLike<number>,
  epsTheta: ArrayLike<number>,
  d: number,
  x0Scale: number,
): { perDim: Float64Array; stdError: Float64Array; n: number } {
  const len = checkPair(eps, epsTheta, d);
  requirePositive("x0Scale", x0Scale, true);
  const n = len / d, m = new Float64Array(d), m2 = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < d; q++) {
      const r = (eps[i * d + q] - epsTheta[i * d + q]) ** 2;
      m[q] += r / n;
      m2[q] += (r * r) / n;
    }
  }
  const stdError = new Float64Array(d);
  for (let q = 0; q < d; q++) {
    stdError[q] = n > 1 ? x0Scale * Math.sqrt(Math.max(0, m2[q] - m[q] * m[q]) * n / (n - 1) / n) : NaN;
  }
  return { perDim: m.map((v) => x0Scale * v), stdError, n };
}

/** NPR-DPM's regression target, (ε − ε_θ)² element-wise (brief 05 step 5). */
export function nprTarget(eps: ArrayLike<number>, epsTheta: ArrayLike<number>): Float64Array {
  const len = checkPair(eps, epsTheta);
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) out[i] = (eps[i] - epsTheta[i]) ** 2;
  return out;
}

/** SN-DPM's regression target, ε² element-wise (brief 05 step 6). */
export function snTarget(eps: ArrayLike<number>): Float64Array {
  checkPair(eps, eps);
  return Float64Array.from(eps, (v) => v * v);
}

/**
 * SN-DPM's x_0-space variance from a prediction h ≈ E[ε²|x_t]: x0Scale · max(0, h − ε_θ²) element-wise. With an
 * imperfect mean h − ε_θ² can be negative; those entries are clipped to 0 and counted.
 */
export function snVariance(
  h: ArrayLike<number>,
  epsTheta: ArrayLike<number>,
  x0Scale: number,
): { variance: Float64Array; clipped: number } {
  const len = checkPair(h, epsTheta);
  requirePositive("x0Scale", x0Scale, true);
  const variance = new Float64Array(len);
  let clipped = 0;
  for (let i = 0; i < len; i++) {
    const v = h[i] - epsTheta[i] ** 2;
    if (v < 0) clipped++;
    variance[i] = x0Scale * Math.max(0, v);
  }
  return { variance, clipped };
}

/** NPR-DPM's x_0-space variance from a prediction g ≈ E[(ε − ε_θ)²|x_t]: x0Scale · g (g must be ≥ 0). */
export function nprVariance(g: ArrayLike<number>, x0Scale: number): Float64Array {
  checkPair(g, g);
  requirePositive("x0Scale", x0Scale, true);
  return Float64Array.from(g, (v, i) => x0Scale * requirePositive(`g[${i}]`, v, true));
}
