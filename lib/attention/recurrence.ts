/**
 * Linear recurrences in float64 (article "Resurrecting RNNs", 线性化 and 对角化):
 *
 *   dense real:        x_t = A x_{t−1} + u_t,          x_t = Σ_{k≤t} A^{t−k} u_k;
 *   diagonal complex:  x_t = λ ⊙ x_{t−1} + γ ⊙ u_t,    x_t = γ ⊙ Σ_{k≤t} λ^{t−k} ⊙ u_k   (element-wise);
 *
 * both from x_{−1} = 0. {@link rotationSystem} builds a real A = Q·blockdiag(r_j R_{θ_j})·Q⁻¹ together with its
 * complex diagonal form A = VΛV⁻¹, V = Q·blockdiag([[1, 1], [−i, i]]), so that B′ = V⁻¹B and C′ = CV turn the dense
 * recurrence into the diagonal one with y_t = Re[C′x′_t] (the article's argument that diagonalising over ℂ loses
 * nothing once the input and output projections are complex).
 * @module
 */
import { inverse } from "ml-matrix";
import { Matrix, requireAllFinite, requireInRange, requireInt, type Rng } from "../core/mod.ts";
import { cmatMul, type ComplexArray, type ComplexMatrix, requireComplexArray } from "../math/mod.ts";

/** The dense real recurrence x_t = A x_{t−1} + u_t from x_{−1} = 0; `u[t]` has length d; returns every x_t. */
export function denseRecurrence(a: Matrix, u: readonly Float64Array[]): Float64Array[] {
  if (!Matrix.isMatrix(a) || a.rows !== a.columns) throw new TypeError("a must be a square ml-matrix Matrix");
  if (!Array.isArray(u) || u.length === 0) {
    throw new RangeError("u must be a non-empty array of Float64Array");
  }
  const d = a.rows, rows = Array.from({ length: d }, (_, i) => a.getRow(i));
  const out: Float64Array[] = [];
  let x = new Float64Array(d);
  u.forEach((ut, t) => {
    if (!(ut instanceof Float64Array) || ut.length !== d) {
      throw new RangeError(`u[${t}] must be a Float64Array of length ${d}`);
    }
    const next = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = ut[i];
      const ai = rows[i];
      for (let k = 0; k < d; k++) s += ai[k] * x[k];
      next[i] = s;
    }
    out.push(next);
    x = next;
  });
  return out;
}

/**
 * The diagonal complex recurrence x_t = λ ⊙ x_{t−1} + γ ⊙ u_t from x_{−1} = 0, one step at a time (the reference
 * every faster form is checked against). `lam` has length N; `u[t]` has length N; `gamma` (optional, real) too.
 */
export function diagonalRecurrence(
  lam: ComplexArray,
  u: readonly ComplexArray[],
  gamma?: Float64Array,
): ComplexArray[] {
  const n = requireComplexArray("lam", lam);
  if (!Array.isArray(u) || u.length === 0) {
    throw new RangeError("u must be a non-empty array of ComplexArray");
  }
  if (gamma !== undefined) {
    if (!(gamma instanceof Float64Array) || gamma.length !== n) {
      throw new RangeError(`gamma must be a Float64Array of length ${n}`);
    }
    requireAllFinite("gamma", gamma);
  }
  const out: ComplexArray[] = [];
  let xr = new Float64Array(n), xi = new Float64Array(n);
  u.forEach((ut, t) => {
    if (requireComplexArray(`u[${t}]`, ut) !== n) throw new RangeError(`u[${t}] must have length ${n}`);
    const nr = new Float64Array(n), ni = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const g = gamma ? gamma[j] : 1;
      nr[j] = lam.re[j] * xr[j] - lam.im[j] * xi[j] + g * ut.re[j];
      ni[j] = lam.re[j] * xi[j] + lam.im[j] * xr[j] + g * ut.im[j];
    }
    out.push({ re: nr, im: ni });
    [xr, xi] = [nr, ni];
  });
  return out;
}

/** The real 2×2 rotation-scaling block r·R_θ = r[[cos θ, −sin θ], [sin θ, cos θ]] (eigenvalues r e^{±iθ}). */
function block(r: number, theta: number): number[][] {
  const c = Math.cos(theta), s = Math.sin(theta);
  return [[r * c, -r * s], [r * s, r * c]];
}

/**
 * A real linear system with d/2 rotation-scaling blocks and its exact complex diagonal form (article, 对角化):
 * A = Q·blockdiag(r_j R_{θ_j})·Q⁻¹ with a random Gaussian Q; B (d×m) and C (p×d) Gaussian; eigenvalues
 * λ = (r_1e^{iθ_1}, r_1e^{−iθ_1}, r_2e^{iθ_2}, …); B′ = V⁻¹B and C′ = CV with V = Q·blockdiag(M), M = [[1, 1], [−i, i]]
 * (R_θ(1, −i)ᵀ = e^{iθ}(1, −i)ᵀ), V⁻¹ = blockdiag(M⁻¹)·Q⁻¹, M⁻¹ = ½[[1, i], [1, −i]]. d must be even; r_j ~ U[rLo, rHi].
 */
export function rotationSystem(
  rng: Rng,
  d: number,
  m: number,
  p: number,
  opts: { rLo?: number; rHi?: number } = {},
): { a: Matrix; b: Matrix; c: Matrix; lam: ComplexArray; bPrime: ComplexMatrix; cPrime: ComplexMatrix } {
  requireInt("d", d, 2);
  if (d % 2 !== 0) throw new RangeError(`d must be even (2×2 blocks), got ${d}`);
  requireInt("m", m, 1);
  requireInt("p", p, 1);
  const rLo = requireInRange("opts.rLo", opts.rLo ?? 0.8, 0, 1);
  const rHi = requireInRange("opts.rHi", opts.rHi ?? 0.99, 0, 1);
  if (!(rLo <= rHi)) throw new RangeError(`opts.rLo must be <= opts.rHi, got ${rLo} and ${rHi}`);
  if (!rng || typeof rng.normals !== "function") throw new TypeError("rng must be an Rng");
  const gauss = (rows: number, cols: number) =>
    new Matrix(Array.from({ length: rows }, () => Array.from(rng.normals(cols))));
  const q = gauss(d, d), qInv = inverse(q);
  const blocks = Matrix.zeros(d, d);
  const lam: ComplexArray = { re: new Float64Array(d), im: new Float64Array(d) };
  const mRe = Matrix.zeros(d, d), mIm = Matrix.zeros(d, d); // blockdiag(M)
  const miRe = Matrix.zeros(d, d), miIm = Matrix.zeros(d, d); // blockdiag(M⁻¹)
  for (let j = 0; j < d / 2; j++) {
    const r = rLo + (rHi - rLo) * rng.uniform(), theta = Math.PI * rng.uniform();
    const bl = block(r, theta), o = 2 * j;
    for (let i = 0; i < 2; i++) for (let k = 0; k < 2; k++) blocks.set(o + i, o + k, bl[i][k]);
    lam.re[o] = r * Math.cos(theta), lam.im[o] = r * Math.sin(theta);
    lam.re[o + 1] = r * Math.cos(theta), lam.im[o + 1] = -r * Math.sin(theta);
    mRe.set(o, o, 1), mRe.set(o, o + 1, 1), mIm.set(o + 1, o, -1), mIm.set(o + 1, o + 1, 1);
    miRe.set(o, o, 0.5), miIm.set(o, o + 1, 0.5), miRe.set(o + 1, o, 0.5), miIm.set(o + 1, o + 1, -0.5);
  }
  const a = q.mmul(blocks).mmul(qInv);
  const b = gauss(d, m), c = gauss(p, d);
  const zero = (r: number, k: number) => Matrix.zeros(r, k);
  const bPrime = cmatMul({ re: miRe, im: miIm }, { re: qInv.mmul(b), im: zero(d, m) });
  const cPrime = cmatMul({ re: c.mmul(q), im: zero(p, d) }, { re: mRe, im: mIm });
  return { a, b, c, lam, bPrime, cPrime };
}
