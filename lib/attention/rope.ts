/**
 * Rotary position embedding (RoPE) in float64 with real 2×2 rotation blocks, and the relative-position identity
 * R_mᵀR_n = R_{n−m} that defines it (notebook 18, "Transformer升级之路：6、旋转位置编码的完备性分析", eq. (∗)).
 *
 * - block RoPE: R_n = diag(R_{nθ₀}, …, R_{nθ_{d/2−1}}) with θ_i = base^{−2i/d} (the RoPE post's frequencies);
 * - the general solution R_n = exp(nB) with B skew (lib/math expm);
 * - attention logits (R_m q_m)ᵀ(R_n k_n) for any position map, and the element-wise form of block RoPE.
 * @module
 */
import { Matrix } from "ml-matrix";
import {
  type Mat,
  matmul,
  matVec,
  requireAllFinite,
  requireFinite,
  requireInt,
  requirePositive,
  requireSquare,
} from "../core/mod.ts";
import { expm } from "../math/mod.ts";
import { maxAbsDiff } from "./matpow.ts";

/** The RoPE frequencies θ_i = base^{−2i/d}, i = 0..d/2−1 (d even; base 10000 as in the RoPE post). */
export function ropeFrequencies(d: number, base = 10000): Float64Array {
  requireInt("d", d, 2);
  if (d % 2 !== 0) throw new RangeError(`d must be even, got ${d}`);
  requirePositive("base", base);
  return Float64Array.from({ length: d / 2 }, (_, i) => base ** (-2 * i / d));
}

/**
 * Block RoPE in closed form: R_n = diag(R_{nθ₀}, …), R_θ = [[cos θ, −sin θ], [sin θ, cos θ]] — the article's
 * exp(n·diag(J_θ)) evaluated with cos/sin, no matrix exponential.
 */
export function ropeBlockMatrix(n: number, thetas: ArrayLike<number>): Mat {
  requireFinite("n", n);
  if (thetas.length === 0) throw new RangeError("thetas must not be empty");
  requireAllFinite("thetas", thetas);
  const d = 2 * thetas.length;
  const M = Matrix.zeros(d, d);
  for (let j = 0; j < thetas.length; j++) {
    const c = Math.cos(n * thetas[j]), s = Math.sin(n * thetas[j]);
    M.set(2 * j, 2 * j, c);
    M.set(2 * j, 2 * j + 1, -s);
    M.set(2 * j + 1, 2 * j, s);
    M.set(2 * j + 1, 2 * j + 1, c);
  }
  return M;
}

/**
 * Block RoPE applied element-wise, as implementations do: (x_{2i}, x_{2i+1}) ↦ (x_{2i}cos nθ_i − x_{2i+1}sin nθ_i,
 * x_{2i}sin nθ_i + x_{2i+1}cos nθ_i). Equal to ropeBlockMatrix(pos, thetas)·x without forming the matrix.
 */
export function applyRope(x: ArrayLike<number>, pos: number, thetas: ArrayLike<number>): Float64Array {
  requireFinite("pos", pos);
  if (x.length !== 2 * thetas.length) {
    throw new RangeError(`x must have length 2·thetas.length = ${2 * thetas.length}, got ${x.length}`);
  }
  requireAllFinite("x", x);
  requireAllFinite("thetas", thetas);
  const out = new Float64Array(x.length);
  for (let i = 0; i < thetas.length; i++) {
    const c = Math.cos(pos * thetas[i]), s = Math.sin(pos * thetas[i]);
    const a = x[2 * i], b = x[2 * i + 1];
    out[2 * i] = a * c - b * s;
    out[2 * i + 1] = a * s + b * c;
  }
  return out;
}

/** The general RoPE solution R_n = exp(nB) (matrix exponential, article "指数通解"); B need not be skew here. */
export function generalRope(n: number, b: Mat): Mat {
  requireFinite("n", n);
  const B = requireSquare("b", b);
  return expm(Matrix.mul(B, n));
}

/**
 * The worst violation of the relative-position identity (∗): max over m, n in `positions` of
 * ‖R_mᵀR_n − R_{n−m}‖_max, with R given as a function of the (integer) position. R is evaluated once per position
 * and per difference.
 */
export function relativeResidual(r: (n: number) => Mat, positions: ArrayLike<number>): number {
  if (typeof r !== "function") throw new TypeError("r must be a function n => R_n");
  if (positions.length === 0) throw new RangeError("positions must not be empty");
  for (let i = 0; i < positions.length; i++) requireInt(`positions[${i}]`, positions[i], -1e6, 1e6);
  const cache = new Map<number, Mat>();
  const R = (n: number) => {
    let v = cache.get(n);
    if (!v) cache.set(n, v = r(n));
    return v;
  };
  let worst = 0;
  for (let i = 0; i < positions.length; i++) {
    const Rm = R(positions[i]).transpose();
    for (let j = 0; j < positions.length; j++) {
      worst = Math.max(worst, maxAbsDiff(matmul(Rm, R(positions[j])), R(positions[j] - positions[i])));
    }
  }
  return worst;
}

/**
 * Attention logits with a position map: s_mn = (R_m q_m)ᵀ(R_n k_n)/√d for rows q_m, k_n (m, n = 0..L−1), where
 * `pos(x, n)` returns R_n x (a matrix product, or {@link applyRope}'s element-wise form).
 */
export function positionalLogits(
  q: ArrayLike<number>[],
  k: ArrayLike<number>[],
  pos: (x: ArrayLike<number>, n: number) => ArrayLike<number>,
): Float64Array[] {
  if (q.length === 0 || q.length !== k.length) {
    throw new RangeError(`q and k must have one non-zero number of rows, got ${q.length} and ${k.length}`);
  }
  if (typeof pos !== "function") throw new TypeError("pos must be a function (x, n) => R_n x");
  const d = q[0].length;
  const qr = q.map((x, m) => pos(x, m)), kr = k.map((x, n) => pos(x, n));
  return qr.map((a) =>
    Float64Array.from(kr, (b) => {
      if (a.length !== d || b.length !== d) throw new RangeError(`every rotated row must have length ${d}`);
      let s = 0;
      for (let i = 0; i < d; i++) s += a[i] * b[i];
      return s / Math.sqrt(d);
    })
  );
}

/** R_n·x for a position map given as matrices (helper for {@link positionalLogits} with exp(nB)). */
export function rotateBy(r: (n: number) => Mat): (x: ArrayLike<number>, n: number) => Float64Array {
  if (typeof r !== "function") throw new TypeError("r must be a function n => R_n");
  const cache = new Map<number, Mat>();
  return (x, n) => {
    let R = cache.get(n);
    if (!R) cache.set(n, R = r(n));
    return matVec(R, x);
  };
}

/** The linear-attention feature map φ(x) = elu(x) + 1 (> 0 everywhere), element-wise in float64. */
export function elu1(x: ArrayLike<number>): Float64Array {
  requireAllFinite("x", x);
  return Float64Array.from(x, (v) => (v > 0 ? v + 1 : Math.exp(v)));
}
