/**
 * Estimators of the optimal reverse variance (Analytic-DPM; Su, kexue.fm/archives/9245, "生成扩散模型漫谈(七)";
 * Bao et al. 2022, arXiv 2201.06503). Model p(x_0|x_t) ≈ N(μ̄(x_t), σ̄_t² I); integrating x_0 out of the DDIM
 * family p(x_s|x_t,x_0) = N(k x_t + γ x_0, σ² I) gives the reverse step N(k x_t + γ μ̄, (σ² + γ² σ̄_t²) I), and the
 * best x_t-independent isotropic σ̄_t² is (1/d) E_{x_t} tr Cov[x_0|x_t]. Two Monte Carlo forms estimate it from a
 * trained model:
 *
 * - form 1 (the article's): σ̄_t² = Var[x_0] − (1/d) E‖μ̄(x_t) − μ_0‖² (law of total variance, μ_0 = E x_0);
 * - form 2 (the paper's): σ̄_t² = (β̄_t²/ᾱ_t²)(1 − E‖ε_θ(x_t, t)‖²/d).
 *
 * Both have upper bounds, σ̄_t² ≤ Var[x_0] and σ̄_t² ≤ β̄_t²/ᾱ_t², used for clipping ({@link clipSigmaBar2}).
 * Form 2 multiplies the Monte Carlo error of E‖ε_θ‖²/d by β̄_t²/ᾱ_t² (up to ~2.4e4 at t = T for Su's schedule), so at
 * large t it is useless unclipped; form 1 subtracts two numbers close to Var[x_0] when σ̄_t² is tiny (small t), so
 * its relative error blows up there instead. Float64 throughout.
 * @module
 */
import { requireAllFinite, requireFinite, requireInt, requirePositive } from "../../core/mod.ts";

/** A Monte Carlo estimate of a variance with its standard error (over the n rows used). */
export interface VarianceEstimate {
  value: number;
  stdError: number;
  n: number;
}

function rowsOf(name: string, x: ArrayLike<number>, d: number): number {
  if (x === null || typeof x !== "object" || typeof x.length !== "number") {
    throw new TypeError(`${name} must be an array of n×d numbers, got ${String(x)}`);
  }
  requireInt("d", d, 1);
  if (x.length === 0 || x.length % d !== 0) {
    throw new RangeError(`${name} must have a positive length divisible by d=${d}, got ${x.length}`);
  }
  requireAllFinite(name, x);
  return x.length / d;
}

/** Mean and standard error of per-row values, times `scale`. */
function estimate(per: Float64Array, scale: number, offset = 0): VarianceEstimate {
  const n = per.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += per[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (per[i] - m) ** 2;
  const se = n > 1 ? Math.sqrt(v / (n - 1) / n) : NaN;
  return { value: offset + scale * m, stdError: Math.abs(scale) * se, n };
}

/**
 * Form 2 (the paper's): σ̄_t² = (β̄_t²/ᾱ_t²)(1 − (1/d) E‖ε_θ(x_t, t)‖²) from a batch of predictions ε_θ(x_t, t) at
 * one t (row-major n×d, x_t drawn from the data through p(x_t|x_0)); `a` = ᾱ_t, `b` = β̄_t. Unclipped: the raw
 * estimate can be negative or exceed the bounds (see {@link clipSigmaBar2}).
 */
export function sigmaBar2FromEps(
  epsTheta: ArrayLike<number>,
  d: number,
  a: number,
  b: number,
): VarianceEstimate {
  const n = rowsOf("epsTheta", epsTheta, d);
  requirePositive("a", a);
  requirePositive("b", b);
  const per = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let q = 0; q < d; q++) s += epsTheta[i * d + q] ** 2;
    per[i] = s / d;
  }
  const c = (b * b) / (a * a);
  return estimate(per, -c, c);
}

/** Options of {@link sigmaBar2FromMean}. */
export interface FormOneOptions {
  /** The constant μ_0 (length d); default: the mean of the x0 batch (per dimension). */
  mu0?: ArrayLike<number>;
  /**
   * Var[x_0] per dimension averaged over dimensions, if known (e.g. over the whole data set): then the estimate is
   * dataVar − (1/d) E‖μ̄ − μ_0‖² and the x0 batch serves only for μ_0. Default: estimated from the same (paired)
   * x0 rows, which cancels much of the Monte Carlo noise.
   */
  dataVar?: number;
}

/**
 * Form 1 (the article's): σ̄_t² = (1/d) E‖x_0 − μ_0‖² − (1/d) E‖μ̄(x_t) − μ_0‖² from paired rows x_0 and μ̄(x_t)
 * (x_t noised from that x_0), both row-major n×d. By the law of total variance this is (1/d) E tr Cov[x_0|x_t] when μ̄
 * is the true posterior mean, so σ̄_t² ≤ Var[x_0].
 */
export function sigmaBar2FromMean(
  x0: ArrayLike<number>,
  muBar: ArrayLike<number>,
  d: number,
  opts: FormOneOptions = {},
): VarianceEstimate {
  const n = rowsOf("x0", x0, d);
  if (rowsOf("muBar", muBar, d) !== n) {
    throw new RangeError(`x0 and muBar must have the same length, got ${x0.length} and ${muBar.length}`);
  }
  let mu0: Float64Array;
  if (opts.mu0 !== undefined) {
    if (opts.mu0.length !== d) {
      throw new RangeError(`opts.mu0 must have length d=${d}, got ${opts.mu0.length}`);
    }
    requireAllFinite("opts.mu0", opts.mu0);
    mu0 = Float64Array.from(opts.mu0);
  } else {
    mu0 = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let q = 0; q < d; q++) mu0[q] += x0[i * d + q] / n;
  }
  const known = opts.dataVar;
  if (known !== undefined) requirePositive("opts.dataVar", known, true);
  const per = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let q = 0; q < d; q++) {
      const m = (muBar[i * d + q] - mu0[q]) ** 2;
      s += known === undefined ? (x0[i * d + q] - mu0[q]) ** 2 - m : -m;
    }
    per[i] = s / d;
  }
  return estimate(per, 1, known ?? 0);
}

/** The bounds of σ̄_t² (article: σ̄_t² ≤ Var[x_0] and σ̄_t² ≤ β̄_t²/ᾱ_t²). */
export interface SigmaBarBounds {
  /** β̄_t²/ᾱ_t² (form 2's bound: E‖ε_θ‖²/d ≥ 0). */
  x0Scale: number;
  /** Var[x_0] per dimension (form 1's bound; ((hi − lo)/2)² for pixels in [lo, hi]). Default: no such bound. */
  dataVar?: number;
}

/** What {@link clipSigmaBar2} did, and why. */
export interface ClippedSigmaBar2 {
  value: number;
  /** "none", "zero" (a negative estimate raised to 0), "x0Scale" or "dataVar" (lowered to that bound). */
  clippedTo: "none" | "zero" | "x0Scale" | "dataVar";
}

/**
 * Clips an estimate of σ̄_t² to [0, min(β̄_t²/ᾱ_t², Var[x_0])]. Why: the true value lies in that interval (a
 * variance is ≥ 0; E‖ε*‖² ≥ 0 gives the first upper bound; the law of total variance the second), so clipping never
 * moves the estimate away from the truth. It does not make a noisy estimate right: a negative raw value clipped to 0
 * is still wrong by at least the true σ̄_t², which is why the notebook reports how often and where clipping acts.
 * `adpm.py` clips the factor 1 − E‖ε_θ‖²/d to [0, 1], i.e. the first bound only.
 */
export function clipSigmaBar2(value: number, bounds: SigmaBarBounds): ClippedSigmaBar2 {
  requireFinite("value", value);
  if (!bounds || typeof bounds !== "object") throw new TypeError("bounds must be { x0Scale, dataVar? }");
  const a = requirePositive("bounds.x0Scale", bounds.x0Scale, true);
  const b = bounds.dataVar === undefined ? Infinity : requirePositive("bounds.dataVar", bounds.dataVar, true);
  if (value < 0) return { value: 0, clippedTo: "zero" };
  if (value > Math.min(a, b)) {
    return a <= b ? { value: a, clippedTo: "x0Scale" } : { value: b, clippedTo: "dataVar" };
  }
  return { value, clippedTo: "none" };
}

/**
 * The reverse variance after integrating x_0 out (article step 2): σ² + γ² σ̄², for one σ̄² or element-wise for an
 * array of per-row, per-dimension σ̄² (brief 05's diagonal and state-dependent versions). `coeffs` are the jump's σ²
 * and γ (see ddimCoeffs).
 */
export function analyticReverseVar(coeffs: { sigma2: number; gamma: number }, sigmaBar2: number): number;
export function analyticReverseVar(
  coeffs: { sigma2: number; gamma: number },
  sigmaBar2: ArrayLike<number>,
): Float64Array;
export function analyticReverseVar(
  coeffs: { sigma2: number; gamma: number },
  sigmaBar2: number | ArrayLike<number>,
): number | Float64Array {
  if (!coeffs || typeof coeffs !== "object") throw new TypeError("coeffs must be { sigma2, gamma }");
  const s2 = requirePositive("coeffs.sigma2", coeffs.sigma2, true);
  const g2 = requireFinite("coeffs.gamma", coeffs.gamma) ** 2;
  if (typeof sigmaBar2 === "number") return s2 + g2 * requirePositive("sigmaBar2", sigmaBar2, true);
  if (sigmaBar2 === null || typeof sigmaBar2 !== "object" || typeof sigmaBar2.length !== "number") {
    throw new TypeError(`sigmaBar2 must be a number or an array of numbers, got ${String(sigmaBar2)}`);
  }
  const out = new Float64Array(sigmaBar2.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = s2 + g2 * requirePositive(`sigmaBar2[${i}]`, sigmaBar2[i], true);
  }
  return out;
}
