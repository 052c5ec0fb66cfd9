/**
 * Ornstein–Uhlenbeck processes dx = −A x dt + g dW with Gaussian data x₀ ~ N(m₀, Σ₀): the worked case of article 20
 * (step 5), where every law is Gaussian, p_t = N(m_t, Σ_t), with
 *
 *   ṁ = −A m,   Σ̇ = −AΣ − ΣAᵀ + g² I   (the Lyapunov ODE; 1-D: m_t = m₀e^{−θt}, v_t = v₀e^{−2θt} + g²(1 − e^{−2θt})/2θ).
 *
 * The d-dimensional marginal integrates the Lyapunov ODE with lib/numerics' RK4; the 1-D one is closed form. Also: the
 * linear drift as a {@link Field}, the Gaussian density as a batch function, and the exact mean and variance that
 * Euler–Maruyama produces for the 1-D process at step Δt (the weak error of article 20's discretisation). Float64.
 * @module
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { requireAllFinite, requireFinite, requireInt, requirePositive } from "../../core/mod.ts";
import { integrateFixed } from "../../numerics/mod.ts";
import type { Points } from "../schedule/mod.ts";
import type { Field } from "./field.ts";
import type { Density } from "./pde_residuals.ts";

/** A 1-D OU process dx = −θx dt + g dW started from N(m0, v0). */
export interface Ou1d {
  theta: number;
  g: number;
  m0: number;
  v0: number;
}

/** Mean and variance of a 1-D Gaussian. */
export interface Moments1d {
  mean: number;
  variance: number;
}

function check1d(p: unknown): Ou1d {
  const o = p as Ou1d | null;
  if (!o || typeof o !== "object") throw new TypeError("ou must be { theta, g, m0, v0 }");
  requireFinite("ou.theta", o.theta);
  if (o.theta === 0) throw new RangeError("ou.theta must be nonzero (θ = 0 is Brownian motion)");
  requireFinite("ou.g", o.g);
  requireFinite("ou.m0", o.m0);
  requirePositive("ou.v0", o.v0, true);
  return o;
}

/** The exact marginal N(m_t, v_t) of the 1-D OU process (article 20, step 5). */
export function ouMarginal1d(ou: Ou1d, t: number): Moments1d {
  const { theta, g, m0, v0 } = check1d(ou);
  requirePositive("t", t, true);
  const e = Math.exp(-theta * t);
  return { mean: m0 * e, variance: v0 * e * e + (g * g * (1 - e * e)) / (2 * theta) };
}

/**
 * The mean and variance after `steps` Euler–Maruyama steps of size Δt = T/steps from N(m0, v0), exactly (no
 * sampling): E x_{n+1} = (1 − θΔt) E x_n, Var_{n+1} = (1 − θΔt)² Var_n + g²Δt. Their gap to {@link ouMarginal1d} is the
 * scheme's weak error, O(Δt).
 */
export function eulerMaruyamaOuMoments(ou: Ou1d, T: number, steps: number): Moments1d {
  const { theta, g, m0, v0 } = check1d(ou);
  requirePositive("T", T);
  requireInt("steps", steps, 1);
  const h = T / steps, a = 1 - theta * h;
  let m = m0, v = v0;
  for (let k = 0; k < steps; k++) {
    m *= a;
    v = a * a * v + g * g * h;
  }
  return { mean: m, variance: v };
}

/** A d-dimensional OU process dx = −A x dt + g dW started from N(m0, S0) (article 20, FULL: the anisotropic OU). */
export interface OuNd {
  /** d×d drift matrix (its eigenvalues should have positive real parts for a stationary law). */
  A: number[][];
  g: number;
  m0: number[];
  S0: number[][];
}

/** Mean and covariance of a d-dimensional Gaussian. */
export interface GaussianNd {
  mean: Float64Array;
  /** d×d, row-major. */
  cov: Float64Array;
}

function square(name: string, m: unknown, d: number): void {
  if (!Array.isArray(m) || m.length !== d || m.some((r) => !Array.isArray(r) || r.length !== d)) {
    throw new RangeError(`${name} must be a ${d}×${d} array of rows`);
  }
  (m as number[][]).forEach((r, i) => requireAllFinite(`${name}[${i}]`, r));
}

function checkNd(p: unknown): OuNd & { d: number } {
  const o = p as OuNd | null;
  if (!o || typeof o !== "object" || !Array.isArray(o.m0) || o.m0.length === 0) {
    throw new TypeError("ou must be { A, g, m0, S0 } with a non-empty m0");
  }
  const d = o.m0.length;
  requireAllFinite("ou.m0", o.m0);
  square("ou.A", o.A, d);
  square("ou.S0", o.S0, d);
  requireFinite("ou.g", o.g);
  return { ...o, d };
}

/**
 * The marginal N(m_t, Σ_t) of the d-dimensional OU process, by RK4 on ṁ = −Am, Σ̇ = −AΣ − ΣAᵀ + g²I (lib/numerics
 * `integrateFixed`, step ≤ dt; error O(dt⁴)).
 */
export function ouMarginal(ou: OuNd, t: number, dt = 1e-3): GaussianNd {
  const { A, g, m0, S0, d } = checkNd(ou);
  requirePositive("t", t, true);
  requirePositive("dt", dt);
  const y0 = new Float64Array(d + d * d);
  y0.set(m0);
  S0.forEach((r, i) => y0.set(r, d + i * d));
  if (t === 0) return { mean: y0.slice(0, d), cov: y0.slice(d) };
  const g2 = g * g;
  const rhs = (_t: number, y: Float64Array): Float64Array => {
    const out = new Float64Array(y.length);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s -= A[i][k] * y[k];
      out[i] = s;
    }
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = i === j ? g2 : 0;
        for (let k = 0; k < d; k++) s -= A[i][k] * y[d + k * d + j] + y[d + i * d + k] * A[j][k];
        out[d + i * d + j] = s;
      }
    }
    return out;
  };
  const sol = integrateFixed(rhs, y0, 0, t, dt, "rk4");
  const y = sol.y[sol.y.length - 1];
  return { mean: y.slice(0, d), cov: y.slice(d) };
}

/** The OU drift −A x as a {@link Field} (time-independent, divergence −tr A). */
export function ouDriftField(A: number[][]): Field {
  if (!Array.isArray(A) || A.length === 0) throw new RangeError("A must be a non-empty square array of rows");
  const d = A.length;
  square("A", A, d);
  const tr = A.reduce((s, r, i) => s + r[i], 0);
  return {
    dim: d,
    velocity: (x) => {
      const n = x.length / d, out = new Float64Array(x.length);
      for (let r = 0; r < n; r++) {
        for (let i = 0; i < d; i++) {
          let s = 0;
          for (let k = 0; k < d; k++) s -= A[i][k] * x[r * d + k];
          out[r * d + i] = s;
        }
      }
      return out;
    },
    divergence: (x) => new Float64Array(x.length / d).fill(-tr),
  };
}

/** The density of N(mean, cov) as a batch function of row-major points (covariance factored by ml-matrix Cholesky). */
export function gaussianDensity(g: GaussianNd): (x: Points) => Float64Array {
  if (!g || !(g.mean instanceof Float64Array) || !(g.cov instanceof Float64Array)) {
    throw new TypeError("g must be { mean: Float64Array, cov: Float64Array }");
  }
  const d = g.mean.length;
  if (d === 0 || g.cov.length !== d * d) {
    throw new RangeError(`cov must have ${d}×${d} values, got ${g.cov.length}`);
  }
  requireAllFinite("g.mean", g.mean);
  requireAllFinite("g.cov", g.cov);
  const chol = new CholeskyDecomposition(
    new Matrix(Array.from({ length: d }, (_v, i) => Array.from(g.cov.subarray(i * d, (i + 1) * d)))),
  );
  if (!chol.isPositiveDefinite()) throw new RangeError("cov must be symmetric positive definite");
  const L = chol.lowerTriangularMatrix;
  let logDet = 0;
  for (let i = 0; i < d; i++) logDet += 2 * Math.log(L.get(i, i));
  const norm = -0.5 * (logDet + d * Math.log(2 * Math.PI));
  return (x) => {
    if (!(x instanceof Float64Array) || x.length % d !== 0) {
      throw new RangeError(`x must be a Float64Array of whole rows of ${d}`);
    }
    const n = x.length / d, out = new Float64Array(n), z = new Float64Array(d);
    for (let r = 0; r < n; r++) {
      // forward substitution L z = x − m (the triangular solve of the Cholesky factor)
      let q = 0;
      for (let i = 0; i < d; i++) {
        let s = x[r * d + i] - g.mean[i];
        for (let k = 0; k < i; k++) s -= L.get(i, k) * z[k];
        z[i] = s / L.get(i, i);
        q += z[i] * z[i];
      }
      out[r] = Math.exp(norm - 0.5 * q);
    }
    return out;
  };
}

/**
 * The OU marginal density p_t(x) as a batch function of (x, t), for the residuals of the Fokker–Planck equation
 * ({@link Density}); the marginal at each distinct t is computed once (Lyapunov RK4, step ≤ dt) and cached.
 */
export function ouDensity(ou: OuNd, dt = 1e-3): Density {
  checkNd(ou);
  requirePositive("dt", dt);
  const cache = new Map<number, (x: Points) => Float64Array>();
  return (x, t) => {
    let f = cache.get(t);
    if (!f) {
      f = gaussianDensity(ouMarginal(ou, t, dt));
      if (cache.size > 64) cache.clear();
      cache.set(t, f);
    }
    return f(x);
  };
}
