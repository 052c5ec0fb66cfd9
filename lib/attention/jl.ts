/**
 * The Johnson–Lindenstrauss projection dimension (notebook 26, "从JL引理看熵不变性Attention"): the Dasgupta–Gupta
 * sufficient size k ≥ 4 ln n/(ε²/2 − ε³/3), the author's "8 log n" dimension estimate, and the smallest k at which
 * one Gaussian projection R/√k keeps every pairwise squared distance of a point set within a factor 1 ± ε —
 * measured for every k = 1..kMax at once by reusing the first k columns of one D × kMax projection.
 * @module
 */
import {
  type Mat,
  matmul,
  Matrix,
  median,
  requireInRange,
  requireInt,
  requirePositive,
  type Rng,
} from "../core/mod.ts";

/** Dasgupta & Gupta (2003): k ≥ 4 ln n / (ε²/2 − ε³/3) suffices for n points and distortion ε ∈ (0, 1). */
export function dasguptaGuptaBound(n: number, eps: number): number {
  requireInt("n", n, 2);
  requireInRange("eps", eps, 0, 1);
  if (eps === 0 || eps === 1) throw new RangeError(`eps must lie strictly between 0 and 1, got ${eps}`);
  return (4 * Math.log(n)) / (eps * eps / 2 - eps ** 3 / 3);
}

/** The author's word-vector dimension estimate c·ln n (c = 8; natural log), article 26 / 最小熵原理（六）. */
export function wordDimEstimate(n: number, c = 8): number {
  requirePositive("n", n);
  requirePositive("c", c);
  return c * Math.log(n);
}

/**
 * For one Gaussian projection R (D × kMax, N(0, 1) entries) of the rows of x (n × D): the largest relative
 * distortion max_{i<j} |‖R_kᵀ(x_i − x_j)‖²/k / ‖x_i − x_j‖² − 1| using the first k columns R_k, for k = 1..kMax
 * (entry k − 1). Pairs are read from Y = xR by running sums over columns.
 */
export function distortionProfile(x: Mat, rng: Rng, kMax: number): Float64Array {
  if (!Matrix.isMatrix(x)) throw new TypeError("x must be an ml-matrix Matrix (rows = points)");
  const n = x.rows, D = x.columns;
  requireInt("x.rows", n, 2);
  requireInt("kMax", kMax, 1, D);
  const R = new Matrix(Array.from({ length: D }, () => Array.from(rng.normals(kMax))));
  const Y = matmul(x, R);
  const xr = Array.from({ length: n }, (_, i) => x.getRow(i));
  const yr = Array.from({ length: n }, (_, i) => Y.getRow(i));
  const worst = new Float64Array(kMax);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let dx = 0;
      for (let c = 0; c < D; c++) dx += (xr[i][c] - xr[j][c]) ** 2;
      if (dx === 0) throw new RangeError(`x has two equal rows (${i} and ${j})`);
      let cum = 0;
      const yi = yr[i], yj = yr[j];
      for (let k = 0; k < kMax; k++) {
        cum += (yi[k] - yj[k]) ** 2;
        const e = Math.abs(cum / (k + 1) / dx - 1);
        if (e > worst[k]) worst[k] = e;
      }
    }
  }
  return worst;
}

/**
 * The smallest k with max pairwise distortion ≤ eps, for `trials` independent Gaussian projections of the rows of x
 * (each from `rng`), and their median. Throws if some projection needs more than kMax (default D) dimensions.
 */
export function minJLDim(
  x: Mat,
  eps: number,
  rng: Rng,
  opts: { trials?: number; kMax?: number } = {},
): { median: number; each: number[] } {
  requireInRange("eps", eps, 0, 1);
  if (!Matrix.isMatrix(x)) throw new TypeError("x must be an ml-matrix Matrix (rows = points)");
  const trials = requireInt("opts.trials", opts.trials ?? 3, 1);
  const kMax = requireInt("opts.kMax", opts.kMax ?? x.columns, 1, x.columns);
  const each: number[] = [];
  for (let t = 0; t < trials; t++) {
    const prof = distortionProfile(x, rng, kMax);
    const k = prof.findIndex((v) => v <= eps);
    if (k < 0) {
      throw new RangeError(`no k <= kMax = ${kMax} reaches distortion ${eps}: raise opts.kMax or eps`);
    }
    each.push(k + 1);
  }
  return { median: median(each), each };
}
