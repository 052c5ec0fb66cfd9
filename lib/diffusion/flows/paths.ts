/**
 * Conditional paths through one data point (article 17, "building ODEs II", the method of characteristics). A family of
 * trajectories x_t = μ_t(x₀) + σ_t x₁ labelled by its end point x₁ (μ₀(x₀) = x₀, σ₀ = 0, σ₁ = 1) has the conditional
 * field f_t(x | x₀) = μ̇_t(x₀) + (σ̇_t/σ_t)(x − μ_t(x₀)) with ∇·f = dσ̇_t/σ_t, and the characteristics solve the
 * continuity equation as p_t(x | x₀) = σ_t^{−d} p₁((x − μ_t(x₀))/σ_t) (step 7; straight lines μ = (1 − t)x₀, σ = t
 * are step 5). A {@link ConditionalFamily} packages f and log p for one x₀ so that marginal.ts can average it over the
 * data. The nonlinear swirl family (our illustration of step 8) and the inverse-Jacobian formula
 * f = −(∂φ/∂x)⁻¹∂φ/∂t of step 2 live here too. Float64.
 * @module
 */
import {
  matFromRows,
  pinvRcond,
  requireAllFinite,
  requireFinite,
  requireInt,
  type Rng,
} from "../../core/mod.ts";
import { jacobian } from "../../numerics/mod.ts";
import type { Points } from "../schedule/mod.ts";

/** A prior p₁ on R^dim: log-density of one row and a sampler. */
export interface PriorLaw {
  dim: number;
  /** log p₁ of the row z[offset .. offset + dim) (−∞ outside the support). */
  logpdf: (z: Float64Array, offset?: number) => number;
  sample: (n: number, rng: Rng) => Points;
}

/** The uniform law on the box [lo, hi]^dim (article 17's example prior U[0, 2]). */
export function uniformBox(lo: number, hi: number, dim = 1): PriorLaw {
  requireFinite("lo", lo);
  requireFinite("hi", hi);
  if (!(hi > lo)) throw new RangeError(`hi must exceed lo, got lo=${lo}, hi=${hi}`);
  requireInt("dim", dim, 1);
  const logDens = -dim * Math.log(hi - lo);
  return {
    dim,
    logpdf: (z, o = 0) => {
      for (let j = 0; j < dim; j++) if (!(z[o + j] >= lo && z[o + j] <= hi)) return -Infinity;
      return logDens;
    },
    sample: (n, rng) => rng.uniforms(requireInt("n", n, 1) * dim, lo, hi),
  };
}

/** The standard normal N(0, I_dim). */
export function stdNormal(dim = 1): PriorLaw {
  requireInt("dim", dim, 1);
  const c = -0.5 * dim * Math.log(2 * Math.PI);
  return {
    dim,
    logpdf: (z, o = 0) => {
      let s = 0;
      for (let j = 0; j < dim; j++) s += z[o + j] * z[o + j];
      return c - 0.5 * s;
    },
    sample: (n, rng) => rng.normals(requireInt("n", n, 1) * dim),
  };
}

/** A linear conditional path x_t = μ_t(x₀) + σ_t x₁ with μ_t(x₀) = a_t x₀ (article 17 step 7). */
export interface LinearPath {
  name: string;
  /** a_t, so that μ_t(x₀) = a_t x₀ (a₀ = 1, a₁ = 0). */
  a: (t: number) => number;
  da: (t: number) => number;
  sigma: (t: number) => number;
  dsigma: (t: number) => number;
}

/** Straight lines x_t = (1 − t)x₀ + t x₁ (article 17 step 5). */
export function straightPath(): LinearPath {
  return { name: "straight", a: (t) => 1 - t, da: () => -1, sigma: (t) => t, dsigma: () => 1 };
}

/** The trigonometric path μ_t = cos(πt/2)x₀, σ_t = sin(πt/2) (brief's characteristics check). */
export function trigPath(): LinearPath {
  const w = Math.PI / 2;
  return {
    name: "trig",
    a: (t) => Math.cos(w * t),
    da: (t) => -w * Math.sin(w * t),
    sigma: (t) => Math.sin(w * t),
    dsigma: (t) => w * Math.cos(w * t),
  };
}

/** A conditional family at one time t (coefficients precomputed once per t). */
export interface ConditionalAt {
  /** f_t(x | x₀) for the row x[xo ..] and data row x0[x0o ..], written into out[oo ..]. */
  velocity: (
    x: Float64Array,
    xo: number,
    x0: Float64Array,
    x0o: number,
    out: Float64Array,
    oo: number,
  ) => void;
  /** log p_t(x | x₀) for the same rows. */
  logDensity: (x: Float64Array, xo: number, x0: Float64Array, x0o: number) => number;
}

/** The conditional field and density of one data point, per time: what {@link marginalField} averages. */
export interface ConditionalFamily {
  dim: number;
  /** The family at time t (0 < t ≤ 1). */
  at: (t: number) => ConditionalAt;
}

/**
 * The conditional family of a linear path with prior p₁ (article 17 step 7): f = μ̇ + (σ̇/σ)(x − μ),
 * log p_t(x | x₀) = log p₁((x − μ)/σ) − d log σ. Defined for 0 < t ≤ 1.
 */
export function linearFamily(path: LinearPath, prior: PriorLaw): ConditionalFamily {
  checkPath(path);
  if (!prior || typeof prior.logpdf !== "function") throw new TypeError("prior must be a PriorLaw");
  const d = prior.dim, z = new Float64Array(d);
  return {
    dim: d,
    at: (t) => {
      requireFinite("t", t);
      const a = path.a(t), da = path.da(t), s = path.sigma(t), r = path.dsigma(t) / s, logS = d * Math.log(s);
      return {
        velocity: (x, xo, x0, x0o, out, oo) => {
          for (let j = 0; j < d; j++) out[oo + j] = da * x0[x0o + j] + r * (x[xo + j] - a * x0[x0o + j]);
        },
        logDensity: (x, xo, x0, x0o) => {
          for (let j = 0; j < d; j++) z[j] = (x[xo + j] - a * x0[x0o + j]) / s;
          return prior.logpdf(z, 0) - logS;
        },
      };
    },
  };
}

function checkPath(p: unknown): LinearPath {
  const q = p as LinearPath | null;
  if (!q || typeof q !== "object") throw new TypeError("path must be a LinearPath");
  for (const k of ["a", "da", "sigma", "dsigma"] as const) {
    if (typeof q[k] !== "function") throw new TypeError(`path.${k} must be a function`);
  }
  return q;
}

/** The divergence of a linear path's conditional field, ∇·f = d·σ̇_t/σ_t (article 17 step 7). */
export function linearPathDivergence(path: LinearPath, d: number, t: number): number {
  checkPath(path);
  requireInt("d", d, 1);
  requireFinite("t", t);
  return (d * path.dsigma(t)) / path.sigma(t);
}

/**
 * The 2-D swirl family (our illustration of article 17 step 8): x_t = x₀ + t R(α_t)(x₁ − x₀), α_t = θt(1 − t), R a
 * rotation. Label φ_t(x | x₀) = x₀ + R(−α_t)(x − x₀)/t = x₁; field f = (x − x₀)/t + α̇_t J(x − x₀) (J = 90° rotation,
 * divergence-free), ∇·f = 2/t; with p₁ = N(0, I), p_t(x | x₀) = N(x₀ − tR(α_t)x₀, t²I).
 */
export function swirlFamily(theta: number): ConditionalFamily & {
  label: (t: number, x: Float64Array, x0: Float64Array) => Float64Array;
} {
  requireFinite("theta", theta);
  const al = (t: number) => theta * t * (1 - t), dal = (t: number) => theta * (1 - 2 * t);
  return {
    dim: 2,
    label: (t, x, x0) => {
      const c = Math.cos(-al(t)), s = Math.sin(-al(t)), u = x[0] - x0[0], v = x[1] - x0[1];
      return Float64Array.from([x0[0] + (c * u - s * v) / t, x0[1] + (s * u + c * v) / t]);
    },
    at: (t) => {
      requireFinite("t", t);
      const w = dal(t), c = Math.cos(al(t)), s = Math.sin(al(t)), logNorm = -Math.log(2 * Math.PI * t * t);
      return {
        velocity: (x, xo, x0, x0o, out, oo) => {
          const u = x[xo] - x0[x0o], v = x[xo + 1] - x0[x0o + 1];
          out[oo] = u / t - w * v;
          out[oo + 1] = v / t + w * u;
        },
        logDensity: (x, xo, x0, x0o) => {
          const a = x0[x0o], b = x0[x0o + 1];
          const e0 = x[xo] - (a - t * (c * a - s * b)), e1 = x[xo + 1] - (b - t * (s * a + c * b));
          return logNorm - (e0 * e0 + e1 * e1) / (2 * t * t);
        },
      };
    },
  };
}

/**
 * The conditional field from a trajectory label φ_t(x) = x_T by article 17 step 2: f = −(∂φ/∂x)⁻¹ ∂φ/∂t, both
 * derivatives by central differences (step h, default lib/numerics' 1e-4·max(1, |·|)), the inverse by ml-matrix's SVD.
 */
export function inverseJacobianField(
  label: (t: number, x: Float64Array) => Float64Array,
  t: number,
  x: Float64Array,
  h?: number,
): Float64Array {
  if (typeof label !== "function") throw new TypeError(`label must be a function, got ${typeof label}`);
  requireFinite("t", t);
  if (!(x instanceof Float64Array) || x.length === 0) {
    throw new TypeError("x must be a non-empty Float64Array");
  }
  requireAllFinite("x", x);
  const d = x.length, J = jacobian((y) => label(t, y), x, h);
  const ht = h ?? 1e-4 * Math.max(1, Math.abs(t));
  const up = label(t + ht, x), down = label(t - ht, x);
  const inv = pinvRcond(matFromRows(Array.from({ length: d }, (_, i) => J.subarray(i * d, (i + 1) * d))));
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += inv.get(i, j) * ((up[j] - down[j]) / (2 * ht));
    out[i] = -s;
  }
  return out;
}
