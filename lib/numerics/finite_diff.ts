/**
 * Central finite differences in float64: the derivative of a scalar function, the gradient of a scalar field, the
 * Jacobian, divergence and Laplacian of fields on R^d. They are the independent route against which analytic
 * derivatives (scores, velocity fields, the continuity and heat equations of the ODE articles) are checked. Central
 * differences have error O(h²) plus round-off O(ε/h); the default step h = 1e-4·max(1, |x|) balances the two for
 * smooth functions of unit scale (error ~1e-8).
 * @module
 */
import { requireAllFinite, requireFinite, requirePositive } from "../core/mod.ts";

/** A scalar field on R^d. */
export type ScalarField = (x: Float64Array) => number;

/** A vector field R^d -> R^d. */
export type VectorField = (x: Float64Array) => Float64Array;

function step(h: number | undefined, xi: number): number {
  return h === undefined ? 1e-4 * Math.max(1, Math.abs(xi)) : requirePositive("h", h);
}

function point(x: unknown): Float64Array {
  if (!(x instanceof Float64Array) || x.length === 0) {
    throw new TypeError("x must be a non-empty Float64Array");
  }
  requireAllFinite("x", x);
  return x;
}

function fn<T>(f: unknown, name: string): T {
  if (typeof f !== "function") throw new TypeError(`${name} must be a function, got ${typeof f}`);
  return f as T;
}

/** f'(x) by the central difference (f(x + h) − f(x − h)) / 2h. */
export function derivative(f: (x: number) => number, x: number, h?: number): number {
  fn(f, "f");
  requireFinite("x", x);
  const d = step(h, x);
  return requireFinite("derivative", (f(x + d) - f(x - d)) / (2 * d));
}

/** The second derivative f''(x) by (f(x + h) − 2f(x) + f(x − h)) / h² (default h = 1e-3·max(1, |x|)). */
export function secondDerivative(f: (x: number) => number, x: number, h?: number): number {
  fn(f, "f");
  requireFinite("x", x);
  const d = h === undefined ? 1e-3 * Math.max(1, Math.abs(x)) : requirePositive("h", h);
  return requireFinite("secondDerivative", (f(x + d) - 2 * f(x) + f(x - d)) / (d * d));
}

/** ∇f(x) by central differences, one coordinate at a time. */
export function gradient(f: ScalarField, x: Float64Array, h?: number): Float64Array {
  fn(f, "f");
  point(x);
  const g = new Float64Array(x.length), y = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const d = step(h, x[i]);
    y[i] = x[i] + d;
    const up = f(y);
    y[i] = x[i] - d;
    const down = f(y);
    y[i] = x[i];
    g[i] = (up - down) / (2 * d);
  }
  requireAllFinite("gradient", g);
  return g;
}

/** The Jacobian J[i][j] = ∂v_i/∂x_j of a vector field, row-major d×d, by central differences. */
export function jacobian(v: VectorField, x: Float64Array, h?: number): Float64Array {
  fn(v, "v");
  point(x);
  const d = x.length, J = new Float64Array(d * d), y = Float64Array.from(x);
  for (let j = 0; j < d; j++) {
    const s = step(h, x[j]);
    y[j] = x[j] + s;
    const up = v(y);
    y[j] = x[j] - s;
    const down = v(y);
    y[j] = x[j];
    if (up.length !== d || down.length !== d) throw new TypeError(`v must return ${d} components`);
    for (let i = 0; i < d; i++) J[i * d + j] = (up[i] - down[i]) / (2 * s);
  }
  requireAllFinite("jacobian", J);
  return J;
}

/** ∇·v(x) = Σ ∂v_i/∂x_i by central differences (2d evaluations of v). */
export function divergence(v: VectorField, x: Float64Array, h?: number): number {
  const J = jacobian(v, x, h), d = x.length;
  let s = 0;
  for (let i = 0; i < d; i++) s += J[i * d + i];
  return s;
}

/** ∇²f(x) = Σ ∂²f/∂x_i² by the three-point rule in each coordinate (default h = 1e-3·max(1, |x_i|)). */
export function laplacian(f: ScalarField, x: Float64Array, h?: number): number {
  fn(f, "f");
  point(x);
  const f0 = f(x), y = Float64Array.from(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const d = h === undefined ? 1e-3 * Math.max(1, Math.abs(x[i])) : requirePositive("h", h);
    y[i] = x[i] + d;
    const up = f(y);
    y[i] = x[i] - d;
    const down = f(y);
    y[i] = x[i];
    s += (up - 2 * f0 + down) / (d * d);
  }
  return requireFinite("laplacian", s);
}
