/**
 * A one-layer, one-head attention LM trained in tfjs on synthetic key–value sequences (NBCE brief 30, optional
 * extension): sequences k₁ v₁ k₂ v₂ … k_P v_P q, answer = the value that followed the query key q. Each position's
 * input is its token embedding ⊕ the previous token's embedding (one-hot × table), so one attention layer can
 * match the query against "previous token = q" and read the value there:
 * p(x_T | x_<T) = softmax((Σ_i a_i v_i) W_o), a = softmax(K q / √d) — the model of the article's PCW relation.
 * No position encoding: the same weights read any length (the full-context oracle); the training window is
 * enforced by the caller.
 * @module
 */
import { dense, matMulFast, requireInt, type Rng, tf } from "../core/mod.ts";
import { adam, heNormalVariable, minimizeStep, runSteps, type StepLog } from "../train/mod.ts";
import { logNormalize } from "./nbce.ts";

/** Sizes of {@link KvAttentionLM}. */
export interface KvLmConfig {
  /** Number of key symbols (ids 0..keys−1). */
  keys: number;
  /** Number of value symbols (ids keys..keys+values−1). */
  values: number;
  /** Embedding width per part (token, previous token). */
  embed: number;
  /** Attention width d. */
  dim: number;
}

/** One key–value task: n chunks of pairs (ids), the query key and the answer value. */
export interface KvTask {
  chunks: Int32Array[];
  target: number;
  query: number;
  answer: number;
}

/**
 * n chunks of `pairs` key–value pairs with keys distinct over all chunks (values drawn uniformly); the query is a
 * key of chunk `target` (uniform), the answer its value.
 */
export function sampleKvTask(rng: Rng, cfg: KvLmConfig, n: number, pairs: number): KvTask {
  requireInt("n", n, 1);
  requireInt("pairs", pairs, 1);
  if (n * pairs > cfg.keys) throw new RangeError(`n·pairs = ${n * pairs} exceeds the ${cfg.keys} keys`);
  const keys = rng.permutation(cfg.keys).slice(0, n * pairs);
  const chunks = Array.from({ length: n }, (_, c) => {
    const out = new Int32Array(2 * pairs);
    for (let p = 0; p < pairs; p++) {
      out[2 * p] = keys[c * pairs + p];
      out[2 * p + 1] = cfg.keys + rng.int(cfg.values);
    }
    return out;
  });
  const target = rng.int(n), p = rng.int(pairs);
  return { chunks, target, query: chunks[target][2 * p], answer: chunks[target][2 * p + 1] };
}

/** The trained model: embeddings, projections and output matrix as tf.Variables. */
export class KvAttentionLM {
  readonly cfg: KvLmConfig;
  readonly vars: tf.Variable[];
  readonly #tok: tf.Variable;
  readonly #prev: tf.Variable;
  readonly #wq: tf.Variable;
  readonly #wk: tf.Variable;
  readonly #wv: tf.Variable;
  readonly #wo: tf.Variable;

  constructor(cfg: KvLmConfig, rng: Rng) {
    requireInt("cfg.keys", cfg?.keys, 1);
    requireInt("cfg.values", cfg.values, 2);
    requireInt("cfg.embed", cfg.embed, 1);
    requireInt("cfg.dim", cfg.dim, 1);
    this.cfg = { ...cfg };
    const V = cfg.keys + cfg.values;
    const hv = (r: number, c: number, label: string) => heNormalVariable(rng.fork(label), r, c);
    this.#tok = hv(V, cfg.embed, "tok");
    this.#prev = hv(V + 1, cfg.embed, "prev"); // row V: "no previous token"
    this.#wq = hv(2 * cfg.embed, cfg.dim, "wq");
    this.#wk = hv(2 * cfg.embed, cfg.dim, "wk");
    this.#wv = hv(2 * cfg.embed, cfg.dim, "wv");
    this.#wo = hv(cfg.dim, V, "wo");
    this.vars = [this.#tok, this.#prev, this.#wq, this.#wk, this.#wv, this.#wo];
  }

  /** Vocabulary size (keys + values). */
  get vocab(): number {
    return this.cfg.keys + this.cfg.values;
  }

  /** Logits of the next token after each sequence of the batch (all of length L): [B, V]. */
  logits(seqs: Int32Array[]): tf.Tensor2D {
    if (!Array.isArray(seqs) || seqs.length < 1) throw new RangeError("seqs must hold at least one sequence");
    const L = seqs[0].length, B = seqs.length, V = this.vocab, e = this.cfg.embed, d = this.cfg.dim;
    if (L < 1 || seqs.some((s) => s.length !== L)) {
      throw new RangeError("seqs must be non-empty and equally long");
    }
    const tokIds = new Int32Array(B * L), prevIds = new Int32Array(B * L);
    seqs.forEach((s, b) => {
      for (let i = 0; i < L; i++) {
        if (!(s[i] >= 0 && s[i] < V)) throw new RangeError(`seqs[${b}][${i}] must be a token id < ${V}`);
        tokIds[b * L + i] = s[i];
        prevIds[b * L + i] = i === 0 ? V : s[i - 1];
      }
    });
    return tf.tidy(() => {
      const oneHot = (ids: Int32Array, depth: number) =>
        tf.oneHot(tf.tensor1d(ids, "int32"), depth).toFloat() as tf.Tensor2D;
      const feats = tf.concat([
        matMulFast(oneHot(tokIds, V), this.#tok as tf.Tensor2D),
        matMulFast(oneHot(prevIds, V + 1), this.#prev as tf.Tensor2D),
      ], 1) as tf.Tensor2D; // [B·L, 2e]
      const k = tf.reshape(dense(feats, this.#wk as tf.Tensor2D), [B, L, d]);
      const v = tf.reshape(dense(feats, this.#wv as tf.Tensor2D), [B, L, d]);
      const last = tf.reshape(tf.reshape(feats, [B, L, 2 * e]).slice([0, L - 1, 0], [B, 1, 2 * e]), [
        B,
        2 * e,
      ]);
      const q = dense(last as tf.Tensor2D, this.#wq as tf.Tensor2D); // [B, d]
      const scores = tf.div(tf.sum(tf.mul(k, tf.reshape(q, [B, 1, d])), 2), Math.sqrt(d)); // [B, L]
      const a = tf.softmax(scores);
      const o = tf.sum(tf.mul(v, tf.reshape(a, [B, L, 1])), 1) as tf.Tensor2D; // [B, d]
      return dense(o, this.#wo as tf.Tensor2D);
    });
  }

  /** Mean cross-entropy of the answers after each sequence. */
  loss(seqs: Int32Array[], answers: Int32Array): tf.Scalar {
    return tf.tidy(() => {
      const z = this.logits(seqs);
      return tf.losses.softmaxCrossEntropy(
        tf.oneHot(tf.tensor1d(answers, "int32"), this.vocab),
        z,
      ) as tf.Scalar;
    });
  }

  /** Next-token log-probabilities after one sequence, in float64 (one batch row of NBCE). */
  logProbs(seq: ArrayLike<number>): Float64Array {
    const z = this.logits([Int32Array.from(seq)]);
    const out = logNormalize(Float64Array.from(z.dataSync()));
    z.dispose();
    return out;
  }

  /** Log-probabilities after each of several equally long sequences, in one batch (float64 rows). */
  logProbsBatch(seqs: ArrayLike<number>[]): Float64Array[] {
    const z = this.logits(seqs.map((x) => Int32Array.from(x)));
    const flat = z.dataSync(), V = this.vocab;
    z.dispose();
    return seqs.map((_, b) => logNormalize(Float64Array.from(flat.subarray(b * V, (b + 1) * V))));
  }

  /** Releases the variables. */
  dispose(): void {
    this.vars.forEach((v) => v.dispose());
  }
}

/**
 * A training batch: `batch` sequences of P pairs (P uniform in [minPairs, maxPairs], shared by the batch) followed
 * by a query key; the answer is the queried value, except that with probability `absentRate` the query is a key
 * absent from the sequence and the answer a uniformly random value (so the model learns to be uncertain — high
 * entropy — when its context does not hold the answer, as a language model trained on real text is).
 */
export function kvTrainingBatch(
  rng: Rng,
  cfg: KvLmConfig,
  batch: number,
  minPairs: number,
  maxPairs: number,
  absentRate = 0,
): { seqs: Int32Array[]; answers: Int32Array } {
  requireInt("batch", batch, 1);
  requireInt("minPairs", minPairs, 1);
  requireInt("maxPairs", maxPairs, minPairs, cfg.keys - 1);
  if (!(absentRate >= 0 && absentRate <= 1)) {
    throw new RangeError(`absentRate must be in [0, 1], got ${absentRate}`);
  }
  const P = minPairs + rng.int(maxPairs - minPairs + 1);
  const seqs: Int32Array[] = [], answers = new Int32Array(batch);
  for (let b = 0; b < batch; b++) {
    const t = sampleKvTask(rng, cfg, 1, P);
    const s = new Int32Array(2 * P + 1);
    s.set(t.chunks[0]);
    const absent = rng.uniform() < absentRate;
    if (absent) {
      const used = new Set(t.chunks[0]);
      let k: number;
      do k = rng.int(cfg.keys); while (used.has(k));
      s[2 * P] = k;
      answers[b] = cfg.keys + rng.int(cfg.values);
    } else {
      s[2 * P] = t.query;
      answers[b] = t.answer;
    }
    seqs.push(s);
  }
  return { seqs, answers };
}

/** Options of {@link trainKvLm}. */
export interface KvTrainOptions {
  steps: number;
  batch: number;
  learningRate: number;
  /** Pairs per training sequence, drawn per batch in [minPairs, maxPairs] (the training window is 2·maxPairs+1). */
  minPairs: number;
  maxPairs: number;
  /** Fraction of training queries whose key is absent (answer: a random value); default 0. */
  absentRate?: number;
}

/** Trains `lm` in place with lib/train's loop and Adam on fresh batches from `rng`; returns the step log. */
export async function trainKvLm(lm: KvAttentionLM, rng: Rng, o: KvTrainOptions): Promise<StepLog> {
  if (!(lm instanceof KvAttentionLM)) throw new TypeError("lm must be a KvAttentionLM");
  requireInt("o.steps", o?.steps, 1);
  const opt = adam(o.learningRate);
  try {
    return await runSteps(o.steps, () => {
      const { seqs, answers } = kvTrainingBatch(
        rng,
        lm.cfg,
        o.batch,
        o.minPairs,
        o.maxPairs,
        o.absentRate ?? 0,
      );
      return minimizeStep(opt, () => lm.loss(seqs, answers), lm.vars);
    }, { label: "key–value attention LM" });
  } finally {
    opt.dispose();
  }
}
