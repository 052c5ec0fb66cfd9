/**
 * What one training step of each adaptation method costs on a backbone of a given size, independently of what the
 * backbone has learned (brief 01, "time per step"; the article's "LST trains about 2× faster" is a statement about
 * BERT/T5-size models): an untrained, seeded {@link ResMlp} of width H and depth L, one fixed random batch, every
 * method set up by {@link prepareMethod} with its own Adam, and
 *
 * - the steps timed side by side (lib/core's interleavedTimes: rotated rounds after warm-up; ratios per round);
 * - per method, from tf.profile (lib/train's kernelCounts, the median over `profiles` profiled steps): kernels
 *   launched, multiply-adds of the matrix products, and the share of the step's wall time spent in the matrix-product
 *   kernels — the measured answer to "is this step priced by its arithmetic or by per-kernel overhead?".
 *
 * The step time does not depend on the weights' values (the same kernels on the same shapes), so an untrained
 * backbone times a step as well as a trained one, at widths no CPU budget could pre-train.
 * @module
 */
import {
  interleavedTimes,
  type InterleavedTiming,
  median,
  requireInt,
  requireOneOf,
  Rng,
  tf,
} from "../core/mod.ts";
import { adam, kernelCounts, minimizeStep, ResMlp } from "../train/mod.ts";
import { METHOD_KINDS, type MethodSpec, prepareMethod } from "./methods.ts";

/** Options of {@link stepCost}. */
export interface StepCostOptions {
  /** Residual width H. */
  width: number;
  /** Blocks L. */
  depth: number;
  /** Rows of the batch. */
  batch: number;
  /** The methods (labels distinct); kind "full" trains the untrained backbone itself (no copy). */
  methods: readonly MethodSpec[];
  /** Timed interleaved rounds, ≥ 1. */
  rounds: number;
  /** Untimed rounds first (default 2). */
  warmup?: number;
  /** Profiled steps per method for the counts and the multiply-add share (default 3; the median is kept). */
  profiles?: number;
  /** Input width (default 784) and classes of the new head (default 5). */
  inDim?: number;
  classes?: number;
  /** Seeds the backbone (fork "backbone"), the batch ("batch") and each method (fork of its label). */
  rng: Rng;
  /** Progress label of the timing (default none). */
  label?: string | null;
}

/** One method's step at one size, as {@link stepCost} measured it. */
export interface MethodStepCost {
  label: string;
  /** Trainable parameters, head included. */
  trainable: number;
  /** Median ms per step over the interleaved rounds. */
  ms: number;
  /** Kernels of one step. */
  kernels: number;
  /** Multiply-adds of the matrix products of one step. */
  matMulMacs: number;
  /** Median over the profiled steps of (ms in matrix-product kernels) / (wall ms of the step). */
  matMulShare: number;
}

/** What {@link stepCost} measured at one size. */
export interface StepCost {
  width: number;
  depth: number;
  batch: number;
  methods: MethodStepCost[];
  /** The raw interleaved timing (for lib/core's pairedRatio). */
  timing: InterleavedTiming;
}

/**
 * Times one training step of every method in `opts.methods` on an untrained seeded backbone of `opts.width` ×
 * `opts.depth` (see the module note) and releases everything it made. Throws a TypeError / RangeError for a bad
 * option (naming it).
 */
export async function stepCost(opts: StepCostOptions): Promise<StepCost> {
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be StepCostOptions");
  if (!(opts.rng instanceof Rng)) throw new TypeError("opts.rng must be an Rng");
  const width = requireInt("opts.width", opts.width, 1);
  const depth = requireInt("opts.depth", opts.depth, 1);
  const batch = requireInt("opts.batch", opts.batch, 1);
  const rounds = requireInt("opts.rounds", opts.rounds, 1);
  const warmup = requireInt("opts.warmup", opts.warmup ?? 2, 0);
  const profiles = requireInt("opts.profiles", opts.profiles ?? 3, 1);
  const inDim = requireInt("opts.inDim", opts.inDim ?? 784, 1);
  const classes = requireInt("opts.classes", opts.classes ?? 5, 2);
  if (!Array.isArray(opts.methods) || opts.methods.length === 0) {
    throw new RangeError("opts.methods must be a non-empty array of MethodSpec");
  }
  const labels = opts.methods.map((s, i) => {
    if (!s || typeof s !== "object") throw new TypeError(`opts.methods[${i}] must be a MethodSpec`);
    requireOneOf(`opts.methods[${i}].kind`, s.kind, METHOD_KINDS);
    return s.label ?? s.kind;
  });
  const dup = labels.find((l, i) => labels.indexOf(l) !== i);
  if (dup !== undefined) throw new RangeError(`opts.methods' labels must be distinct, "${dup}" repeats`);

  const rng = opts.rng;
  const net = new ResMlp({ inDim, width, depth, classes, rng: rng.fork("backbone") });
  const brng = rng.fork("batch");
  const x = tf.tensor2d(Float32Array.from(brng.uniforms(batch * inDim)), [batch, inDim]);
  const y = tf.tidy(() =>
    tf.oneHot(tf.tensor1d(Int32Array.from({ length: batch }, () => brng.int(classes)), "int32"), classes)
  ) as tf.Tensor2D;
  const prepared = opts.methods.map((s, i) =>
    prepareMethod(net, s, rng.fork(labels[i]), { classes, copyFull: false })
  );
  const opts_ = opts.methods.map((s) => adam(s.lr));
  const steps = prepared.map((m, i) => () => {
    tf.tidy(() => {
      minimizeStep(opts_[i], m.loss(x, y), m.vars); // reads the loss back: the step has finished
    });
  });
  try {
    const timing = await interleavedTimes(
      labels.map((label, i) => ({ label, run: steps[i] })),
      { rounds, warmup, label: opts.label ?? null },
    );
    const methods: MethodStepCost[] = [];
    for (let i = 0; i < labels.length; i++) {
      const runs = [];
      for (let p = 0; p < profiles; p++) runs.push(await kernelCounts(steps[i]));
      methods.push({
        label: labels[i],
        trainable: prepared[i].trainable,
        ms: timing.median[i],
        kernels: runs[0].kernels,
        matMulMacs: runs[0].matMulMacs,
        matMulShare: median(runs.map((r) => r.matMulMs / r.wallMs)),
      });
    }
    return { width, depth, batch, methods, timing };
  } finally {
    opts_.forEach((o) => o.dispose());
    prepared.forEach((m) => m.dispose());
    net.dispose();
    tf.dispose([x, y]);
  }
}
