/**
 * Rectified flow with straight paths (kexue.fm/archives/9497; Liu, Gong & Liu, ICLR 2023), in the article's labels:
 * t = 0 is the data x₀ ~ p₀, t = 1 the noise x₁ ~ N(0, I), the path x_t = (1 − t)x₀ + t x₁ with velocity x₁ − x₀.
 * (The paper labels the other way round: its X₀ is the noise. Nothing here uses the paper's labels.)
 *
 * For Gaussian-mixture data p₀ = Σ_k w_k N(μ_k, diag s_k²) everything is closed form (the article's step 6):
 * given component k, x_t ~ N((1 − t)μ_k, V_k) with V_kq = (1 − t)²s_kq² + t², and
 *   E[x₀ | x_t, k] = μ_k + (1 − t)s_k²/V_k · (x_t − (1 − t)μ_k),   E[x₁ | x_t, k] = t/V_k · (x_t − (1 − t)μ_k),
 * so the optimal velocity (the minimiser of the regression E‖v(x_t, t) − (x₁ − x₀)‖²) is
 *   v*(x, t) = Σ_k r_k(x, t) (E[x₁ | x, k] − E[x₀ | x, k]),  r_k ∝ w_k N(x; (1 − t)μ_k, V_k),
 * and the marginal p_t = Σ_k w_k N((1 − t)μ_k, V_k). All float64.
 * @module
 */
import {
  mean,
  normalCdf,
  requireAllFinite,
  requireFinite,
  requireInRange,
  requireInt,
  stdError,
} from "../../core/mod.ts";
import type { GaussianMixture, Points } from "../oracle/mod.ts";
import type { Field } from "./field.ts";

function checkGmm(gmm: GaussianMixture): GaussianMixture {
  if (!gmm || typeof gmm !== "object" || typeof gmm.responsibilities !== "function" || !(gmm.d >= 1)) {
    throw new TypeError("gmm must be a GaussianMixture");
  }
  return gmm;
}

function checkRows(x: unknown, d: number, name: string): number {
  if (!(x instanceof Float64Array) || x.length % d !== 0) {
    throw new RangeError(
      `${name} must be a Float64Array of whole rows of ${d}, got length ${(x as Points)?.length}`,
    );
  }
  requireAllFinite(name, x);
  return x.length / d;
}

/**
 * The exact rectified-flow velocity v*(x, t) of Gaussian-mixture data with N(0, I) noise on straight paths (article
 * step 6) at points x (row-major n×d) and times t in [0, 1] (one for all rows, or one per row). At t = 1 it is
 * z − E[x₀] (one Euler step from the noise lands on the data mean); at t = 0 it is E[x₁] − x = −x.
 */
export function rectifiedGmmVelocity(
  gmm: GaussianMixture,
  x: Points,
  t: number | Float64Array,
): Float64Array {
  checkGmm(gmm);
  const { d, k } = gmm;
  const n = checkRows(x, d, "x");
  if (typeof t === "number") requireInRange("t", t, 0, 1);
  else if (!(t instanceof Float64Array) || t.length !== n) {
    throw new RangeError(`t must be a number or a Float64Array of length ${n}`);
  } else for (let i = 0; i < n; i++) requireInRange(`t[${i}]`, t[i], 0, 1);
  const means = gmm.means, s2 = gmm.diagStds.map((s) => s * s);
  const a = typeof t === "number" ? 1 - t : t.map((ti) => 1 - ti);
  const resp = gmm.responsibilities(x, a, t);
  const v = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const ti = typeof t === "number" ? t : t[i], ai = 1 - ti;
    for (let j = 0; j < k; j++) {
      const r = resp[i * k + j];
      if (r === 0) continue;
      for (let q = 0; q < d; q++) {
        const m = means[j * d + q], sv = s2[j * d + q];
        // E[x₁|x,k] − E[x₀|x,k] = (t − a s²)/V · (x − a μ) − μ,  V = a²s² + t²
        const g = (ti - ai * sv) / (ai * ai * sv + ti * ti);
        v[i * d + q] += r * (g * (x[i * d + q] - ai * m) - m);
      }
    }
  }
  return v;
}

/** {@link rectifiedGmmVelocity} as a {@link Field} of dimension gmm.d (defined for t in [0, 1]). */
export function rectifiedGmmField(gmm: GaussianMixture): Field {
  checkGmm(gmm);
  return { dim: gmm.d, velocity: (x, t) => rectifiedGmmVelocity(gmm, x, t) };
}

/**
 * The CDF of the projection u·x_t of the straight-path marginal p_t = Σ_k w_k N((1 − t)μ_k, diag((1 − t)²s_k² + t²))
 * onto a direction u: P(u·x_t ≤ y) = Σ_k w_k Φ((y − (1 − t)u·μ_k) / √(Σ_q u_q² V_kq)). Returns (u, y) ↦ that CDF,
 * the reference of a sliced KS test ({@link slicedKs} in lib/core) at time t (t = 0: the data).
 */
export function straightMarginalProjCdf(
  gmm: GaussianMixture,
  t: number,
): (u: Float64Array, y: number) => number {
  checkGmm(gmm);
  requireInRange("t", t, 0, 1);
  const { d, k } = gmm, a = 1 - t;
  const s2 = gmm.diagStds.map((s) => s * s), w = gmm.weights, means = gmm.means;
  return (u, y) => {
    if (!(u instanceof Float64Array) || u.length !== d) {
      throw new RangeError(`u must be a Float64Array of length ${d}`);
    }
    requireFinite("y", y);
    let c = 0;
    for (let j = 0; j < k; j++) {
      let m = 0, v = 0;
      for (let q = 0; q < d; q++) {
        m += u[q] * a * means[j * d + q];
        v += u[q] * u[q] * (a * a * s2[j * d + q] + t * t);
      }
      if (v > 0) c += w[j] * normalCdf((y - m) / Math.sqrt(v));
      else c += y >= m ? w[j] : 0;
    }
    return Math.min(1, Math.max(0, c));
  };
}

/**
 * Points on the straight paths: x_t = (1 − t_i)x₀ + t_i x₁ row by row (x₀, x₁ row-major n×d; t one value or one per
 * row), the interpolation of the article's step 4.
 */
export function straightInterpolate(
  x0: Points,
  x1: Points,
  t: number | Float64Array,
  d: number,
): Points {
  requireInt("d", d, 1);
  const n = checkRows(x0, d, "x0");
  if (checkRows(x1, d, "x1") !== n) throw new RangeError(`x1 must have ${n} rows like x0`);
  if (typeof t === "number") requireInRange("t", t, 0, 1);
  else if (!(t instanceof Float64Array) || t.length !== n) {
    throw new RangeError(`t must be a number or a Float64Array of length ${n}`);
  } else for (let i = 0; i < n; i++) requireInRange(`t[${i}]`, t[i], 0, 1);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const ti = typeof t === "number" ? t : t[i];
    for (let q = 0; q < d; q++) out[i * d + q] = (1 - ti) * x0[i * d + q] + ti * x1[i * d + q];
  }
  return out;
}

/** A mean with its standard error. */
export interface MeanSe {
  mean: number;
  se: number;
}

/**
 * The transport cost of a coupling given as paired rows, E‖a − b‖² (the quadratic cost of the paper's "non-increasing
 * convex transport costs"), with its Monte Carlo standard error; per-row values in `values`.
 */
export function couplingCost(a: Points, b: Points, d: number): MeanSe & { values: Float64Array } {
  requireInt("d", d, 1);
  const n = checkRows(a, d, "a");
  if (n < 2) throw new RangeError(`a must have at least 2 rows, got ${n}`);
  if (checkRows(b, d, "b") !== n) throw new RangeError(`b must have ${n} rows like a`);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let q = 0; q < d; q++) s += (a[i * d + q] - b[i * d + q]) ** 2;
    values[i] = s;
  }
  return { mean: mean(values), se: stdError(values), values };
}
