/**
 * Hubness (notebook 02, kexue.fm/archives/9147): the k-occurrence N_k(x_i) = #{j ≠ i : x_i ∈ kNN_k(x_j)} of each
 * point, its summary statistics (skewness, anti-hub fraction, max, correlation with the norm), and Su's hub-filter
 * sampler for GAN latents (Liang et al., ICML 2022): draw a pool of z ~ N(0, I), count each latent's k-occurrence
 * within the pool, keep the latents whose count exceeds a threshold.
 * @module
 */
import { mean, pearson, requireAllFinite, requireInt, Rng, skewness, tf } from "../core/mod.ts";
import { knnBrute, knnIndices, type KnnResult } from "./topk.ts";

/** N_k from k-NN lists: how often each point appears in the others' lists. Σ N_k = n·k exactly. */
export function kOccurrenceFromKnn(knn: KnnResult): Int32Array {
  const counts = new Int32Array(knn.n);
  for (let i = 0; i < knn.idx.length; i++) counts[knn.idx[i]] += 1;
  return counts;
}

/**
 * The k-occurrence of every row of `x` [n, d] (Euclidean, self excluded), via chunked tfjs k-NN (float32,
 * `opts.chunk` query rows at a time, default 1000). The tensor is not disposed.
 */
export function kOccurrence(x: tf.Tensor2D, k: number, opts: { chunk?: number } = {}): Int32Array {
  return kOccurrenceFromKnn(knnIndices(x, k, opts));
}

/** The float64 brute-force reference of {@link kOccurrence} (O(n²d); for tests and small checks). */
export function kOccurrenceBrute(x: ArrayLike<ArrayLike<number>>, k: number): Int32Array {
  return kOccurrenceFromKnn(knnBrute(x, k));
}

/** Summary of a k-occurrence distribution. */
export interface HubnessStats {
  /** mean N_k (= k exactly) */
  mean: number;
  /** population skewness of N_k: the hubness measure */
  skewness: number;
  /** fraction of points that are nobody's neighbour (N_k = 0) */
  antiHubFrac: number;
  /** the largest N_k */
  max: number;
  /** Pearson correlation of N_k with ‖x‖ (negative: hubs are central), when norms are given */
  corrNorm?: number;
}

/**
 * Skewness S = m₃/m₂^{3/2} of N_k (population moments), the anti-hub fraction #{N_k = 0}/n, max N_k, and —
 * given the points' norms — corr(N_k, ‖x‖).
 */
export function hubnessStats(counts: ArrayLike<number>, norms?: ArrayLike<number>): HubnessStats {
  if (counts.length < 2) throw new RangeError(`counts needs at least 2 entries, got ${counts.length}`);
  requireAllFinite("counts", counts);
  let zeros = 0, max = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] < 0 || !Number.isInteger(counts[i])) {
      throw new RangeError(`counts[${i}] must be a non-negative integer, got ${counts[i]}`);
    }
    if (counts[i] === 0) zeros++;
    if (counts[i] > max) max = counts[i];
  }
  const out: HubnessStats = {
    mean: mean(counts),
    skewness: skewness(counts),
    antiHubFrac: zeros / counts.length,
    max,
  };
  if (norms !== undefined) {
    if (norms.length !== counts.length) {
      throw new RangeError(`norms (${norms.length}) must be as long as counts (${counts.length})`);
    }
    out.corrNorm = pearson(counts, norms);
  }
  return out;
}

/** Euclidean norms of the rows of a row-major [n, d] Float32Array/Float64Array. */
export function rowNorms(flat: ArrayLike<number>, d: number): Float64Array {
  requireInt("d", d, 1);
  if (flat.length % d !== 0) throw new RangeError(`flat length ${flat.length} is not a multiple of d = ${d}`);
  const n = flat.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += flat[i * d + t] ** 2;
    out[i] = Math.sqrt(s);
  }
  return out;
}

/** Options of {@link hubFilterSample} (Su's defaults: pool 10,000, k 5, threshold 50). */
export interface HubFilterOptions {
  /** latents drawn per round (N) */
  pool: number;
  /** neighbours per query (k) */
  k: number;
  /** keep latents with N_k > threshold */
  threshold: number;
  /** stop once this many latents are kept */
  want: number;
  /** give up after this many rounds (default 100): at low dimension nothing may pass the threshold */
  maxRounds?: number;
  /** query rows per distance chunk (default 1000) */
  chunk?: number;
  seed: number;
}

/** What {@link hubFilterSample} returns. */
export interface HubFilterResult {
  /** the kept latents (at most `want`) */
  z: Float32Array[];
  /** kept / drawn over all rounds */
  acceptance: number;
  rounds: number;
  drawn: number;
  /** how many passed the threshold in all (may exceed `want`) */
  passed: number;
  /** norms of every drawn latent and of those that passed */
  normsAll: Float64Array;
  normsPassed: Float64Array;
  /** N_k of every drawn latent (concatenated over rounds) */
  counts: Int32Array;
}

/**
 * Su's hub-filter sampler (article code, paraphrased): repeat — draw `pool` latents z ~ N(0, I_dim) from a seeded
 * generator, compute each latent's k-occurrence within the pool (chunked squared distances, self excluded), keep
 * those with N_k > threshold — until `want` are kept or `maxRounds` rounds are done.
 */
export function hubFilterSample(dim: number, opts: HubFilterOptions): HubFilterResult {
  requireInt("dim", dim, 1);
  const pool = requireInt("opts.pool", opts.pool, 2);
  const k = requireInt("opts.k", opts.k, 1, pool - 1);
  const threshold = requireInt("opts.threshold", opts.threshold, 0);
  const want = requireInt("opts.want", opts.want, 1);
  const maxRounds = requireInt("opts.maxRounds", opts.maxRounds ?? 100, 1);
  const rng = new Rng(requireInt("opts.seed", opts.seed, 0, 0xffffffff));
  const z: Float32Array[] = [];
  const normsAll: number[] = [], normsPassed: number[] = [];
  const allCounts: Int32Array[] = [];
  let rounds = 0, passed = 0;
  while (z.length < want && rounds < maxRounds) {
    rounds++;
    const flat = new Float32Array(pool * dim);
    for (let i = 0; i < flat.length; i++) flat[i] = rng.normal();
    const x = tf.tensor2d(flat, [pool, dim]);
    let counts: Int32Array;
    try {
      counts = kOccurrence(x, k, { chunk: opts.chunk });
    } finally {
      x.dispose();
    }
    allCounts.push(counts);
    const norms = rowNorms(flat, dim);
    for (let i = 0; i < pool; i++) {
      normsAll.push(norms[i]);
      if (counts[i] > threshold) {
        passed++;
        normsPassed.push(norms[i]);
        if (z.length < want) z.push(flat.slice(i * dim, (i + 1) * dim));
      }
    }
  }
  const counts = new Int32Array(allCounts.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of allCounts) {
    counts.set(c, at);
    at += c.length;
  }
  const drawn = rounds * pool;
  return {
    z,
    acceptance: passed / drawn,
    rounds,
    drawn,
    passed,
    normsAll: Float64Array.from(normsAll),
    normsPassed: Float64Array.from(normsPassed),
    counts,
  };
}
