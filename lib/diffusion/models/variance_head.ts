/**
 * Stage 2 of the two-stage scheme of Extended-Analytic-DPM (Su, kexue.fm/archives/9246; Bao et al. 2022, arXiv
 * 2206.07309): the ε-network is trained first and frozen; a small head on its last hidden layer then learns a
 * per-coordinate, x_t-dependent variance in ε-space:
 *
 * - "npr": g(x_t) ≈ E[(ε − ε_θ)² | x_t] by MSE on the squared residual (NPR-DPM);
 * - "sn":  h(x_t) ≈ E[ε² | x_t] by MSE on the squared noise (SN-DPM; its variance is h − ε_θ²);
 * - "nll": g(x_t) by the Gaussian negative log-likelihood mean((ε − ε_θ)²/g + log g) (the author's open question).
 *
 * The head is h = relu(f W₁ + b₁), out = softplus(h W₂ + b₂) > 0 (f = the frozen net's features). Only the head's
 * variables are optimised (the ε-network is never in the optimiser's variable list, so it cannot change). Float32
 * tfjs; x_0-space variances are formed in float64 by the caller (x0Scale · out).
 * @module
 */
import { requireInt, requireOneOf, requirePositive, type Rng, tf } from "../../core/mod.ts";
import { adam, minimizeStep, Mlp, predictRows, runSteps, type StepLog } from "../../train/mod.ts";
import { noisyBatch } from "../forward/mod.ts";
import type { EpsNet } from "./nets.ts";
import type { DiscreteSchedule } from "../schedule/mod.ts";
import { learningRateAt, type X0Sampler } from "./train.ts";

/** Options of {@link VarianceHead}. */
export interface VarianceHeadOptions {
  /** Feature dimension (the ε-net's hidden width). */
  inDim: number;
  /** Output dimension (the data dimension d). */
  outDim: number;
  /** Hidden width (default 64). */
  hidden?: number;
  /** Seeded generator of the initialisation. */
  rng: Rng;
}

/**
 * A two-layer head with a softplus output (a positive variance per coordinate): lib/train's {@link Mlp} with one
 * ReLU hidden layer, output ×0.1 and output bias softplus⁻¹(1) = log(e − 1), so the head starts near 1, the value
 * of E[ε²] for pure noise.
 */
export class VarianceHead {
  readonly inDim: number;
  readonly outDim: number;
  readonly hidden: number;
  /** The underlying {@link Mlp}. */
  readonly mlp: Mlp;
  #disposed = false;

  constructor(opts: VarianceHeadOptions) {
    if (!opts || typeof opts !== "object") throw new TypeError("opts must be VarianceHeadOptions");
    this.inDim = requireInt("opts.inDim", opts.inDim, 1);
    this.outDim = requireInt("opts.outDim", opts.outDim, 1);
    this.hidden = requireInt("opts.hidden", opts.hidden ?? 64, 1);
    if (!opts.rng || typeof opts.rng.normals !== "function") throw new TypeError("opts.rng must be an Rng");
    this.mlp = new Mlp({
      inputs: this.inDim,
      outDim: this.outDim,
      hidden: [this.hidden],
      activation: "relu",
      outActivation: "softplus",
      outScale: 0.1,
      outBiasInit: Math.log(Math.E - 1),
      rng: opts.rng,
    });
  }

  /** The trainable variables. */
  get variables(): tf.Variable[] {
    if (this.#disposed) throw new Error("this VarianceHead has been disposed");
    return this.mlp.variables;
  }

  /** The head's output softplus(relu(f W₁ + b₁) W₂ + b₂) for features f: [n, inDim]. Call inside tf.tidy. */
  predict(features: tf.Tensor2D): tf.Tensor2D {
    if (this.#disposed) throw new Error("this VarianceHead has been disposed");
    if (features.rank !== 2 || features.shape[1] !== this.inDim) {
      throw new RangeError(`features must have shape [n, ${this.inDim}], got [${features.shape}]`);
    }
    return this.mlp.predict([features]);
  }

  /** The head's output at float64 points x (row-major n×d) and step t, through the frozen net's features. */
  predictArray(net: EpsNet, x: Float64Array, t: number, chunk = 4096): Float64Array {
    const d = net.options.dim;
    if (d !== this.outDim || net.options.hidden !== this.inDim) {
      throw new RangeError(
        `net (dim ${d}, hidden ${net.options.hidden}) does not match the head (${this.outDim}, ${this.inDim})`,
      );
    }
    return predictRows(x, d, d, chunk, (xs) => this.predict(net.predictWithFeatures(xs, t).features));
  }

  /** Releases the weights. */
  dispose(): void {
    this.#disposed = true;
    this.mlp.dispose();
  }
}

/** What a head learns. */
export type HeadTarget = "npr" | "sn" | "nll";

/** Options of {@link trainVarianceHead}. */
export interface HeadTrainOptions {
  target: HeadTarget;
  steps: number;
  batch: number;
  /** Adam learning rate (the brief: 1e-3; the squared targets are heavy-tailed). */
  lr: number;
  /** Linear warm-up steps (default 0), as in {@link learningRateAt}. */
  warmup?: number;
  /**
   * Learning-rate decay after warm-up (default "none"): "cosine" anneals to 0 at the last step, so the head ends at
   * an average of the heavy-tailed targets rather than at the last noisy Adam step.
   */
  decay?: "none" | "cosine";
  /** Seeded generator of the batches (x_0, t, ε). */
  rng: Rng;
  /** Progress label (default "variance head"); null shows none. */
  label?: string | null;
}

/**
 * Trains `head` on the frozen `net` (brief 05, stage 2). Each step draws x_0, t ~ U{1..T} and ε, forms
 * x_t = ᾱ_t x_0 + β̄_t ε in float64, and minimises over the head's variables only:
 * npr: mean(((ε − ε_θ)² − g)²); sn: mean((ε² − h)²); nll: mean((ε − ε_θ)²/g + log g). The learning rate follows
 * {@link learningRateAt} (constant by default; optional warm-up and cosine decay).
 */
export async function trainVarianceHead(
  head: VarianceHead,
  net: EpsNet,
  sampleX0: X0Sampler,
  schedule: DiscreteSchedule,
  opts: HeadTrainOptions,
): Promise<StepLog> {
  if (!(head instanceof VarianceHead)) throw new TypeError("head must be a VarianceHead");
  if (!net || typeof net.predictWithFeatures !== "function") throw new TypeError("net must be an EpsNet");
  if (typeof sampleX0 !== "function") throw new TypeError("sampleX0 must be a function (n, rng) => points");
  const target = requireOneOf("opts.target", opts?.target, ["npr", "sn", "nll"] as const);
  const steps = requireInt("opts.steps", opts.steps, 1), batch = requireInt("opts.batch", opts.batch, 1);
  requirePositive("opts.lr", opts.lr);
  requireInt("opts.warmup", opts.warmup ?? 0, 0);
  requireOneOf("opts.decay", opts.decay ?? "none", ["none", "cosine"] as const);
  if (!opts.rng || typeof opts.rng.normals !== "function") throw new TypeError("opts.rng must be an Rng");
  if (schedule.T !== net.options.T) throw new RangeError(`schedule.T (${schedule.T}) must equal the net's T`);
  const d = net.options.dim, rng = opts.rng;
  if (head.outDim !== d || head.inDim !== net.options.hidden) {
    throw new RangeError(
      `head (${head.inDim} → ${head.outDim}) does not match the net (hidden ${net.options.hidden}, dim ${d})`,
    );
  }
  const optimizer = adam(opts.lr);
  const vars = head.variables;
  const log = await runSteps(steps, (i) => {
    const b = noisyBatch(sampleX0(batch, rng), d, schedule, rng);
    // tfjs's AdamOptimizer reads its (protected) learningRate at every applyGradients (adam_optimizer.js, 4.22)
    (optimizer as unknown as { learningRate: number }).learningRate = learningRateAt(i, opts);
    return minimizeStep(optimizer, () => {
      const xt = tf.tensor2d(Float32Array.from(b.xt), [batch, d]);
      const eps = tf.tensor2d(Float32Array.from(b.eps), [batch, d]);
      const { features, eps: epsTheta } = net.predictWithFeatures(xt, b.t);
      const out = head.predict(features);
      if (target === "sn") return tf.mean(tf.square(tf.sub(tf.square(eps), out))) as tf.Scalar;
      const r = tf.square(tf.sub(eps, epsTheta));
      if (target === "npr") return tf.mean(tf.square(tf.sub(r, out))) as tf.Scalar;
      return tf.mean(tf.add(tf.div(r, out), tf.log(out))) as tf.Scalar;
    }, vars);
  }, { label: opts.label === undefined ? "variance head" : opts.label });
  optimizer.dispose();
  return log;
}
