/**
 * Quadrature in float64: the trapezoid rule on samples (grids from solvers), composite Simpson on a function, and
 * Gauss–Hermite expectations under a standard normal (nodes and weights by the Golub–Welsch eigenproblem over
 * ml-matrix, not tabulated). These integrate test functions against densities (the test-function method),
 * Δ(σ) of the score-matching articles, and expectations of smooth functions of Gaussian noise.
 * @module
 */
import { requireAllFinite, requireFinite, requireInt, symmetricEigen } from "../core/mod.ts";

/** ∫ y dx over sampled points by the trapezoid rule (x strictly increasing). Error O(h²) for smooth y. */
export function trapezoid(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) {
    throw new RangeError(`x and y must have equal length, got ${x.length} and ${y.length}`);
  }
  if (x.length < 2) throw new RangeError(`need at least 2 points, got ${x.length}`);
  requireAllFinite("x", x);
  requireAllFinite("y", y);
  let s = 0;
  for (let i = 1; i < x.length; i++) {
    const h = x[i] - x[i - 1];
    if (!(h > 0)) {
      throw new RangeError(`x must be strictly increasing, got x[${i - 1}] = ${x[i - 1]}, x[${i}] = ${x[i]}`);
    }
    s += 0.5 * h * (y[i] + y[i - 1]);
  }
  return s;
}

/** ∫_a^b f by composite Simpson with n (even) intervals. Error O(h⁴) for smooth f. */
export function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  if (typeof f !== "function") throw new TypeError("f must be a function");
  requireFinite("a", a);
  requireFinite("b", b);
  requireInt("n", n, 2);
  if (n % 2 !== 0) throw new RangeError(`n must be even, got ${n}`);
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return requireFinite("simpson", (s * h) / 3);
}

/** Nodes and weights of m-point Gauss–Hermite quadrature for E[f(Z)], Z ~ N(0, 1) (weights sum to 1). */
export function gaussHermite(m: number): { nodes: Float64Array; weights: Float64Array } {
  requireInt("m", m, 1, 200);
  // Jacobi matrix of the probabilists' Hermite polynomials: off-diagonal √k
  const J = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let k = 1; k < m; k++) J[k][k - 1] = J[k - 1][k] = Math.sqrt(k);
  const { values, vectors } = symmetricEigen(J);
  return { nodes: values, weights: Float64Array.from(vectors[0], (v) => v * v) };
}

/** E[f(μ + σZ)], Z ~ N(0, 1), by m-point Gauss–Hermite quadrature (exact for polynomials of degree < 2m). */
export function gaussianExpectation(f: (x: number) => number, mu: number, sigma: number, m = 40): number {
  if (typeof f !== "function") throw new TypeError("f must be a function");
  requireFinite("mu", mu);
  requireFinite("sigma", sigma);
  if (!(sigma >= 0)) throw new RangeError(`sigma must be >= 0, got ${sigma}`);
  const { nodes, weights } = gaussHermite(m);
  let s = 0;
  for (let i = 0; i < m; i++) s += weights[i] * f(mu + sigma * nodes[i]);
  return requireFinite("gaussianExpectation", s);
}
