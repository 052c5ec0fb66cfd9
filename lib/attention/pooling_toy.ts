/**
 * The initialisation experiment of notebook 28 (step 6): one attention-pooling layer with a learnable query
 * q ∈ ℝ^d. Each step sees a fresh batch of sets of n keys K ~ N(0, I) and values V ~ N(0, I); the target is the
 * value v_t of the key with the largest w*ᵀk_i for a fixed hidden unit vector w*; the loss is the batch mean of
 * ‖o − v_t‖² with o = softmax(Kq)ᵀV. Built from reshape + matMul (tfjs float32), trained by lib/train's runSteps +
 * minimizeStep with plain gradient descent (tf.train.sgd, the brief's) or lib/train's Adam. q starts as scale × a
 * random unit vector: a large scale makes the attention nearly one-hot, its Jacobian diag(p) − ppᵀ nearly 0, and
 * plain gradient descent stalls. The data are drawn once ({@link poolingData}) and shared by runs that differ
 * only in the scale or the optimiser.
 * @module
 */
import { requireInt, requireOneOf, requirePositive, type Rng, tf } from "../core/mod.ts";
import { adam, minimizeStep, runSteps } from "../train/mod.ts";

/** Sizes of the pooling task. */
export interface PoolingSizes {
  /** keys per set, key/value size, sets per batch, steps (one fresh batch each) */
  n: number;
  d: number;
  batch: number;
  steps: number;
}

/** The data of one seed: w*, the initial direction of q, and per step K [batch·n, d], V [batch, n, d], targets. */
export interface PoolingData extends PoolingSizes {
  wStar: Float32Array;
  qDirection: Float32Array;
  batches: { K: Float32Array; V: Float32Array; target: Float32Array }[];
}

/** What {@link trainQueryPooling} returns. */
export interface PoolingRun {
  losses: Float64Array;
  /** ‖∇_q L‖ at initialisation on the first batch */
  grad0: number;
  /** mean attention entropy at initialisation on the first batch (nats) */
  entropy0: number;
}

const unit = (v: Float64Array) => {
  const nv = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / nv);
};

/** Draws w*, the direction of q and `steps` batches from `rng`; targets t = argmax_i w*ᵀk_i, computed in float64. */
export function poolingData(rng: Rng, sizes: PoolingSizes): PoolingData {
  const n = requireInt("sizes.n", sizes.n, 2);
  const d = requireInt("sizes.d", sizes.d, 1);
  const batch = requireInt("sizes.batch", sizes.batch, 1);
  const steps = requireInt("sizes.steps", sizes.steps, 1);
  const wStar = unit(rng.normals(d)), qDirection = unit(rng.normals(d));
  const batches = Array.from({ length: steps }, () => {
    const K = Float32Array.from(rng.normals(batch * n * d));
    const V = Float32Array.from(rng.normals(batch * n * d));
    const target = new Float32Array(batch * d);
    for (let b = 0; b < batch; b++) {
      let best = -Infinity, t = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += K[(b * n + i) * d + c] * wStar[c];
        if (s > best) [best, t] = [s, i];
      }
      target.set(V.subarray((b * n + t) * d, (b * n + t + 1) * d), b * d);
    }
    return { K, V, target };
  });
  return { n, d, batch, steps, wStar, qDirection, batches };
}

function poolingLoss(q: tf.Tensor, K: tf.Tensor2D, V: tf.Tensor3D, target: tf.Tensor2D, s: PoolingSizes) {
  const logits = tf.reshape(tf.matMul(K, tf.reshape(q, [s.d, 1])), [s.batch, s.n]);
  const p = tf.softmax(logits);
  const out = tf.reshape(tf.matMul(tf.reshape(p, [s.batch, 1, s.n]), V), [s.batch, s.d]);
  return { loss: tf.mean(tf.sum(tf.square(tf.sub(out, target)), 1)) as tf.Scalar, p };
}

/** Trains the pooling query on `data` from q₀ = scale·(its direction); one step per batch. */
export async function trainQueryPooling(
  data: PoolingData,
  opts: { scale: number; lr: number; optimizer?: "sgd" | "adam" },
): Promise<PoolingRun> {
  if (!data || !Array.isArray(data.batches) || data.batches.length === 0) {
    throw new TypeError("data must come from poolingData()");
  }
  requirePositive("opts.scale", opts.scale);
  requirePositive("opts.lr", opts.lr);
  const which = requireOneOf("opts.optimizer", opts.optimizer ?? "sgd", ["sgd", "adam"] as const);
  const s = data;
  const tensors = (i: number) => ({
    K: tf.tensor2d(s.batches[i].K, [s.batch * s.n, s.d]),
    V: tf.tensor3d(s.batches[i].V, [s.batch, s.n, s.d]),
    target: tf.tensor2d(s.batches[i].target, [s.batch, s.d]),
  });
  const q = tf.tidy(() => tf.variable(tf.tensor1d(s.qDirection.map((x) => x * opts.scale))));
  const opt = which === "sgd" ? tf.train.sgd(opts.lr) : adam(opts.lr);
  try {
    const { grad0, entropy0 } = tf.tidy(() => {
      const b = tensors(0);
      const g = tf.grad((qq: tf.Tensor) => poolingLoss(qq, b.K, b.V, b.target, s).loss)(q);
      const { p } = poolingLoss(q, b.K, b.V, b.target, s);
      const h = tf.neg(tf.sum(tf.mul(p, tf.log(tf.maximum(p, 1e-30))), 1));
      return { grad0: tf.norm(g).dataSync()[0], entropy0: tf.mean(h).dataSync()[0] };
    });
    const log = await runSteps(s.steps, (i) => {
      const b = tensors(i);
      const l = minimizeStep(opt, () => poolingLoss(q, b.K, b.V, b.target, s).loss, [q]);
      tf.dispose([b.K, b.V, b.target]);
      return l;
    }, { label: null });
    return { losses: log.loss, grad0, entropy0 };
  } finally {
    q.dispose();
    opt.dispose();
  }
}

/**
 * How long a run stays on a plateau: the first step count t at which the trailing mean of the last `window` losses
 * is ≤ `threshold`, or `losses.length` with `reached: false` if it never is (then t is a lower bound on the delay).
 */
export function stepsToReach(
  losses: ArrayLike<number>,
  threshold: number,
  window = 10,
): { steps: number; reached: boolean } {
  if (losses.length === 0) throw new RangeError("losses must not be empty");
  if (!Number.isFinite(threshold)) throw new RangeError(`threshold must be finite, got ${threshold}`);
  requireInt("window", window, 1, losses.length);
  let sum = 0;
  for (let i = 0; i < losses.length; i++) {
    sum += losses[i];
    if (i >= window) sum -= losses[i - window];
    if (i >= window - 1 && sum / window <= threshold) return { steps: i + 1, reached: true };
  }
  return { steps: losses.length, reached: false };
}
