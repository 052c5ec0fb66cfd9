/**
 * The matrix exponential e^A of a small dense float64 matrix, by mathjs's `expm` (the Padé approximant with scaling
 * and squaring, Moler & Van Loan's "Nineteen dubious ways", method 3): the project's one matrix exponential — the
 * general RoPE solution R_n = exp(nB) of notebook 18 (kexue.fm/archives/9403) and the flow z = e^{xA + yB}z₀ of
 * notebook 14 (kexue.fm/archives/9359). The tests hold it to the closed forms of a rotation generator (‖A‖ up to 200)
 * and a diagonal matrix.
 * @module
 */
import { expm as mathjsExpm, matrix } from "mathjs";
import { type Mat, Matrix, requireSquare } from "../core/mod.ts";

/**
 * e^A = Σ_k A^k/k! for a square, finite ml-matrix Matrix (the matrix exponential, not the element-wise one); a new
 * Matrix.
 */
export function expm(a: Mat): Mat {
  const A = requireSquare("a", a);
  return new Matrix((mathjsExpm(matrix(A.to2DArray())).toArray() as number[][]).map((r) => r.map(Number)));
}
