/**
 * Deterministic expectations under a Gaussian-mixture marginal p_t (x = a·x₀ + b·ε, x₀ from the mixture) by grid
 * quadrature in d = 1 or 2, and what articles 21 and 23 need from them: the Fisher information
 * J(p_t) = E_{p_t}‖∇log p_t‖², the constant gap Δ_t = d/b² − J(p_t) between conditional and plain score matching
 * (article 23, derived for Gaussian perturbation kernels), and the diagonal of the score's Jacobian ∂s_q/∂x_q
 * (article 21's one-sided Lipschitz constants; its sum is the score's divergence Δlog p_t).
 *
 * The quadrature is lib/numerics' trapezoid rule on a uniform grid covering every component ±`halfWidth` of its
 * standard deviations, with `pointsPerStd` points per smallest standard deviation: for these smooth, Gaussian-tailed
 * integrands the uniform trapezoid rule converges faster than any power of the step. The density is taken from
 * log p (log-sum-exp), so p·f never forms 0·∞. Float64.
 * @module
 */
import { requireFinite, requireInt, requirePositive } from "../../core/mod.ts";
import { trapezoid } from "../../numerics/mod.ts";
import type { Points } from "../schedule/mod.ts";
import type { GaussianMixture } from "./gmm.ts";

/** Grid options of {@link gmmExpectation}. */
export interface GmmQuadratureOptions {
  /** Half-width of the box around each component, in its standard deviations (default 12). */
  halfWidth?: number;
  /** Grid points per smallest component standard deviation (default 20). */
  pointsPerStd?: number;
  /** Largest number of grid points per axis (default 400 000 in 1-D, 1500 in 2-D). */
  maxPointsPerAxis?: number;
}

function axes(gmm: GaussianMixture, a: number, b: number, o: GmmQuadratureOptions): Float64Array[] {
  const half = requirePositive("opts.halfWidth", o.halfWidth ?? 12);
  const per = requirePositive("opts.pointsPerStd", o.pointsPerStd ?? 20);
  const cap = requireInt("opts.maxPointsPerAxis", o.maxPointsPerAxis ?? (gmm.d === 1 ? 400_000 : 1500), 3);
  const sd = gmm.diagStds;
  const out: Float64Array[] = [];
  for (let q = 0; q < gmm.d; q++) {
    let lo = Infinity, hi = -Infinity, wmin = Infinity;
    for (let k = 0; k < gmm.k; k++) {
      const w = Math.sqrt(a * a * sd[k * gmm.d + q] ** 2 + b * b);
      if (!(w > 0)) throw new RangeError(`a²s_k² + b² must be > 0 (component ${k}): a=${a}, b=${b}`);
      const m = a * gmm.means[k * gmm.d + q];
      lo = Math.min(lo, m - half * w);
      hi = Math.max(hi, m + half * w);
      wmin = Math.min(wmin, w);
    }
    const n = Math.min(cap, Math.max(3, Math.ceil(((hi - lo) / wmin) * per) + 1));
    out.push(Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1)));
  }
  return out;
}

/**
 * E_{p_t}[f(x)] for the marginal of x = a·x₀ + b·ε (d = 1 or 2) by trapezoid quadrature; `f` maps a batch of grid
 * points (row-major n×d) to one value per point.
 */
export function gmmExpectation(
  gmm: GaussianMixture,
  a: number,
  b: number,
  f: (x: Points) => Float64Array,
  opts: GmmQuadratureOptions = {},
): number {
  if (!gmm || typeof gmm.logpdf !== "function") throw new TypeError("gmm must be a GaussianMixture");
  if (gmm.d > 2) throw new RangeError(`gmmExpectation integrates on a grid in d = 1 or 2, got d = ${gmm.d}`);
  requireFinite("a", a);
  requirePositive("b", b, true);
  if (typeof f !== "function") throw new TypeError("f must be a function (x: Points) => Float64Array");
  const [g0, g1] = axes(gmm, a, b, opts);
  const value = (x: Points): Float64Array => {
    const lp = gmm.logpdf(x, a, b), v = f(x);
    if (!(v instanceof Float64Array) || v.length !== lp.length) {
      throw new TypeError(`f must return a Float64Array of ${lp.length} values`);
    }
    return lp.map((l, i) => (Math.exp(l) === 0 ? 0 : Math.exp(l) * v[i]));
  };
  if (gmm.d === 1) return trapezoid(g0, value(g0));
  const inner = new Float64Array(g1.length), row = new Float64Array(g0.length * 2);
  for (let j = 0; j < g1.length; j++) {
    for (let i = 0; i < g0.length; i++) {
      row[2 * i] = g0[i];
      row[2 * i + 1] = g1[j];
    }
    inner[j] = trapezoid(g0, value(row));
  }
  return trapezoid(g1, inner);
}

/** The Fisher information J(p_t) = E_{p_t}‖∇log p_t‖² of the marginal of x = a·x₀ + b·ε, by quadrature (d ≤ 2). */
export function fisherInformation(
  gmm: GaussianMixture,
  a: number,
  b: number,
  opts: GmmQuadratureOptions = {},
): number {
  const d = gmm?.d;
  return gmmExpectation(gmm, a, b, (x) => {
    const s = gmm.score(x, a, b), out = new Float64Array(x.length / d);
    for (let i = 0; i < out.length; i++) {
      let v = 0;
      for (let q = 0; q < d; q++) v += s[i * d + q] ** 2;
      out[i] = v;
    }
    return out;
  }, opts);
}

/**
 * The constant gap Δ_t = L_CSM − L_SM = d/b² − J(p_t) for Gaussian perturbations x = a·x₀ + b·ε (article 23, step 7:
 * the conditional score is −ε/b and E‖ε‖² = d). Needs b > 0. Non-negative (Jensen), → d/b² as b → 0 relative to the
 * data scale, → 0 as b → ∞.
 */
export function scoreMatchingGap(
  gmm: GaussianMixture,
  a: number,
  b: number,
  opts: GmmQuadratureOptions = {},
): number {
  requirePositive("b", b);
  return gmm.d / (b * b) - fisherInformation(gmm, a, b, opts);
}

/**
 * The diagonal of the score's Jacobian, ∂s_q/∂x_q of s = ∇log p_t at each row (n×d): with responsibilities r_k and
 * u_kq = (a m_kq − x_q)/v_kq (v_kq = a²s_kq² + b²), ∂s_q/∂x_q = −Σ_k r_k/v_kq + Σ_k r_k u_kq² − (Σ_k r_k u_kq)².
 * In 1-D it is the slope of the score (article 21's Lipschitz constants); its row sum is Δlog p_t.
 */
export function gmmScoreJacobianDiag(gmm: GaussianMixture, x: Points, a: number, b: number): Points {
  if (!gmm || typeof gmm.responsibilities !== "function") {
    throw new TypeError("gmm must be a GaussianMixture");
  }
  requireFinite("a", a);
  requirePositive("b", b, true);
  const r = gmm.responsibilities(x, a, b); // validates x
  const { d, k } = gmm, n = x.length / d, sd = gmm.diagStds;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < d; q++) {
      let inv = 0, m1 = 0, m2 = 0;
      for (let j = 0; j < k; j++) {
        const v = a * a * sd[j * d + q] ** 2 + b * b, u = (a * gmm.means[j * d + q] - x[i * d + q]) / v;
        const rj = r[i * k + j];
        inv += rj / v;
        m1 += rj * u;
        m2 += rj * u * u;
      }
      out[i * d + q] = -inv + m2 - m1 * m1;
    }
  }
  return out;
}
