/**
 * Exact top-k selection and k-nearest neighbours, and the recall of a retrieve-then-rerank pipeline.
 *
 * - {@link topK}: indices of the k largest scores (ties broken by the smaller index, so results are deterministic).
 * - {@link knnIndices}: Euclidean k-NN of every point among all points, chunked on tfjs (float32): for a chunk of
 *   queries, ‖q − x‖² = ‖q‖² + ‖x‖² − 2q·x, and since ‖q‖² is constant along a row the ranking uses
 *   2q·x − ‖x‖²; a point's own entry is forced to −∞ (never trusted to come out as the smallest distance).
 * - {@link knnBrute}: the same in float64 with plain loops, the reference for tests.
 * - {@link topKRecallAtM}: the ANNCUR paper's Top-k-Recall@m against the exact scorer's own top-k.
 * @module
 */
import { requireAllFinite, requireInt, tf } from "../core/mod.ts";

function order(scores: ArrayLike<number>): Int32Array {
  const idx = new Int32Array(scores.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => (scores[b] - scores[a]) || (a - b));
}

/** All indices ordered by descending score, ties by ascending index. */
export function rankOrder(scores: ArrayLike<number>): Int32Array {
  if (scores.length === 0) throw new RangeError("scores must not be empty");
  requireAllFinite("scores", scores);
  return order(scores);
}

/**
 * The indices of the `k` largest scores, largest first; ties broken by the smaller index. 1 <= k <= n. The first k
 * of {@link rankOrder}, found without ordering all n: the k-th largest value t comes from a native sort of a copy,
 * the indices above t and the first ones equal to t are kept, and only those k are ordered.
 */
export function topK(scores: ArrayLike<number>, k: number): Int32Array {
  requireInt("k", k, 1, Math.max(1, scores.length));
  if (scores.length === 0) throw new RangeError("scores must not be empty");
  requireAllFinite("scores", scores);
  const n = scores.length;
  if (2 * k >= n) return order(scores).slice(0, k);
  const sorted = Float64Array.from(scores).sort(); // ascending; the k-th largest is at n − k
  const t = sorted[n - k];
  let above = 0;
  for (let i = 0; i < n; i++) if (scores[i] > t) above++;
  const out = new Int32Array(k);
  let j = 0, ties = k - above;
  for (let i = 0; i < n; i++) {
    const v = scores[i];
    if (v > t) out[j++] = i;
    else if (v === t && ties > 0) {
      out[j++] = i;
      ties--;
    }
  }
  return out.sort((a, b) => (scores[b] - scores[a]) || (a - b));
}

/**
 * Top-k-Recall@m (ANNCUR paper, its code's metric): retrieve the m best items by `approx`, re-rank them by
 * `exact`, keep the best k, and return the fraction of the exact top-k (over all items) among them:
 * |top_k(exact) ∩ top_k(exact restricted to top_m(approx))| / k. Non-decreasing in m for a fixed `approx`;
 * it equals |top_k(exact) ∩ top_m(approx)| / k, since every true top-k item in the candidate set survives re-ranking.
 */
export function topKRecallAtM(
  exact: ArrayLike<number>,
  approx: ArrayLike<number>,
  k: number,
  m: number,
): number {
  if (exact.length !== approx.length) {
    throw new RangeError(`exact (${exact.length}) and approx (${approx.length}) must score the same items`);
  }
  requireInt("k", k, 1, exact.length);
  requireInt("m", m, 1, exact.length);
  const truth = new Set(topK(exact, k));
  const cand = topK(approx, m);
  const reranked = rerank(exact, cand, k);
  let hit = 0;
  for (const i of reranked) if (truth.has(i)) hit++;
  return hit / k;
}

/** The best `k` of the candidate indices `cand` by `exact` (ties by index): the re-ranking step. */
export function rerank(exact: ArrayLike<number>, cand: ArrayLike<number>, k: number): Int32Array {
  requireInt("k", k, 1);
  const c = Int32Array.from(cand);
  for (let i = 0; i < c.length; i++) {
    if (c[i] < 0 || c[i] >= exact.length) {
      throw new RangeError(`cand[${i}] must index exact (length ${exact.length}), got ${c[i]}`);
    }
  }
  c.sort((a, b) => (exact[b] - exact[a]) || (a - b));
  return c.slice(0, Math.min(k, c.length));
}

/** k-NN lists, flattened: neighbours of point i are `idx[i*k .. i*k+k)`, nearest first. */
export interface KnnResult {
  n: number;
  k: number;
  idx: Int32Array;
}

/**
 * Euclidean k nearest neighbours of every row of `x` [n, d] among the other rows (the point itself excluded),
 * on tfjs in float32, `chunk` query rows at a time (memory: chunk × n floats). Ties (only for duplicated points)
 * go to tfjs's topk order. 1 <= k <= n − 1. The input tensor is not disposed.
 */
export function knnIndices(x: tf.Tensor2D, k: number, opts: { chunk?: number } = {}): KnnResult {
  if (!(x instanceof tf.Tensor) || x.rank !== 2) throw new TypeError("x must be a rank-2 tensor [n, d]");
  const [n] = x.shape;
  requireInt("k", k, 1, Math.max(1, n - 1));
  const chunk = requireInt("opts.chunk", opts.chunk ?? 1000, 1);
  const idx = new Int32Array(n * k);
  const [xT, sq] = tf.tidy(() => [tf.transpose(x), tf.sum(tf.square(x), 1)]);
  try {
    for (let start = 0; start < n; start += chunk) {
      const end = Math.min(n, start + chunk);
      const ids = tf.tidy(() => {
        const q = tf.slice(x, [start, 0], [end - start, -1]);
        // ranking score 2 q·x − ‖x‖² (larger = nearer); self forced to −∞
        const score = tf.sub(tf.mul(tf.matMul(q, xT), 2), sq);
        const self = tf.cast(tf.oneHot(tf.range(start, end, 1, "int32"), n), "bool");
        const masked = tf.where(self, tf.fill(score.shape, -Infinity), score);
        return tf.topk(masked, k, true).indices;
      });
      idx.set(ids.dataSync() as Int32Array, start * k);
      ids.dispose();
    }
  } finally {
    tf.dispose([xT, sq]);
  }
  return { n, k, idx };
}

/** The float64 reference of {@link knnIndices}: exact squared distances, self excluded, ties by index. */
export function knnBrute(points: ArrayLike<ArrayLike<number>>, k: number): KnnResult {
  const n = points.length;
  if (n < 2) throw new RangeError(`points needs at least 2 rows, got ${n}`);
  requireInt("k", k, 1, n - 1);
  const d = points[0].length;
  for (let i = 0; i < n; i++) {
    if (points[i].length !== d) throw new RangeError(`points[${i}] has length ${points[i].length}, not ${d}`);
    requireAllFinite(`points[${i}]`, points[i]);
  }
  const idx = new Int32Array(n * k);
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = points[i];
    for (let j = 0; j < n; j++) {
      const q = points[j];
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = p[t] - q[t];
        s += diff * diff;
      }
      dist[j] = -s; // larger = nearer, for order()
    }
    dist[i] = -Infinity;
    idx.set(order(dist).subarray(0, k), i * k);
  }
  return { n, k, idx };
}
