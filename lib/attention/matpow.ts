/**
 * Integer matrix powers and the max-norm distance in float64, for the RoPE checks of notebook 18 ("指数通解": R_n =
 * exp(nB) = (exp B)ⁿ; the matrix exponential itself is lib/math's {@link expm}). Inverses come from ml-matrix's
 * linear solve (no decomposition written here).
 * @module
 */
import { Matrix, solve } from "ml-matrix";
import { type Mat, matmul, requireFinite, requireInt, requireSquare } from "../core/mod.ts";

/**
 * A^n for an integer n by binary powering (float64); A⁰ = I, and a negative n uses the inverse of A (ml-matrix's
 * LU solve), never the transpose — so a check of (O^m)ᵀO^n = O^{n−m} does not assume O orthogonal.
 */
export function matPow(a: Mat, n: number): Mat {
  const A = requireSquare("a", a);
  requireInt("n", n, -1e6, 1e6);
  let base = n < 0 ? solve(A, Matrix.eye(A.rows, A.rows)) : A.clone();
  let k = Math.abs(n);
  let out: Mat = Matrix.eye(A.rows, A.rows);
  while (k > 0) {
    if (k & 1) out = matmul(out, base);
    k >>= 1;
    if (k > 0) base = matmul(base, base);
  }
  return out;
}

/** The largest absolute entry of a − b (the ‖·‖_max distance used by every residual of notebook 18). */
export function maxAbsDiff(a: Mat, b: Mat): number {
  if (!Matrix.isMatrix(a)) throw new TypeError("a must be an ml-matrix Matrix");
  if (!Matrix.isMatrix(b)) throw new TypeError("b must be an ml-matrix Matrix");
  if (a.rows !== b.rows || a.columns !== b.columns) {
    throw new RangeError(`a [${a.rows}×${a.columns}] and b [${b.rows}×${b.columns}] must have one shape`);
  }
  let m = 0;
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.columns; j++) m = Math.max(m, Math.abs(a.get(i, j) - b.get(i, j)));
  }
  return m;
}

/** The matrix scaled by a finite number c (a new matrix): c·A, used for exp(nB) as expm(scale(B, n)). */
export function scaled(a: Mat, c: number): Mat {
  requireFinite("c", c);
  if (!Matrix.isMatrix(a)) throw new TypeError("a must be an ml-matrix Matrix");
  return Matrix.mul(a, c);
}
