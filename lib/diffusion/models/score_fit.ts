/**
 * Fitting a score model s_θ by regression (articles 21 and 23): one Adam step per batch on mean((s_θ(x) − y)²), where
 * the batch and its target y come from the caller — −ε/σ for conditional score matching, the exact score for score
 * matching, a batch ratio estimate for the biased variant (article 23, §"same minimiser"). The model is lib/train's
 * {@link Mlp} with one input block (x, or x with time features appended); the loop is lib/train's
 * `fitLeastSquares`. Float32 inside tfjs; batches and targets are float64 rows from the caller.
 * @module
 */
import { requireInt, requireOneOf, requirePositive } from "../../core/mod.ts";
import { fitLeastSquares, Mlp, predictRows, type StepLog } from "../../train/mod.ts";
import { learningRateAt } from "./train.ts";

/** One regression batch: inputs (n × the net's input width) and targets (n × its output width), float64 rows. */
export interface RegressionBatch {
  x: Float64Array;
  target: Float64Array;
}

/** Options of {@link fitScoreNet}. */
export interface FitScoreOptions {
  steps: number;
  /** Adam learning rate (the peak of the schedule). */
  lr: number;
  /** Learning-rate schedule (default "none": constant; "cosine": from lr down to 0 over the steps). */
  decay?: "none" | "cosine";
  /** An exponential moving average of the weights kept in `ema.net` (a clone of `net`), with decay `ema.decay`. */
  ema?: { decay: number; net: Mlp };
  /** Progress label (null: no progress display). */
  label?: string | null;
  /** Call `onCheckpoint(step)` after every `every` steps (and after the last). */
  every?: number;
  onCheckpoint?: (step: number) => void;
}

function single(net: Mlp): { inDim: number; outDim: number } {
  if (!(net instanceof Mlp)) throw new TypeError("net must be lib/train's Mlp");
  if (net.config.inputs.length !== 1) {
    throw new RangeError(`net must have one input block, got ${net.config.inputs.length}`);
  }
  return { inDim: net.config.inputs[0], outDim: net.config.outDim };
}

/**
 * Trains `net` in place: for i = 0..steps−1, `draw(i)` gives a batch and one Adam step is taken on
 * mean((net(x) − target)²) — lib/train's {@link fitLeastSquares} with the "mean" reduction. Returns its step log.
 */
export async function fitScoreNet(
  net: Mlp,
  draw: (i: number) => RegressionBatch,
  opts: FitScoreOptions,
): Promise<StepLog> {
  const { inDim, outDim } = single(net);
  if (typeof draw !== "function") throw new TypeError("draw must be a function (i) => { x, target }");
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be FitScoreOptions");
  const steps = requireInt("opts.steps", opts.steps, 1);
  const lr = requirePositive("opts.lr", opts.lr);
  const every = requireInt("opts.every", opts.every ?? steps, 1);
  const onCheckpoint = opts.onCheckpoint;
  if (onCheckpoint !== undefined && typeof onCheckpoint !== "function") {
    throw new TypeError("opts.onCheckpoint must be a function (step) => void");
  }
  const decay = requireOneOf("opts.decay", opts.decay ?? "none", ["none", "cosine"] as const);
  return await fitLeastSquares(net, (i) => {
    const b = draw(i);
    if (!b || !(b.x instanceof Float64Array) || !(b.target instanceof Float64Array)) {
      throw new TypeError("draw(i) must return { x: Float64Array, target: Float64Array }");
    }
    const n = b.x.length / inDim;
    if (!Number.isInteger(n) || n < 1 || b.target.length !== n * outDim) {
      throw new RangeError(
        `draw(${i}) must give whole rows: x of n×${inDim} and target of n×${outDim}, got ${b.x.length} and ${b.target.length}`,
      );
    }
    return { inputs: [Float32Array.from(b.x)], target: Float32Array.from(b.target) };
  }, {
    steps,
    lr: (i) => learningRateAt(i, { steps, lr, decay }),
    reduce: "mean",
    ema: opts.ema,
    label: opts.label === undefined ? "fitting the score" : opts.label,
    afterStep: onCheckpoint && ((done) => {
      if (done % every === 0 || done === steps) onCheckpoint(done);
    }),
  });
}

/** The net's outputs on float64 rows x (n × input width), as float64 (chunked, no tensor survives). */
export function scoreNetRows(net: Mlp, x: Float64Array, chunk = 4096): Float64Array {
  const { inDim, outDim } = single(net);
  return predictRows(x, inDim, outDim, chunk, (xs) => net.predict([xs]));
}
