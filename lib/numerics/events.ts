/**
 * Events of an integration in float64: integrate until a condition holds, the time a state component reaches a
 * level, and the time a sampled curve first crosses a level (notebook 19's half-rise times, notebook 32's "time to
 * reach 260 °C").
 * @module
 */
import { requireAllFinite, requireFinite, requirePositive } from "../core/mod.ts";
import { checkRhs, checkY0, type Rhs, rk4Step } from "./steppers.ts";

/** The outcome of {@link integrateUntil}. */
export interface UntilResult {
  /** Time of the first grid point where `stop` held (or tMax). */
  t: number;
  /** State there. */
  y: Float64Array;
  /** The grid point before (for interpolating the event time). */
  tPrev: number;
  yPrev: Float64Array;
  /** True if `stop` held before tMax. */
  reached: boolean;
}

/**
 * Integrates with RK4 steps of size dt from (t0, y0) until `stop(t, y)` holds or t reaches tMax, whichever is first
 * (used for "time to reach 260 °C" in notebook 32 §3).
 */
export function integrateUntil(
  f: Rhs,
  y0: Float64Array,
  t0: number,
  dt: number,
  stop: (t: number, y: Float64Array) => boolean,
  tMax: number,
): UntilResult {
  checkRhs(f);
  checkY0(y0);
  requireFinite("t0", t0);
  requirePositive("dt", dt);
  if (typeof stop !== "function") throw new TypeError(`stop must be a function, got ${typeof stop}`);
  requireFinite("tMax", tMax);
  if (!(tMax > t0)) throw new RangeError(`tMax must be > t0, got t0 = ${t0}, tMax = ${tMax}`);
  let t = t0, tPrev = t0;
  let y: Float64Array = Float64Array.from(y0), yPrev: Float64Array = y;
  if (stop(t, y)) return { t, y, tPrev, yPrev, reached: true };
  while (t < tMax) {
    const h = Math.min(dt, tMax - t);
    tPrev = t;
    yPrev = y;
    y = rk4Step(f, t, y, h);
    t = tMax - t - h <= 1e-12 * Math.max(1, Math.abs(tMax)) ? tMax : t + h;
    if (stop(t, y)) return { t, y, tPrev, yPrev, reached: true };
  }
  return { t, y, tPrev, yPrev, reached: false };
}

/**
 * Time at which y[component] first reaches `level` (rising or falling, whichever way it starts), integrating with
 * RK4 steps of size dt and interpolating linearly inside the crossing step. Returns Infinity if not reached by tMax.
 */
export function timeToReach(
  f: Rhs,
  y0: Float64Array,
  component: number,
  level: number,
  dt: number,
  tMax: number,
  t0 = 0,
): number {
  checkY0(y0);
  if (!Number.isInteger(component) || component < 0 || component >= y0.length) {
    throw new RangeError(`component must be an integer in [0, ${y0.length - 1}], got ${component}`);
  }
  requireFinite("level", level);
  const rising = y0[component] <= level;
  const r = integrateUntil(
    f,
    y0,
    t0,
    dt,
    (_t, y) => (rising ? y[component] >= level : y[component] <= level),
    tMax,
  );
  if (!r.reached) return Infinity;
  const a = r.yPrev[component], b = r.y[component];
  if (b === a) return r.t;
  return r.tPrev + ((level - a) / (b - a)) * (r.t - r.tPrev);
}

/**
 * First time a sampled curve (t[i], v[i]) crosses `level` (from either side), by linear interpolation between
 * samples; NaN-free: returns Infinity if it never does. Used for half-rise and "reaches 45 °C" times.
 */
export function firstCrossing(t: ArrayLike<number>, v: ArrayLike<number>, level: number): number {
  if (t.length !== v.length) {
    throw new RangeError(`t and v must have equal length, got ${t.length} and ${v.length}`);
  }
  if (t.length === 0) throw new RangeError("t must be non-empty");
  requireAllFinite("t", t);
  requireAllFinite("v", v);
  requireFinite("level", level);
  if (v[0] === level) return t[0];
  const above0 = v[0] > level;
  for (let i = 1; i < v.length; i++) {
    if (above0 ? v[i] <= level : v[i] >= level) {
      const a = v[i - 1], b = v[i];
      return t[i - 1] + ((level - a) / (b - a)) * (t[i] - t[i - 1]);
    }
  }
  return Infinity;
}
