/**
 * ANNCUR (Yadav et al., EMNLP 2022; kexue.fm/archives/9336): k-NN search for a cross-encoder through a CUR
 * factorisation of its own score matrix, with every cross-encoder (CE) call counted.
 *
 * - Index (offline): score the k_q anchor queries against all items, R = S[V, :] (k_q·|K| CE calls);
 *   W = R[:, U] for the k_i anchor items U; cache the item embeddings E = W⁺R (k_i × |K|).
 * - Search (online) for a test query q: e_q = [s(q, u)]_{u∈U} (k_i calls); approximate scores ŝ = e_qᵀE (one
 *   mat-vec); re-score the top m by ŝ with the exact CE (m calls); return the exact top k among them.
 *   Cost per query: k_i + m CE calls instead of |K|.
 * @module
 */
import { type Mat, matFromRows, matmul, pinvRcond, requireInt, selectCols } from "../core/mod.ts";
import { rerank, topK } from "./topk.ts";

/** A cross-encoder: the exact scores of query `q` against `items` (one call per item). */
export type ScoreFn = (q: number, items: Int32Array) => Float64Array;

/** A {@link ScoreFn} that counts its calls (one per scored pair). */
export interface CountingScorer {
  score: ScoreFn;
  /** CE calls so far */
  calls(): number;
  reset(): void;
}

/** A counting CE over a precomputed score matrix S (rows = queries, columns = items). */
export function matrixScorer(S: Mat): CountingScorer {
  let calls = 0;
  return {
    score(q: number, items: Int32Array): Float64Array {
      requireInt("q", q, 0, S.rows - 1);
      const out = new Float64Array(items.length);
      for (let i = 0; i < items.length; i++) {
        const k = items[i];
        if (!(k >= 0 && k < S.columns && Number.isInteger(k))) {
          throw new RangeError(`items[${i}] must be an item index in [0, ${S.columns - 1}], got ${k}`);
        }
        out[i] = S.get(q, k);
      }
      calls += items.length;
      return out;
    },
    calls: () => calls,
    reset: () => {
      calls = 0;
    },
  };
}

/** An ANNCUR index: the anchor items and the cached item embeddings E = W⁺R. */
export interface AnnCurIndex {
  anchorQueries: Int32Array;
  anchorItems: Int32Array;
  /** E = W⁺R, k_i × |K| */
  itemEmb: Mat;
  /** R = S[anchorQueries, :], k_q × |K| (kept for diagnostics and for alternative indexes) */
  R: Mat;
  /** CE calls spent on indexing (k_q·|K|) */
  indexCalls: number;
}

/**
 * Builds the index: scores every anchor query against all `nItems` items with `score`, then E = pinv(W, rcond)·R
 * with W = R[:, anchorItems]. Default rcond 1e-15 (numpy's default); keep k_i well below k_q, or pass a larger
 * rcond, since a square ill-conditioned W makes the untruncated pseudo-inverse explode.
 */
export function buildAnnCurIndex(
  score: ScoreFn,
  anchorQueries: ArrayLike<number>,
  anchorItems: ArrayLike<number>,
  nItems: number,
  rcond = 1e-15,
): AnnCurIndex {
  requireInt("nItems", nItems, 1);
  const aq = Int32Array.from(anchorQueries), ai = Int32Array.from(anchorItems);
  if (aq.length === 0) throw new RangeError("anchorQueries must not be empty");
  if (ai.length === 0) throw new RangeError("anchorItems must not be empty");
  if (new Set(ai).size !== ai.length) throw new RangeError("anchorItems must not repeat an item");
  const all = Int32Array.from({ length: nItems }, (_, i) => i);
  const R = matFromRows(Array.from(aq, (q) => score(q, all)));
  const W = selectCols(R, ai);
  return {
    anchorQueries: aq,
    anchorItems: ai,
    itemEmb: matmul(pinvRcond(W, rcond), R),
    R,
    indexCalls: aq.length * nItems,
  };
}

/** Approximate scores ŝ = e_qᵀE of all items, from a query's exact scores `eq` on the anchor items. */
export function annCurApprox(idx: AnnCurIndex, eq: ArrayLike<number>): Float64Array {
  const E = idx.itemEmb;
  if (eq.length !== E.rows) {
    throw new RangeError(`eq must have ${E.rows} entries (one per anchor item), got ${eq.length}`);
  }
  const out = new Float64Array(E.columns);
  for (let u = 0; u < E.rows; u++) {
    const w = eq[u], row = E.getRow(u);
    for (let k = 0; k < out.length; k++) out[k] += w * row[k];
  }
  return out;
}

/**
 * Retrieve-then-rerank: the m best items by `approx`, re-scored by `exactScore` (m CE calls), the best k returned
 * (ties by index).
 */
export function retrieveRerank(
  approx: ArrayLike<number>,
  exactScore: (items: Int32Array) => Float64Array,
  k: number,
  m: number,
): Int32Array {
  requireInt("k", k, 1);
  requireInt("m", m, 1, approx.length);
  const cand = topK(approx, m);
  const exact = exactScore(cand);
  // rerank over the candidates' own exact scores: index into cand
  const local = rerank(exact, Int32Array.from({ length: cand.length }, (_, i) => i), k);
  return Int32Array.from(local, (i) => cand[i]);
}

/** ANNCUR search for query `q`: k_i CE calls for e_q, m for re-ranking. Returns the top k and the calls spent. */
export function annCurSearch(
  idx: AnnCurIndex,
  score: ScoreFn,
  q: number,
  opts: { k: number; m: number },
): { topK: Int32Array; ceCalls: number; approx: Float64Array } {
  let calls = 0;
  const counted = (items: Int32Array) => {
    calls += items.length;
    return score(q, items);
  };
  const approx = annCurApprox(idx, counted(idx.anchorItems));
  const top = retrieveRerank(approx, counted, opts.k, opts.m);
  return { topK: top, ceCalls: calls, approx };
}

/**
 * Mean Top-k-Recall@m over the rows of `exact` and `approx` (test queries × items), for several m at once: per row,
 * |top_k(exact) ∩ top_m(approx)| / k, which equals the retrieve-then-rerank recall of {@link topKRecallAtM}
 * (every true top-k item in the candidate set survives the exact re-ranking). Returns one mean per m.
 */
export function meanRecallAtM(exact: Mat, approx: Mat, k: number, ms: number[]): number[] {
  if (exact.rows !== approx.rows || exact.columns !== approx.columns) {
    throw new RangeError(
      `exact [${exact.rows}x${exact.columns}] and approx [${approx.rows}x${approx.columns}] ` +
        "must have one shape",
    );
  }
  requireInt("k", k, 1, exact.columns);
  ms.forEach((m, i) => requireInt(`ms[${i}]`, m, 1, exact.columns));
  const sums = new Float64Array(ms.length);
  const mMax = ms.length === 0 ? 1 : Math.max(...ms); // positions at or past the largest m never count
  for (let r = 0; r < exact.rows; r++) {
    const truth = new Set(topK(exact.getRow(r), k));
    const order = topK(approx.getRow(r), mMax);
    // position of each true top-k item in the approximate order
    const pos: number[] = [];
    for (let j = 0; j < order.length && pos.length < k; j++) if (truth.has(order[j])) pos.push(j);
    ms.forEach((m, i) => {
      sums[i] += pos.filter((p) => p < m).length / k;
    });
  }
  return Array.from(sums, (s) => s / exact.rows);
}
