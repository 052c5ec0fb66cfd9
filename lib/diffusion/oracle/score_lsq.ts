/**
 * Score matching over a fixed linear model class, solved in closed form (article 23, "score matching = conditional
 * score matching", step 6: L_CSM − L_SM is independent of θ, so both objectives have one minimiser).
 *
 * The model is s_w(x) = w₀ + Σ_k w_k exp(−(x − c_k)² / (2h²)) in 1-D (a constant plus Gaussian RBF features). The
 * empirical least-squares fit of any target y_i at points x_i solves the normal equations (ΦᵀΦ + λI) w = Φᵀy in
 * float64 (lib/core solveSpd). With the exact score as target this is empirical SM; with −ε_i/σ it is empirical CSM.
 * @module
 */
import {
  type Mat,
  Matrix,
  requireAllFinite,
  requireFinite,
  requirePositive,
  solveSpd,
} from "../../core/mod.ts";
import type { ScoreFn } from "./score_matching.ts";

/** A closed-form least-squares score fit on RBF features. */
export interface RbfScoreFit {
  /** coefficients [w₀, w₁ … w_K] (constant first, then one per centre) */
  coef: Float64Array;
  /** the fitted model s_w as a score function of 1-D points */
  predict: ScoreFn;
}

function checkBasis(centers: ArrayLike<number>, width: number): void {
  if (
    centers === null || typeof centers !== "object" || typeof centers.length !== "number" ||
    centers.length < 1
  ) {
    throw new RangeError("centers must be a non-empty array of numbers");
  }
  requireAllFinite("centers", centers);
  requirePositive("width", width);
}

/** Fills row `out` with the features [1, φ₁(x) … φ_K(x)] of one point x. */
function featureRow(x: number, centers: ArrayLike<number>, width: number, out: Float64Array): void {
  out[0] = 1;
  for (let k = 0; k < centers.length; k++) out[k + 1] = Math.exp(-0.5 * ((x - centers[k]) / width) ** 2);
}

/**
 * The feature matrix Φ (n × (K+1)): a constant column, then the Gaussian RBF exp(−(x − c_k)²/(2h²)) of each centre.
 * @param x 1-D points
 * @param centers RBF centres c_k (at least one, finite)
 * @param width common RBF width h > 0
 */
export function rbfFeatures(x: Float64Array, centers: ArrayLike<number>, width: number): Mat {
  if (!(x instanceof Float64Array)) throw new TypeError("x must be a Float64Array");
  requireAllFinite("x", x);
  checkBasis(centers, width);
  const m = new Matrix(x.length, centers.length + 1), row = new Float64Array(centers.length + 1);
  for (let i = 0; i < x.length; i++) {
    featureRow(x[i], centers, width, row);
    for (let k = 0; k < row.length; k++) m.set(i, k, row[k]);
  }
  return m;
}

/**
 * Least-squares fit of `target` (one value per point of `x`) by the RBF model: minimises
 * (1/n) Σ_i (y_i − s_w(x_i))² + λ‖w‖² through the normal equations in float64 (article 23, steps 1 and 3 as empirical
 * objectives over a linear class). Accumulates ΦᵀΦ and Φᵀy row by row, so n may be large.
 * @param x 1-D points x_i (n ≥ K+1)
 * @param target regression targets y_i (the exact score for SM, −ε_i/σ for CSM), same length as x
 * @param centers RBF centres c_k
 * @param width common RBF width h > 0
 * @param ridge λ ≥ 0 (default 0) added to the diagonal of ΦᵀΦ/n
 */
export function fitRbfScore(
  x: Float64Array,
  target: Float64Array,
  centers: ArrayLike<number>,
  width: number,
  ridge = 0,
): RbfScoreFit {
  if (!(x instanceof Float64Array)) throw new TypeError("x must be a Float64Array");
  if (!(target instanceof Float64Array) || target.length !== x.length) {
    throw new RangeError(`target must be a Float64Array of the length of x (${x.length})`);
  }
  checkBasis(centers, width);
  requireFinite("ridge", ridge);
  requirePositive("ridge", ridge, true);
  const p = centers.length + 1, n = x.length;
  if (n < p) throw new RangeError(`x must have at least ${p} points (one per coefficient), got ${n}`);
  requireAllFinite("x", x);
  requireAllFinite("target", target);
  const g = new Float64Array(p * p), r = new Float64Array(p), row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    featureRow(x[i], centers, width, row);
    const y = target[i];
    for (let a = 0; a < p; a++) {
      const fa = row[a];
      r[a] += fa * y;
      for (let b = a; b < p; b++) g[a * p + b] += fa * row[b];
    }
  }
  const gm = new Matrix(p, p), rm = new Matrix(p, 1);
  for (let a = 0; a < p; a++) {
    rm.set(a, 0, r[a] / n);
    for (let b = a; b < p; b++) {
      const v = g[a * p + b] / n + (a === b ? ridge : 0);
      gm.set(a, b, v);
      gm.set(b, a, v);
    }
  }
  const w = solveSpd(gm, rm);
  const coef = Float64Array.from({ length: p }, (_v, k) => w.get(k, 0));
  const predict: ScoreFn = (q) => {
    if (!(q instanceof Float64Array)) throw new TypeError("x must be a Float64Array");
    const out = new Float64Array(q.length), fr = new Float64Array(p);
    for (let i = 0; i < q.length; i++) {
      featureRow(q[i], centers, width, fr);
      let s = 0;
      for (let k = 0; k < p; k++) s += coef[k] * fr[k];
      out[i] = s;
    }
    return out;
  };
  return { coef, predict };
}
