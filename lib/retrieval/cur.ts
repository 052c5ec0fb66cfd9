/**
 * CUR factorisation of a score matrix (notebook 12, kexue.fm/archives/9336; Yadav et al., EMNLP 2022):
 * S ≈ C·W⁺·R with C = S[:, U] (the anchor columns), R = S[V, :] (the anchor rows) and W = S[V, U] their
 * intersection — i.e. s(q, k) ≈ Σ_{u,v} s(q, u)·g(u, v)·s(v, k) with G = W⁺. The same three-factor form as a
 * truncated SVD, but with real rows and columns as the "representatives". Float64 throughout (ml-matrix), with
 * the pseudo-inverse cut at rcond·σ_max (numpy's rule).
 * @module
 */
import { type Mat, matmul, pinvRcond, selectCols, selectRows } from "../core/mod.ts";

/** The three factors of a CUR approximation and the anchors they came from. */
export interface CurFactors {
  /** anchor rows V (queries) and anchor columns U (items) */
  rowIdx: Int32Array;
  colIdx: Int32Array;
  /** C = S[:, U] (n × |U|) */
  C: Mat;
  /** W⁺ with W = S[V, U] (|U| × |V|) */
  Wpinv: Mat;
  /** R = S[V, :] (|V| × m) */
  R: Mat;
}

function distinct(name: string, idx: ArrayLike<number>): Int32Array {
  const out = Int32Array.from(idx);
  if (new Set(out).size !== out.length) throw new RangeError(`${name} must not repeat an index`);
  return out;
}

/**
 * The CUR factors of S for anchor rows `rowIdx` and anchor columns `colIdx` (distinct indices), with
 * W⁺ = pinv(S[rowIdx, colIdx], rcond) — default rcond 1e-15 (numpy's default: effectively untruncated).
 */
export function curDecompose(
  S: Mat,
  rowIdx: ArrayLike<number>,
  colIdx: ArrayLike<number>,
  rcond = 1e-15,
): CurFactors {
  const rows = distinct("rowIdx", rowIdx), cols = distinct("colIdx", colIdx);
  const R = selectRows(S, rows);
  const C = selectCols(S, cols);
  const W = selectCols(R, cols);
  return { rowIdx: rows, colIdx: cols, C, Wpinv: pinvRcond(W, rcond), R };
}

/** The item-side factor W⁺R (|U| × m): ANNCUR's cached item embeddings (Su: "store GH"). */
export function curItemFactor(f: CurFactors): Mat {
  return matmul(f.Wpinv, f.R);
}

/** The CUR approximation C·(W⁺R) of the whole matrix (or of the rows `rows` only). Rank ≤ min(|U|, |V|). */
export function curReconstruct(f: CurFactors, rows?: ArrayLike<number>): Mat {
  const C = rows === undefined ? f.C : selectRows(f.C, rows);
  return matmul(C, curItemFactor(f));
}
