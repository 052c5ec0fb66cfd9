/**
 * What the ODE-family notebooks measure on transported samples, float64: which data cluster a sample ends in (the
 * mode-coverage check of PFGM, article 13's "no mode collapse"), how far it lands from the nearest centre (rectified
 * flow's few-step quality), and the straightness of a flow (Liu et al., ICLR 2023, eq. for S):
 *   S = ∫_{t₁}^{t₀} E‖(x(t₀) − x(t₁))/(t₀ − t₁) − v(x(t), t)‖² dt
 * along the flow's own paths — zero exactly when every path is a straight line run at constant speed, which is what
 * lets one Euler step be exact.
 * @module
 */
import { mean, requireAllFinite, requireInt, requirePositive, stdError } from "../../core/mod.ts";
import { trapezoid } from "../../numerics/mod.ts";
import type { Points } from "../oracle/mod.ts";
import { checkField, type Field, transport } from "./field.ts";

function rows(x: unknown, d: number, name: string, min = 1): number {
  if (!(x instanceof Float64Array) || x.length % d !== 0 || x.length / d < min) {
    throw new RangeError(
      `${name} must be a Float64Array of at least ${min} whole rows of ${d}, got length ${
        (x as Points)?.length
      }`,
    );
  }
  requireAllFinite(name, x);
  return x.length / d;
}

/** For each point (row-major n×d), the index of the nearest centre (K×d) and the Euclidean distance to it. */
export function nearestCentres(
  points: Points,
  centres: Points,
  d: number,
): { index: Int32Array; distance: Float64Array } {
  requireInt("d", d, 1);
  const n = rows(points, d, "points"), k = rows(centres, d, "centres");
  const index = new Int32Array(n), distance = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity, arg = 0;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let q = 0; q < d; q++) s += (points[i * d + q] - centres[j * d + q]) ** 2;
      if (s < best) {
        best = s;
        arg = j;
      }
    }
    index[i] = arg;
    distance[i] = Math.sqrt(best);
  }
  return { index, distance };
}

/** The fraction of points whose nearest centre is each of the K centres (sums to 1). */
export function clusterFractions(points: Points, centres: Points, d: number): Float64Array {
  const { index } = nearestCentres(points, centres, d);
  const out = new Float64Array(centres.length / d);
  for (const j of index) out[j] += 1 / index.length;
  return out;
}

/** Options of {@link straightness}. */
export interface StraightnessOptions {
  /** Start time (default 1, the noise end in the article's labels). */
  t0?: number;
  /** End time (default 0, the data end). */
  t1?: number;
  /** Number of RK4 steps along the path (default 100). */
  steps?: number;
}

/** What {@link straightness} returns. */
export interface StraightnessResult {
  /** S: the mean over paths of the time integral. */
  value: number;
  /** Its standard error over the paths. */
  se: number;
  /** The endpoints x(t₁) of the paths. */
  x: Points;
}

/**
 * The straightness S of `field` along its own paths started at `z` (row-major n×dim, n ≥ 2) at t₀ and integrated
 * with RK4 to t₁: each path's ∫‖Δ − v(x(t), t)‖²dt (trapezoid on the RK4 grid, Δ = (x(t₀) − x(t₁))/(t₀ − t₁)),
 * averaged over paths.
 */
export function straightness(field: Field, z: Points, opts: StraightnessOptions = {}): StraightnessResult {
  checkField(field);
  const d = field.dim, n = rows(z, d, "z", 2);
  const t0 = opts.t0 ?? 1, t1 = opts.t1 ?? 0;
  if (!Number.isFinite(t0) || !Number.isFinite(t1) || t0 === t1) {
    throw new RangeError(`opts.t0 and opts.t1 must be finite and different, got ${t0}, ${t1}`);
  }
  const steps = requireInt("opts.steps", opts.steps ?? 100, 1);
  const span = Math.abs(t0 - t1);
  requirePositive("span", span);
  const run = transport(field, z, { t0, t1, dt: span / steps, scheme: "rk4", keepPath: true });
  const path = run.path!, times = run.times, end = run.x;
  const delta = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) delta[i] = (z[i] - end[i]) / (t0 - t1);
  const dev = path.map((x, s) => {
    const v = field.velocity(x, times[s]);
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let q = 0; q < d; q++) acc += (delta[i * d + q] - v[i * d + q]) ** 2;
      r[i] = acc;
    }
    return r;
  });
  const tAsc = Array.from(times).map((t) => Math.abs(t - times[0]));
  const perPath = new Float64Array(n);
  for (let i = 0; i < n; i++) perPath[i] = trapezoid(tAsc, dev.map((r) => r[i]));
  return { value: mean(perPath), se: stdError(perPath), x: end };
}
