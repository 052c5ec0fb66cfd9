/**
 * Green's functions of the continuity equation in space-time (article 16, "building ODEs I"). Write
 * u(t, x) = (p_t(x), f_t(x) p_t(x)) ∈ R^{d+1}; the continuity equation is ∇_{(t,x)}·u = 0. A Green's function G solves
 * it for one data point x₀ (G₁ → δ(x − x₀) as t → 0⁺, ∫G₁dx = 1), and u = E_{x₀}[G]. This module holds the gravity
 * (isotropic in (t, x)) solution, radially symmetric fields G = (φ_t(r), ϕ_t(r)(x − x₀)) built from a radial profile,
 * and the finite-difference residuals that check them: the Cartesian divergence in R^{d+1} and the radial form of
 * step 8, ∂_tφ + r^{1−d}∂_r(ϕ r^d) = 0. All float64.
 * @module
 */
import { requireAllFinite, requireFinite, requireInt, requirePositive } from "../../core/mod.ts";
import { lgamma } from "../../math/mod.ts";
import { derivative, jacobian } from "../../numerics/mod.ts";

/** A radially symmetric space-time field around x₀: G₁ = φ_t(r), G_{>1} = ϕ_t(r)(x − x₀), r = ‖x − x₀‖. */
export interface RadialProfile {
  /** Dimension d of x. */
  d: number;
  /** φ_t(r): the conditional density p_t(x | x₀) as a function of r (possibly up to a constant). */
  phi: (t: number, r: number) => number;
  /** ϕ_t(r): the flux coefficient, so that the conditional velocity is (ϕ/φ)(x − x₀). */
  varphi: (t: number, r: number) => number;
}

function vec(name: string, x: unknown, d?: number): Float64Array {
  if (!(x instanceof Float64Array) || x.length === 0) {
    throw new TypeError(`${name} must be a non-empty Float64Array`);
  }
  if (d !== undefined && x.length !== d) {
    throw new RangeError(`${name} must have length ${d}, got ${x.length}`);
  }
  requireAllFinite(name, x);
  return x;
}

function fn(name: string, f: unknown): void {
  if (typeof f !== "function") throw new TypeError(`${name} must be a function, got ${typeof f}`);
}

/**
 * The normalising constant of the gravity Green's function, C = Γ((d+1)/2)/π^{(d+1)/2} (article 16 step 5: C makes
 * ∫G₁dx = 1; 1/C = π, 2π, π², 4π²/3 for d = 1..4).
 */
export function gravityConstant(d: number): number {
  requireInt("d", d, 1);
  return Math.exp(lgamma((d + 1) / 2) - ((d + 1) / 2) * Math.log(Math.PI));
}

/**
 * The gravity Green's function (article 16 step 4, the unique solution isotropic in (t, x)):
 * G = C (t, x − x₀)/(t² + ‖x − x₀‖²)^{(d+1)/2}. Its first component is the multivariate Cauchy density with location
 * x₀ and scale t (the PFGM conditional law); its velocity G_{>1}/G₁ = (x − x₀)/t.
 */
export function gravityProfile(d: number): RadialProfile & { C: number } {
  const C = gravityConstant(d), k = (d + 1) / 2;
  return {
    d,
    C,
    phi: (t, r) => (C * t) / (t * t + r * r) ** k,
    varphi: (t, r) => C / (t * t + r * r) ** k,
  };
}

/**
 * The Gaussian profile (article 16 step 9): φ_t(r) = (2πσ_t²)^{−d/2} e^{−r²/2σ_t²} with ϕ_t = (σ̇_t/σ_t)φ_t — the
 * variance-exploding diffusion ODE f = −σ̇σ∇log p_t of part 12.
 */
export function gaussianProfile(
  d: number,
  sigma: (t: number) => number,
  dsigma: (t: number) => number,
): RadialProfile {
  requireInt("d", d, 1);
  fn("sigma", sigma);
  fn("dsigma", dsigma);
  const phi = (t: number, r: number) => {
    const s = requirePositive("sigma(t)", sigma(t));
    return Math.exp(-(r * r) / (2 * s * s)) / (2 * Math.PI * s * s) ** (d / 2);
  };
  return { d, phi, varphi: (t, r) => (dsigma(t) / sigma(t)) * phi(t, r) };
}

/**
 * The space-time field of a radial profile at (t, x) around x₀: (φ_t(r), ϕ_t(r)(x − x₀)) ∈ R^{d+1} (article 16
 * step 8).
 */
export function radialField(p: RadialProfile, t: number, x: Float64Array, x0: Float64Array): Float64Array {
  checkProfile(p);
  requireFinite("t", t);
  vec("x", x, p.d);
  vec("x0", x0, p.d);
  let r2 = 0;
  for (let i = 0; i < p.d; i++) r2 += (x[i] - x0[i]) ** 2;
  const r = Math.sqrt(r2), out = new Float64Array(p.d + 1), vp = p.varphi(t, r);
  out[0] = p.phi(t, r);
  for (let i = 0; i < p.d; i++) out[i + 1] = vp * (x[i] - x0[i]);
  return out;
}

function checkProfile(p: unknown): RadialProfile {
  const q = p as RadialProfile | null;
  if (!q || typeof q !== "object") throw new TypeError("profile must be a RadialProfile { d, phi, varphi }");
  requireInt("profile.d", q.d, 1);
  fn("profile.phi", q.phi);
  fn("profile.varphi", q.varphi);
  return q;
}

/** The result of {@link spaceTimeDivergence}: the divergence and the scale of the terms that cancel in it. */
export interface DivergenceResidual {
  /** ∇_{(t,x)}·u by central differences. */
  div: number;
  /** Σ_i |∂u_i/∂y_i|: the size of the terms whose sum is the divergence (for a relative residual). */
  scale: number;
}

/**
 * ∇_{(t,x)}·u of a space-time field u(t, x) ∈ R^{d+1} at (t, x), by central differences in R^{d+1} (article 16 step 2:
 * the continuity equation is this divergence being zero), with the scale Σ|∂_iu_i| of the cancelling terms.
 */
export function spaceTimeDivergence(
  u: (t: number, x: Float64Array) => Float64Array,
  t: number,
  x: Float64Array,
  h?: number,
): DivergenceResidual {
  fn("u", u);
  requireFinite("t", t);
  vec("x", x);
  if (h !== undefined) requirePositive("h", h);
  const d = x.length, y = new Float64Array(d + 1);
  y[0] = t;
  y.set(x, 1);
  const J = jacobian((z) => u(z[0], z.subarray(1)), y, h);
  let div = 0, scale = 0;
  for (let i = 0; i <= d; i++) {
    div += J[i * (d + 2)];
    scale += Math.abs(J[i * (d + 2)]);
  }
  return { div, scale };
}

/**
 * The radial form of the divergence-free condition (article 16 step 8) at (t, r), by central differences:
 * ∂_tφ_t(r) + r^{1−d}∂_r(ϕ_t(r) r^d), with the scale |∂_tφ_t(r)|. Needs r > 0 (the factors are singular at 0).
 */
export function radialResidual(p: RadialProfile, t: number, r: number, h?: number): DivergenceResidual {
  checkProfile(p);
  requireFinite("t", t);
  requirePositive("r", r);
  if (h !== undefined) requirePositive("h", h);
  const dt = derivative((s) => p.phi(s, r), t, h);
  const flux = derivative((s) => p.varphi(t, s) * s ** p.d, r, h) / r ** (p.d - 1);
  return { div: dt + flux, scale: Math.abs(dt) };
}
