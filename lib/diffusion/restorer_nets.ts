/**
 * The learned q(x₀|x_t) of the unified diffusion model (brief 07 step 4, brief 08 §§3, 6): an MLP from a state x_t
 * (plus optional sinusoidal features of t) to a point estimate of x₀ or to per-position logits, trained with the
 * loss that −log q gives — squared error (Gaussian q), L1 (Laplace q, Cold Diffusion's restorer), or softmax
 * cross-entropy on masked positions (masked LM). The papers used U-Nets and Transformers; tfjs-backend-wasm 4.22
 * cannot train convolutions or gather-based embeddings, so these are MLPs on {@link dense} (one-hot inputs for tokens).
 * @module
 */
import { dense, Progress, requireInt, requireOneOf, requirePositive, type Rng, tf } from "../core/mod.ts";
import { adam, constantVariable, heNormalVariable, predictRows, rowSlice } from "../train/mod.ts";
import { sinusoidalTable } from "./nets.ts";
import { learningRateAt } from "./train.ts";

/** Options of {@link RestorerMLP}. */
export interface RestorerMLPOptions {
  inDim: number;
  outDim: number;
  /** Largest time step (sinusoidal features of t ∈ 0..T are appended to the input); 0 = no time input. */
  T: number;
  hidden?: number;
  layers?: number;
  embDim?: number;
  rng: Rng;
}

type Layer = { w: tf.Variable<tf.Rank.R2>; b: tf.Variable<tf.Rank.R1> };

/** y = MLP([x, φ(t)]) with ReLU hidden layers (He init from the seeded Rng, output layer ×0.1). */
export class RestorerMLP {
  readonly options: Readonly<Required<Omit<RestorerMLPOptions, "rng">>>;
  readonly #layers: Layer[] = [];
  readonly #table: Float32Array | null;
  #disposed = false;

  constructor(opts: RestorerMLPOptions) {
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
    const rng = opts.rng;
    const mk = (rows: number, cols: number, scale: number) => heNormalVariable(rng, rows, cols, rows, scale);
    const zeros = (n: number) => constantVariable(n);
    let width = o.inDim + (this.#table ? o.embDim : 0);
    for (let l = 0; l < o.layers; l++) {
      this.#layers.push({ w: mk(width, o.hidden, 1), b: zeros(o.hidden) });
      width = o.hidden;
    }
    this.#layers.push({ w: mk(width, o.outDim, 0.1), b: zeros(o.outDim) });
  }

  /** The trainable variables. */
  get variables(): tf.Variable[] {
    if (this.#disposed) throw new Error("this RestorerMLP has been disposed");
    return this.#layers.flatMap((l) => [l.w, l.b]);
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
    if (this.#disposed) throw new Error("this RestorerMLP has been disposed");
    let h = this.#input(x, t);
    this.#layers.forEach((l, i) => {
      const z = dense(h, l.w, l.b);
      h = i < this.#layers.length - 1 ? tf.relu(z) : z;
    });
    return h;
  }

  /** predict on float64 rows, in chunks; returns float64 (tensors released). */
  predictArray(x: Float64Array, t?: number | Int32Array, chunk = 2048): Float64Array {
    const { inDim, outDim } = this.options;
    return predictRows(x, inDim, outDim, chunk, (xs, s, e) => this.predict(xs, rowSlice(t, s, e)));
  }

  /** Releases the weights. */
  dispose(): void {
    if (this.#disposed) return;
    const v = this.variables;
    this.#disposed = true;
    v.forEach((x) => x.dispose());
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

/** Options of {@link trainRestorerMLP}. */
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
 * Trains `net` with Adam on batches from `makeBatch(rng)`: the cross-entropy −log q(x₀|x_t) of brief 07 step 4 in
 * its Gaussian (l2), Laplace (l1, Cold Diffusion) or categorical (xent, masked LM: Σ w·(−log softmax) / Σ w) form.
 * Returns the loss per step, tf.memory().numTensors per step (flat = no leak) and ms per step.
 */
export async function trainRestorerMLP(
  net: RestorerMLP,
  makeBatch: (rng: Rng) => RestorerBatch,
  opts: RestorerTrainOptions,
): Promise<{ loss: Float64Array; numTensors: Int32Array; msPerStep: number }> {
  if (!(net instanceof RestorerMLP)) throw new TypeError("net must be a RestorerMLP");
  if (typeof makeBatch !== "function") throw new TypeError("makeBatch must be a function rng => batch");
  const steps = requireInt("opts.steps", opts.steps, 1);
  requirePositive("opts.lr", opts.lr);
  const kind = requireOneOf("opts.loss", opts.loss, ["l2", "l1", "xent"] as const);
  const { inDim, outDim } = net.options;
  const groups = kind === "xent" ? requireInt("opts.groups", opts.groups, 1) : 1;
  if (outDim % groups !== 0) throw new RangeError(`opts.groups must divide outDim=${outDim}, got ${groups}`);
  const classes = outDim / groups;
  const optimizer = adam(opts.lr), vars = net.variables;
  const loss = new Float64Array(steps), numTensors = new Int32Array(steps);
  const label = opts.label === undefined ? "training" : opts.label;
  const progress = label === null ? null : new Progress(label, steps);
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const b = makeBatch(opts.rng);
    const n = b.x.length / inDim;
    if (!Number.isInteger(n) || b.y.length !== n * outDim) {
      throw new RangeError(`makeBatch must return x of n×${inDim} and y of n×${outDim} values`);
    }
    optimizer.learningRate = learningRateAt(i, { ...opts, steps });
    const value = tf.tidy(() => {
      const x = tf.tensor2d(b.x, [n, inDim]), y = tf.tensor2d(b.y, [n, outDim]);
      const l = optimizer.minimize(
        () => {
          const p = net.predict(x, b.t);
          if (kind === "l2") return tf.mean(tf.square(tf.sub(p, y))) as tf.Scalar;
          if (kind === "l1") return tf.mean(tf.abs(tf.sub(p, y))) as tf.Scalar;
          const logp = tf.logSoftmax(tf.reshape(p, [n * groups, classes]));
          const nll = tf.neg(tf.sum(tf.mul(logp, tf.reshape(y, [n * groups, classes])), 1));
          const w = tf.tensor1d(b.w ?? new Float32Array(n * groups).fill(1));
          return tf.div(tf.sum(tf.mul(nll, w)), tf.maximum(tf.sum(w), 1)) as tf.Scalar;
        },
        true,
        vars,
      );
      return l!.dataSync()[0];
    });
    if (!Number.isFinite(value)) throw new RangeError(`training diverged: loss ${value} at step ${i + 1}`);
    loss[i] = value;
    numTensors[i] = tf.memory().numTensors;
    if (progress) await progress.tick(1, { loss: value });
  }
  const msPerStep = (performance.now() - t0) / steps;
  optimizer.dispose();
  return { loss, numTensors, msPerStep };
}
