/**
 * The CoSENT loss generalised to any scalar similarity score (CoSENT (III), kexue.fm/archives/9341), and the
 * baselines it is compared with. For a batch of labelled pairs with scores s_a and labels y_a,
 *
 *   L = log(1 + Σ_{y_a < y_b} e^{λ(s_a − s_b)}) = logsumexp({0} ∪ {λ(s_a − s_b) : y_a < y_b})     (article eq. 2)
 *
 * — with s = cos(u, v) and λ = 20 this is CoSENT (I) for sentence vectors; for a cross-encoder the score is a raw
 * logit and the reference code uses λ = 1. Two versions: {@link cosentLoss} on tfjs float32 tensors (for training;
 * masks with −1e12 before the log-sum-exp so exp never overflows) and {@link cosentLossRef} in float64 with a
 * stabilised log-sum-exp (for exact checks). Baselines: the two-class softmax cross-entropy of the usual
 * cross-encoder recipe ({@link twoClassCE}; softmax([a, b])₂ = σ(b − a)) and a sigmoid-MSE regression
 * ({@link sigmoidMSE}, the notebook's own third baseline for graded labels).
 * @module
 */
import { requireAllFinite, requireFinite, requirePositive, tf } from "../core/mod.ts";

const MASK = 1e12;

function checkLambda(lambda: number): number {
  return requirePositive("lambda", lambda);
}

function checkVectors(scores: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (scores.length !== labels.length) {
    throw new RangeError(
      `scores and labels must have the same length, got ${scores.length} and ${labels.length}`,
    );
  }
  if (scores.length === 0) throw new RangeError("scores must not be empty");
  requireAllFinite("scores", scores);
  requireAllFinite("labels", labels);
}

function checkTensors(name: string, n: number, labelsName: string, labels: tf.Tensor): void {
  if (!(labels instanceof tf.Tensor)) throw new TypeError(`${labelsName} must be a tf.Tensor`);
  if (labels.rank !== 1) throw new RangeError(`${labelsName} must be rank 1, got shape [${labels.shape}]`);
  if (labels.shape[0] !== n) {
    throw new RangeError(`${name} has ${n} rows but ${labelsName} has length ${labels.shape[0]}`);
  }
  if (n === 0) throw new RangeError(`${name} must not be empty`);
}

function checkRank(name: string, t: tf.Tensor, rank: number): void {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor`);
  if (t.rank !== rank) throw new RangeError(`${name} must be rank ${rank}, got shape [${t.shape}]`);
}

/** log Σ exp(x_i), stabilised by the maximum (float64). */
export function logSumExp(xs: ArrayLike<number>): number {
  if (xs.length === 0) throw new RangeError("xs must not be empty");
  requireAllFinite("xs", xs);
  let m = -Infinity;
  for (let i = 0; i < xs.length; i++) m = Math.max(m, xs[i]);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += Math.exp(xs[i] - m);
  return m + Math.log(s);
}

/** σ(x) = 1/(1 + e^{−x}), evaluated without overflow (float64). */
export function sigmoid(x: number): number {
  requireFinite("x", x);
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^{−|x|}) (float64). */
export function softplus(x: number): number {
  requireFinite("x", x);
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** The second component of softmax([a, b]) = e^b/(e^a + e^b), stabilised (float64); equals σ(b − a) (step 3). */
export function softmax2(a: number, b: number): number {
  requireFinite("a", a);
  requireFinite("b", b);
  const m = Math.max(a, b);
  const ea = Math.exp(a - m), eb = Math.exp(b - m);
  return eb / (ea + eb);
}

/**
 * The CoSENT loss in float64 (article eq. 2 with any scalar score): logsumexp of 0 and every λ(s_a − s_b) over
 * pairs with y_a < y_b. O(n²). Only the order of the labels matters; pairs with equal labels contribute nothing.
 */
export function cosentLossRef(scores: ArrayLike<number>, labels: ArrayLike<number>, lambda = 1): number {
  checkVectors(scores, labels);
  checkLambda(lambda);
  const terms = [0];
  for (let a = 0; a < scores.length; a++) {
    for (let b = 0; b < scores.length; b++) {
      if (labels[a] < labels[b]) terms.push(lambda * (scores[a] - scores[b]));
    }
  }
  return logSumExp(terms);
}

/**
 * The CoSENT loss for 0/1 labels in its factorised form (step 4c):
 * L = log(1 + (Σ_{a∈neg} e^{λ s_a})(Σ_{b∈pos} e^{−λ s_b})) = softplus(LSE_neg(λ s) + LSE_pos(−λ s)), float64, O(n).
 * A batch with one class only has L = 0.
 */
export function cosentLossBinary(scores: ArrayLike<number>, labels: ArrayLike<number>, lambda = 1): number {
  checkVectors(scores, labels);
  checkLambda(lambda);
  const neg: number[] = [], pos: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] === 0) neg.push(lambda * scores[i]);
    else if (labels[i] === 1) pos.push(-lambda * scores[i]);
    else throw new RangeError(`labels[${i}] must be 0 or 1, got ${labels[i]}`);
  }
  if (neg.length === 0 || pos.length === 0) return 0;
  return softplus(logSumExp(neg) + logSumExp(pos));
}

/**
 * The CoSENT loss on tfjs tensors (article eq. 2, the batch form of the reference code `interact_cosent.py`):
 * the B×B matrix λ(s_a − s_b), entries with y_a ≥ y_b pushed to −1e12, flattened, 0 prepended, log-sum-exp.
 * Differentiable in `scores` (float32). λ defaults to 1 (raw cross-encoder logits); CoSENT (I) used λ = 20 on
 * cosines. Call inside tf.tidy / an optimizer's minimize: intermediate tensors are not released here.
 */
export function cosentLoss(scores: tf.Tensor1D, labels: tf.Tensor1D, lambda = 1): tf.Scalar {
  checkRank("scores", scores, 1);
  checkTensors("scores", scores.shape[0], "labels", labels);
  checkLambda(lambda);
  const s = tf.mul(scores, lambda);
  const diff = tf.sub(tf.expandDims(s, 1), tf.expandDims(s, 0)); // [a, b] = λ(s_a − s_b)
  const keep = tf.cast(tf.less(tf.expandDims(labels, 1), tf.expandDims(labels, 0)), "float32"); // y_a < y_b
  const masked = tf.sub(diff, tf.mul(tf.sub(1, keep), MASK));
  const flat = tf.concat([tf.zeros([1]), tf.reshape(masked, [-1])]);
  return tf.logSumExp(flat) as tf.Scalar;
}

/**
 * The usual cross-encoder loss (article step 3): mean over the batch of −log softmax(logits)_y with two logits
 * per pair and 0/1 labels. Since softmax([a, b])₂ = σ(b − a) it is a sigmoid on the scalar b − a plus binary
 * cross-entropy. Call inside tf.tidy / minimize.
 */
export function twoClassCE(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  checkRank("logits", logits, 2);
  if (logits.shape[1] !== 2) throw new RangeError(`logits must have shape [B, 2], got [${logits.shape}]`);
  checkTensors("logits", logits.shape[0], "labels", labels);
  const logp = tf.sub(logits, tf.logSumExp(logits, 1, true));
  const y = tf.reshape(tf.cast(labels, "float32"), [-1, 1]);
  const pick = tf.concat([tf.sub(1, y), y], 1);
  return tf.neg(tf.mean(tf.sum(tf.mul(pick, logp), 1))) as tf.Scalar;
}

/**
 * Regression baseline for graded labels (the notebook's own, not in the article): mean (σ(z) − t)² with one logit
 * z per pair and targets t in [0, 1] (e.g. grade/4). Call inside tf.tidy / minimize.
 */
export function sigmoidMSE(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  checkRank("logits", logits, 2);
  if (logits.shape[1] !== 1) throw new RangeError(`logits must have shape [B, 1], got [${logits.shape}]`);
  checkTensors("logits", logits.shape[0], "targets", targets);
  return tf.mean(tf.square(tf.sub(tf.sigmoid(tf.reshape(logits, [-1])), targets))) as tf.Scalar;
}
