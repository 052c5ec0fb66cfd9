/**
 * Fixed-step one-step ODE schemes in float64 for y' = f(t, y): explicit Euler (order 1), Heun's method (the
 * explicit trapezoid rule, order 2) and classical Runge–Kutta (order 4), and one fixed-grid driver for all three.
 * These are the schemes the articles name (DDIM is Euler on the probability-flow ODE; Heun is EDM's sampler); a
 * reference solution comes from {@link solveReference} in adaptive.ts, not from a finer run of the same scheme.
 * @module
 */
import { requireAllFinite, requireFinite, requirePositive } from "../core/mod.ts";

/** The right-hand side of y' = f(t, y); must return a new array of the same length as y. */
export type Rhs = (t: number, y: Float64Array) => Float64Array;

/** The fixed-step schemes, with their orders of accuracy. */
export const SCHEME_ORDER = { euler: 1, heun: 2, rk4: 4 } as const;

/** A fixed-step scheme's name. */
export type Scheme = keyof typeof SCHEME_ORDER;

/** Throws a TypeError unless `f` is a function; returns it typed. */
export function checkRhs(f: unknown): Rhs {
  if (typeof f !== "function") {
    throw new TypeError(`f must be a function (t, y) => Float64Array, got ${typeof f}`);
  }
  return f as Rhs;
}

/** Throws unless `y0` is a non-empty finite Float64Array; returns it. */
export function checkY0(y0: unknown): Float64Array {
  if (!(y0 instanceof Float64Array) || y0.length === 0) {
    throw new TypeError("y0 must be a non-empty Float64Array");
  }
  requireAllFinite("y0", y0);
  return y0;
}

function evalF(f: Rhs, t: number, y: Float64Array): Float64Array {
  const d = f(t, y);
  if (!(d instanceof Float64Array) || d.length !== y.length) {
    throw new TypeError(`f must return a Float64Array of length ${y.length}`);
  }
  requireAllFinite(`f(${t}, y)`, d);
  return d;
}

function axpy(y: Float64Array, h: number, k: Float64Array): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i] + h * k[i];
  return out;
}

/** One explicit Euler step: y + h f(t, y). */
export function eulerStep(f: Rhs, t: number, y: Float64Array, h: number): Float64Array {
  return axpy(y, h, evalF(f, t, y));
}

/** One Heun step (explicit trapezoid): predictor ỹ = y + h f(t, y), then y + h/2 (f(t, y) + f(t + h, ỹ)). */
export function heunStep(f: Rhs, t: number, y: Float64Array, h: number): Float64Array {
  const k1 = evalF(f, t, y);
  const k2 = evalF(f, t + h, axpy(y, h, k1));
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i] + 0.5 * h * (k1[i] + k2[i]);
  return out;
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

const STEP: Record<Scheme, (f: Rhs, t: number, y: Float64Array, h: number) => Float64Array> = {
  euler: eulerStep,
  heun: heunStep,
  rk4: rk4Step,
};

/**
 * Integrates y' = f(t, y) from t0 to t1 (t1 < t0 integrates backwards) with a fixed-step scheme and |step| <= dt
 * (the last step is shortened so the grid ends exactly at t1). Returns every grid time and state (y[0] is a copy
 * of y0). Global error O(dt^p), p = {@link SCHEME_ORDER}[scheme].
 */
export function integrateFixed(
  f: Rhs,
  y0: Float64Array,
  t0: number,
  t1: number,
  dt: number,
  scheme: Scheme,
): { t: Float64Array; y: Float64Array[] } {
  checkRhs(f);
  checkY0(y0);
  requireFinite("t0", t0);
  requireFinite("t1", t1);
  if (t1 === t0) throw new RangeError(`t1 must differ from t0, got t0 = t1 = ${t0}`);
  requirePositive("dt", dt);
  const step = STEP[scheme];
  if (!step) {
    throw new TypeError(`scheme must be one of ${Object.keys(STEP).join(", ")}, got ${String(scheme)}`);
  }
  const span = Math.abs(t1 - t0), dir = Math.sign(t1 - t0);
  const steps = Math.ceil(span / dt - 1e-9);
  const t = new Float64Array(steps + 1);
  const y: Float64Array[] = [Float64Array.from(y0)];
  t[0] = t0;
  for (let s = 1; s <= steps; s++) {
    const tNext = s === steps ? t1 : t0 + dir * s * dt;
    y.push(step(f, t[s - 1], y[s - 1], tNext - t[s - 1]));
    t[s] = tNext;
  }
  return { t, y };
}

/**
 * Integrates y' = f(t, y) from t0 to t1 > t0 with classical RK4 and step <= dt (notebooks 19 and 32). Returns every
 * grid time and state. Error O(dt⁴).
 */
export function rk4(f: Rhs, y0: Float64Array, t0: number, t1: number, dt: number): {
  t: Float64Array;
  y: Float64Array[];
} {
  requireFinite("t0", t0);
  requireFinite("t1", t1);
  if (!(t1 > t0)) throw new RangeError(`t1 must be > t0, got t0 = ${t0}, t1 = ${t1}`);
  return integrateFixed(f, y0, t0, t1, dt, "rk4");
}
