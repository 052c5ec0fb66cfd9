/**
 * The TaiLr paper's motivating toy (Ji et al. 2023, as summarised in kexue.fm/archives/9526): fit one Gaussian
 * q = N(μ, σ²) to a two-mode mixture p under KL(p‖q) — maximum likelihood, which must cover the outlying mode — and
 * under the total variation distance TV(p, q) = ½∫|p − q|, which may ignore it. Densities live on a fixed float64
 * grid; integrals are the trapezoid rule of lib/numerics; the fits are a coarse-to-fine grid search.
 * @module
 */
import { requireAllFinite, requireFinite, requireInt, requirePositive } from "../core/mod.ts";
import { trapezoid } from "../numerics/mod.ts";

/** N(μ, σ²) density at each grid point (float64). */
export function normalPdf(x: ArrayLike<number>, mu: number, sigma: number): Float64Array {
  requireFinite("mu", mu);
  requirePositive("sigma", sigma);
  const c = 1 / (sigma * Math.sqrt(2 * Math.PI));
  return Float64Array.from(x, (v) => c * Math.exp(-0.5 * ((v - mu) / sigma) ** 2));
}

/** A mixture Σ_k w_k N(μ_k, σ_k²) (weights positive, summing to 1). */
export interface NormalMixture {
  weights: readonly number[];
  means: readonly number[];
  sigmas: readonly number[];
}

/** The mixture's density at each grid point (float64). */
export function mixturePdf(x: ArrayLike<number>, m: NormalMixture): Float64Array {
  const k = m?.weights?.length ?? 0;
  if (k === 0 || m.means?.length !== k || m.sigmas?.length !== k) {
    throw new RangeError("m must have non-empty weights, means and sigmas of one length");
  }
  m.weights.forEach((w, i) => requirePositive(`m.weights[${i}]`, w));
  const tot = m.weights.reduce((a, b) => a + b, 0);
  if (Math.abs(tot - 1) > 1e-12) throw new RangeError(`m.weights must sum to 1, got ${tot}`);
  const out = new Float64Array(x.length);
  for (let j = 0; j < k; j++) {
    const q = normalPdf(x, m.means[j], m.sigmas[j]);
    for (let i = 0; i < out.length; i++) out[i] += m.weights[j] * q[i];
  }
  return out;
}

/** Mean and variance of a mixture in closed form: Σw_kμ_k and Σw_k(σ_k² + μ_k²) − mean². */
export function mixtureMoments(m: NormalMixture): { mean: number; variance: number } {
  mixturePdf([0], m); // validates
  let mean = 0, second = 0;
  m.weights.forEach((w, i) => {
    mean += w * m.means[i];
    second += w * (m.sigmas[i] ** 2 + m.means[i] ** 2);
  });
  return { mean, variance: second - mean * mean };
}

function checkPair(x: ArrayLike<number>, p: ArrayLike<number>, q: ArrayLike<number>): void {
  if (p.length !== x.length || q.length !== x.length) {
    throw new RangeError(`x, p and q must have one length, got ${x.length}, ${p.length}, ${q.length}`);
  }
  requireAllFinite("p", p);
  requireAllFinite("q", q);
}

/** TV(p, q) = ½∫|p − q| dx on the grid (trapezoid). */
export function tvDistance(x: ArrayLike<number>, p: ArrayLike<number>, q: ArrayLike<number>): number {
  checkPair(x, p, q);
  return 0.5 * trapezoid(x, Float64Array.from(p, (v, i) => Math.abs(v - q[i])));
}

/**
 * KL(p‖q) = ∫p log(p/q) dx on the grid (trapezoid; points with p = 0 contribute 0). Infinite if q = 0 where p > 0.
 */
export function klDivergence(x: ArrayLike<number>, p: ArrayLike<number>, q: ArrayLike<number>): number {
  checkPair(x, p, q);
  const f = new Float64Array(x.length);
  for (let i = 0; i < f.length; i++) {
    if (p[i] < 0 || q[i] < 0) throw new RangeError(`p and q must be non-negative (index ${i})`);
    if (p[i] === 0) continue;
    if (q[i] === 0) return Infinity;
    f[i] = p[i] * Math.log(p[i] / q[i]);
  }
  return trapezoid(x, f);
}

function checkGrid(x: ArrayLike<number>, p: ArrayLike<number>, mu: number, sigma: number): void {
  if (p.length !== x.length || x.length < 2) {
    throw new RangeError(`x and p must have one length >= 2, got ${x.length} and ${p.length}`);
  }
  requireFinite("mu", mu);
  requirePositive("sigma", sigma);
}

/**
 * TV(p, N(μ, σ²)) on the grid in one allocation-free pass (the objective of the TV fit, thousands of evaluations);
 * the same trapezoid rule as {@link tvDistance}.
 */
export function tvToNormal(x: ArrayLike<number>, p: ArrayLike<number>, mu: number, sigma: number): number {
  checkGrid(x, p, mu, sigma);
  const c = 1 / (sigma * Math.sqrt(2 * Math.PI)), inv = 1 / sigma;
  let tv = 0, prev = 0;
  for (let i = 0; i < x.length; i++) {
    const z = (x[i] - mu) * inv;
    const f = Math.abs(p[i] - c * Math.exp(-0.5 * z * z));
    if (i > 0) tv += 0.5 * (x[i] - x[i - 1]) * (f + prev);
    prev = f;
  }
  return 0.5 * tv;
}

const negEntropyCache = new WeakMap<object, number>();

/**
 * KL(p‖N(μ, σ²)) = ∫p log p − ∫p log q on the grid, with log q = −log(σ√(2π)) − ½((x − μ)/σ)² (no exp or log per
 * point; ∫p log p is computed once per density array and cached). Same trapezoid rule as {@link klDivergence}.
 */
export function klToNormal(x: ArrayLike<number>, p: ArrayLike<number>, mu: number, sigma: number): number {
  checkGrid(x, p, mu, sigma);
  let negEnt = negEntropyCache.get(p as object);
  if (negEnt === undefined) {
    negEnt = klDivergence(x, p, Float64Array.from(p, () => 1)); // ∫p log(p/1)
    negEntropyCache.set(p as object, negEnt);
  }
  const logC = -Math.log(sigma * Math.sqrt(2 * Math.PI)), inv = 1 / sigma;
  let cross = 0, prev = 0;
  for (let i = 0; i < x.length; i++) {
    const z = (x[i] - mu) * inv;
    const f = p[i] * (logC - 0.5 * z * z);
    if (i > 0) cross += 0.5 * (x[i] - x[i - 1]) * (f + prev);
    prev = f;
  }
  return negEnt - cross;
}

/** The result of {@link gridMinimize2d}. */
export interface GridMinimum {
  a: number;
  b: number;
  value: number;
  /** Evaluations of f. */
  evaluations: number;
}

/**
 * Minimises f(a, b) by grid search, coarse to fine: the first level scans [aLo, aHi] × [bLo, bHi] with step
 * `steps[0]`, each next level scans ±1 previous step around the best point with step `steps[k]` (decreasing). The
 * final point lies on the grid of the last step. Throws if the optimum of the first level is on the box's edge.
 */
export function gridMinimize2d(
  f: (a: number, b: number) => number,
  aRange: readonly [number, number],
  bRange: readonly [number, number],
  steps: readonly number[],
): GridMinimum {
  if (typeof f !== "function") throw new TypeError("f must be a function (a, b) => number");
  for (const [name, r] of [["aRange", aRange], ["bRange", bRange]] as const) {
    if (
      !Array.isArray(r) || r.length !== 2 ||
      !(requireFinite(`${name}[0]`, r[0]) < requireFinite(`${name}[1]`, r[1]))
    ) {
      throw new RangeError(`${name} must be [lo, hi] with lo < hi, got ${JSON.stringify(r)}`);
    }
  }
  if (!Array.isArray(steps) || steps.length === 0) throw new RangeError("steps must be a non-empty array");
  steps.forEach((s, i) => {
    requirePositive(`steps[${i}]`, s);
    if (i > 0 && !(s < steps[i - 1])) throw new RangeError(`steps must decrease, got ${steps}`);
  });
  let best = { a: NaN, b: NaN, value: Infinity };
  let evaluations = 0;
  let [aLo, aHi] = aRange, [bLo, bHi] = bRange;
  steps.forEach((h, level) => {
    const na = requireInt("grid size", Math.round((aHi - aLo) / h), 1, 1e6);
    const nb = requireInt("grid size", Math.round((bHi - bLo) / h), 1, 1e6);
    let ia = -1, ib = -1;
    for (let i = 0; i <= na; i++) {
      for (let j = 0; j <= nb; j++) {
        const a = aLo + i * h, b = bLo + j * h;
        const v = f(a, b);
        evaluations++;
        if (v < best.value) {
          best = { a, b, value: v };
          ia = i;
          ib = j;
        }
      }
    }
    if (level === 0 && (ia === 0 || ia === na || ib === 0 || ib === nb)) {
      throw new RangeError(`the minimum (${best.a}, ${best.b}) is on the edge of the search box: widen it`);
    }
    const next = steps[level + 1];
    if (next !== undefined) {
      const r = h;
      [aLo, aHi] = [best.a - r, best.a + r];
      [bLo, bHi] = [best.b - r, best.b + r];
      // align the finer grid to multiples of its step (so the result is reproducible and on-grid)
      aLo = Math.round(aLo / next) * next;
      bLo = Math.round(bLo / next) * next;
    }
  });
  return { ...best, evaluations };
}
