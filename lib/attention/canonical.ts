/**
 * Real canonical forms of skew-symmetric and orthogonal matrices (notebook 18, "完备分析"), built from a symmetric
 * eigensolver only (ml-matrix's, through lib/core's `symmetricEigen`):
 *
 * - skew B: B = PΛPᵀ with P orthogonal and Λ = diag(J_θ₀, J_θ₁, …), J_θ = [[0, −θ], [θ, 0]];
 * - orthogonal O: O = Q·diag(R_θ₁, …, R_θ_k, ±1, …, ±1)·Qᵀ with R_θ the 2×2 rotation.
 *
 * The recipe: eigenvectors u of a symmetric matrix S that commutes with the skew part K (S = BᵀB for B; S = (O+Oᵀ)/2
 * with K = (O−Oᵀ)/2 for O), each Gram–Schmidt-ed against the vectors already chosen; if Ku ≠ 0 then w = Ku/‖Ku‖
 * completes u to an invariant plane [u, w], otherwise u is a real eigenvector (a 1×1 block).
 * @module
 */
import { determinant, Matrix, QrDecomposition } from "ml-matrix";
import {
  type Mat,
  matmul,
  requireFinite,
  requireInt,
  requirePositive,
  requireSquare,
  type Rng,
  symmetricEigen,
} from "../core/mod.ts";

/** The 2×2 rotation generator J_θ = [[0, −θ], [θ, 0]] placed in blocks: Λ = diag(J_θ₀, …) (d = 2·thetas.length). */
export function blockGenerator(thetas: ArrayLike<number>): Mat {
  if (thetas.length === 0) throw new RangeError("thetas must not be empty");
  const d = 2 * thetas.length;
  const L = Matrix.zeros(d, d);
  for (let j = 0; j < thetas.length; j++) {
    const t = requireFinite(`thetas[${j}]`, thetas[j]);
    L.set(2 * j, 2 * j + 1, -t);
    L.set(2 * j + 1, 2 * j, t);
  }
  return L;
}

/** A random skew-symmetric d×d matrix (A − Aᵀ)/2 with A_ij ~ N(0, scale²/d), from `rng` (the brief's recipe). */
export function randomSkew(rng: Rng, d: number, scale = 1): Mat {
  requireInt("d", d, 1);
  requirePositive("scale", scale);
  const std = scale / Math.sqrt(d);
  const A = new Matrix(Array.from({ length: d }, () => Array.from(rng.normals(d, 0, std))));
  return Matrix.sub(A, A.transpose()).mul(0.5);
}

/**
 * A Haar-random d×d orthogonal matrix with the given determinant: Q of the QR decomposition of a Gaussian matrix
 * (ml-matrix's), columns multiplied by sign(R_jj), then the first column negated if the determinant is not `det`.
 */
export function randomOrthogonal(rng: Rng, d: number, det: 1 | -1 = 1): Mat {
  requireInt("d", d, 1);
  if (det !== 1 && det !== -1) throw new RangeError(`det must be 1 or -1, got ${det}`);
  const G = new Matrix(Array.from({ length: d }, () => Array.from(rng.normals(d))));
  const qr = new QrDecomposition(G);
  const Q = qr.orthogonalMatrix, R = qr.upperTriangularMatrix;
  for (let j = 0; j < d; j++) {
    if (R.get(j, j) < 0) { for (let i = 0; i < d; i++) Q.set(i, j, -Q.get(i, j)); }
  }
  if (Math.sign(determinant(Q)) !== det) { for (let i = 0; i < d; i++) Q.set(i, 0, -Q.get(i, 0)); }
  return Q;
}

/** One invariant block found by {@link pairedBasis}: a plane [u, w] (columns `at`, `at+1`) or a line u (`at`). */
interface Block {
  kind: "plane" | "line";
  at: number;
}

/**
 * Orthonormal columns [u₀, w₀, u₁, w₁, …, lines…] from the eigenvectors of `sym` (in the given order) and the skew
 * matrix `skew` commuting with it: each eigenvector is orthogonalised against the chosen ones (skipped if nothing
 * is left of it), then paired with w = skew·u/‖skew·u‖ when ‖skew·u‖ > tol, else kept as a line.
 */
function pairedBasis(eigvecs: Float64Array[], skew: Mat, tol: number): { p: Mat; blocks: Block[] } {
  const d = skew.rows;
  const chosen: Float64Array[] = [];
  const planes: [Float64Array, Float64Array][] = [];
  const lines: Float64Array[] = [];
  const orth = (v: Float64Array): Float64Array | null => {
    const x = Float64Array.from(v);
    for (let pass = 0; pass < 2; pass++) {
      for (const c of chosen) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += c[i] * x[i];
        for (let i = 0; i < d; i++) x[i] -= dot * c[i];
      }
    }
    const n = Math.hypot(...x);
    if (n < 0.5) return null; // (numerically) inside the span already
    return x.map((v) => v / n);
  };
  for (const v of eigvecs) {
    const u = orth(v);
    if (u === null) continue;
    const ku = Float64Array.from({ length: d }, (_, i) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += skew.get(i, j) * u[j];
      return s;
    });
    const nk = Math.hypot(...ku);
    chosen.push(u);
    if (nk > tol) {
      const w = orth(ku.map((v) => v / nk));
      if (w === null) throw new RangeError("skew·u fell inside the chosen span: sym and skew do not commute");
      chosen.push(w);
      planes.push([u, w]);
    } else {
      lines.push(u);
    }
  }
  const cols = [...planes.flat(), ...lines];
  const p = new Matrix(Array.from({ length: d }, (_, i) => cols.map((c) => c[i])));
  const blocks: Block[] = [
    ...planes.map((_, j) => ({ kind: "plane" as const, at: 2 * j })),
    ...lines.map((_, j) => ({ kind: "line" as const, at: 2 * planes.length + j })),
  ];
  return { p, blocks };
}

function transposeRows(vectors: Float64Array[], order: number[]): Float64Array[] {
  // symmetricEigen gives vectors[i][k] = component i of eigenvector k; return eigenvectors as arrays
  return order.map((k) => Float64Array.from(vectors, (row) => row[k]));
}

function skewDefect(a: Mat): number {
  let m = 0, scale = 0;
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.columns; j++) {
      m = Math.max(m, Math.abs(a.get(i, j) + a.get(j, i)));
      scale = Math.max(scale, Math.abs(a.get(i, j)));
    }
  }
  return scale === 0 ? 0 : m / scale;
}

/**
 * The real canonical form of a skew-symmetric B (even d): B = P·diag(J_θ₀, …, J_θ_{d/2−1})·Pᵀ with P orthogonal and
 * θ₀ ≥ θ₁ ≥ … ≥ 0 (article 完备分析, built as the brief's recipe: eigenvectors of S = BᵀB = −B² in decreasing order,
 * w = Bu/θ). Zero θ's (a singular B) get any orthonormal completion of the null space, paired into J₀ = 0 blocks.
 */
export function skewCanonicalForm(b: Mat, tol = 1e-12): { p: Mat; thetas: Float64Array } {
  const B = requireSquare("b", b);
  if (B.rows % 2 !== 0) throw new RangeError(`b must have an even size, got ${B.rows}`);
  requirePositive("tol", tol);
  const defect = skewDefect(B);
  if (defect > 1e-12) throw new RangeError(`b must be skew-symmetric (max |b + bᵀ|/max |b| = ${defect})`);
  const S = matmul(B.transpose(), B);
  const { values, vectors } = symmetricEigen(S);
  const order = Array.from(values.keys()).reverse(); // decreasing θ²
  const scale = Math.sqrt(Math.max(0, values[values.length - 1]));
  const { p, blocks } = pairedBasis(transposeRows(vectors, order), B, tol * Math.max(scale, 1e-300));
  const thetas = new Float64Array(B.rows / 2);
  for (const bl of blocks) {
    if (bl.kind === "plane") {
      let s = 0; // θ = wᵀBu
      for (let i = 0; i < B.rows; i++) {
        for (let j = 0; j < B.rows; j++) s += p.get(i, bl.at + 1) * B.get(i, j) * p.get(j, bl.at);
      }
      thetas[bl.at / 2] = s;
    }
  }
  return { p, thetas };
}

/**
 * The real canonical form of an orthogonal O: O = Q·diag(R_θ₁, …, R_θ_k, s₁, …, s_r)·Qᵀ with Q orthogonal, angles
 * θ_j ∈ (0, π) and real eigenvalues s_i ∈ {+1, −1} (the last r columns of Q). For det O = −1 and even d, r ≥ 2
 * with both signs present (the corrected version of the article's det −1 step, notebook 18 step 5).
 */
export function orthogonalCanonicalForm(
  o: Mat,
  tol = 1e-9,
): { q: Mat; angles: Float64Array; signs: Float64Array } {
  const O = requireSquare("o", o);
  requirePositive("tol", tol);
  const d = O.rows;
  const Ot = O.transpose();
  let defect = 0;
  const OtO = matmul(Ot, O);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) defect = Math.max(defect, Math.abs(OtO.get(i, j) - (i === j ? 1 : 0)));
  }
  if (defect > 1e-8) throw new RangeError(`o must be orthogonal (max |oᵀo − I| = ${defect})`);
  const sym = Matrix.add(O, Ot).mul(0.5), skew = Matrix.sub(O, Ot).mul(0.5);
  const { vectors } = symmetricEigen(sym);
  const { p, blocks } = pairedBasis(
    transposeRows(vectors, Array.from({ length: d }, (_, k) => k)),
    skew,
    tol,
  );
  const qOq = matmul(matmul(p.transpose(), O), p);
  const angles: number[] = [], signs: number[] = [];
  for (const bl of blocks) {
    if (bl.kind === "plane") angles.push(Math.atan2(qOq.get(bl.at + 1, bl.at), qOq.get(bl.at, bl.at)));
    else signs.push(Math.sign(qOq.get(bl.at, bl.at)));
  }
  return { q: p, angles: Float64Array.from(angles), signs: Float64Array.from(signs) };
}

/**
 * Block-diagonal assembly diag(R_θ₁, …, R_θ_k, s₁, …, s_r) (float64), R_θ = [[cos θ, −sin θ], [sin θ, cos θ]]:
 * the middle factor of {@link orthogonalCanonicalForm}; with angles nθ and signs sⁿ it is the middle factor of Oⁿ.
 */
export function rotationBlocks(angles: ArrayLike<number>, signs: ArrayLike<number> = []): Mat {
  const d = 2 * angles.length + signs.length;
  if (d === 0) throw new RangeError("angles and signs must not both be empty");
  const M = Matrix.zeros(d, d);
  for (let j = 0; j < angles.length; j++) {
    const t = requireFinite(`angles[${j}]`, angles[j]);
    const c = Math.cos(t), s = Math.sin(t);
    M.set(2 * j, 2 * j, c);
    M.set(2 * j, 2 * j + 1, -s);
    M.set(2 * j + 1, 2 * j, s);
    M.set(2 * j + 1, 2 * j + 1, c);
  }
  for (let i = 0; i < signs.length; i++) {
    M.set(2 * angles.length + i, 2 * angles.length + i, requireFinite(`signs[${i}]`, signs[i]));
  }
  return M;
}

/** The largest |M_ij| outside the 2×2 diagonal blocks (rows/columns 2j, 2j+1) of an even-sized square M. */
export function offBlockMax(m: Mat): number {
  const M = requireSquare("m", m);
  if (M.rows % 2 !== 0) throw new RangeError(`m must have an even size, got ${M.rows}`);
  let best = 0;
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < M.columns; j++) {
      if ((i >> 1) !== (j >> 1)) best = Math.max(best, Math.abs(M.get(i, j)));
    }
  }
  return best;
}

/**
 * A real skew-symmetric logarithm B of an orthogonal O with det O = +1, so that exp(B) = O (article "正交通解": every
 * such O is an exponential): B = Q·diag(J_θ₁, …, J_θ_k, 0, …)·Qᵀ from {@link orthogonalCanonicalForm}, with the
 * eigenvalues −1 (an even number of them) paired into J_π blocks.
 */
export function logOrthogonal(o: Mat): Mat {
  const { q, angles, signs } = orthogonalCanonicalForm(o);
  const neg = Array.from(signs.keys()).filter((i) => signs[i] < 0).map((i) => 2 * angles.length + i);
  if (neg.length % 2 !== 0) {
    throw new RangeError("o must have determinant +1 (it has an odd number of −1 eigenvalues)");
  }
  const d = q.rows;
  const M = Matrix.zeros(d, d);
  for (let j = 0; j < angles.length; j++) {
    M.set(2 * j, 2 * j + 1, -angles[j]);
    M.set(2 * j + 1, 2 * j, angles[j]);
  }
  for (let k = 0; k < neg.length; k += 2) {
    M.set(neg[k], neg[k + 1], -Math.PI);
    M.set(neg[k + 1], neg[k], Math.PI);
  }
  return matmul(matmul(q, M), q.transpose());
}
