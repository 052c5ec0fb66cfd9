/**
 * Sample-quality measures for the toy experiments, float64: the ring "spread" of article 03's claims table, per-
 * dimension variance, and the (unbiased) RBF-kernel MMD² between two samples.
 * @module
 */
import { median, requireInt, requirePositive } from "../../core/mod.ts";
import type { GaussianMixture, Points } from "./gmm.ts";

function rows(name: string, x: Points, d: number): number {
  if (!(x instanceof Float64Array)) throw new TypeError(`${name} must be a Float64Array of n×d points`);
  requireInt("d", d, 1);
  if (x.length === 0 || x.length % d !== 0) {
    throw new RangeError(`${name} must have a positive length divisible by d=${d}, got ${x.length}`);
  }
  return x.length / d;
}

/**
 * The spread of 2-D samples around the modes of an equal-std mixture: median over samples of
 * min_k ‖x − m_k‖² / (2 ln2 · s²). For exact samples ‖x − m_k‖²/s² ~ χ²₂ (median 2 ln 2), so the spread is ≈ 1;
 * samples collapsed onto the modes give < 1, blurred samples > 1. (Assumes modes far apart relative to s.)
 */
export function ringSpread(x: Points, gmm: GaussianMixture): number {
  if (gmm.d !== 2) throw new RangeError(`gmm must be 2-dimensional (the χ²₂ median 2 ln 2), got d=${gmm.d}`);
  const s = gmm.stds[0];
  if (!(s > 0) || gmm.stds.some((v) => v !== s)) {
    throw new RangeError(`gmm must have equal positive stds, got [${Array.from(gmm.stds)}]`);
  }
  const n = rows("x", x, 2);
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let k = 0; k < gmm.k; k++) {
      const dx = x[2 * i] - gmm.means[2 * k], dy = x[2 * i + 1] - gmm.means[2 * k + 1];
      best = Math.min(best, dx * dx + dy * dy);
    }
    dist[i] = best;
  }
  return median(dist) / (2 * Math.LN2 * s * s);
}

/** The unbiased per-dimension sample variance of row-major n×d points (length d). */
export function perDimVariance(x: Points, d: number): Float64Array {
  const n = rows("x", x, d);
  if (n < 2) throw new RangeError(`x needs at least 2 rows, got ${n}`);
  const m = new Float64Array(d), v = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let q = 0; q < d; q++) m[q] += x[i * d + q] / n;
  for (let i = 0; i < n; i++) for (let q = 0; q < d; q++) v[q] += (x[i * d + q] - m[q]) ** 2;
  return v.map((s) => s / (n - 1));
}

/**
 * The unbiased estimate of MMD² with the Gaussian kernel k(u, v) = exp(−‖u − v‖² / (2h²)) between samples x and y
 * (Gretton et al. 2012, eq. 3). About 0 (±noise) when both come from the same law. O((n + m)² d).
 */
export function mmdRbf(x: Points, y: Points, d: number, bandwidth: number): number {
  const n = rows("x", x, d), m = rows("y", y, d);
  if (n < 2 || m < 2) throw new RangeError(`x and y need at least 2 rows each, got ${n} and ${m}`);
  requirePositive("bandwidth", bandwidth);
  const g = 1 / (2 * bandwidth * bandwidth);
  const k = (a: Points, i: number, b: Points, j: number) => {
    let s = 0;
    for (let q = 0; q < d; q++) s += (a[i * d + q] - b[j * d + q]) ** 2;
    return Math.exp(-g * s);
  };
  let xx = 0, yy = 0, xy = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) xx += k(x, i, x, j);
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) yy += k(y, i, y, j);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) xy += k(x, i, y, j);
  return (2 * xx) / (n * (n - 1)) + (2 * yy) / (m * (m - 1)) - (2 * xy) / (n * m);
}
