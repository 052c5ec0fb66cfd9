/**
 * Naive Bayes-based Context Extension (NBCE, kexue.fm/archives/9617 and 9632): combining the next-token
 * log-distributions of n context rows and one no-context row,
 * log p(T|S_1..S_n) = (β+1) P[log p(T|S)] − β log p(T) + const, with pooling P = average, max or minimum-entropy
 * selection; Top-P truncation of every row with the clipped partial entropy and the fallback rule of the final
 * reference code; the transition penalty η on the previously chosen row. All float64.
 * @module
 */
import { requireFinite, requireInRange, requireInt, requireOneOf } from "../core/mod.ts";

/** The pooling rules of NBCE. */
export type Pooling = "average" | "max" | "minEntropy";
/** The pooling rules, in a fixed order. */
export const POOLINGS: readonly Pooling[] = ["average", "max", "minEntropy"];

/** Options of {@link nbceCombine}. */
export interface NbceOptions {
  /** β ≥ −1 (β = n − 1 with average pooling is naive Bayes; the reference code uses 0.25). */
  beta: number;
  pooling: Pooling;
  /** Top-P applied to every row before pooling (the final code: 0.95); none when undefined. */
  topP?: number;
  /** Transition penalty η ≥ 0 subtracted from the entropy of row `prevK` (minEntropy only). */
  eta?: number;
  /** The row chosen at the previous step (0-based over the context rows), or null/undefined. */
  prevK?: number | null;
  /** Clip of the partial entropy and of the fallback rule (default −100, as in the reference code). */
  clip?: number;
}

/** One combined step: normalised log-probabilities, the chosen row (minEntropy) and the row entropies used. */
export interface NbceStep {
  logp: Float64Array;
  /** arg-min entropy row (after the penalty) for minEntropy, −1 for the other poolings. */
  chosen: number;
  /** H_i of each context row (partial entropies when truncated), before the penalty; empty unless minEntropy. */
  entropies: Float64Array;
}

/** Stable log-softmax of `z`; entries may be −Infinity (truncated rows), at least one must be finite. */
export function logNormalize(z: ArrayLike<number>): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < z.length; i++) {
    if (Number.isNaN(z[i]) || z[i] === Infinity) throw new RangeError(`z[${i}] must not be NaN or +Infinity`);
    if (z[i] > m) m = z[i];
  }
  if (m === -Infinity) throw new RangeError("z must hold at least one finite entry");
  let s = 0;
  for (let i = 0; i < z.length; i++) s += Math.exp(z[i] - m);
  const ls = Math.log(s);
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) out[i] = (z[i] - m) - ls;
  return out;
}

/** Index of the largest entry (the first on ties). */
export function argmax(x: ArrayLike<number>): number {
  if (!x || x.length < 1) throw new RangeError("x must be non-empty");
  let k = 0;
  for (let i = 1; i < x.length; i++) if (x[i] > x[k]) k = i;
  return k;
}

/** Shannon entropy −Σ p log p of a log-distribution (−Infinity entries contribute 0). */
export function entropyOfLogProbs(logp: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < logp.length; i++) if (logp[i] !== -Infinity) h -= Math.exp(logp[i]) * logp[i];
  return h;
}

/**
 * The clipped partial entropy of the final NBCE code (brief 31, step 3): H = −Σ_t e^{ℓ(t)} max(ℓ(t), clip), with
 * removed (−Infinity) tokens contributing 0 and no renormalisation of the kept probabilities.
 */
export function partialEntropy(logp: ArrayLike<number>, clip = -100): number {
  requireFinite("clip", clip);
  let h = 0;
  for (let i = 0; i < logp.length; i++) {
    const l = logp[i];
    if (Number.isNaN(l)) throw new RangeError(`logp[${i}] is NaN`);
    if (l !== -Infinity) h -= Math.exp(l) * Math.max(l, clip);
  }
  return h;
}

/**
 * Top-P (nucleus) truncation of a log-distribution (Hugging Face's TopPLogitsWarper rule): keep a token iff the
 * probability of the tokens ranked above it is < p (ties ranked by index), so the crossing token is kept and at
 * least one token always is; the others become −Infinity. No renormalisation.
 */
export function topPTruncateLogProbs(logp: ArrayLike<number>, p: number): Float64Array {
  requireInRange("p", p, 0, 1);
  if (!logp || logp.length < 1) throw new RangeError("logp must be non-empty");
  const sorted = Float64Array.from(logp);
  for (let i = 0; i < sorted.length; i++) {
    if (Number.isNaN(sorted[i])) throw new RangeError(`logp[${i}] is NaN`);
  }
  sorted.sort();
  // walk down from the most likely value: the last value taken is the threshold τ, `ties` of the entries equal to
  // τ are kept (the first ones by index)
  let mass = 0, tau = sorted[sorted.length - 1], ties = 0;
  for (let r = sorted.length - 1; r >= 0; r--) {
    if (r < sorted.length - 1 && mass >= p) break;
    if (sorted[r] !== tau) [tau, ties] = [sorted[r], 0];
    ties++;
    mass += Math.exp(sorted[r]);
  }
  const out = new Float64Array(logp.length).fill(-Infinity);
  for (let i = 0; i < logp.length; i++) {
    if (logp[i] > tau) out[i] = logp[i];
    else if (logp[i] === tau && ties > 0) {
      out[i] = logp[i];
      ties--;
    }
  }
  return out;
}

// Top-P of the same row object is reused across NBCE variants of one task (rows are never modified in place)
const truncCache = new WeakMap<object, Map<number, Float64Array>>();
function truncatedRow(row: ArrayLike<number>, p: number): Float64Array {
  let m = truncCache.get(row);
  if (!m) truncCache.set(row, m = new Map());
  let t = m.get(p);
  if (!t) m.set(p, t = topPTruncateLogProbs(row, p));
  return t;
}

// the entropy of the same (untruncated) row object is reused across NBCE variants of one task
const entropyCache = new WeakMap<object, number>();
function rowEntropy(row: ArrayLike<number>): number {
  let h = entropyCache.get(row);
  if (h === undefined) entropyCache.set(row, h = entropyOfLogProbs(row));
  return h;
}

/**
 * Average pooling of truncated rows, one reading of the article's rule (brief 31, E3, labelled as an assumption):
 * every −Infinity (outside a row's nucleus) counts as `clip` before averaging.
 */
export function averagePoolTruncated(rows: readonly ArrayLike<number>[], clip = -100): Float64Array {
  const V = checkRows(rows);
  requireFinite("clip", clip);
  const out = new Float64Array(V);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    for (let i = 0; i < V; i++) out[i] += r[i] === -Infinity ? clip : r[i];
  }
  for (let i = 0; i < V; i++) out[i] /= rows.length;
  return out;
}

function checkRows(rows: readonly ArrayLike<number>[]): number {
  if (!Array.isArray(rows) || rows.length < 1) throw new RangeError("rows must hold at least one row");
  const V = rows[0].length;
  if (!(V >= 1)) throw new RangeError("rows[0] must be non-empty");
  rows.forEach((r, k) => {
    if (!r || r.length !== V) throw new RangeError(`rows[${k}] has length ${r?.length}, expected ${V}`);
  });
  return V;
}

/**
 * Naive Bayes (article eq. NB): log p(T|S_1..S_n) = Σ_k log p(T|S_k) − (n−1) log p(T) + const, normalised by
 * log-softmax. Written as a plain sum (independent of {@link nbceCombine}).
 */
export function naiveBayesCombine(
  rows: readonly ArrayLike<number>[],
  uncond: ArrayLike<number>,
): Float64Array {
  const V = checkRows(rows);
  if (!uncond || uncond.length !== V) throw new RangeError(`uncond must have length ${V}`);
  const z = new Float64Array(V);
  const c = -(rows.length - 1);
  for (let i = 0; i < V; i++) z[i] = c * uncond[i];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    for (let i = 0; i < V; i++) z[i] += r[i];
  }
  return logNormalize(z);
}

/**
 * NBCE (article eq. with pooling P): (β+1) P[log p(T|S)] − β log p(T), normalised by log-softmax. With `topP`,
 * every row (the no-context row too) is Top-P truncated first, entropies are the clipped partial entropies, and
 * tokens with log p(T) ≤ clip take the pooled value alone (the fallback rule); average pooling of truncated rows
 * uses {@link averagePoolTruncated}. minEntropy picks k = argmin_i (H_i − η·[i = prevK]). Truncations and entropies
 * of a row object are cached for reuse by other variants: rows must not be modified in place after a call.
 */
export function nbceCombine(
  rows: readonly ArrayLike<number>[],
  uncond: ArrayLike<number>,
  opts: NbceOptions,
): NbceStep {
  const V = checkRows(rows);
  if (!uncond || uncond.length !== V) throw new RangeError(`uncond must have length ${V}`);
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be an NbceOptions object");
  const beta = requireFinite("opts.beta", opts.beta);
  if (beta < -1) throw new RangeError(`opts.beta must be >= -1, got ${beta}`);
  const pooling = requireOneOf("opts.pooling", opts.pooling, POOLINGS);
  const eta = opts.eta ?? 0;
  requireFinite("opts.eta", eta);
  if (eta < 0) throw new RangeError(`opts.eta must be >= 0, got ${eta}`);
  const clip = requireFinite("opts.clip", opts.clip ?? -100);
  const prevK = opts.prevK ?? null;
  if (prevK !== null) requireInt("opts.prevK", prevK, 0, rows.length - 1);
  const trunc = opts.topP !== undefined;
  const rs = trunc ? rows.map((r) => truncatedRow(r, opts.topP as number)) : rows;
  const u = trunc ? truncatedRow(uncond, opts.topP as number) : uncond;
  const entropies = pooling === "minEntropy"
    ? Float64Array.from(rs, (r) => (trunc ? partialEntropy(r, clip) : rowEntropy(r)))
    : new Float64Array(0);
  let chosen = -1;
  let pooled: ArrayLike<number>;
  if (pooling === "minEntropy") {
    chosen = 0;
    let best = Infinity;
    for (let k = 0; k < rs.length; k++) {
      const h = entropies[k] - (k === prevK ? eta : 0);
      if (h < best) [best, chosen] = [h, k];
    }
    pooled = rs[chosen];
  } else if (pooling === "max") {
    const m = Float64Array.from(rs[0]);
    for (let k = 1; k < rs.length; k++) {
      const r = rs[k];
      for (let i = 0; i < V; i++) if (r[i] > m[i]) m[i] = r[i];
    }
    pooled = m;
  } else if (trunc) {
    pooled = averagePoolTruncated(rs, clip);
  } else {
    const a = new Float64Array(V);
    for (let k = 0; k < rs.length; k++) {
      const r = rs[k];
      for (let i = 0; i < V; i++) a[i] += r[i];
    }
    for (let i = 0; i < V; i++) a[i] /= rs.length;
    pooled = a;
  }
  const z = new Float64Array(V);
  for (let i = 0; i < V; i++) {
    z[i] = trunc && !(u[i] > clip) ? pooled[i] : (beta + 1) * pooled[i] - beta * u[i];
    if (Number.isNaN(z[i])) z[i] = -Infinity; // −∞ − (−∞) only where the pooled row itself is −∞
  }
  return { logp: logNormalize(z), chosen, entropies };
}

/** The state of a decoding run: the previously chosen context row. */
export interface NbceState {
  prevK: number | null;
}

/**
 * One decoding step of the final NBCE (brief 31, steps 3–4): min-entropy selection with the transition penalty η on
 * the previous choice, merge with β, optional Top-P; updates `state.prevK`.
 */
export function nbceDecodeStep(
  rows: readonly ArrayLike<number>[],
  uncond: ArrayLike<number>,
  state: NbceState,
  opts: { beta: number; eta: number; topP?: number; clip?: number },
): { logp: Float64Array; chosen: number; switched: boolean } {
  if (!state || typeof state !== "object" || !("prevK" in state)) {
    throw new TypeError("state must be { prevK: number | null }");
  }
  const step = nbceCombine(rows, uncond, { ...opts, pooling: "minEntropy", prevK: state.prevK });
  const switched = state.prevK !== null && state.prevK !== step.chosen;
  state.prevK = step.chosen;
  return { logp: step.logp, chosen: step.chosen, switched };
}

/** Rank of `token` under a log-distribution: how many tokens are strictly more likely (0 = the most likely). */
export function backgroundRank(bgLogp: ArrayLike<number>, token: number): number {
  if (!bgLogp || bgLogp.length < 1) throw new RangeError("bgLogp must be non-empty");
  requireInt("token", token, 0, bgLogp.length - 1);
  let r = 0;
  for (let i = 0; i < bgLogp.length; i++) if (bgLogp[i] > bgLogp[token]) r++;
  return r;
}
