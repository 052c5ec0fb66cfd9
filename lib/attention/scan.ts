/**
 * Parallel forms of the diagonal recurrence x_t = λ ⊙ x_{t−1} + u_t in float64 (article, 并行化):
 *
 * - naive: x_t = λ^t ⊙ Σ_{k≤t} λ^{−k} ⊙ u_k (multiply, cumulative sum, multiply) — exact algebra, but |λ|^{−k}
 *   overflows once k·log(1/r) > log(MAX): k > log₂(MAX)/log₂(1/r), i.e. 128/log₂(1/r) in float32 and 1024/log₂(1/r)
 *   in float64 ({@link naiveOverflowStep});
 * - Upper/Lower: for T > t, x_T = λ^{T−t} x_t + Σ_{k=t+1}^{T} λ^{T−k} u_k — scan two halves independently, then add
 *   λ^j·(last state of the left half) to position j = 1, 2, … of the right half; bottom-up over blocks of 1, 2, 4, …
 *   gives ⌈log₂ L⌉ levels (L padded to a power of two). Only decaying powers λ^j (j ≥ 1) are ever formed.
 * - the associative operator of the same scan, (a_i, b_i) • (a_j, b_j) = (a_j a_i, a_j b_i + b_j) ({@link scanCombine}).
 * @module
 */
import { requireInt, requireOneOf } from "../core/mod.ts";
import { type Complex, type ComplexArray, requireComplexArray } from "../math/mod.ts";

/** ⌈log₂ L⌉: the number of doubling levels of the Upper/Lower scan over L steps (article: O(log L) depth). */
export function scanLevels(L: number): number {
  requireInt("L", L, 1);
  let levels = 0;
  while (2 ** levels < L) levels++;
  return levels;
}

/**
 * The associative operator of a linear scan: an element (a, b) is the affine map x ↦ a x + b; composing "first i,
 * then j" gives (a_j a_i, a_j b_i + b_j). Folding (λ, u_0), …, (λ, u_t) from the left gives (λ^{t+1}, x_t).
 */
export function scanCombine(first: { a: Complex; b: Complex }, then: { a: Complex; b: Complex }): {
  a: Complex;
  b: Complex;
} {
  for (const [name, e] of [["first", first], ["then", then]] as const) {
    if (!e || !e.a || !e.b) throw new TypeError(`${name} must be {a, b} with complex a and b`);
    for (const v of [e.a.re, e.a.im, e.b.re, e.b.im]) {
      if (!Number.isFinite(v)) throw new RangeError(`${name} must hold finite numbers, got ${v}`);
    }
  }
  const { a: ai, b: bi } = first, { a: aj, b: bj } = then;
  return {
    a: { re: aj.re * ai.re - aj.im * ai.im, im: aj.re * ai.im + aj.im * ai.re },
    b: { re: aj.re * bi.re - aj.im * bi.im + bj.re, im: aj.re * bi.im + aj.im * bi.re + bj.im },
  };
}

function checkInputs(lam: ComplexArray, u: readonly ComplexArray[]): number {
  const n = requireComplexArray("lam", lam);
  if (!Array.isArray(u) || u.length === 0) {
    throw new RangeError("u must be a non-empty array of ComplexArray");
  }
  u.forEach((ut, t) => {
    if (requireComplexArray(`u[${t}]`, ut) !== n) throw new RangeError(`u[${t}] must have length ${n}`);
  });
  return n;
}

/**
 * The Upper/Lower parallel scan in float64: every state x_0..x_{L−1} of x_t = λ ⊙ x_{t−1} + u_t (x_{−1} = 0), and
 * the number of doubling levels it ran. Powers λ^j are formed in polar form r^j e^{ijθ} (decaying only).
 */
export function upperLowerScan(
  lam: ComplexArray,
  u: readonly ComplexArray[],
): { states: ComplexArray[]; levels: number } {
  const n = checkInputs(lam, u);
  const L = u.length;
  let Lp = 1;
  while (Lp < L) Lp *= 2;
  const xr = new Float64Array(Lp * n), xi = new Float64Array(Lp * n);
  u.forEach((ut, t) => {
    xr.set(ut.re, t * n);
    xi.set(ut.im, t * n);
  });
  const logR = new Float64Array(n), th = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    logR[j] = Math.log(Math.hypot(lam.re[j], lam.im[j]));
    th[j] = Math.atan2(lam.im[j], lam.re[j]);
  }
  let levels = 0;
  for (let s = 1; s < Lp; s *= 2) {
    levels++;
    // powers λ^1..λ^s for this level
    const pr = new Float64Array(s * n), pi = new Float64Array(s * n);
    for (let k = 0; k < s; k++) {
      for (let j = 0; j < n; j++) {
        const m = Math.exp((k + 1) * logR[j]);
        pr[k * n + j] = m * Math.cos((k + 1) * th[j]);
        pi[k * n + j] = m * Math.sin((k + 1) * th[j]);
      }
    }
    for (let start = 0; start < Lp; start += 2 * s) {
      const last = (start + s - 1) * n;
      for (let k = 0; k < s; k++) {
        const at = (start + s + k) * n;
        for (let j = 0; j < n; j++) {
          const lr = xr[last + j], li = xi[last + j], a = pr[k * n + j], b = pi[k * n + j];
          xr[at + j] += a * lr - b * li;
          xi[at + j] += a * li + b * lr;
        }
      }
    }
  }
  const states = Array.from({ length: L }, (_, t) => ({
    re: xr.slice(t * n, (t + 1) * n),
    im: xi.slice(t * n, (t + 1) * n),
  }));
  return { states, levels };
}

/**
 * The naive parallel form x_t = λ^t ⊙ Σ_{k≤t} λ^{−k} ⊙ u_k in float64 (article: "correct, but impractical").
 * Returns the states as computed — non-finite once |λ|^{−k} overflows; see {@link naiveOverflowStep}.
 */
export function naiveCumsumRecurrence(lam: ComplexArray, u: readonly ComplexArray[]): ComplexArray[] {
  const n = checkInputs(lam, u);
  const logR = new Float64Array(n), th = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    logR[j] = Math.log(Math.hypot(lam.re[j], lam.im[j]));
    th[j] = Math.atan2(lam.im[j], lam.re[j]);
  }
  const sr = new Float64Array(n), si = new Float64Array(n);
  return u.map((ut, t) => {
    const out = { re: new Float64Array(n), im: new Float64Array(n) };
    for (let j = 0; j < n; j++) {
      const inv = Math.exp(-t * logR[j]), c = Math.cos(-t * th[j]), s = Math.sin(-t * th[j]);
      const wr = inv * c, wi = inv * s; // λ^{−t}
      sr[j] += wr * ut.re[j] - wi * ut.im[j];
      si[j] += wr * ut.im[j] + wi * ut.re[j];
      const fwd = Math.exp(t * logR[j]), fr = fwd * Math.cos(t * th[j]), fi = fwd * Math.sin(t * th[j]);
      out.re[j] = fr * sr[j] - fi * si[j];
      out.im[j] = fr * si[j] + fi * sr[j];
    }
    return out;
  });
}

/** The largest finite float32 and float64 numbers. */
export const FLOAT_MAX = Object.freeze({ f32: 3.4028234663852886e38, f64: Number.MAX_VALUE });

/**
 * The first step k at which r^{−k} exceeds the largest finite number of the format: the smallest integer k with
 * k·ln(1/r) > ln(MAX), i.e. k > 128/log₂(1/r) (float32) or 1024/log₂(1/r) (float64) — the article's overflow bound.
 */
export function naiveOverflowStep(r: number, dtype: "f32" | "f64"): number {
  if (typeof r !== "number" || !(r > 0 && r < 1)) throw new RangeError(`r must be in (0, 1), got ${r}`);
  const d = requireOneOf("dtype", dtype, ["f32", "f64"] as const);
  return Math.floor(Math.log(FLOAT_MAX[d]) / -Math.log(r)) + 1;
}

/** The first time index whose state has a non-finite entry, or −1 if all are finite. */
export function firstNonFinite(states: readonly ComplexArray[]): number {
  if (!Array.isArray(states)) throw new TypeError("states must be an array of ComplexArray");
  for (let t = 0; t < states.length; t++) {
    requireComplexArray(`states[${t}]`, states[t]);
    const { re, im } = states[t];
    for (let j = 0; j < re.length; j++) if (!Number.isFinite(re[j]) || !Number.isFinite(im[j])) return t;
  }
  return -1;
}
