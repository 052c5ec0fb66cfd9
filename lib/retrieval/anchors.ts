/**
 * Choosing CUR / ANNCUR anchors: uniformly at random without replacement (the paper's code), or — Su's suggestion
 * in the article — by clustering: k-means on the items' score profiles (their columns of R, L2-normalised), one
 * anchor per cluster, the item nearest the cluster's centre (its "medoid"). Uses only indexing-time information.
 * @module
 */
import { type Mat, requireInt, type Rng } from "../core/mod.ts";

/** `k` distinct indices of 0..n−1, uniformly at random (partial Fisher–Yates), in ascending order. */
export function sampleAnchors(n: number, k: number, rng: Rng): Int32Array {
  requireInt("n", n, 1);
  requireInt("k", k, 1, n);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm.slice(0, k).sort();
}

function sqDist(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let t = 0; t < a.length; t++) {
    const d = a[t] - b[t];
    s += d * d; // the same value as d ** 2, without the pow call
  }
  return s;
}

/**
 * `k` anchor items by k-means (k-means++ seeding, `iters` Lloyd steps) on the rows of `profiles` (items × dims),
 * each row L2-normalised first; the anchor of a cluster is its member nearest to the centre. Returns k distinct
 * indices in ascending order. An empty cluster is re-seeded at the point farthest from its centre.
 */
export function kmeansAnchors(profiles: Mat, k: number, rng: Rng, iters = 25): Int32Array {
  const n = profiles.rows;
  requireInt("k", k, 1, n);
  requireInt("iters", iters, 1);
  const pts: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const r = Float64Array.from(profiles.getRow(i));
    const norm = Math.hypot(...r);
    pts.push(norm > 0 ? r.map((v) => v / norm) : r);
  }
  // k-means++ seeding
  const centres: Float64Array[] = [Float64Array.from(pts[rng.int(n)])];
  const best = new Float64Array(n).fill(Infinity);
  while (centres.length < k) {
    const c = centres[centres.length - 1];
    let total = 0;
    for (let i = 0; i < n; i++) {
      best[i] = Math.min(best[i], sqDist(pts[i], c));
      total += best[i];
    }
    let u = rng.uniform() * total, pick = n - 1;
    for (let i = 0; i < n; i++) {
      u -= best[i];
      if (u < 0) {
        pick = i;
        break;
      }
    }
    centres.push(Float64Array.from(pts[pick]));
  }
  const assign = new Int32Array(n);
  for (let it = 0; it < iters; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let bj = 0, bd = Infinity;
      for (let j = 0; j < k; j++) {
        const dd = sqDist(pts[i], centres[j]);
        if (dd < bd) [bd, bj] = [dd, j];
      }
      if (assign[i] !== bj || it === 0) moved++;
      assign[i] = bj;
    }
    const sums = centres.map((c) => new Float64Array(c.length));
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      counts[assign[i]]++;
      const s = sums[assign[i]];
      for (let t = 0; t < s.length; t++) s[t] += pts[i][t];
    }
    for (let j = 0; j < k; j++) {
      if (counts[j] > 0) centres[j] = sums[j].map((v) => v / counts[j]);
      else {
        // re-seed at the point worst served by its centre
        let far = 0, fd = -1;
        for (let i = 0; i < n; i++) {
          const dd = sqDist(pts[i], centres[assign[i]]);
          if (dd > fd) [fd, far] = [dd, i];
        }
        centres[j] = Float64Array.from(pts[far]);
        assign[far] = j;
      }
    }
    if (moved === 0) break;
  }
  // medoid: the member nearest each centre, distinct across clusters
  const chosen = new Set<number>();
  for (let j = 0; j < k; j++) {
    let bi = -1, bd = Infinity;
    for (let i = 0; i < n; i++) {
      if (chosen.has(i)) continue;
      const dd = sqDist(pts[i], centres[j]) + (assign[i] === j ? 0 : 1e6); // members first
      if (dd < bd) [bd, bi] = [dd, i];
    }
    chosen.add(bi);
  }
  return Int32Array.from(chosen).sort();
}
