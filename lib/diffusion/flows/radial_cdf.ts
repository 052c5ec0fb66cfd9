/**
 * Radial profiles of space-only isotropic Green's functions (article 16 steps 8–11). Given the density profile φ_t(r),
 * step 8 fixes the flux coefficient ϕ_t(r) = −r^{−d}∂_t∫₀^r φ_t(s)s^{d−1}ds ({@link varphiFromPhi}, by quadrature and a
 * central difference in t). Conversely (step 10), any radial CDF ψ_t(r) — 0 at r = 0, 1 at ∞, increasing, tending to
 * a unit step as t → 0⁺ — gives φ_t = r^{1−d}∂_rψ_t and ϕ_t = −r^{−d}∂_t(ψ_t + λ_t) ({@link fromRadialCdf}). The scale
 * families ψ_t(r) = Ψ(r/t) with Ψ = tanh or 1 − e^{−z} are provided with their exact partial derivatives.
 * @module
 */
import { requireFinite, requireInt, requireOneOf, requirePositive } from "../../core/mod.ts";
import { derivative, simpson } from "../../numerics/mod.ts";
import type { RadialProfile } from "./green.ts";

/** A radial CDF ψ_t(r) with its exact partial derivatives (article 16 step 10). */
export interface RadialCdf {
  name: string;
  value: (t: number, r: number) => number;
  /** ∂ψ_t(r)/∂r */
  dr: (t: number, r: number) => number;
  /** ∂ψ_t(r)/∂t */
  dt: (t: number, r: number) => number;
  /** The radius at which ψ_t(r) = u (u in [0, 1)): r = t·Ψ⁻¹(u) for a scale family. */
  inverse: (t: number, u: number) => number;
}

const SCALE_FAMILIES = {
  tanh: {
    psi: (z: number) => Math.tanh(z),
    dpsi: (z: number) => 1 / Math.cosh(z) ** 2,
    inv: (u: number) => Math.atanh(u),
  },
  exp: {
    psi: (z: number) => -Math.expm1(-z),
    dpsi: (z: number) => Math.exp(-z),
    inv: (u: number) => -Math.log1p(-u),
  },
} as const;

/** The scale families of radial CDFs the article names. */
export type ScaleFamilyName = keyof typeof SCALE_FAMILIES;

/**
 * ψ_t(r) = Ψ(r/t) with Ψ(z) = tanh z ("tanh") or 1 − e^{−z} ("exp") (article 16 step 10's examples), with exact
 * ∂_rψ = Ψ'(r/t)/t and ∂_tψ = −Ψ'(r/t)·r/t².
 */
export function scaleFamilyCdf(name: ScaleFamilyName): RadialCdf {
  const k = requireOneOf("name", name, Object.keys(SCALE_FAMILIES) as ScaleFamilyName[]);
  const { psi, dpsi, inv } = SCALE_FAMILIES[k];
  return {
    name: k,
    value: (t, r) => psi(r / t),
    dr: (t, r) => dpsi(r / t) / t,
    dt: (t, r) => (-dpsi(r / t) * r) / (t * t),
    inverse: (t, u) => {
      requirePositive("t", t);
      if (!(u >= 0 && u < 1)) throw new RangeError(`u must be in [0, 1), got ${u}`);
      return t * inv(u);
    },
  };
}

/**
 * The profile of a radial CDF (article 16 step 10): φ_t(r) = r^{1−d}∂_rψ_t(r), ϕ_t(r) = −r^{−d}∂_t(ψ_t(r) + λ_t),
 * with λ_t an arbitrary function of t (its derivative `dlambda`, default 0). Constants are dropped: φ is a density
 * only up to the sphere area S_d.
 */
export function fromRadialCdf(cdf: RadialCdf, d: number, dlambda?: (t: number) => number): RadialProfile {
  if (!cdf || typeof cdf.dr !== "function" || typeof cdf.dt !== "function") {
    throw new TypeError("cdf must be a RadialCdf { value, dr, dt, inverse }");
  }
  requireInt("d", d, 1);
  if (dlambda !== undefined && typeof dlambda !== "function") {
    throw new TypeError("dlambda must be a function");
  }
  const dl = dlambda ?? (() => 0);
  return {
    d,
    phi: (t, r) => cdf.dr(t, r) / r ** (d - 1),
    varphi: (t, r) => -(cdf.dt(t, r) + dl(t)) / r ** d,
  };
}

/** Options of {@link varphiFromPhi}. */
export interface VarphiOptions {
  /** Simpson intervals on [0, r] (even; default 2000). */
  n?: number;
  /** Relative step of the central difference in t (default 1e-4: h = 1e-4·t). */
  relStep?: number;
}

/**
 * ϕ_t(r) from φ alone by step 8 of article 16: ϕ_t(r) = −r^{−d}∂_t∫₀^r φ_t(s)s^{d−1}ds, the radial integral by
 * composite Simpson and ∂_t by a central difference of step relStep·t. The integrand at s = 0 is evaluated at
 * s = 1e-9·r (its limit; φ may carry a factor s^{1−d}).
 */
export function varphiFromPhi(
  phi: (t: number, r: number) => number,
  d: number,
  opts: VarphiOptions = {},
): (t: number, r: number) => number {
  if (typeof phi !== "function") throw new TypeError(`phi must be a function, got ${typeof phi}`);
  requireInt("d", d, 1);
  const n = requireInt("opts.n", opts.n ?? 2000, 2);
  if (n % 2 !== 0) throw new RangeError(`opts.n must be even, got ${n}`);
  const rel = requirePositive("opts.relStep", opts.relStep ?? 1e-4);
  return (t, r) => {
    requirePositive("t", t);
    requirePositive("r", r);
    const mass = (s: number) =>
      simpson(
        (q) => {
          const qq = q === 0 ? 1e-9 * r : q;
          return phi(s, qq) * qq ** (d - 1);
        },
        0,
        r,
        n,
      );
    return requireFinite("varphi", -derivative(mass, t, rel * t) / r ** d);
  };
}
