/**
 * Euler–Maruyama for Itô SDEs dx = μ(x, t) dt + g(t) dW with a state-independent diffusion coefficient (the
 * forward and reverse SDEs of the diffusion articles): x_{k+1} = x_k + μ(x_k, t_k) h + g(t_k) √|h| z_k,
 * z_k ~ N(0, I). Weak order 1, strong order 1 for additive noise. Many paths at once, row-major n×d.
 * @module
 */
import { requireAllFinite, requireFinite, requireInt, type Rng } from "../core/mod.ts";

/** The drift of a batch: x is row-major n×d; returns a new n×d array. */
export type BatchDrift = (x: Float64Array, t: number) => Float64Array;

/** Options of {@link eulerMaruyama}. */
export interface EulerMaruyamaOptions {
  /** Times at which to record the batch (each must be a grid time, i.e. t0 + k·(t1 − t0)/steps). */
  record?: number[];
}

/**
 * Runs `steps` Euler–Maruyama steps from t0 to t1 (either direction) for every row of x0 (n×d, row-major), with
 * drift μ(x, t) and scalar diffusion g(t). Returns the final batch and any recorded snapshots.
 */
export function eulerMaruyama(
  drift: BatchDrift,
  g: (t: number) => number,
  x0: Float64Array,
  t0: number,
  t1: number,
  steps: number,
  rng: Rng,
  opts: EulerMaruyamaOptions = {},
): { x: Float64Array; snapshots: Map<number, Float64Array> } {
  if (typeof drift !== "function") throw new TypeError("drift must be a function (x, t) => Float64Array");
  if (typeof g !== "function") throw new TypeError("g must be a function t => number");
  if (!(x0 instanceof Float64Array) || x0.length === 0) {
    throw new TypeError("x0 must be a non-empty Float64Array");
  }
  requireAllFinite("x0", x0);
  requireFinite("t0", t0);
  requireFinite("t1", t1);
  if (t1 === t0) throw new RangeError(`t1 must differ from t0, got ${t0}`);
  requireInt("steps", steps, 1);
  if (!rng || typeof rng.normal !== "function") throw new TypeError("rng must be a seeded Rng");
  const h = (t1 - t0) / steps, sq = Math.sqrt(Math.abs(h));
  const want = new Map<number, number>();
  for (const r of opts.record ?? []) {
    const k = Math.round((r - t0) / h);
    if (k < 0 || k > steps || Math.abs(t0 + k * h - r) > 1e-9 * Math.max(1, Math.abs(r))) {
      throw new RangeError(`record time ${r} is not on the grid t0 + k·${h}`);
    }
    want.set(k, r);
  }
  const snapshots = new Map<number, Float64Array>();
  let x = Float64Array.from(x0);
  if (want.has(0)) snapshots.set(want.get(0)!, Float64Array.from(x));
  for (let k = 0; k < steps; k++) {
    const t = t0 + k * h;
    const mu = drift(x, t);
    if (!(mu instanceof Float64Array) || mu.length !== x.length) {
      throw new TypeError(`drift must return a Float64Array of length ${x.length}`);
    }
    const gt = requireFinite(`g(${t})`, g(t));
    const next = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) next[i] = x[i] + mu[i] * h + gt * sq * rng.normal();
    requireAllFinite(`x at step ${k + 1}`, next);
    x = next;
    if (want.has(k + 1)) snapshots.set(want.get(k + 1)!, Float64Array.from(x));
  }
  return { x, snapshots };
}
