/**
 * The project's one multilayer perceptron (float32 tfjs). Every learned model of the collection is a configuration
 * of it: the ε-predictor of the diffusion notebooks, the label/CFG net, the restorer, the variance head, the retrieval
 * pair model, the fine-tuning backbones. Its input is a list of feature blocks, each with its own first-layer matrix:
 *
 *   z₁ = x₀W₀ + x₁W₁ + … + b₁,   h_l = act(z_l),   z_{l+1} = h_l W_l + b_{l+1},   out = outAct(h_L W_out + b_out).
 *
 * Summing per-block products equals one matmul of the concatenated features, and lets a block be shared by the batch
 * (a [1, k] row, e.g. the time features of a step common to all rows) or be one-hot (one-hot × W *is* an embedding
 * table — the only embedding tfjs-backend-wasm can train). Weights are He-normal from the seeded Rng, drawn in the
 * order W₀, W₁, …, hidden layers, output; biases start at a constant. Dense products use lib/core's
 * {@link matMulFast} (plain tf.matMul when OpenBLAS runs), or plain tf.matMul if `matmul: "tf"` is asked for.
 * @module
 */
import { matMulFast, requireInt, requireOneOf, requirePositive, Rng, tf } from "../core/mod.ts";
import { constantVariable, heNormalVariable } from "./init.ts";

/** Hidden or output activations: "silu" = x·σ(x), "softplus" = log(1 + eˣ) (a positive output), "linear" = none. */
export const MLP_ACTIVATIONS = ["relu", "silu", "tanh", "sigmoid", "softplus", "linear"] as const;
/** One of {@link MLP_ACTIVATIONS}. */
export type MlpActivation = typeof MLP_ACTIVATIONS[number];

/** Options of {@link Mlp}. */
export interface MlpOptions {
  /** Widths of the input feature blocks (one number = one block). Each block has its own first-layer matrix. */
  inputs: number | readonly number[];
  /** Output width. */
  outDim: number;
  /** Widths of the hidden layers (default [128, 128]); [] gives an affine model out = Σ x_i W_i + b. */
  hidden?: readonly number[];
  /** Hidden activation (default "relu"). */
  activation?: MlpActivation;
  /** Output activation (default "linear"). */
  outActivation?: MlpActivation;
  /** Fan-in of the He initialisation of the first layer (default: the sum of the input widths). */
  firstFanIn?: number;
  /** Scale of the output layer's He initialisation (default 1; 0.1 starts the output near 0). */
  outScale?: number;
  /** Initial value of every bias (default 0). */
  biasInit?: number;
  /**
   * Initial value of the output layer's bias (default: biasInit), e.g. softplus⁻¹(1) = log(e − 1) so that a
   * softplus output (a variance head) starts near 1.
   */
  outBiasInit?: number;
  /** "fast" (default): lib/core's matMulFast; "tf": plain tf.matMul (to measure the difference). */
  matmul?: "fast" | "tf";
  /** Seeded generator of the initial weights. */
  rng: Rng;
}

/** The resolved options of an {@link Mlp} (everything but the generator). */
export type MlpConfig = Readonly<{
  inputs: readonly number[];
  outDim: number;
  hidden: readonly number[];
  activation: MlpActivation;
  outActivation: MlpActivation;
  firstFanIn: number;
  outScale: number;
  biasInit: number;
  outBiasInit: number;
  matmul: "fast" | "tf";
}>;

function resolve(opts: MlpOptions): MlpConfig {
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be an MlpOptions object");
  const rawInputs = typeof opts.inputs === "number" ? [opts.inputs] : opts.inputs;
  if (!Array.isArray(rawInputs) || rawInputs.length === 0) {
    throw new TypeError(
      `opts.inputs must be a width or a non-empty array of widths, got ${String(opts.inputs)}`,
    );
  }
  const inputs = rawInputs.map((w, i) => requireInt(`opts.inputs[${i}]`, w, 1));
  const hiddenRaw = opts.hidden ?? [128, 128];
  if (!Array.isArray(hiddenRaw)) throw new TypeError(`opts.hidden must be an array of widths`);
  const hidden = hiddenRaw.map((w, i) => requireInt(`opts.hidden[${i}]`, w, 1));
  const biasInit = opts.biasInit ?? 0;
  if (!Number.isFinite(biasInit)) throw new RangeError(`opts.biasInit must be finite, got ${biasInit}`);
  const outBiasInit = opts.outBiasInit ?? biasInit;
  if (!Number.isFinite(outBiasInit)) {
    throw new RangeError(`opts.outBiasInit must be finite, got ${outBiasInit}`);
  }
  return {
    inputs,
    outDim: requireInt("opts.outDim", opts.outDim, 1),
    hidden,
    activation: requireOneOf("opts.activation", opts.activation ?? "relu", MLP_ACTIVATIONS),
    outActivation: requireOneOf("opts.outActivation", opts.outActivation ?? "linear", MLP_ACTIVATIONS),
    firstFanIn: requireInt("opts.firstFanIn", opts.firstFanIn ?? inputs.reduce((s, w) => s + w, 0), 1),
    outScale: requirePositive("opts.outScale", opts.outScale ?? 1),
    biasInit,
    outBiasInit,
    matmul: requireOneOf("opts.matmul", opts.matmul ?? "fast", ["fast", "tf"] as const),
  };
}

/** Applies an activation (inside the caller's tidy). */
export function applyActivation(x: tf.Tensor2D, act: MlpActivation): tf.Tensor2D {
  switch (requireOneOf("act", act, MLP_ACTIVATIONS)) {
    case "relu":
      return tf.relu(x);
    case "silu":
      return tf.mul(x, tf.sigmoid(x)) as tf.Tensor2D;
    case "tanh":
      return tf.tanh(x);
    case "sigmoid":
      return tf.sigmoid(x);
    case "softplus":
      return tf.softplus(x);
    case "linear":
      return x;
  }
}

/** A seeded MLP over feature blocks; see the module documentation for the formula. */
export class Mlp {
  /** The resolved configuration (clone() rebuilds the net from it). */
  readonly config: MlpConfig;
  readonly #first: tf.Variable<tf.Rank.R2>[];
  readonly #weights: tf.Variable<tf.Rank.R2>[];
  readonly #biases: tf.Variable<tf.Rank.R1>[];
  #disposed = false;

  constructor(opts: MlpOptions) {
    const c = resolve(opts);
    if (!opts.rng || typeof opts.rng.normals !== "function") throw new TypeError("opts.rng must be an Rng");
    this.config = c;
    const rng = opts.rng;
    const width1 = c.hidden.length > 0 ? c.hidden[0] : c.outDim;
    const scale1 = c.hidden.length > 0 ? 1 : c.outScale;
    this.#first = c.inputs.map((w) => heNormalVariable(rng, w, width1, c.firstFanIn, scale1));
    this.#weights = [];
    const widths = [...c.hidden, c.outDim];
    for (let l = 1; l < widths.length; l++) {
      const last = l === widths.length - 1;
      this.#weights.push(
        heNormalVariable(rng, widths[l - 1], widths[l], widths[l - 1], last ? c.outScale : 1),
      );
    }
    this.#biases = widths.map((w, l) =>
      constantVariable(w, l === widths.length - 1 ? c.outBiasInit : c.biasInit)
    );
  }

  /**
   * The trainable variables in a fixed order: the first-layer block matrices, the first bias, then each later
   * layer's weight and bias.
   */
  get variables(): tf.Variable[] {
    this.#alive();
    const v: tf.Variable[] = [...this.#first, this.#biases[0]];
    this.#weights.forEach((w, i) => v.push(w, this.#biases[i + 1]));
    return v;
  }

  /** The number of trainable parameters. */
  get numParams(): number {
    return this.variables.reduce((s, v) => s + v.size, 0);
  }

  #alive(): void {
    if (this.#disposed) throw new Error("this Mlp has been disposed");
  }

  #mm(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
    return this.config.matmul === "fast" ? matMulFast(a, b) : tf.matMul(a, b);
  }

  /**
   * The output and the last hidden layer h_L ("features", e.g. what a variance head reads; with no hidden layer, the
   * output before its activation). `blocks[i]` is [n, inputs[i]] or [1, inputs[i]] (shared by the batch); at least one
   * block must have n rows. Call inside tf.tidy: intermediate tensors are not released here.
   */
  forward(blocks: readonly tf.Tensor2D[]): { features: tf.Tensor2D; out: tf.Tensor2D } {
    this.#alive();
    const c = this.config;
    if (!Array.isArray(blocks) || blocks.length !== c.inputs.length) {
      throw new RangeError(
        `blocks must be ${c.inputs.length} tensors, got ${Array.isArray(blocks) ? blocks.length : blocks}`,
      );
    }
    const rows = new Set<number>();
    blocks.forEach((b, i) => {
      if (!(b instanceof tf.Tensor) || b.rank !== 2 || b.shape[1] !== c.inputs[i]) {
        throw new RangeError(
          `blocks[${i}] must have shape [n, ${c.inputs[i]}], got [${(b as tf.Tensor)?.shape}]`,
        );
      }
      if (b.shape[0] !== 1) rows.add(b.shape[0]);
    });
    if (rows.size > 1) throw new RangeError(`blocks must share one row count (or 1), got ${[...rows]}`);
    let z = this.#mm(blocks[0], this.#first[0]);
    for (let i = 1; i < blocks.length; i++) z = tf.add(z, this.#mm(blocks[i], this.#first[i]));
    z = tf.add(z, this.#biases[0]);
    const L = this.#weights.length;
    let features = z;
    for (let l = 0; l < L; l++) {
      const h = applyActivation(z, c.activation);
      features = h;
      z = tf.add(this.#mm(h, this.#weights[l]), this.#biases[l + 1]);
    }
    return { features, out: applyActivation(z, c.outActivation) };
  }

  /** The output for the given blocks (see {@link forward}); call inside tf.tidy. */
  predict(blocks: readonly tf.Tensor2D[]): tf.Tensor2D {
    return this.forward(blocks).out;
  }

  /** A copy with the same configuration and copied weights (e.g. to hold an EMA of the weights). */
  clone(): Mlp {
    this.#alive();
    const c = new Mlp({ ...this.config, rng: new Rng(0) });
    c.assignFrom(this);
    return c;
  }

  /** Copies the weights of `other` (same configuration) into this net. */
  assignFrom(other: Mlp): void {
    this.#alive();
    if (!(other instanceof Mlp)) throw new TypeError("other must be an Mlp");
    const mine = this.variables, theirs = other.variables;
    if (mine.length !== theirs.length || mine.some((v, i) => v.shape.join() !== theirs[i].shape.join())) {
      throw new RangeError("other must have the same architecture");
    }
    mine.forEach((v, i) => v.assign(theirs[i]));
  }

  /** Releases the weights (the net cannot be used afterwards). */
  dispose(): void {
    if (this.#disposed) return;
    const vars = this.variables;
    this.#disposed = true;
    for (const v of vars) v.dispose();
  }
}
