/**
 * The one vector-field type of the ODE family (articles 09, 11, 16, 17, 20–23) and the one transport routine.
 *
 * A {@link Field} is a time-dependent velocity v(x, t) on a batch of points (row-major n×d Float64Array, as
 * {@link Points}); it may carry its exact divergence ∇·v, which the log-density needs. Transport integrates
 * dx/dt = v(x, t) with lib/numerics' fixed-step schemes (Euler, Heun, RK4) and, when asked, the instantaneous
 * change-of-variables law d log p(x_t)/dt = −∇·v(x_t, t) (the continuity equation along a path), so samples arrive
 * with their log-density. The divergence is the field's own (exact) or, if it has none, a central finite difference
 * from lib/numerics. All float64.
 * @module
 */
import { requireFinite, requireInt, requireOneOf, requirePositive } from "../../core/mod.ts";
import { divergence as fdDivergence, integrateFixed, type Scheme } from "../../numerics/mod.ts";
import type { Points } from "../schedule/mod.ts";

/** A velocity field on a batch: x is n×dim row-major, the result n×dim. */
export interface Field {
  /** Dimension of a point. */
  dim: number;
  /** v(x, t) for every row of x. */
  velocity: (x: Points, t: number) => Float64Array;
  /** ∇·v(x, t) per row (length n), if known in closed form; otherwise {@link transport} differentiates numerically. */
  divergence?: (x: Points, t: number) => Float64Array;
}

/** Throws a TypeError unless `f` is a {@link Field}; returns it. */
export function checkField(f: unknown, name = "field"): Field {
  const g = f as Field | null;
  if (!g || typeof g !== "object" || typeof g.velocity !== "function") {
    throw new TypeError(`${name} must be a Field { dim, velocity(x, t), divergence? }`);
  }
  requireInt(`${name}.dim`, g.dim, 1);
  if (g.divergence !== undefined && typeof g.divergence !== "function") {
    throw new TypeError(`${name}.divergence must be a function (x, t) => Float64Array when given`);
  }
  return g;
}

/** ∇·v at every row of x: the field's exact divergence, or a central finite difference of step h per row. */
export function fieldDivergence(field: Field, x: Points, t: number, h = 1e-5): Float64Array {
  checkField(field);
  const d = field.dim;
  if (!(x instanceof Float64Array) || x.length % d !== 0) {
    throw new RangeError(
      `x must be a Float64Array of whole rows of ${d}, got length ${(x as Points)?.length}`,
    );
  }
  requireFinite("t", t);
  const n = x.length / d;
  if (field.divergence) {
    const div = field.divergence(x, t);
    if (!(div instanceof Float64Array) || div.length !== n) {
      throw new TypeError(`field.divergence must return a Float64Array of length ${n}`);
    }
    return div;
  }
  requirePositive("h", h);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = x.slice(i * d, (i + 1) * d);
    out[i] = fdDivergence((p) => field.velocity(p, t), row, h);
  }
  return out;
}

/** Options of {@link transport}. */
export interface TransportOptions {
  /** Start and end time (t1 < t0 integrates backwards, e.g. from the prior to the data). */
  t0: number;
  t1: number;
  /** Largest step (the last one is shortened to land on t1). */
  dt: number;
  /** Fixed-step scheme of lib/numerics (default "rk4"). */
  scheme?: Scheme;
  /** Log-density of the starting points (length n); when given, the result carries log p at t1. */
  logp0?: Float64Array;
  /** Keep every grid state (for figures with frames); default false keeps the endpoints only. */
  keepPath?: boolean;
}

/** What {@link transport} returns: the points at t1, their log-density if asked, and the path if kept. */
export interface TransportResult {
  x: Points;
  logp?: Float64Array;
  times: Float64Array;
  /** The states at every grid time (only with keepPath). */
  path?: Points[];
}

/**
 * Carries the points x0 (n×dim) along dx/dt = v(x, t) from t0 to t1 with a fixed-step scheme; with `logp0`, also
 * integrates d log p/dt = −∇·v along each path, so that `logp` is the log-density of the transported points under
 * the pushed-forward law (exact in the limit dt → 0, with the scheme's order).
 */
export function transport(field: Field, x0: Points, opts: TransportOptions): TransportResult {
  checkField(field);
  const d = field.dim;
  if (!(x0 instanceof Float64Array) || x0.length === 0 || x0.length % d !== 0) {
    throw new RangeError(`x0 must be a non-empty Float64Array of whole rows of ${d}`);
  }
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be TransportOptions");
  const scheme = requireOneOf("opts.scheme", opts.scheme ?? "rk4", ["euler", "heun", "rk4"] as const);
  const n = x0.length / d, track = opts.logp0 !== undefined;
  if (track && (!(opts.logp0 instanceof Float64Array) || opts.logp0.length !== n)) {
    throw new RangeError(`opts.logp0 must be a Float64Array of length ${n}`);
  }
  // the state is [x (n·d), log p (n)] so one scheme step moves both consistently
  const y0 = new Float64Array(n * d + (track ? n : 0));
  y0.set(x0);
  if (track) y0.set(opts.logp0!, n * d);
  const rhs = (t: number, y: Float64Array): Float64Array => {
    const x = y.subarray(0, n * d);
    const v = field.velocity(x, t);
    if (!(v instanceof Float64Array) || v.length !== n * d) {
      throw new TypeError(`field.velocity must return a Float64Array of length ${n * d}`);
    }
    if (!track) return Float64Array.from(v);
    const out = new Float64Array(y.length);
    out.set(v);
    const div = fieldDivergence(field, Float64Array.from(x), t);
    for (let i = 0; i < n; i++) out[n * d + i] = -div[i];
    return out;
  };
  const sol = integrateFixed(rhs, y0, opts.t0, opts.t1, opts.dt, scheme);
  const last = sol.y[sol.y.length - 1];
  const res: TransportResult = { x: last.slice(0, n * d), times: sol.t };
  if (track) res.logp = last.slice(n * d);
  if (opts.keepPath) res.path = sol.y.map((y) => y.slice(0, n * d));
  return res;
}

/** Options of {@link pfOdeField}: the SDE dx = f(t)x dt + g(t) dW and the score of its marginals. */
export interface PfOdeFieldOptions {
  dim: number;
  /** The linear drift coefficient f(t) (default 0: a variance-exploding SDE). */
  drift?: (t: number) => number;
  /** g(t)², the squared diffusion coefficient. */
  g2: (t: number) => number;
  /** ∇ log p_t(x) per row (n×dim). */
  score: (x: Points, t: number) => Float64Array;
  /** Δ log p_t(x) (the score's divergence) per row, if known: then the field's divergence is exact. */
  scoreDivergence?: (x: Points, t: number) => Float64Array;
}

/**
 * The probability-flow ODE of dx = f(t)x dt + g(t) dW: v(x, t) = f(t)x − ½g(t)²∇log p_t(x) (Song et al. 2021, eq. 13;
 * the ODE articles 09 and 16 derive it from the continuity equation). Its divergence is d·f(t) − ½g(t)²Δlog p_t(x),
 * exact when the score's divergence is given.
 */
export function pfOdeField(opts: PfOdeFieldOptions): Field {
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be PfOdeFieldOptions");
  const dim = requireInt("opts.dim", opts.dim, 1);
  for (const k of ["g2", "score"] as const) {
    if (typeof opts[k] !== "function") throw new TypeError(`opts.${k} must be a function`);
  }
  for (const k of ["drift", "scoreDivergence"] as const) {
    if (opts[k] !== undefined && typeof opts[k] !== "function") {
      throw new TypeError(`opts.${k} must be a function`);
    }
  }
  const f = opts.drift ?? (() => 0), { g2, score, scoreDivergence } = opts;
  const field: Field = {
    dim,
    velocity: (x, t) => {
      const s = score(x, t), ft = f(t), h = 0.5 * g2(t);
      if (!(s instanceof Float64Array) || s.length !== x.length) {
        throw new TypeError(`opts.score must return a Float64Array of length ${x.length}`);
      }
      const v = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) v[i] = ft * x[i] - h * s[i];
      return v;
    },
  };
  if (scoreDivergence) {
    field.divergence = (x, t) => {
      const lap = scoreDivergence(x, t), ft = f(t), h = 0.5 * g2(t);
      return lap.map((l) => dim * ft - h * l);
    };
  }
  return field;
}
