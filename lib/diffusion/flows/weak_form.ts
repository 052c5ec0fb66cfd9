/**
 * The test-function (weak-form) view of the evolution equations (article 20): instead of the density, follow the
 * expectation of a smooth test function φ. For dx = f(x, t) dt + g_t dW, averaging the second-order Taylor expansion
 * of φ over one step gives
 *
 *   d/dt E φ(x_t) = E[ f(x_t, t)·∇φ(x_t) + D_t Δφ(x_t) ],   D_t = ½ g_t²,
 *
 * (article 20, steps 3–4; D = 0 for an ODE), which is the Fokker–Planck equation after integration by parts. This
 * module evaluates the right side by Monte Carlo over samples of x_t (with its standard error) and E φ itself. The
 * test function may carry its gradient and Laplacian; otherwise lib/numerics' central differences supply them.
 * @module
 */
import { mean, requireFinite, requireInt, stdError } from "../../core/mod.ts";
import { gradient, laplacian } from "../../numerics/mod.ts";
import type { McEstimate } from "../oracle/mod.ts";
import type { Points } from "../schedule/mod.ts";
import { checkField, type Field } from "./field.ts";

/** A smooth test function φ on R^d, optionally with its exact gradient and Laplacian. */
export interface TestFunction {
  dim: number;
  value: (x: Float64Array) => number;
  gradient?: (x: Float64Array) => Float64Array;
  laplacian?: (x: Float64Array) => number;
}

function checkTest(phi: unknown): TestFunction {
  const p = phi as TestFunction | null;
  if (!p || typeof p !== "object" || typeof p.value !== "function") {
    throw new TypeError("phi must be a TestFunction { dim, value, gradient?, laplacian? }");
  }
  requireInt("phi.dim", p.dim, 1);
  for (const k of ["gradient", "laplacian"] as const) {
    if (p[k] !== undefined && typeof p[k] !== "function") throw new TypeError(`phi.${k} must be a function`);
  }
  return p;
}

function rows(samples: unknown, d: number): number {
  if (!(samples instanceof Float64Array) || samples.length < 2 * d || samples.length % d !== 0) {
    throw new RangeError(`samples must be a Float64Array of at least 2 whole rows of ${d}`);
  }
  return samples.length / d;
}

/** The mean of per-sample values with its standard error. */
export function mcMean(values: ArrayLike<number>): McEstimate {
  if (!values || typeof values.length !== "number" || values.length < 2) {
    throw new RangeError("values must hold at least 2 numbers");
  }
  return { mean: mean(values), stdError: stdError(values), n: values.length };
}

/** φ(x_i) for every row of the samples. */
export function testFunctionValues(samples: Points, phi: TestFunction): Float64Array {
  checkTest(phi);
  const d = phi.dim, n = rows(samples, d), out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = requireFinite("phi(x)", phi.value(samples.slice(i * d, (i + 1) * d)));
  return out;
}

/** Options of {@link generatorValues}: the drift (omit for pure diffusion) and the diffusion coefficient D_t. */
export interface GeneratorOptions {
  drift?: Field;
  /** D_t = ½g_t² (default 0: an ODE). */
  diffusion?: number;
  /** Finite-difference step when φ has no exact gradient/Laplacian (lib/numerics defaults otherwise). */
  h?: number;
}

/**
 * (Lφ)(x_i) = f(x_i, t)·∇φ(x_i) + D_t Δφ(x_i) for every row: the integrand of the weak form (article 20, the
 * averaged Taylor step; its mean over x_t ~ p_t is d/dt E φ(x_t)).
 */
export function generatorValues(
  samples: Points,
  t: number,
  phi: TestFunction,
  o: GeneratorOptions = {},
): Float64Array {
  checkTest(phi);
  const d = phi.dim, n = rows(samples, d);
  requireFinite("t", t);
  if (!o || typeof o !== "object") throw new TypeError("options must be GeneratorOptions");
  const D = requireFinite("options.diffusion", o.diffusion ?? 0);
  let v: Float64Array | null = null;
  if (o.drift) {
    checkField(o.drift, "options.drift");
    if (o.drift.dim !== d) throw new RangeError(`options.drift.dim must be ${d}, got ${o.drift.dim}`);
    v = o.drift.velocity(samples, t);
    if (!(v instanceof Float64Array) || v.length !== samples.length) {
      throw new TypeError(`options.drift.velocity must return ${samples.length} values`);
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = samples.slice(i * d, (i + 1) * d);
    let s = 0;
    if (v) {
      const g = phi.gradient ? phi.gradient(x) : gradient(phi.value, x, o.h);
      for (let q = 0; q < d; q++) s += v[i * d + q] * g[q];
    }
    if (D !== 0) s += D * (phi.laplacian ? phi.laplacian(x) : laplacian(phi.value, x, o.h));
    out[i] = requireFinite("(Lφ)(x)", s);
  }
  return out;
}
