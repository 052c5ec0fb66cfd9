/**
 * Pointwise residuals of the evolution equations of a density, by central finite differences from lib/numerics
 * (articles 09 and 20): the Fokker–Planck equation of dx = f(x, t) dt + g_t dW,
 *
 *   ∂_t p = −∇·(f p) + D_t Δp,   D_t = ½ g_t²,
 *
 * with the continuity equation (D = 0, article 09 step 3 / article 20 step 3) and the heat equation (f = 0, article
 * 09 step 4) as its special cases. Each term is returned separately, so that a notebook can show what is left when a
 * term is dropped (article 20: the second-order term is necessary). The density is any batch function p(x, t)
 * (closed form, e.g. a blurred mixture or an OU marginal); the drift is a {@link Field}. Float64; the residual of an
 * exact solution is the finite differences' truncation and round-off error, O(h²) + O(ε/h²).
 * @module
 */
import { requireFinite, requireInt, requirePositive } from "../../core/mod.ts";
import { derivative, divergence, laplacian } from "../../numerics/mod.ts";
import type { Points } from "../schedule/mod.ts";
import { checkField, type Field } from "./field.ts";

/** A time-dependent density on R^d as a batch function: x is n×d row-major, the result has n values. */
export type Density = (x: Points, t: number) => Float64Array;

/** Options of {@link fokkerPlanckTerms}. */
export interface FokkerPlanckOptions {
  /** Dimension of a point. */
  dim: number;
  /** The density p(x, t). */
  density: Density;
  /** The drift f(x, t) (omit for the heat equation). */
  drift?: Field;
  /** The diffusion coefficient D_t = ½g_t² (omit for the continuity equation). */
  diffusion?: (t: number) => number;
  /** Finite-difference steps: in t, in x for the flux divergence, in x for the Laplacian (default 1e-4 each). */
  h?: { t?: number; x?: number; xx?: number };
}

/** The terms of the Fokker–Planck equation at each point, and its residual ∂_t p + ∇·(f p) − D Δp. */
export interface FokkerPlanckTerms {
  /** ∂_t p by a central difference in time. */
  dpdt: Float64Array;
  /** −∇·(f p) (zeros without a drift). */
  transport: Float64Array;
  /** D_t Δp (zeros without diffusion). */
  diffusion: Float64Array;
  /** dpdt − transport − diffusion. */
  residual: Float64Array;
}

/**
 * Evaluates ∂_t p, −∇·(f p) and D_t Δp at every row of `points` at time t by central finite differences (lib/numerics
 * `derivative`, `divergence`, `laplacian`), and the Fokker–Planck residual (article 20, eq. of step 4).
 */
export function fokkerPlanckTerms(points: Points, t: number, o: FokkerPlanckOptions): FokkerPlanckTerms {
  if (!o || typeof o !== "object") throw new TypeError("options must be FokkerPlanckOptions");
  const d = requireInt("options.dim", o.dim, 1);
  if (typeof o.density !== "function") {
    throw new TypeError("options.density must be a function (x, t) => Float64Array");
  }
  if (o.drift !== undefined) {
    checkField(o.drift, "options.drift");
    if (o.drift.dim !== d) throw new RangeError(`options.drift.dim must be ${d}, got ${o.drift.dim}`);
  }
  if (o.diffusion !== undefined && typeof o.diffusion !== "function") {
    throw new TypeError("options.diffusion must be a function t => D_t");
  }
  if (!(points instanceof Float64Array) || points.length === 0 || points.length % d !== 0) {
    throw new RangeError(`points must be a non-empty Float64Array of whole rows of ${d}`);
  }
  requireFinite("t", t);
  const ht = requirePositive("options.h.t", o.h?.t ?? 1e-4);
  const hx = requirePositive("options.h.x", o.h?.x ?? 1e-4);
  const hxx = requirePositive("options.h.xx", o.h?.xx ?? 1e-4);
  const D = o.diffusion ? requireFinite("options.diffusion(t)", o.diffusion(t)) : 0;
  const n = points.length / d;
  const p1 = (x: Float64Array, s: number): number => {
    const v = o.density(x, s);
    if (!(v instanceof Float64Array) || v.length !== 1) {
      throw new TypeError("options.density must return one value per row");
    }
    return v[0];
  };
  const out: FokkerPlanckTerms = {
    dpdt: new Float64Array(n),
    transport: new Float64Array(n),
    diffusion: new Float64Array(n),
    residual: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const x = points.slice(i * d, (i + 1) * d);
    out.dpdt[i] = derivative((s) => p1(x, s), t, ht);
    if (o.drift) {
      const f = o.drift;
      out.transport[i] = -divergence(
        (y) => {
          const v = f.velocity(y, t), p = p1(y, t);
          return v.map((vi) => vi * p);
        },
        x,
        hx,
      );
    }
    if (D !== 0) out.diffusion[i] = D * laplacian((y) => p1(y, t), x, hxx);
    out.residual[i] = out.dpdt[i] - out.transport[i] - out.diffusion[i];
  }
  return out;
}

/** max |a_i| over an array (0 for an empty one). */
export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/**
 * The residual of {@link fokkerPlanckTerms} relative to the size of ∂_t p: max|residual| / max|∂_t p| over the
 * points, optionally with some terms dropped (to show that a term is needed).
 */
export function relativeResidual(
  terms: FokkerPlanckTerms,
  drop: { transport?: boolean; diffusion?: boolean } = {},
): number {
  if (!terms || !(terms.dpdt instanceof Float64Array)) throw new TypeError("terms must be FokkerPlanckTerms");
  const scale = maxAbs(terms.dpdt);
  if (!(scale > 0)) throw new RangeError("∂_t p vanishes at every point: no scale for a relative residual");
  let m = 0;
  for (let i = 0; i < terms.dpdt.length; i++) {
    const r = terms.dpdt[i] - (drop.transport ? 0 : terms.transport[i]) -
      (drop.diffusion ? 0 : terms.diffusion[i]);
    m = Math.max(m, Math.abs(r));
  }
  return m / scale;
}
