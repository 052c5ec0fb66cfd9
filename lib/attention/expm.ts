/**
 * The matrix exponential and integer matrix powers in float64, for the general RoPE solution R_n = exp(nB)
 * (notebook 18, "指数通解"). {@link expm} is the scaling-and-squaring method with the degree-13 Padé approximant
 * (Higham 2005, "The scaling and squaring method for the matrix exponential revisited", Algorithm 2.3 without the
 * lower degrees): A is scaled by 2^-s so that ‖A‖₁/2^s ≤ θ₁₃, r₁₃ = q₁₃⁻¹p₁₃ is obtained by ml-matrix's linear
 * solve (no decomposition written here), and squared s times. The tests compare it with the closed form
 * exp(nJ_θ) = R_{nθ} of a 2×2 rotation generator and with mathjs's `expm`.
 * @module
 */
import { Matrix, solve } from "ml-matrix";
import { type Mat, matmul, requireAllFinite, requireFinite, requireInt } from "../core/mod.ts";

/** Padé(13) coefficients b₀..b₁₃ (Higham 2005, Table 2.3 / eq. 2.11). */
const B13 = [
  64764752532480000,
  32382376266240000,
  7771770303897600,
  1187353796428800,
  129060195264000,
  10559470521600,
  670442572800,
  33522128640,
  1323241920,
  40840800,
  960960,
  16380,
  182,
  1,
];
/** θ₁₃: the largest ‖A‖₁ for which Padé(13) meets double precision without scaling (Higham 2005, Table 2.3). */
const THETA13 = 5.371920351148152;

/** Checks that `a` is a square, finite ml-matrix Matrix (named `name` in errors). */
export function requireSquare(name: string, a: unknown): Mat {
  if (!Matrix.isMatrix(a)) throw new TypeError(`${name} must be an ml-matrix Matrix, got ${typeof a}`);
  const m = a as Mat;
  if (m.rows !== m.columns || m.rows === 0) {
    throw new RangeError(`${name} must be square and non-empty, got ${m.rows}×${m.columns}`);
  }
  requireAllFinite(name, m.to1DArray());
  return m;
}

function norm1(a: Mat): number {
  let best = 0;
  for (let j = 0; j < a.columns; j++) {
    let s = 0;
    for (let i = 0; i < a.rows; i++) s += Math.abs(a.get(i, j));
    best = Math.max(best, s);
  }
  return best;
}

/** Σ c_k X_k + c_I·I (float64, new matrix). */
function combo(terms: [number, Mat][], cI: number, d: number): Mat {
  const out = Matrix.eye(d, d).mul(cI);
  for (const [c, x] of terms) out.add(Matrix.mul(x, c));
  return out;
}

/**
 * exp(A) = Σ_k A^k/k! for a square float64 matrix (the matrix exponential of the article's exp(nB), not the
 * element-wise one), by scaling and squaring with the degree-13 Padé approximant. Relative accuracy is a few
 * units of 1e-16 × 2^s × ‖A‖ in the worst case, with s = max(0, ⌈log₂(‖A‖₁/θ₁₃)⌉).
 */
export function expm(a: Mat): Mat {
  const A0 = requireSquare("a", a);
  const d = A0.rows;
  const nrm = norm1(A0);
  const s = nrm > THETA13 ? Math.ceil(Math.log2(nrm / THETA13)) : 0;
  const A = s > 0 ? Matrix.mul(A0, 2 ** -s) : A0.clone();
  const A2 = matmul(A, A), A4 = matmul(A2, A2), A6 = matmul(A4, A2);
  const b = B13;
  const uInner = matmul(A6, combo([[b[13], A6], [b[11], A4], [b[9], A2]], 0, d));
  const U = matmul(A, uInner.add(combo([[b[7], A6], [b[5], A4], [b[3], A2]], b[1], d)));
  const vInner = matmul(A6, combo([[b[12], A6], [b[10], A4], [b[8], A2]], 0, d));
  const V = vInner.add(combo([[b[6], A6], [b[4], A4], [b[2], A2]], b[0], d));
  let R = solve(Matrix.sub(V, U), Matrix.add(V, U));
  for (let k = 0; k < s; k++) R = matmul(R, R);
  return R;
}

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
