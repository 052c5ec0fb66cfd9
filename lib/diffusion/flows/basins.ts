/**
 * Where transported points end up (article 17's figure): the nearest target of each end point, the fractions per
 * target, and the basin boundaries of a 1-D flow — start points where the destination switches. A 1-D ODE flow is
 * monotone, so its basins are intervals and the boundaries are prior quantiles.
 * @module
 */
import { requireAllFinite, requireInt } from "../../core/mod.ts";
import type { Points } from "../schedule/mod.ts";

function rows(name: string, x: unknown, d: number): Float64Array {
  if (!(x instanceof Float64Array) || x.length === 0 || x.length % d !== 0) {
    throw new RangeError(`${name} must be a non-empty Float64Array of whole rows of ${d}`);
  }
  requireAllFinite(name, x);
  return x;
}

/** The index of the nearest target (Euclidean) for every row of `points` (n×d; targets k×d). */
export function nearestTarget(points: Points, targets: Points, d = 1): Int32Array {
  requireInt("d", d, 1);
  rows("points", points, d);
  rows("targets", targets, d);
  const n = points.length / d, k = targets.length / d, out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let q = 0; q < d; q++) s += (points[i * d + q] - targets[j * d + q]) ** 2;
      if (s < best) [best, out[i]] = [s, j];
    }
  }
  return out;
}

/** The fraction of rows of `points` whose nearest target is each target (length k). */
export function fractionsByNearest(points: Points, targets: Points, d = 1): Float64Array {
  const idx = nearestTarget(points, targets, d), out = new Float64Array(targets.length / d);
  for (const j of idx) out[j] += 1 / idx.length;
  return out;
}

/**
 * The basin boundaries of a 1-D flow: for increasing start points and their destinations (target indices), the
 * midpoints between consecutive starts whose destinations differ.
 */
export function basinBoundaries(starts: ArrayLike<number>, destination: ArrayLike<number>): number[] {
  if (starts.length !== destination.length || starts.length < 2) {
    throw new RangeError(
      `starts and destination must have equal length >= 2, got ${starts.length}, ${destination.length}`,
    );
  }
  requireAllFinite("starts", starts);
  const out: number[] = [];
  for (let i = 1; i < starts.length; i++) {
    if (!(starts[i] > starts[i - 1])) throw new RangeError(`starts must be increasing at index ${i}`);
    if (destination[i] !== destination[i - 1]) out.push(0.5 * (starts[i] + starts[i - 1]));
  }
  return out;
}
