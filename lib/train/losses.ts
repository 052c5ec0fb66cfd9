/**
 * Classification losses on logits (float32 tfjs, for training) and their float64 scalar forms (for derivation
 * checks): cross-entropy, label smoothing, and the TaiLr family of "A one-line fix for cross-entropy's
 * overconfidence" (kexue.fm/archives/9526; Ji et al., ICLR 2023):
 *
 *   ℓ_γ(p) = −log[γ + (1 − γ)p] / (1 − γ),   γ ∈ [0, 1),   ℓ_0 = −log p (CE),   lim_{γ→1} ℓ_γ = 1 − p,
 *   ∇ℓ_γ = −w_γ(p) ∇log p,   w_γ(p) = p / (γ + (1 − γ)p),
 *
 * and the paper's gradient-space recipe L = −sg[max(b, w_γ(p))]·log p with a stop-gradient sg (tfjs has none: it is
 * built on tf.customGrad). Every loss is the batch mean.
 * @module
 */
import { requireFinite, requireInRange, requireOneOf, tf } from "../core/mod.ts";

/**
 * sg(x): the value of x with a zero gradient (tfjs has no tf.stopGradient; computing x under tf.tidy does not
 * stop gradients). Used for the TaiLr weight of the article's thresholded form.
 */
export const stopGradient: (x: tf.Tensor) => tf.Tensor = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor;
    return { value: x.clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
  },
) as (x: tf.Tensor) => tf.Tensor;

function checkLogits(logits: tf.Tensor, labels: tf.Tensor): number {
  if (!(logits instanceof tf.Tensor) || logits.rank !== 2) {
    throw new RangeError(`logits must be a [n, classes] tensor, got shape [${(logits as tf.Tensor)?.shape}]`);
  }
  const k = logits.shape[1] as number;
  if (k < 2) throw new RangeError(`logits must have at least 2 classes, got ${k}`);
  if (!(labels instanceof tf.Tensor) || labels.rank !== 1 || labels.shape[0] !== logits.shape[0]) {
    throw new RangeError(
      `labels must be a [${logits.shape[0]}] int32 tensor, got shape [${(labels as tf.Tensor)?.shape}]`,
    );
  }
  if (labels.dtype !== "int32") throw new TypeError(`labels must be int32, got ${labels.dtype}`);
  return k;
}

/** log p_y per row: log-softmax of the logits picked at the labels (stable; a [n] tensor). */
export function labelLogProb(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  const k = checkLogits(logits, labels);
  return tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(labels, k)), 1) as tf.Tensor1D;
}

/** Cross-entropy −log p_y averaged over the batch (eq. ℓ_0 of the article). */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.neg(tf.mean(labelLogProb(logits, labels))) as tf.Scalar;
}

/**
 * The TaiLr weight w_γ(p) = p / (γ + (1 − γ)p), clamped below at `floor` b (the paper's max(b, w); w ≤ 1 always),
 * element-wise on a tensor of probabilities in [0, 1]. γ ∈ [0, 1], b ∈ [0, 1].
 */
export function tailrWeight(p: tf.Tensor, gamma: number, floor = 0): tf.Tensor {
  requireInRange("gamma", gamma, 0, 1);
  requireInRange("floor", floor, 0, 1);
  if (!(p instanceof tf.Tensor)) throw new TypeError("p must be a tensor of probabilities");
  const w = gamma === 0 ? tf.onesLike(p) : tf.div(p, tf.add(gamma, tf.mul(1 - gamma, p)));
  return floor > 0 ? tf.maximum(w, floor) : w;
}

/** Options of {@link tailrLoss}. */
export interface TailrOptions {
  /** Floor b of the weight (default 0): the paper's −sg[max(b, w)]·log p. */
  floor?: number;
  /** Label smoothing ε (default 0): (1 − ε)·TaiLr + ε·mean_v(−log p_v), as the released code combines them. */
  labelSmoothing?: number;
  /**
   * "auto" (default): the closed form ℓ_γ when floor = 0, the stop-gradient form otherwise; "closed" or "stopgrad"
   * by name ("closed" needs floor = 0). Both have the same gradient at floor 0 (not the same value).
   */
  form?: "auto" | "closed" | "stopgrad";
}

/**
 * The TaiLr loss of a batch of logits, mean over rows (article: ℓ_γ(p) = −log[γ + (1 − γ)p]/(1 − γ), γ = 1 meaning
 * its limit 1 − p; paper: −sg[max(b, w_γ(p))]·log p). γ = 0 with floor 0 is cross-entropy.
 */
export function tailrLoss(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  gamma: number,
  opts: TailrOptions = {},
): tf.Scalar {
  const k = checkLogits(logits, labels);
  requireInRange("gamma", gamma, 0, 1);
  const floor = requireInRange("opts.floor", opts.floor ?? 0, 0, 1);
  const eps = requireInRange("opts.labelSmoothing", opts.labelSmoothing ?? 0, 0, 1);
  const form = requireOneOf("opts.form", opts.form ?? "auto", ["auto", "closed", "stopgrad"] as const);
  if (form === "closed" && floor > 0) {
    throw new RangeError(`opts.form "closed" needs opts.floor = 0, got ${floor}`);
  }
  const logSm = tf.logSoftmax(logits);
  const logp = tf.sum(tf.mul(logSm, tf.oneHot(labels, k)), 1);
  let main: tf.Tensor;
  if (form === "stopgrad" || floor > 0) {
    const w = stopGradient(tailrWeight(tf.exp(logp), gamma, floor));
    main = tf.neg(tf.mean(tf.mul(w, logp)));
  } else if (gamma === 0) {
    main = tf.neg(tf.mean(logp));
  } else if (gamma === 1) {
    main = tf.mean(tf.sub(1, tf.exp(logp)));
  } else {
    main = tf.div(tf.neg(tf.mean(tf.log(tf.add(gamma, tf.mul(1 - gamma, tf.exp(logp)))))), 1 - gamma);
  }
  if (eps === 0) return main as tf.Scalar;
  const uniform = tf.neg(tf.mean(logSm)); // mean over rows and classes of −log p_v
  return tf.add(tf.mul(1 - eps, main), tf.mul(eps, uniform)) as tf.Scalar;
}

/**
 * Label-smoothed cross-entropy: (1 − ε)·(−log p_y) + ε·mean_v(−log p_v), batch mean (the smoothing the TaiLr code
 * combines with its loss; ε = 0 is {@link crossEntropy}).
 */
export function labelSmoothingLoss(logits: tf.Tensor2D, labels: tf.Tensor1D, epsilon: number): tf.Scalar {
  requireInRange("epsilon", epsilon, 0, 1);
  return tailrLoss(logits, labels, 0, { labelSmoothing: epsilon });
}

/**
 * ℓ_γ(p) in float64 for one probability p ∈ (0, 1] (γ = 0: −log p; γ = 1: the limit 1 − p). Evaluated as
 * −log1p((1 − γ)(p − 1))/(1 − γ), accurate for γ near 1.
 */
export function tailrLossScalar(p: number, gamma: number): number {
  requireInRange("p", p, 0, 1);
  requireInRange("gamma", gamma, 0, 1);
  if (gamma === 1) return 1 - p;
  if (gamma === 0 && p === 0) return Infinity;
  return -Math.log1p((1 - gamma) * (p - 1)) / (1 - gamma);
}

/** w_γ(p) = p / (γ + (1 − γ)p) in float64 (γ = 0 gives 1, γ = 1 gives p; p = 0 gives 0 for γ > 0). */
export function tailrWeightScalar(p: number, gamma: number): number {
  requireInRange("p", p, 0, 1);
  requireInRange("gamma", gamma, 0, 1);
  if (gamma === 0) return 1;
  return p / (gamma + (1 - gamma) * p);
}

/** Softmax of one row of logits in float64 (max-shifted). */
export function softmaxRow(logits: ArrayLike<number>): Float64Array {
  if (logits.length < 1) throw new RangeError("logits must not be empty");
  let m = -Infinity;
  for (let i = 0; i < logits.length; i++) m = Math.max(m, requireFinite(`logits[${i}]`, logits[i]));
  const e = Float64Array.from(logits, (v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
