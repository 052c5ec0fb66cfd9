/**
 * The multitask sparse-parity task of Michaud et al., "The Quantization Model of Neural Scaling" (the paper the
 * article discusses): an input is a one-hot control code of length `nTasks` (which task) followed by `nBits` random
 * bits; task i's label is the parity of its own fixed subset S_i of `k` bits. Tasks are drawn with Zipf frequencies
 * p_i ∝ i^{−(γ+1)} (the article's p_k ∝ k^{−γ−1}; the paper's α = γ), so each task is one "quantum". Plain typed arrays
 * (float32 0/1), so a trainer can build its tensors in one copy.
 * @module
 */
import { requireFinite, requireInt, requirePositive, Rng } from "../core/mod.ts";

/** The task family: sizes and the Zipf exponent γ of p_i ∝ i^{−(γ+1)}. */
export interface SparseParitySpec {
  /** Number of tasks (length of the one-hot control code). */
  nTasks: number;
  /** Number of random task bits. */
  nBits: number;
  /** Size k of each task's parity subset (1 <= k <= nBits). */
  k: number;
  /** γ > 0 of the frequencies p_i ∝ i^{−(γ+1)} (the paper's repository calls γ + 1 its "alpha"). */
  gamma: number;
}

/** The drawn tasks: each task's bit subset, its frequency and the cumulative frequencies. */
export interface SparseParityTasks {
  spec: Readonly<SparseParitySpec>;
  /** subsets[i]: the k distinct bit indices (ascending) whose parity is task i's label. */
  subsets: number[][];
  /** p_i ∝ (i+1)^{−(γ+1)}, normalised over the nTasks tasks (finite Zipf). */
  probs: Float64Array;
  /** cdf[i] = p_0 + … + p_i (cdf[nTasks−1] = 1), for sampling by binary search. */
  cdf: Float64Array;
}

/** A batch as float32 0/1 rows: the control block [n × nTasks], the bit block [n × nBits], labels and task ids. */
export interface SparseParityBatch {
  n: number;
  control: Float32Array;
  bits: Float32Array;
  label: Float32Array;
  task: Int32Array;
}

/** Validates a {@link SparseParitySpec} (TypeError/RangeError naming the field). */
export function checkSparseParitySpec(spec: SparseParitySpec): Readonly<SparseParitySpec> {
  if (!spec || typeof spec !== "object") throw new TypeError("spec must be a SparseParitySpec object");
  const nTasks = requireInt("spec.nTasks", spec.nTasks, 1);
  const nBits = requireInt("spec.nBits", spec.nBits, 1, 30);
  const k = requireInt("spec.k", spec.k, 1, nBits);
  const gamma = requirePositive("spec.gamma", spec.gamma);
  return Object.freeze({ nTasks, nBits, k, gamma });
}

/**
 * Draws each task's subset S_i (k distinct bits, uniform; no two tasks share a subset) from `rng` and sets the Zipf frequencies
 * p_i = i^{−(γ+1)} / Σ_{j≤nTasks} j^{−(γ+1)} (task 0 is the most frequent).
 */
export function makeSparseParityTasks(spec: SparseParitySpec, rng: Rng): SparseParityTasks {
  const s = checkSparseParitySpec(spec);
  if (!(rng instanceof Rng)) throw new TypeError("rng must be an Rng");
  if (binomial(s.nBits, s.k) < s.nTasks) {
    throw new RangeError(
      `spec: C(nBits, k) = C(${s.nBits}, ${s.k}) distinct subsets cannot serve ${s.nTasks} tasks`,
    );
  }
  const seen = new Set<string>();
  const subsets: number[][] = [];
  while (subsets.length < s.nTasks) { // distinct subsets: every task is its own quantum
    const sub = rng.permutation(s.nBits).slice(0, s.k).sort((a, b) => a - b);
    const key = sub.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    subsets.push(sub);
  }
  const w = Float64Array.from({ length: s.nTasks }, (_, i) => Math.pow(i + 1, -(s.gamma + 1)));
  const z = w.reduce((a, b) => a + b, 0);
  const probs = w.map((v) => v / z);
  const cdf = new Float64Array(s.nTasks);
  let acc = 0;
  for (let i = 0; i < s.nTasks; i++) cdf[i] = acc += probs[i];
  cdf[s.nTasks - 1] = 1;
  return { spec: s, subsets, probs, cdf };
}

/** The task index for a uniform u in [0, 1): the first i with u < cdf[i] (binary search). */
export function taskForUniform(cdf: Float64Array, u: number): number {
  if (!(cdf instanceof Float64Array) || cdf.length === 0) {
    throw new TypeError("cdf must be a non-empty Float64Array");
  }
  requireFinite("u", u);
  if (u < 0 || u >= 1) throw new RangeError(`u must be in [0, 1), got ${u}`);
  let lo = 0, hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u < cdf[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A batch of `n` samples: the task from the Zipf frequencies (or `fixedTask` for every row), uniform random bits,
 * label = parity of the task's subset. Every draw comes from `rng`.
 */
export function sampleSparseParity(
  rng: Rng,
  tasks: SparseParityTasks,
  n: number,
  fixedTask?: number,
): SparseParityBatch {
  if (!(rng instanceof Rng)) throw new TypeError("rng must be an Rng");
  if (!tasks || !Array.isArray(tasks.subsets)) {
    throw new TypeError("tasks must come from makeSparseParityTasks");
  }
  requireInt("n", n, 1);
  const { nTasks, nBits } = tasks.spec;
  if (fixedTask !== undefined) requireInt("fixedTask", fixedTask, 0, nTasks - 1);
  const control = new Float32Array(n * nTasks), bits = new Float32Array(n * nBits);
  const label = new Float32Array(n), task = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const t = fixedTask ?? taskForUniform(tasks.cdf, rng.uniform());
    task[r] = t;
    control[r * nTasks + t] = 1;
    const word = rng.nextU32();
    for (let b = 0; b < nBits; b++) bits[r * nBits + b] = (word >>> b) & 1;
    let parity = 0;
    for (const b of tasks.subsets[t]) parity ^= (word >>> b) & 1;
    label[r] = parity;
  }
  return { n, control, bits, label, task };
}

/** The rows `idx` of a batch (a minibatch drawn from a fixed training set). */
export function selectParityRows(batch: SparseParityBatch, idx: ArrayLike<number>): SparseParityBatch {
  if (!batch || !(batch.control instanceof Float32Array)) {
    throw new TypeError("batch must be a SparseParityBatch");
  }
  const nT = batch.control.length / batch.n, nB = batch.bits.length / batch.n;
  const n = idx.length;
  requireInt("idx.length", n, 1);
  const out: SparseParityBatch = {
    n,
    control: new Float32Array(n * nT),
    bits: new Float32Array(n * nB),
    label: new Float32Array(n),
    task: new Int32Array(n),
  };
  for (let r = 0; r < n; r++) {
    const i = idx[r];
    if (!Number.isInteger(i) || i < 0 || i >= batch.n) {
      throw new RangeError(`idx[${r}] must be a row index in [0, ${batch.n - 1}], got ${i}`);
    }
    out.control.set(batch.control.subarray(i * nT, (i + 1) * nT), r * nT);
    out.bits.set(batch.bits.subarray(i * nB, (i + 1) * nB), r * nB);
    out.label[r] = batch.label[i];
    out.task[r] = batch.task[i];
  }
  return out;
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}
