/**
 * Learned networks of conditional generation (article 06, kexue.fm/archives/9257), float32 tfjs MLPs:
 * - a conditional noise predictor ε_θ(x_t, y, t) with a "null" label φ (classifier-free guidance, step 6): the label
 *   enters as a one-hot vector of C + 1 slots (the last slot is φ) times a trainable table — one-hot × table *is* an
 *   embedding (stock tfjs-backend-wasm 4.22 had no gather gradient; lib/core now registers one);
 * - a time-conditioned noisy classifier p_θ(y|x_t, t) (classifier guidance, step 2) — the same MLP with C logits out
 *   and no label input;
 * - {@link gradWrtInput}: ∇ₓ of a network's scalar output by tf.grad, the "classifier gradient" of the sampler.
 * The papers used U-Nets; the project's models are MLPs on 2-D data: configurations of
 * lib/train's {@link Mlp}, whose dense layers (lib/core's matMulFast) also serve the input gradient.
 * @module
 */
import { requireInt, requireOneOf, type Rng, tf } from "../../core/mod.ts";
import { Mlp, predictRows, requireRows, rowSlice } from "../../train/mod.ts";
import { sinusoidalTable } from "./nets.ts";

/** Options of {@link LabelNet}. */
export interface LabelNetOptions {
  /** Input dimension d of x_t. */
  inDim: number;
  /** Output dimension (d for a noise predictor, C logits for a classifier). */
  outDim: number;
  /** Number of diffusion steps T (t = 0..T accepted). */
  T: number;
  /** Label slots of the one-hot input (C classes + 1 null slot); 0 (default) = no label input. */
  labelSlots?: number;
  /** Hidden width (default 128). */
  hidden?: number;
  /** Hidden layers (default 2). */
  layers?: number;
  /** Sinusoidal time features (even, default 64). */
  embDim?: number;
  /** Hidden activation (default "silu"). */
  activation?: "relu" | "silu";
  /** Scale of the output layer's initialisation (default 0.1: outputs start near 0). */
  outScale?: number;
  /** Seeded generator of the initial weights. */
  rng: Rng;
}

/**
 * An MLP f_θ(x, t, y): h₁ = act(x W_x + emb(t) W_t + onehot(y) W_y + b₁), h_{l+1} = act(h_l W_l + b_l),
 * out = h_L W_out + b_out. emb(t) is DDPM's sinusoidal encoding; W_y is the label table (row C = the null label φ).
 * A configuration of lib/train's {@link Mlp}: input blocks [x, emb(t), onehot(y)] (first-layer He fan-in
 * d + embDim (+ 1 with labels: one one-hot row is seen at a time)), output layer scaled by `outScale`.
 */
export class LabelNet {
  readonly options: Readonly<Required<Omit<LabelNetOptions, "rng">>>;
  /** The underlying {@link Mlp} (blocks [x, emb(t)] or [x, emb(t), onehot(y)]). */
  readonly mlp: Mlp;
  readonly #table: Float32Array;
  #disposed = false;

  constructor(opts: LabelNetOptions) {
    if (!opts || typeof opts !== "object") throw new TypeError("opts must be a LabelNetOptions object");
    const o = {
      inDim: requireInt("opts.inDim", opts.inDim, 1),
      outDim: requireInt("opts.outDim", opts.outDim, 1),
      T: requireInt("opts.T", opts.T, 1),
      labelSlots: requireInt("opts.labelSlots", opts.labelSlots ?? 0, 0),
      hidden: requireInt("opts.hidden", opts.hidden ?? 128, 1),
      layers: requireInt("opts.layers", opts.layers ?? 2, 1),
      embDim: requireInt("opts.embDim", opts.embDim ?? 64, 2),
      activation: requireOneOf("opts.activation", opts.activation ?? "silu", ["relu", "silu"] as const),
      outScale: opts.outScale ?? 0.1,
    };
    if (o.embDim % 2 !== 0) throw new RangeError(`opts.embDim must be even, got ${o.embDim}`);
    if (o.labelSlots === 1) throw new RangeError(`opts.labelSlots must be 0 or >= 2, got 1`);
    if (!(o.outScale > 0)) throw new RangeError(`opts.outScale must be > 0, got ${o.outScale}`);
    if (!opts.rng || typeof opts.rng.normals !== "function") throw new TypeError("opts.rng must be an Rng");
    this.options = o;
    this.#table = sinusoidalTable(o.T, o.embDim);
    this.mlp = new Mlp({
      inputs: o.labelSlots > 0 ? [o.inDim, o.embDim, o.labelSlots] : [o.inDim, o.embDim],
      outDim: o.outDim,
      hidden: Array.from({ length: o.layers }, () => o.hidden),
      activation: o.activation,
      firstFanIn: o.inDim + o.embDim + (o.labelSlots > 0 ? 1 : 0),
      outScale: o.outScale,
      rng: opts.rng,
    });
  }

  /** The index of the null label φ (= C, the last slot); −1 without label input. */
  get nullLabel(): number {
    return this.options.labelSlots - 1;
  }

  /** The trainable variables. */
  get variables(): tf.Variable[] {
    if (this.#disposed) throw new Error("this LabelNet has been disposed");
    return this.mlp.variables;
  }

  /** The number of trainable parameters. */
  get numParams(): number {
    return this.variables.reduce((s, v) => s + v.size, 0);
  }

  #rowsOf(name: string, v: number | Int32Array, n: number, max: number): Int32Array {
    const arr = typeof v === "number" ? new Int32Array(n).fill(v) : v;
    if (!(arr instanceof Int32Array)) throw new TypeError(`${name} must be a number or an Int32Array`);
    if (arr.length !== n) {
      throw new RangeError(`${name} must have one value per row (${n}), got ${arr.length}`);
    }
    for (let i = 0; i < n; i++) {
      if (!(arr[i] >= 0 && arr[i] <= max)) {
        throw new RangeError(`${name} must be integers in [0, ${max}], got ${arr[i]}`);
      }
    }
    return arr;
  }

  /**
   * f_θ(x, t, y) for x: [n, inDim]; t and y one value for all rows or an Int32Array per row (y required iff the net
   * has label slots; y = {@link nullLabel} is φ). Call inside tf.tidy: intermediates are not released here.
   */
  predict(x: tf.Tensor2D, t: number | Int32Array, y?: number | Int32Array): tf.Tensor2D {
    if (this.#disposed) throw new Error("this LabelNet has been disposed");
    const o = this.options;
    if (x.rank !== 2 || x.shape[1] !== o.inDim) {
      throw new RangeError(`x must have shape [n, ${o.inDim}], got [${x.shape}]`);
    }
    const n = x.shape[0];
    const ts = this.#rowsOf("t", t, n, o.T);
    const emb = new Float32Array(n * o.embDim);
    for (let i = 0; i < n; i++) {
      emb.set(this.#table.subarray(ts[i] * o.embDim, (ts[i] + 1) * o.embDim), i * o.embDim);
    }
    const blocks: tf.Tensor2D[] = [x, tf.tensor2d(emb, [n, o.embDim])];
    if (o.labelSlots > 0) {
      if (y === undefined) throw new TypeError("y is required: this net has label slots");
      const ys = this.#rowsOf("y", y, n, o.labelSlots - 1);
      const oh = new Float32Array(n * o.labelSlots);
      for (let i = 0; i < n; i++) oh[i * o.labelSlots + ys[i]] = 1;
      blocks.push(tf.tensor2d(oh, [n, o.labelSlots]));
    } else if (y !== undefined) {
      throw new TypeError("y must be omitted: this net has no label slots");
    }
    return this.mlp.predict(blocks);
  }

  /** f_θ on float64 points (row-major n×inDim), in chunks; returns float64 n×outDim, tensors released. */
  predictArray(x: Float64Array, t: number | Int32Array, y?: number | Int32Array, chunk = 4096): Float64Array {
    const { inDim: d, outDim } = this.options;
    const n = requireRows(x, d);
    if (typeof t !== "number" && t.length !== n) {
      throw new RangeError(`t must have one value per row (${n})`);
    }
    if (y !== undefined && typeof y !== "number" && y.length !== n) {
      throw new RangeError(`y must have one value per row (${n}), got ${y.length}`);
    }
    return predictRows(
      x,
      d,
      outDim,
      chunk,
      (xs, s, e) => this.predict(xs, rowSlice(t, s, e), rowSlice(y, s, e)),
    );
  }

  /** Releases the weights. */
  dispose(): void {
    this.#disposed = true;
    this.mlp.dispose();
  }
}

/**
 * ∇ₓ Σ_rows f(x) by tf.grad for float64 points x (row-major n×d): when f's rows do not interact (an MLP applied row
 * by row), row i of the result is the input gradient of row i's output. Tensors are released.
 */
export function gradWrtInput(f: (x: tf.Tensor2D) => tf.Tensor, x: Float64Array, d: number): Float64Array {
  if (typeof f !== "function") throw new TypeError("f must be a function (x: Tensor2D) => Tensor");
  requireInt("d", d, 1);
  if (!(x instanceof Float64Array) || x.length === 0 || x.length % d !== 0) {
    throw new RangeError(
      `x must be a non-empty Float64Array with a length divisible by d=${d}, got ${x?.length}`,
    );
  }
  const n = x.length / d;
  const g = tf.tidy(() => {
    const grad = tf.grad((u: tf.Tensor) => tf.sum(f(u as tf.Tensor2D)));
    return grad(tf.tensor2d(Float32Array.from(x), [n, d])).dataSync();
  });
  return Float64Array.from(g);
}

/**
 * The learned classifier gradient ∇ₓ log p_θ(y|x_t, t) (article 06 step 2) of a classifier {@link LabelNet} (C logits,
 * no label input), by {@link gradWrtInput} on the log-softmax of class y.
 */
export function classifierLogProbGrad(clf: LabelNet, x: Float64Array, t: number, y: number): Float64Array {
  if (!(clf instanceof LabelNet)) throw new TypeError("clf must be a LabelNet");
  requireInt("y", y, 0, clf.options.outDim - 1);
  return gradWrtInput(
    (u) => tf.slice(tf.logSoftmax(clf.predict(u, t)), [0, y], [-1, 1]),
    x,
    clf.options.inDim,
  );
}
