/**
 * Training the noise predictor with the article's simplified loss (step 6, DDPM's L_simple):
 * E_{t~U{1..T}, x₀, ε} ‖ε − ε̂_θ(ᾱ_t x₀ + β̄_t ε, t)‖², here averaged per dimension (so the loss of ε̂ = 0 is 1 and
 * the Bayes loss is comparable across d). Adam with linear warm-up and optional cosine decay, optional EMA of the
 * weights, batches drawn in JS from the seeded Rng and turned into tensors per step (then released), a lib/core
 * Progress display, and a trace of tf.memory().numTensors after every step to show nothing leaks.
 * @module
 */
import { requireInRange, requireInt, requireOneOf, requirePositive, type Rng, tf } from "../../core/mod.ts";
import { adam, minimizeStep, runSteps } from "../../train/mod.ts";
import { noisyBatch } from "../forward/mod.ts";
import type { Points } from "../oracle/mod.ts";
import type { EpsNet } from "./nets.ts";
import type { DiscreteSchedule } from "../schedule/mod.ts";

/** Draws n data points x₀ (row-major n×d) from the seeded generator. */
export type X0Sampler = (n: number, rng: Rng) => Points;

/** Options of {@link trainDenoiser}. */
export interface TrainOptions {
  /** Number of optimiser steps. */
  steps: number;
  /** Batch size. */
  batch: number;
  /** Peak learning rate of Adam. */
  lr: number;
  /** Linear warm-up steps from lr/warmup to lr (default 0). */
  warmup?: number;
  /** Learning-rate decay after warm-up: "none" (default) or "cosine" (to 0 at the last step). */
  decay?: "none" | "cosine";
  /** EMA decay of the weights in [0, 1) (default 0 = no EMA copy). */
  ema?: number;
  /**
   * The law of the training step, t = 1 + ⌊T·u^p⌋ with u ~ U(0, 1) (see {@link drawTrainingSteps}): p = 1 (default)
   * is the article's uniform t; p > 1 draws small t more often (density ∝ t^{1/p − 1}).
   */
  tPower?: number;
  /** The seeded generator for batches (x₀, t, ε). */
  rng: Rng;
  /** Progress label (default "training"); `null` shows no progress. */
  label?: string | null;
}

/** What {@link trainDenoiser} returns. */
export interface TrainResult {
  /** The batch loss (mean squared error per dimension) after each step. */
  loss: Float64Array;
  /** tf.memory().numTensors after each step: flat after the first step when nothing leaks. */
  numTensors: Int32Array;
  /** The learning rate used at each step. */
  lr: Float64Array;
  /** The EMA copy of the weights (when `ema` > 0; the caller disposes it), else null. */
  ema: EpsNet | null;
  /** Wall time per step in milliseconds (mean over the run). */
  msPerStep: number;
}

/** The learning rate at step `i` (0-based) of {@link TrainOptions}: linear warm-up, then constant or cosine. */
export function learningRateAt(
  i: number,
  opts: Pick<TrainOptions, "steps" | "lr" | "warmup" | "decay">,
): number {
  const warm = opts.warmup ?? 0;
  if (i < warm) return (opts.lr * (i + 1)) / warm;
  if ((opts.decay ?? "none") === "none") return opts.lr;
  const span = Math.max(1, opts.steps - warm);
  return 0.5 * opts.lr * (1 + Math.cos((Math.PI * (i - warm)) / span));
}

/**
 * n training steps t ∈ {1..T} drawn as t = 1 + ⌊T·u^p⌋, u ~ U(0, 1): p = 1 is uniform (the article's t ~ U{1..T}),
 * p = 2 has density ∝ t^{−1/2} (small t drawn more often: 45% of the draws fall in t ≤ T/5 instead of 20%). The
 * minimiser of L_simple at each t, ε*(x_t, t) = E[ε|x_t], does not depend on this law: it only weights the per-t losses,
 * i.e. decides where a finite network spends its capacity and gradient steps.
 */
export function drawTrainingSteps(n: number, T: number, power: number, rng: Rng): Int32Array {
  requireInt("n", n, 1);
  requireInt("T", T, 1);
  requirePositive("power", power);
  if (!rng || typeof rng.uniform !== "function") throw new TypeError("rng must be an Rng");
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = 1 + Math.min(T - 1, Math.floor(T * rng.uniform() ** power));
  return out;
}

/** A sampler of random rows (with replacement) of a fixed data array, for {@link trainDenoiser}. */
export function rowSampler(data: Points, d: number): X0Sampler {
  if (!(data instanceof Float64Array)) throw new TypeError("data must be a Float64Array of n×d points");
  requireInt("d", d, 1);
  if (data.length === 0 || data.length % d !== 0) {
    throw new RangeError(`data must have a positive length divisible by d=${d}, got ${data.length}`);
  }
  const rows = data.length / d;
  return (n, rng) => {
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const r = rng.int(rows);
      out.set(data.subarray(r * d, (r + 1) * d), i * d);
    }
    return out;
  };
}

/**
 * Trains `net` in place on the DDPM loss (article step 6). Every step: draw x₀ (sampleX0), t (uniform, or by
 * `opts.tPower`) and ε from
 * `opts.rng`, form x_t = ᾱ_t x₀ + β̄_t ε in float64, then one Adam step on mean((ε − ε̂_θ(x_t, t))²) in float32.
 * All per-step tensors are released; the Adam state is disposed at the end.
 */
export async function trainDenoiser(
  net: EpsNet,
  sampleX0: X0Sampler,
  schedule: DiscreteSchedule,
  opts: TrainOptions,
): Promise<TrainResult> {
  if (!net || typeof net.predict !== "function") throw new TypeError("net must be an EpsNet");
  if (typeof sampleX0 !== "function") throw new TypeError("sampleX0 must be a function (n, rng) => points");
  const steps = requireInt("opts.steps", opts.steps, 1);
  const batch = requireInt("opts.batch", opts.batch, 1);
  requirePositive("opts.lr", opts.lr);
  requireInt("opts.warmup", opts.warmup ?? 0, 0);
  requireOneOf("opts.decay", opts.decay ?? "none", ["none", "cosine"] as const);
  const tPower = requirePositive("opts.tPower", opts.tPower ?? 1);
  const emaDecay = requireInRange("opts.ema", opts.ema ?? 0, 0, 1);
  if (emaDecay >= 1) throw new RangeError(`opts.ema must be < 1, got ${emaDecay}`);
  if (!opts.rng || typeof opts.rng.normals !== "function") throw new TypeError("opts.rng must be an Rng");
  if (schedule.T !== net.options.T) {
    throw new RangeError(`schedule.T (${schedule.T}) must equal the net's T (${net.options.T})`);
  }
  const d = net.options.dim, rng = opts.rng;
  const ema = emaDecay > 0 ? net.clone() : null;
  const vars = net.variables;
  const optimizer = adam(opts.lr, ema ? { ema: { decay: emaDecay, targets: ema.variables } } : {});
  const lrs = new Float64Array(steps);
  const label = opts.label === undefined ? "training" : opts.label;
  const log = await runSteps(steps, (i) => {
    const x0 = sampleX0(batch, rng);
    if (!(x0 instanceof Float64Array) || x0.length !== batch * d) {
      throw new RangeError(`sampleX0(${batch}) must return a Float64Array of ${batch * d} values`);
    }
    // tPower = 1 keeps noisyBatch's own uniform draw (the same random stream as before the option existed)
    const b = tPower === 1
      ? noisyBatch(x0, d, schedule, rng)
      : noisyBatch(x0, d, schedule, rng, drawTrainingSteps(batch, schedule.T, tPower, rng));
    lrs[i] = learningRateAt(i, opts);
    optimizer.learningRate = lrs[i];
    return minimizeStep(optimizer, () => {
      const xt = tf.tensor2d(Float32Array.from(b.xt), [batch, d]);
      const eps = tf.tensor2d(Float32Array.from(b.eps), [batch, d]);
      return tf.mean(tf.square(tf.sub(eps, net.predict(xt, b.t)))) as tf.Scalar;
    }, vars);
  }, { label });
  optimizer.dispose();
  return { ...log, lr: lrs, ema };
}

/** A moving average of `xs` over a trailing window of `w` values (for plotting noisy loss curves). */
export function movingAverage(xs: ArrayLike<number>, w: number): Float64Array {
  requireInt("w", w, 1);
  const out = new Float64Array(xs.length);
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    s += xs[i];
    if (i >= w) s -= xs[i - w];
    out[i] = s / Math.min(i + 1, w);
  }
  return out;
}
