/**
 * The forward (encoder) process of article 03, simulated in float64: the step-by-step chain
 * x_t = α_t x_{t−1} + β_t ε_t (p(x_t|x_{t−1}) = N(α_t x_{t−1}, β_t² I)), and the one-shot marginal
 * x_t = ᾱ_t x₀ + β̄_t ε (p(x_t|x_0) = N(ᾱ_t x_0, β̄_t² I)) used to build training and test batches.
 * @module
 */
import { requireAllFinite, requireInt, type Rng } from "../../core/mod.ts";
import { type DiscreteSchedule, requireStep } from "../schedule/mod.ts";
import type { Points } from "../schedule/mod.ts";

/** A noised batch: x_t = ᾱ_t x₀ + β̄_t ε, row-major n×d, with each row's t, ᾱ_t and β̄_t. */
export interface NoisyBatch {
  n: number;
  d: number;
  x0: Points;
  xt: Points;
  eps: Points;
  t: Int32Array;
  a: Float64Array;
  b: Float64Array;
}

function rowsOf(name: string, x: Points, d: number): number {
  if (!(x instanceof Float64Array)) throw new TypeError(`${name} must be a Float64Array of n×d points`);
  requireInt("d", d, 1);
  if (x.length % d !== 0) {
    throw new RangeError(`${name} must have a length divisible by d=${d}, got ${x.length}`);
  }
  return x.length / d;
}

/**
 * Noises each row of x₀ in one shot, x_t = ᾱ_t x₀ + β̄_t ε (article: p(x_t|x_0) = N(ᾱ_t x_0, β̄_t² I)).
 * t is drawn uniformly from {1..T} per row unless `t` fixes it: one step for every row, or an Int32Array of one
 * step per row (e.g. steps drawn from a non-uniform law by the caller).
 */
export function noisyBatch(
  x0: Points,
  d: number,
  s: DiscreteSchedule,
  rng: Rng,
  t?: number | Int32Array,
): NoisyBatch {
  const n = rowsOf("x0", x0, d);
  requireAllFinite("x0", x0);
  const perRow = t instanceof Int32Array ? t : null;
  const fixed = typeof t === "number" ? requireStep("t", t, s) : undefined;
  if (perRow) {
    if (perRow.length !== n) {
      throw new RangeError(`t must have one step per row (${n}), got ${perRow.length}`);
    }
    perRow.forEach((v, i) => requireStep(`t[${i}]`, v, s));
  } else if (t !== undefined && fixed === undefined) {
    throw new TypeError(`t must be a step or an Int32Array of steps, got ${String(t)}`);
  }
  const ts = new Int32Array(n), a = new Float64Array(n), b = new Float64Array(n);
  const eps = rng.normals(n * d), xt = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const ti = perRow ? perRow[i] : fixed ?? 1 + rng.int(s.T);
    ts[i] = ti;
    a[i] = s.alphaBar[ti];
    b[i] = s.betaBar[ti];
    for (let q = 0; q < d; q++) xt[i * d + q] = a[i] * x0[i * d + q] + b[i] * eps[i * d + q];
  }
  return { n, d, x0, xt, eps, t: ts, a, b };
}

/**
 * Runs the encoder chain x_t = α_t x_{t−1} + β_t ε_t from x₀ (row-major n×d) for t = 1..max(record), and returns a
 * copy of the state at each step listed in `record` (a Map from t to points). Composing the steps must give
 * p(x_t|x_0) = N(ᾱ_t x_0, β̄_t² I): the notebook checks this by Monte Carlo.
 */
export function forwardChain(
  x0: Points,
  d: number,
  s: DiscreteSchedule,
  record: number[],
  rng: Rng,
): Map<number, Points> {
  rowsOf("x0", x0, d);
  if (!Array.isArray(record) || record.length === 0) throw new TypeError("record must be a non-empty array");
  record.forEach((t, i) => requireStep(`record[${i}]`, t, s));
  const want = new Set(record);
  const tMax = Math.max(...record);
  const x = Float64Array.from(x0);
  const out = new Map<number, Points>();
  for (let t = 1; t <= tMax; t++) {
    const al = s.alpha[t], be = s.beta[t];
    for (let i = 0; i < x.length; i++) x[i] = al * x[i] + be * rng.normal();
    if (want.has(t)) out.set(t, Float64Array.from(x));
  }
  return out;
}
