/**
 * The recall-first task of the LRU notebook, and its trainer. A sequence of L steps with H input channels carries
 * one of K symbols at t = 0 (one-hot in channels 0..K−1) and a constant "blank" 1 in channel K for t ≥ 1; the
 * model must name the symbol after the last step — a memory over L − 1 steps. Model: one {@link LruLayer}, its
 * final state [Re x ‖ Im x] read by lib/train's Mlp (a dense layer to K logits), softmax cross-entropy, lib/train's
 * Adam through runSteps + minimizeStep.
 * @module
 */
import { requireInt, requirePositive, type Rng, tf } from "../core/mod.ts";
import { adam, minimizeStep, Mlp, runSteps, type StepLog } from "../train/mod.ts";
import type { LruInit } from "./lru_init.ts";
import { type LambdaParam, LruLayer } from "./lru_tf.ts";

/** A batch of the recall task: inputs [batch, L, H] (row-major) and the symbol of each sequence. */
export interface RecallBatch {
  u: Float32Array;
  labels: Int32Array;
  shape: [number, number, number];
}

/** `batch` sequences of the recall task (symbols uniform over K; H ≥ K + 1 channels, the extra ones zero). */
export function makeRecallBatch(rng: Rng, batch: number, L: number, K = 8, H = 12): RecallBatch {
  requireInt("batch", batch, 1);
  requireInt("L", L, 2);
  requireInt("K", K, 2);
  requireInt("H", H, K + 1);
  if (!rng || typeof rng.int !== "function") throw new TypeError("rng must be an Rng");
  const u = new Float32Array(batch * L * H), labels = new Int32Array(batch);
  for (let b = 0; b < batch; b++) {
    const s = rng.int(K);
    labels[b] = s;
    u[b * L * H + s] = 1;
    for (let t = 1; t < L; t++) u[(b * L + t) * H + K] = 1;
  }
  return { u, labels, shape: [batch, L, H] };
}

/** Options of {@link trainRecall}. */
export interface RecallOptions {
  L: number;
  batch: number;
  steps: number;
  /** Adam learning rate (the brief: 1e-2). */
  lr: number;
  /** complex states N. */
  states: number;
  init: LruInit;
  param?: LambdaParam;
  gamma?: boolean;
  /** symbols K (default 8) and input channels H (default 12). */
  K?: number;
  H?: number;
  /** held-out sequences for the test accuracy and loss (default 512). */
  testSize?: number;
  /** also measure the test accuracy after each of the last `trackLast` steps (default 0: only at the end). */
  trackLast?: number;
  /** seeds the layer, the readout, the training batches and the test set (one fork each). */
  rng: Rng;
  /** progress label (null: no progress display). */
  label?: string | null;
}

/** What {@link trainRecall} returns. */
export interface RecallResult {
  log: StepLog;
  testAccuracy: number;
  testLoss: number;
  /** max_j |λ_j| after each step (and at index 0 before training: length steps + 1). */
  maxAbsLambda: Float64Array;
  /** test accuracy after each of the last `trackLast` steps (the last entry is `testAccuracy`). */
  lastAccuracies: Float64Array;
  /** |λ_j| before and after training. */
  lambdaAbsStart: Float32Array;
  lambdaAbsEnd: Float32Array;
}

function batchTensor(b: RecallBatch): tf.Tensor3D {
  return tf.tensor3d(b.u, b.shape);
}

/** Trains one LRU + dense readout on the recall task and evaluates it on a held-out set; see the module note. */
export async function trainRecall(opts: RecallOptions): Promise<RecallResult> {
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be RecallOptions");
  const L = requireInt("opts.L", opts.L, 2);
  const batch = requireInt("opts.batch", opts.batch, 1);
  const steps = requireInt("opts.steps", opts.steps, 1);
  const lr = requirePositive("opts.lr", opts.lr);
  const K = requireInt("opts.K", opts.K ?? 8, 2);
  const H = requireInt("opts.H", opts.H ?? 12, K + 1);
  const testSize = requireInt("opts.testSize", opts.testSize ?? 512, 1);
  const trackLast = requireInt("opts.trackLast", opts.trackLast ?? 0, 0, steps);
  const rng = opts.rng;
  if (!rng || typeof rng.fork !== "function") throw new TypeError("opts.rng must be an Rng");
  const layer = new LruLayer({
    inDim: H,
    states: requireInt("opts.states", opts.states, 1),
    init: opts.init,
    param: opts.param,
    gamma: opts.gamma,
    rng: rng.fork("lru"),
  });
  const readout = new Mlp({ inputs: 2 * layer.states, outDim: K, hidden: [], rng: rng.fork("readout") });
  const vars = [...layer.variables, ...readout.variables];
  const data = rng.fork("train-data");
  const loss = (u: tf.Tensor3D, labels: Int32Array) =>
    tf.losses.softmaxCrossEntropy(
      tf.oneHot(tf.tensor1d(labels, "int32"), K),
      readout.predict([layer.finalState(u)]),
    ) as tf.Scalar;
  const optimizer = adam(lr);
  const lambdaAbsStart = layer.lambdaAbs();
  const maxAbsLambda = new Float64Array(steps + 1);
  maxAbsLambda[0] = Math.max(...lambdaAbsStart);
  const test = makeRecallBatch(rng.fork("test-data"), testSize, L, K, H);
  const testU = batchTensor(test), testY = tf.tidy(() => tf.oneHot(tf.tensor1d(test.labels, "int32"), K));
  const evaluate = (): [number, number] =>
    tf.tidy(() => {
      const logits = readout.predict([layer.finalState(testU)]);
      const l = tf.losses.softmaxCrossEntropy(testY, logits);
      const pred = tf.argMax(logits, 1).dataSync();
      let hits = 0;
      for (let i = 0; i < testSize; i++) if (pred[i] === test.labels[i]) hits++;
      return [l.dataSync()[0], hits / testSize];
    });
  const lastAccuracies = new Float64Array(trackLast);
  try {
    const log = await runSteps(steps, (i) => {
      const b = makeRecallBatch(data, batch, L, K, H);
      const value = minimizeStep(optimizer, () => loss(batchTensor(b), b.labels), vars);
      maxAbsLambda[i + 1] = Math.max(...layer.lambdaAbs());
      if (i >= steps - trackLast) lastAccuracies[i - (steps - trackLast)] = evaluate()[1];
      return value;
    }, { label: opts.label === undefined ? "training" : opts.label });
    const [testLoss, testAccuracy] = evaluate();
    return {
      log,
      testAccuracy,
      testLoss,
      maxAbsLambda,
      lastAccuracies,
      lambdaAbsStart,
      lambdaAbsEnd: layer.lambdaAbs(),
    };
  } finally {
    tf.dispose([testU, testY]);
    optimizer.dispose();
    layer.dispose();
    readout.dispose();
  }
}
