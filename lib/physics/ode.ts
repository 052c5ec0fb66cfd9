/**
 * Fixed-step ODE integration in float64: the classical fourth-order Runge–Kutta scheme, integration until an event,
 * and the time a sampled curve first crosses a level. Used by the lumped pipe cooling of notebook 19 (§4, Newton
 * cooling) and the lumped pan model of notebook 32 (§2, m c dT/dt = ηP − hA(T − Ta) − εσA(T⁴ − Ta⁴)).
 * @module
 */
import { requireAllFinite, requireFinite, requirePositive } from "../core/mod.ts";

/** The right-hand side of y' = f(t, y); must return a new array of the same length as y. */
export type Rhs = (t: number, y: Float64Array) => Float64Array;

function checkF(f: unknown): Rhs {
  if (typeof f !== "function") {
    throw new TypeError(`f must be a function (t, y) => Float64Array, got ${typeof f}`);
  }
  return f as Rhs;
}

function evalF(f: Rhs, t: number, y: Float64Array): Float64Array {
  const d = f(t, y);
  if (!(d instanceof Float64Array) || d.length !== y.length) {
    throw new TypeError(`f must return a Float64Array of length ${y.length}`);
  }
  requireAllFinite(`f(${t}, y)`, d);
  return d;
}

/** One classical RK4 step of size h from (t, y). */
export function rk4Step(f: Rhs, t: number, y: Float64Array, h: number): Float64Array {
  const n = y.length, tmp = new Float64Array(n);
  const k1 = evalF(f, t, y);
  for (let i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * h * k1[i];
  const k2 = evalF(f, t + 0.5 * h, tmp);
  for (let i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * h * k2[i];
  const k3 = evalF(f, t + 0.5 * h, tmp);
  for (let i = 0; i < n; i++) tmp[i] = y[i] + h * k3[i];
  const k4 = evalF(f, t + h, tmp);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = y[i] + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  return out;
}

function checkY0(y0: unknown): Float64Array {
  if (!(y0 instanceof Float64Array) || y0.length === 0) {
    throw new TypeError("y0 must be a non-empty Float64Array");
  }
  requireAllFinite("y0", y0);
  return y0;
}

/**
 * Integrates y' = f(t, y) from t0 to t1 with classical RK4 and step ≤ dt (the last step is shortened so the grid
 * ends exactly at t1). Returns every grid time and state (y[0] is a copy of y0). Error O(dt⁴).
 */
export function rk4(f: Rhs, y0: Float64Array, t0: number, t1: number, dt: number): {
  t: Float64Array;
  y: Float64Array[];
} {
  checkF(f);
  checkY0(y0);
  requireFinite("t0", t0);
  requireFinite("t1", t1);
  if (!(t1 > t0)) throw new RangeError(`t1 must be > t0, got t0 = ${t0}, t1 = ${t1}`);
  requirePositive("dt", dt);
  const steps = Math.ceil((t1 - t0) / dt - 1e-9);
  const t = new Float64Array(steps + 1);
  const y: Float64Array[] = [Float64Array.from(y0)];
  t[0] = t0;
  for (let s = 1; s <= steps; s++) {
    const tNext = s === steps ? t1 : t0 + s * dt;
    y.push(rk4Step(f, t[s - 1], y[s - 1], tNext - t[s - 1]));
    t[s] = tNext;
  }
  return { t, y };
}

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
  checkF(f);
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
