/**
 * The variance of a Gaussian N(x_0; μ̄(x_t), v) fitted by direct numerical maximisation of its likelihood (brief 05
 * step 3, Su kexue.fm/archives/9246): the independent route to the closed form v = (1/d) E‖x_0 − μ̄‖², which is
 * never evaluated here. The mean negative log-likelihood per row,
 *
 *   isotropic: (1/(2v)) (1/n) Σ‖r_i‖² + (d/2) log v,     per dimension q: (1/(2v_q)) (1/n) Σ r_iq² + (1/2) log v_q,
 *
 * (r = x_0 − μ̄, the constant dropped) is minimised over log v by golden-section search on a fixed bracket, so the
 * result is limited only by the flatness of the likelihood at its optimum (relative error ~1e-8). Float64.
 * @module
 */
import { requireAllFinite, requireInt, requirePositive } from "../../core/mod.ts";

/** Mean negative log-likelihood per row (constant dropped) of the residuals under N(0, v I) (`q` unset) or, for one
 * coordinate q, under N(0, v) in that coordinate. */
export function gaussianNll(residuals: ArrayLike<number>, d: number, v: number, q?: number): number {
  const n = rows(residuals, d);
  requirePositive("v", v);
  if (q !== undefined) requireInt("q", q, 0, d - 1);
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (q !== undefined) s += residuals[i * d + q] ** 2;
    else for (let k = 0; k < d; k++) s += residuals[i * d + k] ** 2;
  }
  const dims = q === undefined ? d : 1;
  return s / n / (2 * v) + (dims / 2) * Math.log(v);
}

function rows(residuals: ArrayLike<number>, d: number): number {
  if (residuals === null || typeof residuals !== "object" || typeof residuals.length !== "number") {
    throw new TypeError(`residuals must be an array of n×d numbers, got ${String(residuals)}`);
  }
  requireInt("d", d, 1);
  if (residuals.length === 0 || residuals.length % d !== 0) {
    throw new RangeError(
      `residuals must have a positive length divisible by d=${d}, got ${residuals.length}`,
    );
  }
  requireAllFinite("residuals", residuals);
  return residuals.length / d;
}

/** Golden-section minimisation of a unimodal f on [lo, hi] until the bracket is narrower than tol. */
function goldenSection(f: (u: number) => number, lo: number, hi: number, tol: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo, b = hi, c = b - g * (b - a), e = a + g * (b - a), fc = f(c), fe = f(e);
  while (b - a > tol) {
    if (fc <= fe) {
      b = e;
      e = c;
      fe = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = e;
      fc = fe;
      e = a + g * (b - a);
      fe = f(e);
    }
  }
  return (a + b) / 2;
}

/** Options of {@link fitVarianceByLikelihood}. */
export interface LikelihoodFitOptions {
  /** The search bracket of v (default [1e-12, 1e8]); the optimum must lie inside. */
  bracket?: [number, number];
  /** Width of the final bracket in log v (default 1e-10). */
  tol?: number;
}

/**
 * The maximum-likelihood variances of residuals r = x_0 − μ̄(x_t) (row-major n×d): one isotropic v and one v_q per
 * dimension, each by golden-section search of {@link gaussianNll} over log v. Throws if an optimum sits on the
 * bracket's edge (the bracket did not contain it).
 */
export function fitVarianceByLikelihood(
  residuals: ArrayLike<number>,
  d: number,
  opts: LikelihoodFitOptions = {},
): { iso: number; perDim: Float64Array } {
  rows(residuals, d);
  const [lo, hi] = opts.bracket ?? [1e-12, 1e8];
  requirePositive("opts.bracket[0]", lo);
  if (!(requirePositive("opts.bracket[1]", hi) > lo)) {
    throw new RangeError("opts.bracket must be [lo, hi] with lo < hi");
  }
  const tol = requirePositive("opts.tol", opts.tol ?? 1e-10);
  const [a, b] = [Math.log(lo), Math.log(hi)];
  const fit = (q?: number) => {
    const u = goldenSection((w) => gaussianNll(residuals, d, Math.exp(w), q), a, b, tol);
    if (u - a < 1e-6 || b - u < 1e-6) {
      throw new RangeError(`the likelihood's optimum is at the edge of the bracket [${lo}, ${hi}]`);
    }
    return Math.exp(u);
  };
  return { iso: fit(), perDim: Float64Array.from({ length: d }, (_, q) => fit(q)) };
}
