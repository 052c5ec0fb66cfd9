/**
 * One toy run of notebook 13's comparison (CoSENT (III), kexue.fm/archives/9341, protocol of CoSENT (II)
 * kexue.fm/archives/8860): generate train/valid/test splits of a paraphrase task, train a
 * {@link MatchCrossEncoder} with one loss, then report test Spearman and test accuracy at the threshold that
 * maximises validation accuracy ({@link evaluatePairs}). Differences from the article's runs: a fixed number of
 * steps instead of 5 epochs with the best-validation epoch kept, and a MatchPyramid-style toy instead of BERT.
 * @module
 */
import { requireInt, requirePositive, type Rng } from "../core/mod.ts";
import {
  MatchCrossEncoder,
  type PairLoss,
  pairScores,
  type PairTrainResult,
  trainPairModel,
} from "./cross_encoder.ts";
import { makeParaphrasePairs, type PairOptions, type PairSet, type PairTask } from "./pairs.ts";
import { evaluatePairs, type PairEvaluation } from "./rank_metrics.ts";

/** Train, validation and test sets of one task. */
export interface PairSplits {
  train: PairSet;
  valid: PairSet;
  test: PairSet;
}

/**
 * The three splits of `task`, each from its own fork of `rng` ("train", "valid", "test"), sizes in pairs.
 * Extra generator options (nConcepts, labelNoise, ...) go to every split.
 */
export function makeSplits(
  task: PairTask,
  sizes: { train: number; valid: number; test: number },
  rng: Rng,
  extra: Omit<PairOptions, "task" | "n" | "rng"> = {},
): PairSplits {
  if (!rng || typeof rng.fork !== "function") throw new TypeError("rng must be an Rng");
  const mk = (part: "train" | "valid" | "test") =>
    makeParaphrasePairs({
      ...extra,
      task,
      n: requireInt(`sizes.${part}`, sizes[part], 2),
      rng: rng.fork(part),
    });
  return { train: mk("train"), valid: mk("valid"), test: mk("test") };
}

/** Options of {@link runPairExperiment}. */
export interface PairRunOptions {
  loss: PairLoss;
  /** Embedding width d of the cross-encoder. */
  dim: number;
  /** Hidden width (default 64). */
  hidden?: number;
  steps: number;
  batch: number;
  lr: number;
  /** Generator for the initialisation (fork "init") and the batch order (fork "batches"). */
  rng: Rng;
  /** CoSENT scale λ (default 1). */
  lambda?: number;
}

/** What one run returns. */
export interface PairRunResult extends PairEvaluation {
  loss: PairLoss;
  /** Test scores (probabilities for "ce", logits for "cosent", σ(logit) for "mse"). */
  testScores: Float64Array;
  /** The training curve and timing. */
  train: PairTrainResult;
}

/**
 * Trains one cross-encoder on `splits.train` with `opts.loss` and evaluates it by the article's protocol.
 * Runs with the same `opts.rng` share the initial embeddings and hidden layer and the batch order (a paired design:
 * only the head and the loss differ). The model is disposed before returning.
 */
export async function runPairExperiment(splits: PairSplits, opts: PairRunOptions): Promise<PairRunResult> {
  if (!splits || !splits.train || !splits.valid || !splits.test) {
    throw new TypeError("splits must have train, valid and test sets");
  }
  requireInt("opts.dim", opts.dim, 1);
  requirePositive("opts.lr", opts.lr);
  if (!opts.rng || typeof opts.rng.fork !== "function") throw new TypeError("opts.rng must be an Rng");
  const { train, valid, test } = splits;
  const model = new MatchCrossEncoder({
    vocab: train.vocabSize,
    seqLen: train.seqLen,
    dim: opts.dim,
    hidden: opts.hidden ?? 64,
    heads: opts.loss === "ce" ? 2 : 1,
    rng: opts.rng.fork("init"),
  });
  try {
    const result = await trainPairModel(model, train, {
      loss: opts.loss,
      steps: opts.steps,
      batch: opts.batch,
      lr: opts.lr,
      lambda: opts.lambda,
      rng: opts.rng.fork("batches"),
      label: null,
    });
    const validScores = pairScores(model, valid, opts.loss);
    const testScores = pairScores(model, test, opts.loss);
    const ev = evaluatePairs(validScores, valid.binary, testScores, test.label, test.binary);
    return { ...ev, loss: opts.loss, testScores, train: result };
  } finally {
    model.dispose();
  }
}
