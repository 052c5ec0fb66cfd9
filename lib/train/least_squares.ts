/**
 * Least-squares regression of one {@link Mlp}: each step draws a batch (one float32 block per input block of the net,
 * and a target), takes one Adam step on the squared error and records the loss with {@link runSteps}. The score
 * fits of articles 21 and 23 and the time-dependent fields of the ODE family (rectified flow, PFGM) are callers of
 * this one loop; they differ only in how a batch is made and in how the squared error is reduced:
 * - `"mean"`: mean over every entry, mean((f(x) − y)²);
 * - `"row-sum"`: mean over rows of the per-row squared norm, (1/n) Σ_rows ‖f(x) − y‖² (out width times the mean).
 * Adam is nearly invariant to that constant factor, but not exactly (its ε), so the reduction is the caller's choice.
 * @module
 */
import { requireInRange, requireInt, requireOneOf, requirePositive, tf } from "../core/mod.ts";
import { adam } from "./adam.ts";
import { minimizeStep, runSteps, type StepLog } from "./loop.ts";
import { Mlp } from "./mlp.ts";

/** One batch of n rows: `inputs[b]` is n × (the net's b-th input width), `target` is n × outDim, row-major. */
export interface LeastSquaresBatch {
  inputs: Float32Array[];
  target: Float32Array;
}

/** Options of {@link fitLeastSquares}. */
export interface LeastSquaresOptions {
  steps: number;
  /** Adam's learning rate: a constant, or one per step (must be > 0 at every step). */
  lr: number | ((i: number) => number);
  /** How the squared error is reduced to the loss (default "mean"; see the module note). */
  reduce?: "mean" | "row-sum";
  /** Keep an exponential moving average of the weights in `ema.net` (a separate Mlp of the same architecture). */
  ema?: { decay: number; net: Mlp };
  /** Progress label (default "training"; null: no progress display). */
  label?: string | null;
  /** Called after each step with the number of steps done. */
  afterStep?: (done: number) => void;
}

/**
 * Trains `net` in place on `draw(i)`, i = 0..steps−1, and returns the step log. Throws on a batch whose blocks do not
 * match the net's input widths or hold different numbers of rows, and (through runSteps) on a non-finite loss.
 */
export async function fitLeastSquares(
  net: Mlp,
  draw: (i: number) => LeastSquaresBatch,
  opts: LeastSquaresOptions,
): Promise<StepLog> {
  if (!(net instanceof Mlp)) throw new TypeError("net must be lib/train's Mlp");
  if (typeof draw !== "function") throw new TypeError("draw must be a function (i) => { inputs, target }");
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be LeastSquaresOptions");
  const steps = requireInt("opts.steps", opts.steps, 1);
  const lrAt = typeof opts.lr === "function" ? opts.lr : () => opts.lr as number;
  requirePositive("opts.lr", lrAt(0));
  const reduce = requireOneOf("opts.reduce", opts.reduce ?? "mean", ["mean", "row-sum"] as const);
  if (opts.afterStep !== undefined && typeof opts.afterStep !== "function") {
    throw new TypeError("opts.afterStep must be a function (done) => void");
  }
  let ema: { decay: number; targets: tf.Variable[] } | undefined;
  if (opts.ema !== undefined) {
    const decay = requireInRange("opts.ema.decay", opts.ema?.decay, 0, 1);
    if (!(opts.ema.net instanceof Mlp) || opts.ema.net === net || opts.ema.net.numParams !== net.numParams) {
      throw new TypeError("opts.ema.net must be a separate Mlp of the same architecture (net.clone())");
    }
    ema = { decay, targets: opts.ema.net.variables };
  }
  const widths = net.config.inputs, outDim = net.config.outDim;
  const optimizer = adam(lrAt(0), ema ? { ema } : {});
  const vars = net.variables;
  try {
    return await runSteps(steps, (i) => {
      const b = draw(i);
      const n = batchRows(b, widths, outDim, i);
      optimizer.learningRate = requirePositive(`opts.lr at step ${i}`, lrAt(i));
      const loss = minimizeStep(optimizer, () => {
        const xs = b.inputs.map((block, k) => tf.tensor2d(block, [n, widths[k]]));
        const err = tf.sub(net.predict(xs), tf.tensor2d(b.target, [n, outDim]));
        return (reduce === "mean"
          ? tf.mean(tf.square(err))
          : tf.mul(tf.sum(tf.square(err)), 1 / n)) as tf.Scalar;
      }, vars);
      opts.afterStep?.(i + 1);
      return loss;
    }, { label: opts.label === undefined ? "training" : opts.label });
  } finally {
    optimizer.dispose();
  }
}

/** The batch's row count n, after checking every block is n × its width and the target n × outDim. */
function batchRows(b: LeastSquaresBatch, widths: readonly number[], outDim: number, i: number): number {
  if (!b || !Array.isArray(b.inputs) || !(b.target instanceof Float32Array)) {
    throw new TypeError(`draw(${i}) must return { inputs: Float32Array[], target: Float32Array }`);
  }
  if (b.inputs.length !== widths.length) {
    throw new RangeError(`draw(${i}) must give ${widths.length} input block(s), got ${b.inputs.length}`);
  }
  const n = b.target.length / outDim;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`draw(${i}): target must be n×${outDim} with n ≥ 1, got length ${b.target.length}`);
  }
  b.inputs.forEach((block, k) => {
    if (!(block instanceof Float32Array) || block.length !== n * widths[k]) {
      throw new RangeError(`draw(${i}): input block ${k} must be a Float32Array of ${n}×${widths[k]}`);
    }
  });
  return n;
}
