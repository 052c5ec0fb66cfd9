/**
 * Float64 linear algebra over npm `ml-matrix`: the {@link Mat} type, the square-matrix check, row/column
 * selection, a fast product and the matrix–vector product,
 * relative Frobenius errors, the pseudo-inverse with numpy's `rcond` rule, the four Penrose residuals, the
 * Eckart–Young best rank-r error, and conversions to and from float32 tensors. Decompositions are library ones,
 * never hand-written: the product, the singular values, the pseudo-inverse and the Gram eigenvalues go through
 * OpenBLAS/LAPACK (lib/core/linalg_blas.ts) when it is there and NB_BLAS is not "off", else through ml-matrix and a
 * plain-JS product; the other decompositions are ml-matrix's.
 * @module
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, SVD } from "ml-matrix";
import { tf } from "./backend.ts";
import { blasGramEigenvalues, blasMatmul, blasPinv, blasSingularValues, float64Blas } from "./linalg_blas.ts";
import { requireAllFinite, requireInt, requirePositive } from "./validate.ts";

/** A dense float64 matrix (ml-matrix's `Matrix`, rows of Float64Array). */
export type Mat = Matrix;
export { Matrix };

function requireMat(name: string, a: unknown): Mat {
  if (!Matrix.isMatrix(a)) throw new TypeError(`${name} must be an ml-matrix Matrix, got ${typeof a}`);
  return a as Mat;
}

/**
 * Checks that `a` is a square, non-empty, finite ml-matrix Matrix (named `name` in errors) and returns it: the
 * argument check of every routine on square matrices (matrix exponential, powers, canonical forms).
 */
export function requireSquare(name: string, a: unknown): Mat {
  const m = requireMat(name, a);
  if (m.rows !== m.columns || m.rows === 0) {
    throw new RangeError(`${name} must be square and non-empty, got ${m.rows}×${m.columns}`);
  }
  requireAllFinite(name, m.to1DArray());
  return m;
}

/** The product W·x of a matrix with a vector in float64 (e.g. a projection q = W_q x, or Mz of ∂z = Mz). */
export function matVec(w: Mat, x: ArrayLike<number>): Float64Array {
  requireMat("w", w);
  if (x.length !== w.columns) throw new RangeError(`x must have length ${w.columns}, got ${x.length}`);
  requireAllFinite("x", x);
  return Float64Array.from({ length: w.rows }, (_, i) => {
    let s = 0;
    for (let j = 0; j < w.columns; j++) s += w.get(i, j) * x[j];
    return s;
  });
}

function requireIndices(name: string, idx: ArrayLike<number>, n: number): void {
  if (idx.length === 0) throw new RangeError(`${name} must not be empty`);
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i];
    if (!Number.isInteger(v) || v < 0 || v >= n) {
      throw new RangeError(`${name}[${i}] must be an integer index in [0, ${n - 1}], got ${v}`);
    }
  }
}

/** The rows of `a` as Float64Array copies. */
export function matRows(a: Mat): Float64Array[] {
  requireMat("a", a);
  const out: Float64Array[] = new Array(a.rows);
  for (let i = 0; i < a.rows; i++) out[i] = Float64Array.from(a.getRow(i));
  return out;
}

/** A matrix from equally long rows (each row is copied; every entry must be finite). */
export function matFromRows(rows: ArrayLike<ArrayLike<number>>): Mat {
  if (rows.length === 0) throw new RangeError("rows must not be empty");
  const c = rows[0].length;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].length !== c) {
      throw new RangeError(`rows[${i}] has length ${rows[i].length}, rows[0] has ${c}`);
    }
    requireAllFinite(`rows[${i}]`, rows[i]);
  }
  return new Matrix(rows);
}

/** The rows `idx` of `a`, in that order (repeats allowed): `a[idx, :]`. */
export function selectRows(a: Mat, idx: ArrayLike<number>): Mat {
  requireMat("a", a);
  requireIndices("idx", idx, a.rows);
  return a.selection(Array.from(idx), Array.from({ length: a.columns }, (_, j) => j));
}

/** The columns `idx` of `a`, in that order (repeats allowed): `a[:, idx]`. */
export function selectCols(a: Mat, idx: ArrayLike<number>): Mat {
  requireMat("a", a);
  requireIndices("idx", idx, a.columns);
  return a.selection(Array.from({ length: a.rows }, (_, i) => i), Array.from(idx));
}

/** Products with fewer multiply-adds than this stay in JS (packing for OpenBLAS would cost more than it saves). */
const BLAS_MIN_MULADDS = 4096;

/**
 * The product a·b in float64: OpenBLAS dgemm when {@link float64Blas} is on and the product is not tiny, else a
 * row-major axpy loop (a few times faster than ml-matrix's `mmul`); the routes agree up to summation order.
 */
export function matmul(a: Mat, b: Mat): Mat {
  requireMat("a", a);
  requireMat("b", b);
  if (a.columns !== b.rows) {
    throw new RangeError(
      `a's columns (${a.columns}) must equal b's rows (${b.rows}): ` +
        `[${a.rows}x${a.columns}] x [${b.rows}x${b.columns}]`,
    );
  }
  const blas = a.rows * a.columns * b.columns >= BLAS_MIN_MULADDS ? float64Blas() : null;
  if (blas !== null) return blasMatmul(blas, a, b);
  const bRows = matRows(b);
  const p = b.columns;
  const out: Float64Array[] = new Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    const ai = a.getRow(i);
    const row = new Float64Array(p);
    for (let k = 0; k < ai.length; k++) {
      const v = ai[k];
      if (v === 0) continue;
      const bk = bRows[k];
      for (let j = 0; j < p; j++) row[j] += v * bk[j];
    }
    out[i] = row;
  }
  return new Matrix(out);
}

/** The Frobenius norm ‖a‖_F. */
export function frobNorm(a: Mat): number {
  requireMat("a", a);
  let s = 0;
  for (let i = 0; i < a.rows; i++) {
    const r = a.getRow(i);
    for (let j = 0; j < r.length; j++) s += r[j] * r[j];
  }
  return Math.sqrt(s);
}

/**
 * The relative Frobenius error ‖approx − exact‖_F / ‖exact‖_F (`exact` is the reference; it must not be zero).
 */
export function relFrobError(approx: Mat, exact: Mat): number {
  requireMat("approx", approx);
  requireMat("exact", exact);
  if (approx.rows !== exact.rows || approx.columns !== exact.columns) {
    throw new RangeError(
      `approx [${approx.rows}x${approx.columns}] and exact [${exact.rows}x${exact.columns}] must have one shape`,
    );
  }
  const ref = frobNorm(exact);
  if (ref === 0) throw new RangeError("exact must not be the zero matrix (relative error undefined)");
  return frobNorm(Matrix.sub(approx, exact)) / ref;
}

/** The singular values of `a`, largest first (LAPACK dgesdd, or ml-matrix's SVD, without vectors). */
export function singularValues(a: Mat): Float64Array {
  requireMat("a", a);
  const blas = float64Blas();
  if (blas !== null) return blasSingularValues(blas, a);
  const s = new SVD(a, {
    autoTranspose: true,
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
  });
  return Float64Array.from(s.diagonal).sort().reverse();
}

/**
 * The Moore–Penrose pseudo-inverse A⁺ = V·diag(1/σ)·Uᵀ keeping only σ_i > rcond·σ_max — the LAPACK / numpy
 * `pinv(a, rcond)` rule. (ml-matrix's `pseudoInverse(a, t)` cuts at t·max(rows, cols)·σ_max instead; this
 * applies the numpy rule directly, on LAPACK's dgesdd or ml-matrix's SVD.) Default rcond = 1e-15, numpy's default.
 */
export function pinvRcond(a: Mat, rcond = 1e-15): Mat {
  requireMat("a", a);
  requirePositive("rcond", rcond, true);
  if (a.rows === 0 || a.columns === 0) throw new RangeError("a must not be empty");
  requireAllFinite("a", a.to1DArray());
  const blas = float64Blas();
  if (blas !== null) return blasPinv(blas, a, rcond);
  const svd = new SVD(a, { autoTranspose: true });
  const s = svd.diagonal;
  const U = svd.leftSingularVectors, V = svd.rightSingularVectors;
  const smax = Math.max(...s);
  const cutoff = rcond * smax;
  // (V · diag(1/σ)) · Uᵀ with the small singular values dropped
  const keep = s.map((v, i) => (v > cutoff ? i : -1)).filter((i) => i >= 0);
  if (keep.length === 0) return Matrix.zeros(a.columns, a.rows);
  const Vk = V.selection(Array.from({ length: V.rows }, (_, i) => i), keep);
  for (let j = 0; j < keep.length; j++) {
    const inv = 1 / s[keep[j]];
    for (let i = 0; i < Vk.rows; i++) Vk.set(i, j, Vk.get(i, j) * inv);
  }
  const UkT = U.selection(Array.from({ length: U.rows }, (_, i) => i), keep).transpose();
  return matmul(Vk, UkT);
}

/**
 * The four Penrose residuals of a candidate pseudo-inverse `p` of `a`, each relative (Frobenius):
 * [‖APA − A‖/‖A‖, ‖PAP − P‖/‖P‖, ‖(AP)ᵀ − AP‖/‖AP‖, ‖(PA)ᵀ − PA‖/‖PA‖]; all ≈ 0 iff p = A⁺.
 */
export function penroseResiduals(a: Mat, p: Mat): [number, number, number, number] {
  requireMat("a", a);
  requireMat("p", p);
  if (p.rows !== a.columns || p.columns !== a.rows) {
    throw new RangeError(
      `p must be [${a.columns}x${a.rows}] for a [${a.rows}x${a.columns}], got ` +
        `[${p.rows}x${p.columns}]`,
    );
  }
  const ap = matmul(a, p), pa = matmul(p, a);
  const rel = (x: Mat, ref: Mat) => {
    const n = frobNorm(ref);
    return n === 0 ? frobNorm(x) : frobNorm(x) / n;
  };
  return [
    rel(Matrix.sub(matmul(ap, a), a), a),
    rel(Matrix.sub(matmul(pa, p), p), p),
    rel(Matrix.sub(ap.transpose(), ap), ap),
    rel(Matrix.sub(pa.transpose(), pa), pa),
  ];
}

/**
 * The eigenvalues of the smaller Gram matrix (AAᵀ or AᵀA), largest first, clipped at 0: the squared singular
 * values of A. Symmetric eigen-decomposition is much cheaper than an SVD of a wide matrix (500×3000: ~1 s vs ~5 s).
 */
export function gramEigenvalues(a: Mat): Float64Array {
  requireMat("a", a);
  const blas = float64Blas();
  if (blas !== null) return blasGramEigenvalues(blas, a).map((v) => Math.max(0, v)).reverse();
  const g = a.rows <= a.columns ? matmul(a, a.transpose()) : matmul(a.transpose(), a);
  const e = new EigenvalueDecomposition(g, { assumeSymmetric: true });
  return Float64Array.from(e.realEigenvalues, (v) => Math.max(0, v)).sort().reverse();
}

/**
 * Eigen-decomposition of a symmetric matrix (ml-matrix's): eigenvalues in ascending order and the matching unit
 * eigenvectors as the columns of `vectors` (vectors[i][k] is component i of eigenvector k).
 */
export function symmetricEigen(a: Mat | number[][]): { values: Float64Array; vectors: Float64Array[] } {
  const m = Matrix.isMatrix(a) ? a as Mat : new Matrix(a as number[][]);
  if (m.rows !== m.columns || m.rows === 0) {
    throw new RangeError(`a must be square and non-empty, got ${m.rows}×${m.columns}`);
  }
  requireAllFinite("a", m.to1DArray());
  const e = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const order = e.realEigenvalues.map((_v, i) => i).sort((i, j) =>
    e.realEigenvalues[i] - e.realEigenvalues[j]
  );
  const V = e.eigenvectorMatrix;
  return {
    values: Float64Array.from(order, (i) => e.realEigenvalues[i]),
    vectors: Array.from({ length: m.rows }, (_r, i) => Float64Array.from(order, (k) => V.get(i, k))),
  };
}

/** Solves A·X = B for a symmetric positive definite A (ml-matrix's Cholesky); throws if A is not SPD. */
export function solveSpd(a: Mat, b: Mat): Mat {
  requireMat("a", a);
  requireMat("b", b);
  if (a.rows !== a.columns) throw new RangeError(`a must be square, got [${a.rows}x${a.columns}]`);
  if (b.rows !== a.rows) throw new RangeError(`b must have ${a.rows} rows, got ${b.rows}`);
  const chol = new CholeskyDecomposition(a);
  if (!chol.isPositiveDefinite()) throw new RangeError("a must be symmetric positive definite");
  return chol.solve(b);
}

/** A truncated SVD A ≈ U·diag(s)·Vᵀ: U [rows × r], s [r] (largest first), V [cols × r]. */
export interface TruncatedSvd {
  U: Mat;
  s: Float64Array;
  V: Mat;
}

/**
 * The top-`rank` singular triplets of A from the eigen-decomposition of the smaller Gram matrix (AAᵀ or AᵀA),
 * the other side recovered as Aᵀu/σ (or Av/σ). Accurate for singular values well above √ε·σ_max (the leading
 * factors a distillation or a spectrum plot needs), and much faster than a full SVD of a wide matrix.
 * Singular values below 1e-7·σ_max — the round-off floor of the Gram route — are not returned (the rank may come
 * out smaller than asked).
 */
export function truncatedSvd(a: Mat, rank: number): TruncatedSvd {
  requireMat("a", a);
  requireInt("rank", rank, 1, Math.min(a.rows, a.columns));
  const wide = a.rows <= a.columns;
  const g = wide ? matmul(a, a.transpose()) : matmul(a.transpose(), a);
  const e = new EigenvalueDecomposition(g, { assumeSymmetric: true });
  const vals = e.realEigenvalues;
  const order = vals.map((_, i) => i).sort((i, j) => vals[j] - vals[i]);
  const smax = Math.sqrt(Math.max(0, vals[order[0]]));
  const keep = order.slice(0, rank).filter((i) => Math.sqrt(Math.max(0, vals[i])) > 1e-7 * smax);
  if (keep.length === 0) throw new RangeError("a is the zero matrix: no singular triplets");
  const s = Float64Array.from(keep, (i) => Math.sqrt(vals[i]));
  const small = e.eigenvectorMatrix.selection(Array.from({ length: g.rows }, (_, i) => i), keep);
  // the other side: Aᵀ u / σ (wide) or A v / σ (tall)
  const other = wide ? matmul(a.transpose(), small) : matmul(a, small);
  for (let j = 0; j < keep.length; j++) {
    const inv = 1 / s[j];
    for (let i = 0; i < other.rows; i++) other.set(i, j, other.get(i, j) * inv);
  }
  return wide ? { U: small, s, V: other } : { U: other, s, V: small };
}

/**
 * The Eckart–Young bound: the smallest Frobenius error of any rank-`rank` approximation of A,
 * (Σ_{i>rank} σ_i²)^{1/2}, from the eigenvalues of the smaller Gram matrix. Absolute; divide by ‖A‖_F for relative.
 * Round-off: about √(ε·n)·σ_max, so a tail below ~1e-7·σ_max reads as that floor.
 */
export function bestRankError(a: Mat, rank: number): number {
  requireMat("a", a);
  requireInt("rank", rank, 0, Math.min(a.rows, a.columns));
  const ev = gramEigenvalues(a);
  let tail = 0;
  for (let i = ev.length - 1; i >= rank; i--) tail += ev[i]; // small first
  return Math.sqrt(tail);
}

/**
 * {@link bestRankError} for several ranks from one eigen-decomposition: the Eckart–Young errors
 * (Σ_{i>r} σ_i²)^{1/2}, absolute, in the order of `ranks`.
 */
export function bestRankErrors(a: Mat, ranks: number[]): number[] {
  requireMat("a", a);
  ranks.forEach((r, i) => requireInt(`ranks[${i}]`, r, 0, Math.min(a.rows, a.columns)));
  const ev = gramEigenvalues(a);
  const tail = new Float64Array(ev.length + 1); // tail[r] = Σ_{i ≥ r} ev[i], summed small first
  for (let i = ev.length - 1; i >= 0; i--) tail[i] = tail[i + 1] + ev[i];
  return ranks.map((r) => Math.sqrt(tail[r]));
}

/** A float32 tensor of `a` (caller disposes it). */
export function toTensor(a: Mat): tf.Tensor2D {
  requireMat("a", a);
  return tf.tensor2d(Float32Array.from(a.to1DArray()), [a.rows, a.columns]);
}

/** A float64 matrix of a 2-D tensor (values widened from float32; the tensor is not disposed). */
export async function fromTensor(t: tf.Tensor2D): Promise<Mat> {
  if (!(t instanceof tf.Tensor) || t.rank !== 2) {
    throw new TypeError(
      `t must be a rank-2 tensor, got ${t instanceof tf.Tensor ? `shape [${t.shape}]` : typeof t}`,
    );
  }
  const [r, c] = t.shape;
  const flat = await t.data();
  const rows: Float64Array[] = new Array(r);
  for (let i = 0; i < r; i++) rows[i] = Float64Array.from(flat.subarray(i * c, (i + 1) * c) as Float32Array);
  return r === 0 ? new Matrix(0, c) : new Matrix(rows);
}

/**
 * The eigenvalues of a general (non-symmetric) real square matrix, as real and imaginary parts (ml-matrix's
 * EigenvalueDecomposition, Hessenberg QR; complex pairs appear as conjugates).
 */
export function eigenvaluesGeneral(a: Matrix): { re: Float64Array; im: Float64Array } {
  const e = new EigenvalueDecomposition(requireSquare("a", a), { assumeSymmetric: false });
  return { re: Float64Array.from(e.realEigenvalues), im: Float64Array.from(e.imaginaryEigenvalues) };
}
