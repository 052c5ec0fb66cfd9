/**
 * Training the learned models of conditional generation (article 06, kexue.fm/archives/9257), float32 tfjs:
 * - {@link trainCondDenoiser}: the classifier-free loss of step 6, E‖ε − ε_θ(ᾱ_t x₀ + β̄_t ε, y, t)‖² with y paired
 *   with x₀ and replaced by the null label φ with probability p_uncond (Ho & Salimans' joint training);
 * - {@link trainNoisyClassifier}: cross-entropy of p_θ(y|x_t, t) on noised inputs x_t (the classifier of step 2 must
 *   see noisy inputs).
 * Adam with {@link learningRateAt}'s warm-up/cosine schedule through lib/train's shared loop (runSteps +
 * minimizeStep: loss and tensor-count logs, divergence check, progress); batches are drawn in JS from the seeded Rng.
 * @module
 */
import { requireInRange, requireInt, requirePositive, type Rng, tf } from "../../core/mod.ts";
import { adam, minimizeStep, runSteps } from "../../train/mod.ts";
import { LabelNet } from "./cond_nets.ts";
import { noisyBatch } from "../forward/mod.ts";
import type { Points } from "../oracle/mod.ts";
import type { DiscreteSchedule } from "../schedule/mod.ts";
import { learningRateAt } from "./train.ts";

/** Draws n labelled data points (x₀ row-major n×d, y their classes). */
export type LabelledSampler = (n: number, rng: Rng) => { x: Points; y: Int32Array };

/** Options shared by both trainers. */
export interface GuidanceTrainOptions {
  steps: number;
  batch: number;
  lr: number;
  warmup?: number;
  decay?: "none" | "cosine";
  rng: Rng;
  /** Progress label (default "training"); null = none. */
  label?: string | null;
}

/** What the trainers return. */
export interface GuidanceTrainResult {
  /** Batch loss after each step (ε: mean squared error per dimension; classifier: mean cross-entropy in nats). */
  loss: Float64Array;
  /** tf.memory().numTensors after each step (flat when nothing leaks). */
  numTensors: Int32Array;
  /** Mean wall time per step, ms. */
  msPerStep: number;
}

function check(net: LabelNet, sample: LabelledSampler, s: DiscreteSchedule, o: GuidanceTrainOptions): void {
  if (!(net instanceof LabelNet)) throw new TypeError("net must be a LabelNet");
  if (typeof sample !== "function") throw new TypeError("sample must be a function (n, rng) => {x, y}");
  requireInt("opts.steps", o.steps, 1);
  requireInt("opts.batch", o.batch, 1);
  requirePositive("opts.lr", o.lr);
  requireInt("opts.warmup", o.warmup ?? 0, 0);
  if (!o.rng || typeof o.rng.normals !== "function") throw new TypeError("opts.rng must be an Rng");
  if (!s || s.T !== net.options.T) {
    throw new RangeError(`schedule.T must equal the net's T (${net.options.T})`);
  }
}

async function loop(
  net: LabelNet,
  o: GuidanceTrainOptions,
  makeLoss: (i: number) => () => tf.Scalar,
): Promise<GuidanceTrainResult> {
  const optimizer = adam(o.lr), vars = net.variables;
  try {
    return await runSteps(o.steps, (i) => {
      optimizer.learningRate = learningRateAt(i, o);
      return minimizeStep(optimizer, makeLoss(i), vars);
    }, { label: o.label });
  } finally {
    optimizer.dispose();
  }
}

/**
 * Trains a conditional noise predictor (a {@link LabelNet} with outDim = inDim and C + 1 label slots) on the loss of
 * article 06 step 6 with label dropout: each row's label becomes φ (the last slot) with probability `pUncond`, so
 * one net learns both ε_θ(x_t, y, t) and ε_θ(x_t, t) = ε_θ(x_t, φ, t).
 */
export async function trainCondDenoiser(
  net: LabelNet,
  sample: LabelledSampler,
  schedule: DiscreteSchedule,
  opts: GuidanceTrainOptions & { pUncond: number },
): Promise<GuidanceTrainResult> {
  check(net, sample, schedule, opts);
  const pUncond = requireInRange("opts.pUncond", opts.pUncond, 0, 1);
  const { inDim: d, outDim, labelSlots } = net.options;
  if (outDim !== d || labelSlots < 2) {
    throw new RangeError(
      `net must map inDim to inDim with label slots, got ${d}→${outDim}, ${labelSlots} slots`,
    );
  }
  const rng = opts.rng, nul = net.nullLabel;
  return await loop(net, opts, () => {
    const { x, y } = sample(opts.batch, rng);
    if (x.length !== opts.batch * d || y.length !== opts.batch) {
      throw new RangeError(`sample must return ${opts.batch} rows`);
    }
    const yy = Int32Array.from(y, (v) => {
      if (!(v >= 0 && v < nul)) throw new RangeError(`sample's labels must be in [0, ${nul - 1}], got ${v}`);
      return rng.uniform() < pUncond ? nul : v;
    });
    const b = noisyBatch(x, d, schedule, rng);
    return () => {
      const xt = tf.tensor2d(Float32Array.from(b.xt), [opts.batch, d]);
      const eps = tf.tensor2d(Float32Array.from(b.eps), [opts.batch, d]);
      return tf.mean(tf.square(tf.sub(eps, net.predict(xt, b.t, yy)))) as tf.Scalar;
    };
  });
}

/**
 * Trains a noisy classifier p_θ(y|x_t, t) (a {@link LabelNet} with C logits and no label input) by cross-entropy on
 * x_t = ᾱ_t x₀ + β̄_t ε, t ~ U{1..T} (article 06 step 2: the classifier must see noisy inputs).
 */
export async function trainNoisyClassifier(
  net: LabelNet,
  sample: LabelledSampler,
  schedule: DiscreteSchedule,
  opts: GuidanceTrainOptions,
): Promise<GuidanceTrainResult> {
  check(net, sample, schedule, opts);
  const { inDim: d, outDim: C, labelSlots } = net.options;
  if (labelSlots !== 0) {
    throw new RangeError(`a classifier takes no label input, got ${labelSlots} label slots`);
  }
  const rng = opts.rng;
  return await loop(net, opts, () => {
    const { x, y } = sample(opts.batch, rng);
    if (x.length !== opts.batch * d || y.length !== opts.batch) {
      throw new RangeError(`sample must return ${opts.batch} rows`);
    }
    const oh = new Float32Array(opts.batch * C);
    y.forEach((v, i) => {
      if (!(v >= 0 && v < C)) throw new RangeError(`sample's labels must be in [0, ${C - 1}], got ${v}`);
      oh[i * C + v] = 1;
    });
    const b = noisyBatch(x, d, schedule, rng);
    return () => {
      const xt = tf.tensor2d(Float32Array.from(b.xt), [opts.batch, d]);
      const logp = tf.logSoftmax(net.predict(xt, b.t));
      return tf.neg(tf.mean(tf.sum(tf.mul(tf.tensor2d(oh, [opts.batch, C]), logp), 1))) as tf.Scalar;
    };
  });
}
