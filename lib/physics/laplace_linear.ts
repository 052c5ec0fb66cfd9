/**
 * The Laplace equation read as a first-order linear system (kexue.fm/archives/9359, on QB-Heat): feature fields
 * z(x, y) ∈ R^d with ∂_x z = Az, ∂_y z = Bz satisfy ∂²_x z + S ∂²_y z = (A² + SB²)z = 0 for S = −A²(B²)⁻¹; the system
 * is integrable only if AB = BA, and then z(x, y) = e^{xA + yB} z₀. Float64 over ml-matrix: a commuting pair is built
 * from one shared eigenvector matrix P, A = P diag(a) P⁻¹, B = P diag(b) P⁻¹, so e^{xA + yB} = P diag(e^{xa + yb}) P⁻¹
 * in closed form (no series). The Euler step (I + hM)z of ∂z = Mz is lib/numerics' eulerStep on the field z ↦ Mz
 * (lib/core's matVec).
 * @module
 */
import { inverse, Matrix } from "ml-matrix";
import { requireAllFinite, requireInt, requirePositive, Rng } from "../core/mod.ts";

/** A commuting pair A = P diag(a) P⁻¹, B = P diag(b) P⁻¹. */
export interface CommutingPair {
  P: Matrix;
  Pinv: Matrix;
  a: Float64Array;
  b: Float64Array;
  A: Matrix;
  B: Matrix;
}

/**
 * A random commuting pair of d×d matrices: P with standard normal entries, eigenvalues a uniform in `aRange`, b with
 * |b| uniform in `bAbs` and a random sign (so B² is invertible).
 */
export function commutingPair(
  d: number,
  rng: Rng,
  aRange: [number, number] = [-0.5, 0.5],
  bAbs: [number, number] = [0.2, 0.6],
): CommutingPair {
  requireInt("d", d, 1);
  if (!(rng instanceof Rng)) throw new TypeError("rng must be an Rng");
  requireAllFinite("aRange", aRange);
  requirePositive("bAbs[0]", bAbs[0]);
  if (!(aRange[0] < aRange[1]) || !(bAbs[0] < bAbs[1])) {
    throw new RangeError("aRange and bAbs must be [lo, hi]");
  }
  const P = new Matrix(Array.from({ length: d }, () => Array.from(rng.normals(d))));
  const Pinv = inverse(P);
  const a = rng.uniforms(d, aRange[0], aRange[1]);
  const b = Float64Array.from(rng.uniforms(d, bAbs[0], bAbs[1]), (v) => (rng.uniform() < 0.5 ? -v : v));
  const diagConj = (e: Float64Array) => P.mmul(Matrix.diag(Array.from(e))).mmul(Pinv);
  return { P, Pinv, a, b, A: diagConj(a), B: diagConj(b) };
}

/** z(x, y) = e^{xA + yB} z₀ = P diag(e^{xa + yb}) P⁻¹ z₀ for a commuting pair (float64). */
export function commutingFlow(
  pair: CommutingPair,
  x: number,
  y: number,
  z0: ArrayLike<number>,
): Float64Array {
  const d = pair.a.length;
  if (z0.length !== d) throw new RangeError(`z0 must have ${d} entries, got ${z0.length}`);
  requireAllFinite("z0", z0);
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    throw new RangeError(`x and y must be finite, got ${x}, ${y}`);
  }
  const w = pair.Pinv.mmul(Matrix.columnVector(Array.from(z0)));
  for (let i = 0; i < d; i++) w.set(i, 0, w.get(i, 0) * Math.exp(x * pair.a[i] + y * pair.b[i]));
  return Float64Array.from(pair.P.mmul(w).getColumn(0));
}

/** S = −A²(B²)⁻¹, the anisotropy for which the first-order system solves ∂²_x z + S∂²_y z = 0. */
export function anisotropy(A: Matrix, B: Matrix): Matrix {
  if (!A.isSquare() || !B.isSquare() || A.rows !== B.rows) {
    throw new RangeError("A and B must be square, same size");
  }
  return A.mmul(A).mmul(inverse(B.mmul(B))).mul(-1);
}

/** A d×d matrix with independent N(0, std²) entries (a generic, non-commuting partner for the path check). */
export function randomMatrix(d: number, rng: Rng, std = 1): Matrix {
  requireInt("d", d, 1);
  if (!(rng instanceof Rng)) throw new TypeError("rng must be an Rng");
  requirePositive("std", std);
  return new Matrix(Array.from({ length: d }, () => Array.from(rng.normals(d, 0, std))));
}
