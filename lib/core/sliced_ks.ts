/**
 * The sliced Kolmogorov–Smirnov statistic: a cheap test of a multivariate sample against a reference law whose
 * one-dimensional projections have known CDFs. For each unit direction u, project the points onto u and take the
 * one-sample KS statistic D(u) = sup_y |F_n,u(y) − F_u(y)| against the projected CDF F_u; report every D(u) and their
 * maximum. Two laws with equal projections in every direction are equal (Cramér–Wold), so with enough directions the
 * maximum sees any difference; with a few (6 in the rectified-flow notebook) it is a proxy. Float64.
 * @module
 */
import { ksOneSample } from "./ks.ts";
import { requireAllFinite, requireInt } from "./validate.ts";

/** The result of {@link slicedKs}. */
export interface SlicedKsResult {
  /** D(u) per direction, in the order given. */
  statistics: Float64Array;
  /** The asymptotic p-value per direction (each direction on its own, no multiple-testing correction). */
  pValues: Float64Array;
  /** max_u D(u). */
  max: number;
  /** Number of points. */
  n: number;
}

/**
 * `count` unit directions of the plane evenly spaced in angle over a half-turn, (cos θ_k, sin θ_k) with
 * θ_k = (k + offset)π/count (a direction and its opposite give the same KS statistic, so a half-turn suffices).
 * Returned row-major count×2.
 */
export function planeDirections(count: number, offset = 0): Float64Array {
  requireInt("count", count, 1);
  if (!Number.isFinite(offset)) throw new RangeError(`offset must be finite, got ${offset}`);
  const out = new Float64Array(2 * count);
  for (let k = 0; k < count; k++) {
    const th = ((k + offset) * Math.PI) / count;
    out[2 * k] = Math.cos(th);
    out[2 * k + 1] = Math.sin(th);
  }
  return out;
}

/**
 * The sliced KS statistic of `points` (row-major n×dim) along the unit `directions` (row-major m×dim, each of norm 1
 * within 1e-9), against the projected reference CDFs `projCdf(u, y)` = P(u·X ≤ y) under the reference law.
 */
export function slicedKs(
  points: Float64Array,
  dim: number,
  directions: Float64Array,
  projCdf: (u: Float64Array, y: number) => number,
): SlicedKsResult {
  requireInt("dim", dim, 1);
  if (!(points instanceof Float64Array) || points.length === 0 || points.length % dim !== 0) {
    throw new RangeError(
      `points must be a non-empty Float64Array of whole rows of ${dim}, got length ${
        (points as Float64Array)?.length
      }`,
    );
  }
  if (!(directions instanceof Float64Array) || directions.length === 0 || directions.length % dim !== 0) {
    throw new RangeError(`directions must be a non-empty Float64Array of whole rows of ${dim}`);
  }
  if (typeof projCdf !== "function") throw new TypeError("projCdf must be a function (u, y) => P(u·X <= y)");
  requireAllFinite("points", points);
  requireAllFinite("directions", directions);
  const n = points.length / dim, m = directions.length / dim;
  const statistics = new Float64Array(m), pValues = new Float64Array(m);
  const proj = new Float64Array(n);
  for (let k = 0; k < m; k++) {
    const u = directions.slice(k * dim, (k + 1) * dim);
    const norm = Math.hypot(...u);
    if (Math.abs(norm - 1) > 1e-9) throw new RangeError(`directions row ${k} must have norm 1, got ${norm}`);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let q = 0; q < dim; q++) s += u[q] * points[i * dim + q];
      proj[i] = s;
    }
    const r = ksOneSample(proj, (y) => projCdf(u, y));
    statistics[k] = r.statistic;
    pValues[k] = r.pValue;
  }
  return { statistics, pValues, max: Math.max(...statistics), n };
}
