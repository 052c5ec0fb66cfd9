/**
 * Greedy generation with NBCE (brief 31, E4): at every step row k is the window model on S_k ⊕ query ⊕ generated,
 * row 0 the same model on query ⊕ generated (the empty context still sees the query and the generated tokens, as
 * in the reference code's batch), and {@link nbceDecodeStep} merges them with the transition penalty η.
 * @module
 */
import { requireFinite, requireInt } from "../core/mod.ts";
import { concatIds, WindowCacheLM } from "./ngram_lm.ts";
import { argmax, nbceDecodeStep, type NbceState } from "./nbce.ts";

/** One generated answer. */
export interface NbceGeneration {
  tokens: number[];
  /** The context row chosen at each step. */
  chosen: number[];
  /** How often the choice changed between consecutive steps. */
  switches: number;
  /** LM evaluations (batch rows) per step: n + 1 each. */
  rowsPerStep: number[];
}

/** What {@link nbceGenerate} passes to its `onStep` hook. */
export interface NbceStepInfo {
  step: number;
  rows: Float64Array[];
  uncond: Float64Array;
  chosen: number;
  token: number;
}

/**
 * Generates `steps` tokens greedily (temperature → 0) from `contexts` and `query` with min-entropy NBCE, β and the
 * transition penalty η (optional Top-P). `onStep` sees every step's rows (for checks).
 */
export function nbceGenerate(
  lm: WindowCacheLM,
  contexts: readonly ArrayLike<number>[],
  query: ArrayLike<number>,
  steps: number,
  opts: { beta: number; eta: number; topP?: number; clip?: number },
  onStep?: (info: NbceStepInfo) => void,
): NbceGeneration {
  if (!(lm instanceof WindowCacheLM)) throw new TypeError("lm must be a WindowCacheLM");
  if (!Array.isArray(contexts) || contexts.length < 1) {
    throw new RangeError("contexts must hold at least one");
  }
  if (!query || query.length < 1) throw new RangeError("query must hold at least one token id");
  requireInt("steps", steps, 1);
  requireFinite("opts.eta", opts?.eta);
  const state: NbceState = { prevK: null };
  const tokens: number[] = [], chosen: number[] = [], rowsPerStep: number[] = [];
  let switches = 0;
  for (let s = 0; s < steps; s++) {
    const before = lm.evaluations;
    const tail = concatIds(query, tokens);
    const uncond = lm.logProbs(tail);
    const rows = contexts.map((c) => lm.logProbs(concatIds(c, tail)));
    rowsPerStep.push(lm.evaluations - before);
    const r = nbceDecodeStep(rows, uncond, state, opts);
    const token = argmax(r.logp);
    if (r.switched) switches++;
    tokens.push(token);
    chosen.push(r.chosen);
    onStep?.({ step: s, rows, uncond, chosen: r.chosen, token });
  }
  return { tokens, chosen, switches, rowsPerStep };
}
