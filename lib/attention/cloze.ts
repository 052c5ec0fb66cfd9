/**
 * The cloze-retrieval task of the NBCE notebooks (the "reading comprehension" analogue of brief 30): n passages
 * from n distinct test documents, one of which holds the query token h exactly once, followed by the answer w
 * that the background bigram does not predict. Builds the toy corpus, samples tasks, and scores the methods:
 * no context, truncation to the window, the full-context oracle, the target passage alone, and NBCE variants.
 * @module
 */
import { requireInt, type Rng } from "../core/mod.ts";
import { BackgroundBigram, concatIds, PUNCTUATION, tokenize, Vocab, WindowCacheLM } from "./ngram_lm.ts";
import { argmax, naiveBayesCombine, nbceCombine, type NbceOptions } from "./nbce.ts";

/** A toy corpus: vocabulary over train ∪ test, the background bigram trained on train, the test documents. */
export interface ToyCorpus {
  vocab: Vocab;
  bg: BackgroundBigram;
  /** Test documents with more than `minTestTokens` tokens, as ids. */
  test: Int32Array[];
  /** Ids of the punctuation tokens (never a query). */
  punct: Set<number>;
  trainTokens: number;
}

/**
 * Tokenises `train` and `test` texts, builds the vocabulary over both, trains the background bigram on the
 * concatenated training texts and keeps the test documents longer than `minTestTokens` (default 400).
 */
export function buildToyCorpus(
  train: readonly string[],
  test: readonly string[],
  opts: { addK?: number; minTestTokens?: number } = {},
): ToyCorpus {
  if (!Array.isArray(train) || train.length < 1) throw new RangeError("train must hold at least one text");
  if (!Array.isArray(test) || test.length < 1) throw new RangeError("test must hold at least one text");
  const minTestTokens = requireInt("opts.minTestTokens", opts.minTestTokens ?? 400, 2);
  const trainToks = train.flatMap((t) => tokenize(t));
  const testToks = test.map((t) => tokenize(t));
  const vocab = new Vocab([...trainToks, ...testToks.flat(), ...PUNCTUATION]);
  const bg = new BackgroundBigram(vocab.ids(trainToks), vocab, opts.addK ?? 0.1);
  const docs = testToks.filter((d) => d.length > minTestTokens).map((d) => vocab.ids(d));
  const punct = new Set(PUNCTUATION.map((p) => vocab.id(p)));
  return { vocab, bg, test: docs, punct, trainTokens: trainToks.length };
}

/** One cloze task: passages (ids), the target passage index, the query id h and the answer ids after it. */
export interface ClozeTask {
  passages: Int32Array[];
  target: number;
  query: number;
  /** The answer: w (cloze) or the `answerLen` tokens following h (generation). */
  answer: number[];
}

/**
 * Samples n passages of `passageLen` consecutive tokens from n distinct test documents, a target j and a position
 * i in P_j with h = P_j[i] occurring once in P_j, h not punctuation, and argmax p_bg(·|h) ≠ P_j[i+1]; the answer
 * is P_j[i+1..i+answerLen]. Returns null after `maxTries` rejected positions.
 */
export function sampleClozeTask(
  rng: Rng,
  corpus: ToyCorpus,
  n: number,
  opts: { passageLen?: number; answerLen?: number; maxTries?: number } = {},
): ClozeTask | null {
  const len = requireInt("opts.passageLen", opts.passageLen ?? 120, 2);
  const ans = requireInt("opts.answerLen", opts.answerLen ?? 1, 1, len - 1);
  const maxTries = requireInt("opts.maxTries", opts.maxTries ?? 1000, 1);
  const docs = corpus.test.filter((d) => d.length >= len);
  requireInt("n", n, 1, docs.length);
  const pick = rng.permutation(docs.length).slice(0, n);
  const passages = pick.map((d) => {
    const s = rng.int(docs[d].length - len + 1);
    return docs[d].slice(s, s + len);
  });
  const target = rng.int(n);
  const P = passages[target];
  for (let t = 0; t < maxTries; t++) {
    const i = rng.int(len - ans);
    const h = P[i];
    if (corpus.punct.has(h)) continue;
    let count = 0;
    for (const x of P) if (x === h) count++;
    if (count !== 1) continue;
    if (argmax(corpus.bg.probs(h)) === P[i + 1]) continue;
    return { passages, target, query: h, answer: Array.from(P.subarray(i + 1, i + 1 + ans)) };
  }
  return null;
}

/** A method of {@link evaluateCloze}: an NBCE configuration or one of the reference readings. */
export type ClozeMethod = NbceOptions | "none" | "truncate" | "oracle" | "oracleChunk" | "naiveBayes";

/** The outcome of one method on one task. */
export interface ClozeOutcome {
  correct: boolean;
  /** −log p(w) under the method's distribution (Infinity if w got no mass). */
  nll: number;
  /** The predicted token (arg-max). */
  argmax: number;
  /** The chosen passage (minEntropy), −1 otherwise. */
  chosen: number;
}

/** The n + 1 batch rows of a cloze task: log p(·|S_k ⊕ h) for every passage, and the no-context row p_bg(·|h). */
export function clozeRows(
  lm: WindowCacheLM,
  task: ClozeTask,
): { rows: Float64Array[]; uncond: Float64Array } {
  const q = [task.query];
  const rows = task.passages.map((p) => lm.logProbs(concatIds(p, q)));
  return { rows, uncond: lm.bg.logProbs(task.query) };
}

function outcome(logp: Float64Array, w: number, chosen = -1): ClozeOutcome {
  const a = argmax(logp);
  return { correct: a === w, nll: -logp[w], argmax: a, chosen };
}

/**
 * Scores every method on `task` with the window model `lm`: "none" = p_bg(·|h); "truncate" = `lm` on the
 * concatenation ⊕ h (the last W tokens); "oracle" = the same model with an unbounded window; "oracleChunk" =
 * p(·|S_j ⊕ h); "naiveBayes" = eq. (NB); an NbceOptions = NBCE. The rows are computed once per task.
 */
export function evaluateCloze(
  lm: WindowCacheLM,
  task: ClozeTask,
  methods: Record<string, ClozeMethod>,
): Record<string, ClozeOutcome> {
  if (!(lm instanceof WindowCacheLM)) throw new TypeError("lm must be a WindowCacheLM");
  if (!task || !Array.isArray(task.passages) || task.passages.length < 1) {
    throw new TypeError("task must be a ClozeTask");
  }
  requireInt("task.target", task.target, 0, task.passages.length - 1);
  const w = task.answer[0];
  const names = Object.keys(methods);
  if (names.length === 0) throw new RangeError("methods must name at least one method");
  let rows: { rows: Float64Array[]; uncond: Float64Array } | null = null;
  const getRows = () => (rows ??= clozeRows(lm, task));
  const q = [task.query];
  const out: Record<string, ClozeOutcome> = {};
  for (const name of names) {
    const m = methods[name];
    if (m === "none") out[name] = outcome(lm.bg.logProbs(task.query), w);
    else if (m === "truncate") out[name] = outcome(lm.logProbs(concatIds(...task.passages, q)), w);
    else if (m === "oracle") {
      out[name] = outcome(lm.with({ window: Infinity }).logProbs(concatIds(...task.passages, q)), w);
    } else if (m === "oracleChunk") out[name] = outcome(getRows().rows[task.target], w);
    else if (m === "naiveBayes") {
      const r = getRows();
      out[name] = outcome(naiveBayesCombine(r.rows, r.uncond), w);
    } else if (m && typeof m === "object") {
      const r = getRows();
      const s = nbceCombine(r.rows, r.uncond, m);
      out[name] = outcome(s.logp, w, s.chosen);
    } else throw new TypeError(`methods.${name} is not a method: ${JSON.stringify(m)}`);
  }
  return out;
}
