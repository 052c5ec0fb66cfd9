/**
 * The float64 routes of lib/core/linalg through OpenBLAS and its LAPACK (lib/core/openblas.ts): the product (dgemm),
 * the singular values and the thin SVD (dgesdd), and the eigenvalues of a symmetric matrix (dsyevd). linalg.ts
 * takes them when {@link float64Blas} gives a library — NB_BLAS not "off" and scipy-openblas32 in .venv — and keeps
 * its ml-matrix / plain-JS routes otherwise; both are tested against each other. Each route packs the ml-matrix
 * rows into one row-major Float64Array, calls the library on one thread, and unpacks.
 * @module
 */
import { Matrix } from "ml-matrix";
import { blasWanted } from "./native.ts";
import { loadOpenBlas, type OpenBlas } from "./openblas.ts";

let state: { on: boolean; blas: OpenBlas | null; note: string | null } | null = null;

/**
 * Switches the float64 routes on (if the library can be opened) or off for this process; returns whether they are
 * on. Without a call, the first use follows NB_BLAS.
 */
export function useFloat64Blas(on: boolean): boolean {
  if (typeof on !== "boolean") throw new TypeError(`on must be a boolean, got ${String(on)}`);
  if (!on) {
    state = { on: false, blas: null, note: "NB_BLAS=off" };
    return false;
  }
  const found = loadOpenBlas();
  state = found.ok
    ? { on: true, blas: found.blas, note: null }
    : { on: false, blas: null, note: found.reason };
  return state.on;
}

/** The OpenBLAS the float64 routes use, or null (then linalg runs on ml-matrix and plain JS). */
export function float64Blas(): OpenBlas | null {
  if (state === null) useFloat64Blas(blasWanted());
  return state!.blas;
}

/** Why the float64 routes are off (NB_BLAS=off, library missing, ...), or null when they are on. */
export function float64BlasNote(): string | null {
  if (state === null) useFloat64Blas(blasWanted());
  return state!.note;
}

/** The rows of `a` in one row-major Float64Array. */
export function packRows(a: Matrix): Float64Array {
  const out = new Float64Array(a.rows * a.columns);
  for (let i = 0; i < a.rows; i++) out.set(a.getRow(i), i * a.columns);
  return out;
}

/** An ml-matrix Matrix of `rows` × `cols` from row-major data (copied). */
export function unpackRows(data: Float64Array, rows: number, cols: number): Matrix {
  const out = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) out.setRow(i, data.subarray(i * cols, (i + 1) * cols));
  return out;
}

/** a·b through dgemm (shapes already checked by the caller). */
export function blasMatmul(blas: OpenBlas, a: Matrix, b: Matrix): Matrix {
  const m = a.rows, k = a.columns, n = b.columns;
  const c = new Float64Array(m * n);
  if (k > 0) blas.dgemm(false, false, m, n, k, packRows(a), k, packRows(b), n, c, n);
  return unpackRows(c, m, n);
}

function checkInfo(what: string, info: number): void {
  if (info !== 0) {
    throw new RangeError(
      `LAPACK ${what} failed (info ${info}${info > 0 ? ": no convergence" : ": bad argument"})`,
    );
  }
}

/** The singular values of `a`, descending (dgesdd, values only). */
export function blasSingularValues(blas: OpenBlas, a: Matrix): Float64Array {
  const m = a.rows, n = a.columns, r = Math.min(m, n);
  const s = new Float64Array(r);
  if (r === 0) return s;
  checkInfo("dgesdd", blas.dgesdd("N", m, n, packRows(a), s, new Float64Array(1), new Float64Array(1)));
  return s;
}

/** The thin SVD a = U·diag(s)·Vᵀ: U (m×r) and Vᵀ (r×n) row-major, s descending, r = min(m, n) (dgesdd). */
export function blasThinSvd(
  blas: OpenBlas,
  a: Matrix,
): { u: Float64Array; s: Float64Array; vt: Float64Array } {
  const m = a.rows, n = a.columns, r = Math.min(m, n);
  const u = new Float64Array(m * r), s = new Float64Array(r), vt = new Float64Array(r * n);
  checkInfo("dgesdd", blas.dgesdd("S", m, n, packRows(a), s, u, vt));
  return { u, s, vt };
}

/**
 * A⁺ = V·diag(1/σ)·Uᵀ over the singular values σ > cutoff(σ_max) (numpy's rule is cutoff = rcond·σ_max), from the
 * thin SVD; the zero matrix (n×m) when none is kept.
 */
export function blasPinv(blas: OpenBlas, a: Matrix, rcond: number): Matrix {
  const m = a.rows, n = a.columns, r = Math.min(m, n);
  const { u, s, vt } = blasThinSvd(blas, a);
  const cutoff = rcond * s[0];
  let q = 0;
  while (q < r && s[q] > cutoff) q++;
  const p = new Float64Array(n * m);
  if (q > 0) {
    const scaled = vt.slice(0, q * n); // rows of Vᵀ divided by their σ
    for (let j = 0; j < q; j++) {
      const inv = 1 / s[j];
      for (let t = 0; t < n; t++) scaled[j * n + t] *= inv;
    }
    // P (n×m) = scaledᵀ (n×q) · U_qᵀ (q×m); U is m×r row-major, its first q columns are U_q
    blas.dgemm(true, true, n, m, q, scaled, n, u, r, p, m);
  }
  return unpackRows(p, n, m);
}

/** The eigenvalues of the Gram matrix a·aᵀ (rows ≤ columns) or aᵀ·a, ascending (dgemm, then dsyevd values only). */
export function blasGramEigenvalues(blas: OpenBlas, a: Matrix): Float64Array {
  const wide = a.rows <= a.columns;
  const g = wide ? a.rows : a.columns, k = wide ? a.columns : a.rows;
  const x = packRows(a);
  const gram = new Float64Array(g * g);
  // wide: A (g×k) · Aᵀ; tall: Aᵀ (g×k) · A, with A stored k×g
  if (wide) blas.dgemm(false, true, g, g, k, x, k, x, k, gram, g);
  else blas.dgemm(true, false, g, g, k, x, g, x, g, gram, g);
  const w = new Float64Array(g);
  checkInfo("dsyevd", blas.dsyevd(g, gram, w, false));
  return w;
}

/** Which float64 route runs, for a run-settings table: "OpenBLAS/LAPACK", or "ml-matrix + JS (why)". */
export function float64Route(): string {
  return float64Blas() !== null
    ? "OpenBLAS/LAPACK (dgemm, dgesdd, dsyevd)"
    : `ml-matrix + JS (${float64BlasNote()})`;
}
