/**
 * A small interaction (cross-encoder) similarity model and its training loop, for the toy experiments of notebook
 * 13 (CoSENT (III), kexue.fm/archives/9341: there the model is BERT on "[CLS] a [SEP] b [SEP]" with a Dense head on
 * [CLS]; here, the notebook's own CPU-scale stand-in, MatchPyramid-style):
 *
 *   e(x) = onehot(x)·E + P  (token table E: V×d, position table P: L×d, shared by both sides)
 *   M = e(a)·e(b)ᵀ/√d        (L×L interaction matrix, computed jointly for the pair: a genuine cross-encoder)
 *   h = relu(vec(M)·W₁ + b₁),  logits = h·W₂ + b₂   (heads = 2 for softmax-CE, 1 for CoSENT or MSE)
 *
 * Embeddings are one-hot × table (an embedding lookup; written when stock tfjs-backend-wasm 4.22 had no gather
 * gradient, which lib/core now registers); the MLP on M is lib/train's {@link Mlp} (dense layers on lib/core's matMulFast).
 * @module
 */
import { matMulFast, requireInt, requireOneOf, requirePositive, type Rng, tf } from "../core/mod.ts";
import { adam, minimizeStep, Mlp, runSteps } from "../train/mod.ts";
import { cosentLoss, sigmoidMSE, twoClassCE } from "./cosent.ts";
import type { PairSet } from "./pairs.ts";

/** The three training losses compared in notebook 13. */
export type PairLoss = "ce" | "cosent" | "mse";

/** Options of {@link MatchCrossEncoder}. */
export interface CrossEncoderOptions {
  /** Vocabulary size V. */
  vocab: number;
  /** Tokens per sentence L. */
  seqLen: number;
  /** Embedding width d. */
  dim: number;
  /** Hidden width of the MLP on the interaction matrix (default 64). */
  hidden?: number;
  /** Output logits per pair: 2 for softmax cross-entropy, 1 for CoSENT / MSE. */
  heads: 1 | 2;
  /** Half-width of the uniform initialisation of E and P (default 0.5). */
  embInit?: number;
  /** Seeded generator for the initialisation. */
  rng: Rng;
}

const uniform = (rng: Rng, rows: number, cols: number, h: number) =>
  tf.tidy(() =>
    tf.variable(tf.tensor2d(Float32Array.from(rng.uniforms(rows * cols, -h, h)), [rows, cols]))
  ) as tf.Variable<tf.Rank.R2>;

/** The MatchPyramid-style cross-encoder of the module doc (float32 tfjs). */
export class MatchCrossEncoder {
  readonly options: Readonly<Required<Omit<CrossEncoderOptions, "rng">>>;
  readonly #E: tf.Variable<tf.Rank.R2>;
  readonly #P: tf.Variable<tf.Rank.R2>;
  /** The MLP on the interaction matrix (lib/train's {@link Mlp}: L² → hidden (ReLU) → heads). */
  readonly mlp: Mlp;
  #disposed = false;

  constructor(opts: CrossEncoderOptions) {
    if (!opts || typeof opts !== "object") throw new TypeError("opts must be a CrossEncoderOptions object");
    const o = {
      vocab: requireInt("opts.vocab", opts.vocab, 2),
      seqLen: requireInt("opts.seqLen", opts.seqLen, 1),
      dim: requireInt("opts.dim", opts.dim, 1),
      hidden: requireInt("opts.hidden", opts.hidden ?? 64, 1),
      heads: requireInt("opts.heads", opts.heads, 1, 2) as 1 | 2,
      embInit: requirePositive("opts.embInit", opts.embInit ?? 0.5),
    };
    if (!opts.rng || typeof opts.rng.normals !== "function") throw new TypeError("opts.rng must be an Rng");
    this.options = o;
    const r = opts.rng;
    this.#E = uniform(r, o.vocab, o.dim, o.embInit);
    this.#P = uniform(r, o.seqLen, o.dim, o.embInit);
    this.mlp = new Mlp({
      inputs: o.seqLen * o.seqLen,
      outDim: o.heads,
      hidden: [o.hidden],
      activation: "relu",
      rng: r,
    });
  }

  /** The trainable variables: E, P, W₁, b₁, W₂, b₂. */
  get params(): tf.Variable[] {
    this.#alive();
    return [this.#E, this.#P, ...this.mlp.variables];
  }

  /** The number of trainable parameters. */
  get numParams(): number {
    return this.params.reduce((s, v) => s + v.size, 0);
  }

  #alive(): void {
    if (this.#disposed) throw new Error("this MatchCrossEncoder has been disposed");
  }

  #embed(ids: tf.Tensor2D): tf.Tensor3D {
    const [B, L] = ids.shape;
    const oh = tf.cast(tf.oneHot(tf.reshape(ids, [-1]), this.options.vocab), "float32") as tf.Tensor2D;
    return tf.add(tf.reshape(matMulFast(oh, this.#E), [B, L, this.options.dim]), this.#P) as tf.Tensor3D;
  }

  /** The interaction matrix M = e(a)e(b)ᵀ/√d, [B, L, L] (a broadcast product: no transposed matmul). */
  interaction(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor3D {
    this.#alive();
    const L = this.options.seqLen;
    for (const [name, t] of [["a", a], ["b", b]] as const) {
      if (!(t instanceof tf.Tensor) || t.rank !== 2 || t.shape[1] !== L || t.dtype !== "int32") {
        throw new RangeError(
          `${name} must be an int32 tensor of shape [B, ${L}], got [${t?.shape}] ${t?.dtype}`,
        );
      }
    }
    if (a.shape[0] !== b.shape[0]) throw new RangeError(`a and b must have the same batch size`);
    const ea = tf.expandDims(this.#embed(a), 2), eb = tf.expandDims(this.#embed(b), 1);
    return tf.div(tf.sum(tf.mul(ea, eb), -1), Math.sqrt(this.options.dim)) as tf.Tensor3D;
  }

  /** Logits [B, heads] for token-id tensors a, b of shape [B, L] (int32). Call inside tf.tidy / minimize. */
  logits(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
    const m = this.interaction(a, b);
    const L = this.options.seqLen;
    return this.mlp.predict([tf.reshape(m, [-1, L * L]) as tf.Tensor2D]);
  }

  /** Releases the variables. */
  dispose(): void {
    if (this.#disposed) return;
    this.#E.dispose();
    this.#P.dispose();
    this.mlp.dispose();
    this.#disposed = true;
  }
}

function checkModelFor(model: MatchCrossEncoder, set: PairSet, loss: PairLoss): void {
  if (!(model instanceof MatchCrossEncoder)) throw new TypeError("model must be a MatchCrossEncoder");
  requireOneOf("loss", loss, ["ce", "cosent", "mse"] as const);
  const want = loss === "ce" ? 2 : 1;
  if (model.options.heads !== want) {
    throw new RangeError(
      `loss "${loss}" needs a model with heads = ${want}, got heads = ${model.options.heads}`,
    );
  }
  if (!set || set.seqLen !== model.options.seqLen || set.vocabSize > model.options.vocab) {
    throw new RangeError(
      `set (seqLen ${set?.seqLen}, vocabSize ${set?.vocabSize}) does not fit the model ` +
        `(seqLen ${model.options.seqLen}, vocab ${model.options.vocab})`,
    );
  }
}

/** The score read from the logits: softmax probability of class 1 (ce), the raw logit (cosent), σ(logit) (mse). */
function scoreOf(logits: tf.Tensor2D, loss: PairLoss): tf.Tensor1D {
  if (loss === "ce") return tf.reshape(tf.slice(tf.softmax(logits), [0, 1], [-1, 1]), [-1]) as tf.Tensor1D;
  const z = tf.reshape(logits, [-1]) as tf.Tensor1D;
  return loss === "mse" ? tf.sigmoid(z) : z;
}

/**
 * Similarity scores of every pair of `set` (float64 copy of float32 outputs), in chunks: P(similar) for "ce",
 * the unbounded logit for "cosent" (shift-invariant: only its order means anything), σ(logit) for "mse".
 */
export function pairScores(
  model: MatchCrossEncoder,
  set: PairSet,
  loss: PairLoss,
  chunk = 1024,
): Float64Array {
  checkModelFor(model, set, loss);
  requireInt("chunk", chunk, 1);
  const L = set.seqLen, out = new Float64Array(set.n);
  for (let s = 0; s < set.n; s += chunk) {
    const e = Math.min(set.n, s + chunk);
    const v = tf.tidy(() => {
      const a = tf.tensor2d(set.a.subarray(s * L, e * L), [e - s, L], "int32");
      const b = tf.tensor2d(set.b.subarray(s * L, e * L), [e - s, L], "int32");
      return scoreOf(model.logits(a, b), loss).dataSync();
    });
    out.set(v, s);
  }
  return out;
}

/** Options of {@link trainPairModel}. */
export interface PairTrainOptions {
  loss: PairLoss;
  steps: number;
  batch: number;
  /** Adam learning rate. */
  lr: number;
  /** Seeded generator for the batch order (epoch permutations). */
  rng: Rng;
  /** CoSENT scale λ (default 1: raw logits, as in the reference code). */
  lambda?: number;
  /** Progress label (default "training"); null shows none. */
  label?: string | null;
}

/** What {@link trainPairModel} returns. */
export interface PairTrainResult {
  /** Batch loss after each step (the losses have different scales: compare shapes, not values). */
  loss: Float64Array;
  /** tf.memory().numTensors after each step (flat when nothing leaks). */
  numTensors: Int32Array;
  msPerStep: number;
}

/**
 * The targets each loss trains on: "ce" the 0/1 `binary` labels, "cosent" the `label` itself (any order-carrying
 * values: grades for the graded task), "mse" `label` rescaled to [0, 1] by its range.
 */
export function lossTargets(set: PairSet, loss: PairLoss): Float32Array {
  requireOneOf("loss", loss, ["ce", "cosent", "mse"] as const);
  if (loss === "ce") return Float32Array.from(set.binary);
  if (loss === "cosent") return Float32Array.from(set.label);
  let lo = Infinity, hi = -Infinity;
  for (const v of set.label) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (!(hi > lo)) throw new RangeError(`set.label is constant (${lo}): no MSE targets`);
  return Float32Array.from(set.label, (v) => (v - lo) / (hi - lo));
}

/**
 * Trains `model` in place with Adam on `loss` over random batches of `set` (epoch-wise permutations from
 * `opts.rng`). Per-step tensors are released; the optimiser state is disposed at the end.
 */
export async function trainPairModel(
  model: MatchCrossEncoder,
  set: PairSet,
  opts: PairTrainOptions,
): Promise<PairTrainResult> {
  checkModelFor(model, set, opts.loss);
  const steps = requireInt("opts.steps", opts.steps, 1);
  const batch = requireInt("opts.batch", opts.batch, 2, set.n);
  requirePositive("opts.lr", opts.lr);
  const lambda = requirePositive("opts.lambda", opts.lambda ?? 1);
  if (!opts.rng || typeof opts.rng.permutation !== "function") throw new TypeError("opts.rng must be an Rng");
  const targets = lossTargets(set, opts.loss);
  const L = set.seqLen, vars = model.params;
  const optimizer = adam(opts.lr);
  const label = opts.label === undefined ? "training" : opts.label;
  const ia = new Int32Array(batch * L), ib = new Int32Array(batch * L), yt = new Float32Array(batch);
  let order: number[] = [], pos = set.n;
  const log = await runSteps(steps, () => {
    for (let j = 0; j < batch; j++) {
      if (pos >= set.n) [order, pos] = [opts.rng.permutation(set.n), 0];
      const i = order[pos++];
      ia.set(set.a.subarray(i * L, (i + 1) * L), j * L);
      ib.set(set.b.subarray(i * L, (i + 1) * L), j * L);
      yt[j] = targets[i];
    }
    return minimizeStep(optimizer, () => {
      const a = tf.tensor2d(ia, [batch, L], "int32"), b = tf.tensor2d(ib, [batch, L], "int32");
      const y = tf.tensor1d(yt);
      const z = model.logits(a, b);
      if (opts.loss === "ce") return twoClassCE(z, y);
      if (opts.loss === "mse") return sigmoidMSE(z, y);
      return cosentLoss(tf.reshape(z, [-1]) as tf.Tensor1D, y, lambda);
    }, vars);
  }, { label });
  optimizer.dispose();
  return log;
}
