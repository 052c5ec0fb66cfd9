/**
 * Generated paraphrase-pair data for the toy cross-encoder experiments of notebook 13 (CoSENT (III),
 * kexue.fm/archives/9341, ran on ATEC/BQ/LCQMC/PAWSX; no such corpus ships with npm, so this is the notebook's own
 * synthetic stand-in). A "meaning" is an ordered tuple of `slots` distinct concepts; each concept has two surface
 * tokens (a word and a synonym); a sentence renders each concept as word or synonym with probability ½, inserts
 * 0..maxFillers filler tokens at random places, and is padded/truncated to `seqLen` tokens.
 *
 * Pair kinds: positive = the same tuple rendered twice independently; lexical negative = one slot replaced by a new
 * concept; random negative = an independent tuple; order negative (PAWS-like) = two slots swapped (same bag of
 * concepts); graded = k ∈ {0..slots} slots replaced, grade = slots − k.
 *
 * Tasks: "lexical" (LCQMC-like): ½ positives, negatives ½ lexical ½ random. "order" (PAWSX-like): ½ positives,
 * negatives 80 % order, 10 % lexical, 10 % random. Both flip each binary label with probability `labelNoise`.
 * "graded" (STS-like): label = grade (no noise), binarised as grade ≥ `positiveThreshold`.
 * Token ids: 0 = PAD, 1..nFillers fillers, then nConcepts words, then nConcepts synonyms.
 * @module
 */
import { requireInRange, requireInt, requireOneOf, type Rng } from "../core/mod.ts";

/** The three toy tasks. */
export type PairTask = "lexical" | "order" | "graded";

/** The kind of each generated pair. */
export const PAIR_KINDS = ["positive", "lexical", "random", "order", "graded"] as const;

/** Options of {@link makeParaphrasePairs}. */
export interface PairOptions {
  task: PairTask;
  /** Number of pairs. */
  n: number;
  /** Seeded generator (fork one per split). */
  rng: Rng;
  /** Number of concepts (default 30; at least 2·slots). */
  nConcepts?: number;
  /** Number of filler tokens (default 4). */
  nFillers?: number;
  /** Concepts per meaning (default 4). */
  slots?: number;
  /** Tokens per sentence after padding/truncation (default 6). */
  seqLen?: number;
  /** Fillers inserted per sentence, uniform in 0..maxFillers (default 2). */
  maxFillers?: number;
  /** Probability of flipping a binary label (default 0.05; ignored by "graded"). */
  labelNoise?: number;
  /** "graded": binary label is grade ≥ this (default 3). */
  positiveThreshold?: number;
}

/** A set of token-id pairs with labels. */
export interface PairSet {
  task: PairTask;
  n: number;
  seqLen: number;
  vocabSize: number;
  nConcepts: number;
  nFillers: number;
  /** Left sentences, row-major n × seqLen. */
  a: Int32Array;
  /** Right sentences, row-major n × seqLen. */
  b: Int32Array;
  /** The label a model is trained and evaluated on: noisy 0/1 for "lexical"/"order", the grade for "graded". */
  label: Float64Array;
  /** 0/1 labels: `label` for the binary tasks, grade ≥ positiveThreshold for "graded". */
  binary: Float64Array;
  /** The clean truth: 1/0 (paraphrase or not) for binary tasks, the number of matching slots for "graded". */
  grade: Int8Array;
  /** Index into {@link PAIR_KINDS}. */
  kind: Uint8Array;
}

/** Generates `n` labelled sentence pairs of a toy paraphrase task (see the module doc). Deterministic given rng. */
export function makeParaphrasePairs(opts: PairOptions): PairSet {
  const task = requireOneOf("opts.task", opts.task, ["lexical", "order", "graded"] as const);
  const n = requireInt("opts.n", opts.n, 1);
  if (!opts.rng || typeof opts.rng.int !== "function") throw new TypeError("opts.rng must be an Rng");
  const slots = requireInt("opts.slots", opts.slots ?? 4, 2);
  const nConcepts = requireInt("opts.nConcepts", opts.nConcepts ?? 30, 2 * slots);
  const nFillers = requireInt("opts.nFillers", opts.nFillers ?? 4, 1);
  const seqLen = requireInt("opts.seqLen", opts.seqLen ?? 6, 1);
  const maxFillers = requireInt("opts.maxFillers", opts.maxFillers ?? 2, 0);
  const noise = requireInRange("opts.labelNoise", opts.labelNoise ?? 0.05, 0, 1);
  const posThr = requireInt("opts.positiveThreshold", opts.positiveThreshold ?? 3, 1, slots);
  const rng = opts.rng;
  const conceptOffset = 1 + nFillers;
  const vocabSize = conceptOffset + 2 * nConcepts;

  const render = (tuple: number[], out: Int32Array, at: number) => {
    const toks = tuple.map((c) => conceptOffset + c + (rng.uniform() < 0.5 ? 0 : nConcepts));
    const f = rng.int(maxFillers + 1);
    for (let i = 0; i < f; i++) toks.splice(rng.int(toks.length + 1), 0, 1 + rng.int(nFillers));
    for (let i = 0; i < seqLen; i++) out[at + i] = i < toks.length ? toks[i] : 0;
  };
  const freshTuple = () => rng.permutation(nConcepts).slice(0, slots);
  // k distinct concepts not in `tuple`
  const outside = (tuple: number[], k: number) =>
    rng.shuffle(Array.from({ length: nConcepts }, (_, c) => c).filter((c) => !tuple.includes(c))).slice(0, k);
  const replaceSlots = (tuple: number[], k: number) => {
    const t = tuple.slice();
    const where = rng.permutation(slots).slice(0, k), fresh = outside(tuple, k);
    where.forEach((s, i) => (t[s] = fresh[i]));
    return t;
  };

  const a = new Int32Array(n * seqLen), b = new Int32Array(n * seqLen);
  const label = new Float64Array(n), binary = new Float64Array(n);
  const grade = new Int8Array(n), kind = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = freshTuple();
    let u: number[];
    if (task === "graded") {
      const k = rng.int(slots + 1);
      u = replaceSlots(t, k);
      kind[i] = 4;
      grade[i] = slots - k;
      label[i] = grade[i];
      binary[i] = grade[i] >= posThr ? 1 : 0;
    } else {
      const positive = rng.uniform() < 0.5;
      if (positive) {
        u = t;
        kind[i] = 0;
      } else {
        const r = rng.uniform();
        const pOrder = task === "order" ? 0.8 : 0;
        const pLexical = task === "order" ? 0.1 : 0.5;
        if (r < pOrder) {
          u = t.slice();
          const [s1, s2] = rng.permutation(slots).slice(0, 2);
          [u[s1], u[s2]] = [u[s2], u[s1]];
          kind[i] = 3;
        } else if (r < pOrder + pLexical) {
          u = replaceSlots(t, 1);
          kind[i] = 1;
        } else {
          u = freshTuple();
          kind[i] = 2;
        }
      }
      grade[i] = positive ? 1 : 0;
      const flip = rng.uniform() < noise;
      label[i] = flip ? 1 - grade[i] : grade[i];
      binary[i] = label[i];
    }
    render(t, a, i * seqLen);
    render(u, b, i * seqLen);
  }
  return { task, n, seqLen, vocabSize, nConcepts, nFillers, a, b, label, binary, grade, kind };
}

/** Rows `idx` of a pair set (e.g. a batch), as a new PairSet. */
export function selectPairs(set: PairSet, idx: ArrayLike<number>): PairSet {
  const L = set.seqLen, m = idx.length;
  const out: PairSet = {
    ...set,
    n: m,
    a: new Int32Array(m * L),
    b: new Int32Array(m * L),
    label: new Float64Array(m),
    binary: new Float64Array(m),
    grade: new Int8Array(m),
    kind: new Uint8Array(m),
  };
  for (let j = 0; j < m; j++) {
    const i = idx[j];
    if (!Number.isInteger(i) || i < 0 || i >= set.n) {
      throw new RangeError(`idx[${j}] must be an integer in [0, ${set.n - 1}], got ${i}`);
    }
    out.a.set(set.a.subarray(i * L, (i + 1) * L), j * L);
    out.b.set(set.b.subarray(i * L, (i + 1) * L), j * L);
    out.label[j] = set.label[i];
    out.binary[j] = set.binary[i];
    out.grade[j] = set.grade[i];
    out.kind[j] = set.kind[i];
  }
  return out;
}

/**
 * Sentence `i` of side `side` as readable text: concept c as "w<c>" (word) or "s<c>" (synonym), fillers "f<k>",
 * padding dropped — for showing examples.
 */
export function sentenceText(set: PairSet, i: number, side: "a" | "b"): string {
  requireInt("i", i, 0, set.n - 1);
  requireOneOf("side", side, ["a", "b"] as const);
  const ids = (side === "a" ? set.a : set.b).subarray(i * set.seqLen, (i + 1) * set.seqLen);
  const off = 1 + set.nFillers;
  return Array.from(ids).filter((t) => t !== 0).map((t) =>
    t < off ? `f${t}` : t < off + set.nConcepts ? `w${t - off}` : `s${t - off - set.nConcepts}`
  ).join(" ");
}
