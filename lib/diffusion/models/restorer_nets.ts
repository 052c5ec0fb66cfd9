/**
 * The learned q(x₀|x_t) of the unified diffusion model (brief 07 step 4, brief 08 §§3, 6): an MLP from a state x_t
 * (plus optional sinusoidal features of t) to a point estimate of x₀ or to per-position logits, trained with the
 * loss that −log q gives — squared error (Gaussian q), L1 (Laplace q, Cold Diffusion's restorer), or softmax
 * cross-entropy on masked positions (masked LM). The papers used U-Nets and Transformers; the project's models are
 * lib/train's {@link Mlp} (one-hot inputs for tokens), trained on lib/train's loop. (Stock tfjs-backend-wasm 4.22
 * could train neither convolutions nor gather embeddings; lib/core now registers both gradient kernels, so a
 * convolutional model is possible — the notebooks say where an MLP is their choice.)
 * @module
 */
import { requireInt, requireOneOf, requirePositive, type Rng, tf } from "../../core/mod.ts";
import { adam, minimizeStep, Mlp, predictRows, rowSlice, runSteps, type StepLog } from "../../train/mod.ts";
import { sinusoidalTable } from "./nets.ts";
import { learningRateAt } from "./train.ts";

/** Options of {@link RestorerNet}. */
export interface RestorerNetOptions {
  inDim: number;
  outDim: number;
  /** Largest time step (sinusoidal features of t ∈ 0..T are appended to the input); 0 = no time input. */
  T: number;
  hidden?: number;
  layers?: number;
  embDim?: number;
  rng: Rng;
}

/**
 * y = MLP([x, φ(t)]) with ReLU hidden layers: a configuration of lib/train's {@link Mlp} with one input block (x and
 * the sinusoidal features φ(t) concatenated), He init from the seeded Rng, output layer ×0.1.
 */
export class RestorerNet {
  readonly options: Readonly<Required<Omit<RestorerNetOptions, "rng">>>;
  /** The underlying {@link Mlp} (one block [x, φ(t)]). */
  readonly mlp: Mlp;
  readonly #table: Float32Array | null;
  #disposed = false;

  constructor(opts: RestorerNetOptions) {
    if (!opts || !opts.rng || typeof opts.rng.normals !== "function") {
      throw new TypeError("opts.rng must be an Rng");
    }
    const o = {
      inDim: requireInt("opts.inDim", opts.inDim, 1),
      outDim: requireInt("opts.outDim", opts.outDim, 1),
      T: requireInt("opts.T", opts.T, 0),
      hidden: requireInt("opts.hidden", opts.hidden ?? 256, 1),
      layers: requireInt("opts.layers", opts.layers ?? 2, 1),
      embDim: requireInt("opts.embDim", opts.embDim ?? 64, 2),
    };
    if (o.embDim % 2 !== 0) throw new RangeError(`opts.embDim must be even, got ${o.embDim}`);
    this.options = o;
    this.#table = o.T > 0 ? sinusoidalTable(o.T, o.embDim) : null;
    this.mlp = new Mlp({
      inputs: o.inDim + (this.#table ? o.embDim : 0),
      outDim: o.outDim,
      hidden: Array.from({ length: o.layers }, () => o.hidden),
      activation: "relu",
      outScale: 0.1,
      rng: opts.rng,
    });
  }

  /** The trainable variables. */
  get variables(): tf.Variable[] {
    if (this.#disposed) throw new Error("this RestorerNet has been disposed");
    return this.mlp.variables;
  }

  #input(x: tf.Tensor2D, t?: number | Int32Array): tf.Tensor2D {
    if (x.rank !== 2 || x.shape[1] !== this.options.inDim) {
      throw new RangeError(`x must have shape [n, ${this.options.inDim}], got [${x.shape}]`);
    }
    if (!this.#table) return x;
    if (t === undefined) throw new TypeError("t is required: this net takes a time input");
    const n = x.shape[0], k = this.options.embDim, ts = typeof t === "number" ? null : t;
    if (ts && ts.length !== n) throw new RangeError(`t must have one step per row (${n}), got ${ts.length}`);
    const phi = new Float32Array(n * k);
    for (let i = 0; i < n; i++) {
      const ti = ts ? ts[i] : (t as number);
      if (!Number.isInteger(ti) || ti < 0 || ti > this.options.T) {
        throw new RangeError(`t must be integers in [0, ${this.options.T}], got ${ti}`);
      }
      phi.set(this.#table.subarray(ti * k, (ti + 1) * k), i * k);
    }
    return tf.concat([x, tf.tensor2d(phi, [n, k])], 1);
  }

  /** The raw output [n, outDim] (call inside tf.tidy). */
  predict(x: tf.Tensor2D, t?: number | Int32Array): tf.Tensor2D {
    if (this.#disposed) throw new Error("this RestorerNet has been disposed");
    return this.mlp.predict([this.#input(x, t)]);
  }

  /** predict on float64 rows, in chunks; returns float64 (tensors released). */
  predictArray(x: Float64Array, t?: number | Int32Array, chunk = 2048): Float64Array {
    const { inDim, outDim } = this.options;
    return predictRows(x, inDim, outDim, chunk, (xs, s, e) => this.predict(xs, rowSlice(t, s, e)));
  }

  /** Releases the weights. */
  dispose(): void {
    this.#disposed = true;
    this.mlp.dispose();
  }
}

/** One training batch: inputs, targets, optional steps, optional per-(row, group) weights for "xent". */
export interface RestorerBatch {
  x: Float32Array;
  y: Float32Array;
  t?: Int32Array;
  /** "xent" only: n×groups weights (1 = this position counts, e.g. it was masked). */
  w?: Float32Array;
}

/** Options of {@link trainRestorer}. */
export interface RestorerTrainOptions {
  steps: number;
  lr: number;
  /** "l2": mean squared error; "l1": mean absolute error; "xent": softmax cross-entropy per group. */
  loss: "l2" | "l1" | "xent";
  /** "xent": outDim = groups × classes (one softmax per group). */
  groups?: number;
  warmup?: number;
  decay?: "none" | "cosine";
  rng: Rng;
  label?: string | null;
}

/**
 * Trains `net` with Adam on lib/train's loop ({@link runSteps} + {@link minimizeStep}) on batches from `makeBatch(rng)`: the cross-entropy −log q(x₀|x_t) of brief 07 step 4 in
 * its Gaussian (l2), Laplace (l1, Cold Diffusion) or categorical (xent, masked LM: Σ w·(−log softmax) / Σ w) form.
 * Returns the loss per step, tf.memory().numTensors per step (flat = no leak) and ms per step.
 */
export async function trainRestorer(
  net: RestorerNet,
  makeBatch: (rng: Rng) => RestorerBatch,
  opts: RestorerTrainOptions,
): Promise<StepLog> {
  if (!(net instanceof RestorerNet)) throw new TypeError("net must be a RestorerNet");
  if (typeof makeBatch !== "function") throw new TypeError("makeBatch must be a function rng => batch");
  const steps = requireInt("opts.steps", opts.steps, 1);
  requirePositive("opts.lr", opts.lr);
  const kind = requireOneOf("opts.loss", opts.loss, ["l2", "l1", "xent"] as const);
  const { inDim, outDim } = net.options;
  const groups = kind === "xent" ? requireInt("opts.groups", opts.groups, 1) : 1;
  if (outDim % groups !== 0) throw new RangeError(`opts.groups must divide outDim=${outDim}, got ${groups}`);
  const classes = outDim / groups;
  const optimizer = adam(opts.lr), vars = net.variables;
  const label = opts.label === undefined ? "training" : opts.label;
  const log = await runSteps(steps, (i) => {
    const b = makeBatch(opts.rng);
    const n = b.x.length / inDim;
    if (!Number.isInteger(n) || b.y.length !== n * outDim) {
      throw new RangeError(`makeBatch must return x of n×${inDim} and y of n×${outDim} values`);
    }
    optimizer.learningRate = learningRateAt(i, { ...opts, steps });
    return minimizeStep(optimizer, () => {
      const x = tf.tensor2d(b.x, [n, inDim]), y = tf.tensor2d(b.y, [n, outDim]);
      const p = net.predict(x, b.t);
      if (kind === "l2") return tf.mean(tf.square(tf.sub(p, y))) as tf.Scalar;
      if (kind === "l1") return tf.mean(tf.abs(tf.sub(p, y))) as tf.Scalar;
      const logp = tf.logSoftmax(tf.reshape(p, [n * groups, classes]));
      const nll = tf.neg(tf.sum(tf.mul(logp, tf.reshape(y, [n * groups, classes])), 1));
      const w = tf.tensor1d(b.w ?? new Float32Array(n * groups).fill(1));
      return tf.div(tf.sum(tf.mul(nll, w)), tf.maximum(tf.sum(w), 1)) as tf.Scalar;
    }, vars);
  }, { label });
  optimizer.dispose();
  return log;
}
