/**
 * The learned noise predictor ε̂_θ(x_t, t) of article 03 as a plain MLP (float32 tfjs). The article used a U-Net;
 * the project's models are MLPs (written when stock tfjs-backend-wasm 4.22 had no Conv2DBackpropFilter and no
 * UnsortedSegmentSum; lib/core now registers both, so convolutions and gather embeddings train too). The time step enters through fixed sinusoidal features
 * (DDPM / Transformer encoding) or a one-hot vector, each multiplied by a trainable matrix — one-hot × matrix *is*
 * a trainable embedding table (the article's lesson (iv): both work). The net is a configuration of lib/train's
 * {@link Mlp} (whose dense layers use lib/core's matMulFast unless `matmul: "tf"` is asked for).
 * @module
 */
import { requireInt, requireOneOf, Rng, tf } from "../../core/mod.ts";
import { Mlp, predictRows, requireRows, rowSlice } from "../../train/mod.ts";

/**
 * The sinusoidal time features emb(t) = [sin(t ω_0..ω_{h−1}), cos(t ω_0..ω_{h−1})], ω_i = 10000^{−i/h}, h = dim/2,
 * for t = 0..T: a (T+1)×dim row-major Float32Array (DDPM, Ho et al. 2020, following the Transformer).
 */
export function sinusoidalTable(T: number, dim: number): Float32Array {
  requireInt("T", T, 1);
  requireInt("dim", dim, 2);
  if (dim % 2 !== 0) throw new RangeError(`dim must be even, got ${dim}`);
  const h = dim / 2, out = new Float32Array((T + 1) * dim);
  for (let t = 0; t <= T; t++) {
    for (let i = 0; i < h; i++) {
      const w = Math.pow(10000, -i / h);
      out[t * dim + i] = Math.sin(t * w);
      out[t * dim + h + i] = Math.cos(t * w);
    }
  }
  return out;
}

/** Options of {@link EpsNet}. */
export interface EpsNetOptions {
  /** Data dimension d (input and output). */
  dim: number;
  /** Number of diffusion steps T (time steps are 1..T; 0 is allowed as input too). */
  T: number;
  /** Hidden width (default 128). */
  hidden?: number;
  /** Number of hidden layers (default 3). */
  layers?: number;
  /** Hidden activation (default "relu"; "silu" = x·sigmoid(x), the repo's swish). */
  activation?: "relu" | "silu";
  /** How t enters (default "sinusoidal" with `embDim` features; "onehot" = a trainable (T+1)×hidden table). */
  timeEmbedding?: "sinusoidal" | "onehot";
  /** Number of sinusoidal features (even, default 64). */
  embDim?: number;
  /** "fast" (default): lib/core matMulFast; "tf": plain tf.matMul (slow gradients on wasm; for the benchmark). */
  matmul?: "fast" | "tf";
  /** Seeded generator for the weight initialisation. */
  rng: Rng;
}

/**
 * An MLP ε̂_θ(x, t): h₁ = act(x W_x + φ(t) W_t + b₁), h_{l+1} = act(h_l W_l + b_l), ε̂ = h_L W_out + b_out, where φ(t) is
 * the sinusoidal row or the one-hot vector of t — a configuration of lib/train's {@link Mlp} with two input blocks
 * (x and φ(t)), `layers` hidden layers, He-normal initialisation from the seeded Rng (first-layer fan-in d + embDim,
 * or d + 1 for one-hot, whose rows are seen one at a time) and the output layer scaled down (×0.1) so the initial
 * prediction is near 0 (loss ≈ 1 per dimension).
 */
export class EpsNet {
  readonly options: Readonly<Required<Omit<EpsNetOptions, "rng">>>;
  /** The underlying {@link Mlp} (blocks [x, φ(t)]). */
  readonly mlp: Mlp;
  readonly #table: Float32Array | null;
  #disposed = false;

  constructor(opts: EpsNetOptions) {
    if (!opts || typeof opts !== "object") throw new TypeError("opts must be an EpsNetOptions object");
    const o = {
      dim: requireInt("opts.dim", opts.dim, 1),
      T: requireInt("opts.T", opts.T, 1),
      hidden: requireInt("opts.hidden", opts.hidden ?? 128, 1),
      layers: requireInt("opts.layers", opts.layers ?? 3, 1),
      activation: requireOneOf("opts.activation", opts.activation ?? "relu", ["relu", "silu"] as const),
      timeEmbedding: requireOneOf(
        "opts.timeEmbedding",
        opts.timeEmbedding ?? "sinusoidal",
        [
          "sinusoidal",
          "onehot",
        ] as const,
      ),
      embDim: requireInt("opts.embDim", opts.embDim ?? 64, 2),
      matmul: requireOneOf("opts.matmul", opts.matmul ?? "fast", ["fast", "tf"] as const),
    };
    if (o.embDim % 2 !== 0) throw new RangeError(`opts.embDim must be even, got ${o.embDim}`);
    if (!opts.rng || typeof opts.rng.normals !== "function") throw new TypeError("opts.rng must be an Rng");
    this.options = o;
    const k = this.timeFeatureDim;
    this.#table = o.timeEmbedding === "sinusoidal" ? sinusoidalTable(o.T, o.embDim) : null;
    this.mlp = new Mlp({
      inputs: [o.dim, k],
      outDim: o.dim,
      hidden: Array.from({ length: o.layers }, () => o.hidden),
      activation: o.activation,
      firstFanIn: o.dim + (o.timeEmbedding === "sinusoidal" ? k : 1),
      outScale: 0.1,
      matmul: o.matmul,
      rng: opts.rng,
    });
  }

  /** Number of time features: embDim (sinusoidal) or T + 1 (one-hot). */
  get timeFeatureDim(): number {
    return this.options.timeEmbedding === "sinusoidal" ? this.options.embDim : this.options.T + 1;
  }

  /** The trainable variables (W_x, W_t, then each layer's bias/weights). */
  get variables(): tf.Variable[] {
    this.#alive();
    return this.mlp.variables;
  }

  /** The number of trainable parameters. */
  get numParams(): number {
    return this.mlp.numParams;
  }

  #alive(): void {
    if (this.#disposed) throw new Error("this EpsNet has been disposed");
  }

  /** The time features φ(t) as a tensor: [1, k] for one t shared by the batch, [n, k] for one t per row. */
  timeFeatures(t: number | Int32Array): tf.Tensor2D {
    const { T } = this.options;
    const k = this.timeFeatureDim;
    const ts = typeof t === "number" ? [t] : t;
    if (typeof t !== "number" && !(t instanceof Int32Array)) {
      throw new TypeError(`t must be a number or an Int32Array, got ${String(t)}`);
    }
    const out = new Float32Array(ts.length * k);
    for (let i = 0; i < ts.length; i++) {
      const ti = ts[i];
      if (!Number.isInteger(ti) || ti < 0 || ti > T) {
        throw new RangeError(`t must be integers in [0, ${T}], got ${ti}`);
      }
      if (this.#table) out.set(this.#table.subarray(ti * k, (ti + 1) * k), i * k);
      else out[i * k + ti] = 1;
    }
    return tf.tensor2d(out, [ts.length, k]);
  }

  /**
   * ε̂_θ(x, t) for x: [n, dim] (float32) and t one step for all rows or an Int32Array of n steps. Call inside
   * tf.tidy (or dispose the result): intermediate tensors are not released here.
   */
  predict(x: tf.Tensor2D, t: number | Int32Array): tf.Tensor2D {
    return this.predictWithFeatures(x, t).eps;
  }

  /**
   * ε̂_θ(x, t) together with the last hidden layer h_L (the "features" a variance head of brief 05 reuses):
   * ε̂ = h_L W_out + b_out. Call inside tf.tidy (intermediate tensors are not released here).
   */
  predictWithFeatures(x: tf.Tensor2D, t: number | Int32Array): { features: tf.Tensor2D; eps: tf.Tensor2D } {
    this.#alive();
    if (x.rank !== 2 || x.shape[1] !== this.options.dim) {
      throw new RangeError(`x must have shape [n, ${this.options.dim}], got [${x.shape}]`);
    }
    if (typeof t !== "number" && t.length !== x.shape[0]) {
      throw new RangeError(`t must have one step per row (${x.shape[0]}), got ${t.length}`);
    }
    const { features, out } = this.mlp.forward([x, this.timeFeatures(t)]);
    return { features, eps: out };
  }

  /**
   * ε̂_θ on float64 points (row-major n×dim), evaluated in chunks of `chunk` rows; returns float64. Tensors are
   * released. This is the form the float64 samplers take.
   */
  predictArray(x: Float64Array, t: number | Int32Array, chunk = 4096): Float64Array {
    this.#alive();
    const d = this.options.dim, n = requireRows(x, d);
    if (typeof t !== "number" && t.length !== n) {
      throw new RangeError(`t must have one step per row (${n}), got ${t.length}`);
    }
    return predictRows(x, d, d, chunk, (xs, s, e) => this.predict(xs, rowSlice(t, s, e)));
  }

  /** A copy with the same architecture and copied weights, e.g. to hold an EMA of the weights. */
  clone(): EpsNet {
    this.#alive();
    const c = new EpsNet({ ...this.options, rng: new Rng(0) });
    c.assignFrom(this);
    return c;
  }

  /** Copies the weights of `other` (same architecture) into this net. */
  assignFrom(other: EpsNet): void {
    this.#alive();
    if (!(other instanceof EpsNet)) throw new TypeError("other must be an EpsNet");
    this.mlp.assignFrom(other.mlp);
  }

  /** Releases the weights (the net cannot be used afterwards). */
  dispose(): void {
    this.#disposed = true;
    this.mlp.dispose();
  }
}
