/**
 * Training lib/train's one MLP on multitask sparse parity (lib/scaling/sparse_parity.ts), the paper's toy for the
 * quantization model: two input blocks (the one-hot control code and the task bits), one ReLU hidden layer of
 * `width` units, one logit; loss = binary cross-entropy in nats (ln 2 at chance), Adam, lib/train's runSteps and
 * minimizeStep. Data are fresh samples each step ("infinite data", the parameter- and step-scaling setting) or
 * minibatches drawn with replacement from a fixed training set of D samples (the data-scaling setting).
 * At the requested steps the per-task test loss and accuracy are measured on a fixed evaluation set, so a run gives
 * the loss-vs-steps curve and each task's learning curve (emergence) at once.
 * @module
 */
import { requireInt, requirePositive, Rng, tf } from "../core/mod.ts";
import { adam, minimizeStep, Mlp, runSteps, type StepLog } from "../train/mod.ts";
import {
  sampleSparseParity,
  selectParityRows,
  type SparseParityBatch,
  type SparseParityTasks,
} from "./sparse_parity.ts";

/** Options of {@link trainSparseParity}. */
export interface ParityTrainOptions {
  /** Hidden width of the one-hidden-layer ReLU MLP. */
  width: number;
  /** Adam steps. */
  steps: number;
  /** Samples per step. */
  batch: number;
  /** Adam learning rate. */
  lr: number;
  /** Size D of a fixed training set (minibatches drawn from it with replacement); omitted: fresh samples each step. */
  trainSize?: number;
  /** The fixed evaluation set (from {@link makeParityEvalSet}). */
  evalSet: SparseParityBatch;
  /** Steps (1-based, ascending, <= steps) after which the per-task test loss and accuracy are measured. */
  evalAt: readonly number[];
  /** Seeded generator; forks "init" (weights), "data" (training samples), "pick" (minibatch rows). */
  rng: Rng;
  /** Progress label (null: no progress display). */
  label?: string | null;
}

/** The per-task test metrics after `step` steps. */
export interface ParityCheckpoint {
  step: number;
  /** Mean binary cross-entropy (nats) on each task's evaluation rows. */
  perTaskLoss: Float64Array;
  /** Accuracy (logit sign) on each task's evaluation rows. */
  perTaskAcc: Float64Array;
  /** Σ_i p_i · perTaskLoss_i: the test loss under the Zipf task frequencies (the article's L). */
  meanLoss: number;
}

/** What {@link trainSparseParity} returns. */
export interface ParityRun {
  width: number;
  /** Trainable parameters of the MLP. */
  params: number;
  checkpoints: ParityCheckpoint[];
  log: StepLog;
}

/** An evaluation set with `perTask` rows of every task (rows of task i are contiguous), drawn from `rng`. */
export function makeParityEvalSet(rng: Rng, tasks: SparseParityTasks, perTask: number): SparseParityBatch {
  requireInt("perTask", perTask, 1);
  const parts = Array.from(
    { length: tasks.spec.nTasks },
    (_, t) => sampleSparseParity(rng, tasks, perTask, t),
  );
  const n = perTask * parts.length;
  const { nTasks, nBits } = tasks.spec;
  const out: SparseParityBatch = {
    n,
    control: new Float32Array(n * nTasks),
    bits: new Float32Array(n * nBits),
    label: new Float32Array(n),
    task: new Int32Array(n),
  };
  parts.forEach((p, t) => {
    out.control.set(p.control, t * perTask * nTasks);
    out.bits.set(p.bits, t * perTask * nBits);
    out.label.set(p.label, t * perTask);
    out.task.set(p.task, t * perTask);
  });
  return out;
}

function blocks(b: SparseParityBatch, nTasks: number, nBits: number): tf.Tensor2D[] {
  return [tf.tensor2d(b.control, [b.n, nTasks]), tf.tensor2d(b.bits, [b.n, nBits])];
}

/** Binary cross-entropy with logits, per row: softplus(z) − y·z (nats). Call inside tf.tidy. */
export function bceWithLogits(z: tf.Tensor, y: tf.Tensor): tf.Tensor {
  if (!(z instanceof tf.Tensor) || !(y instanceof tf.Tensor)) throw new TypeError("z and y must be tensors");
  if (z.shape.join() !== y.shape.join()) {
    throw new RangeError(`z [${z.shape}] and y [${y.shape}] must have one shape`);
  }
  return tf.sub(tf.softplus(z), tf.mul(y, z));
}

/** Per-task test loss and accuracy of `net` on `evalSet` (rows grouped by task), and the p-weighted mean loss. */
export function evaluateParity(
  net: Mlp,
  tasks: SparseParityTasks,
  evalSet: SparseParityBatch,
  step = 0,
): ParityCheckpoint {
  if (!(net instanceof Mlp)) throw new TypeError("net must be an Mlp");
  const { nTasks, nBits } = tasks.spec;
  const [loss, z] = tf.tidy(() => {
    const out = net.predict(blocks(evalSet, nTasks, nBits)).reshape([evalSet.n]);
    const l = bceWithLogits(out, tf.tensor1d(evalSet.label));
    return [l.dataSync(), out.dataSync()];
  });
  const perTaskLoss = new Float64Array(nTasks), perTaskAcc = new Float64Array(nTasks);
  const count = new Float64Array(nTasks);
  for (let r = 0; r < evalSet.n; r++) {
    const t = evalSet.task[r];
    count[t] += 1;
    perTaskLoss[t] += loss[r];
    perTaskAcc[t] += (z[r] > 0 ? 1 : 0) === evalSet.label[r] ? 1 : 0;
  }
  let meanLoss = 0;
  for (let t = 0; t < nTasks; t++) {
    if (count[t] === 0) throw new RangeError(`evalSet has no rows of task ${t}`);
    perTaskLoss[t] /= count[t];
    perTaskAcc[t] /= count[t];
    meanLoss += tasks.probs[t] * perTaskLoss[t];
  }
  return { step, perTaskLoss, perTaskAcc, meanLoss };
}

/**
 * Trains a fresh one-hidden-layer ReLU MLP (lib/train's Mlp, blocks [control, bits]) on the tasks with Adam and
 * returns its parameter count and the checkpoints at `evalAt`. Releases its tensors (the tensor count is flat).
 */
export async function trainSparseParity(
  tasks: SparseParityTasks,
  opts: ParityTrainOptions,
): Promise<ParityRun> {
  if (!tasks || !Array.isArray(tasks.subsets)) {
    throw new TypeError("tasks must come from makeSparseParityTasks");
  }
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be a ParityTrainOptions object");
  const width = requireInt("opts.width", opts.width, 1);
  const steps = requireInt("opts.steps", opts.steps, 1);
  const batch = requireInt("opts.batch", opts.batch, 1);
  const lr = requirePositive("opts.lr", opts.lr);
  if (!(opts.rng instanceof Rng)) throw new TypeError("opts.rng must be an Rng");
  if (!opts.evalSet || !(opts.evalSet.control instanceof Float32Array)) {
    throw new TypeError("opts.evalSet must come from makeParityEvalSet");
  }
  const evalAt = Array.from(opts.evalAt ?? []);
  evalAt.forEach((s, i) => {
    requireInt(`opts.evalAt[${i}]`, s, 1, steps);
    if (i > 0 && s <= evalAt[i - 1]) {
      throw new RangeError(`opts.evalAt must be strictly ascending (index ${i})`);
    }
  });
  const { nTasks, nBits } = tasks.spec;
  const data = opts.rng.fork("data"), pick = opts.rng.fork("pick");
  const trainSet = opts.trainSize === undefined
    ? null
    : sampleSparseParity(data, tasks, requireInt("opts.trainSize", opts.trainSize, 1));
  const net = new Mlp({ inputs: [nTasks, nBits], hidden: [width], outDim: 1, rng: opts.rng.fork("init") });
  const opt = adam(lr);
  const vars = net.variables;
  const checkpoints: ParityCheckpoint[] = [];
  let next = 0;
  try {
    const log = await runSteps(steps, (i) => {
      const b = trainSet === null
        ? sampleSparseParity(data, tasks, batch)
        : selectParityRows(trainSet, Int32Array.from({ length: batch }, () => pick.int(trainSet.n)));
      const loss = minimizeStep(opt, () =>
        tf.tidy(() => {
          const z = net.predict(blocks(b, nTasks, nBits)).reshape([b.n]);
          return tf.mean(bceWithLogits(z, tf.tensor1d(b.label))) as tf.Scalar;
        }), vars);
      if (next < evalAt.length && evalAt[next] === i + 1) {
        checkpoints.push(evaluateParity(net, tasks, opts.evalSet, i + 1));
        next += 1;
      }
      return loss;
    }, { label: opts.label === undefined ? `sparse parity, width ${width}` : opts.label });
    return { width, params: net.numParams, checkpoints, log };
  } finally {
    net.dispose();
    opt.dispose();
  }
}

/**
 * For each task, the step at which its test loss first falls below `threshold`, interpolated linearly in
 * (log step, loss) between the two checkpoints that bracket the crossing (the first checkpoint itself if already
 * below); NaN if it never does. The paper's per-task "emergence" times; with threshold ln2/2 the learning step S_k of
 * article step 6 (τ = S_k·B·p_k).
 */
export function crossingSteps(checkpoints: readonly ParityCheckpoint[], threshold: number): Float64Array {
  if (!Array.isArray(checkpoints) || checkpoints.length === 0) {
    throw new RangeError("checkpoints must be a non-empty array");
  }
  requirePositive("threshold", threshold);
  const nTasks = checkpoints[0].perTaskLoss.length;
  const out = new Float64Array(nTasks).fill(NaN);
  for (let t = 0; t < nTasks; t++) {
    for (let i = 0; i < checkpoints.length; i++) {
      const c = checkpoints[i];
      if (c.perTaskLoss[t] >= threshold) continue;
      if (i === 0) out[t] = c.step;
      else {
        const p = checkpoints[i - 1];
        const f = (p.perTaskLoss[t] - threshold) / (p.perTaskLoss[t] - c.perTaskLoss[t]);
        out[t] = Math.exp(Math.log(p.step) + f * (Math.log(c.step) - Math.log(p.step)));
      }
      break;
    }
  }
  return out;
}
