/**
 * The sampling law of the gravity Green's function (article 16 steps 6–7). Its conditional density
 * p_t(x | x₀) ∝ t/(t² + ‖x − x₀‖²)^{(d+1)/2} is the multivariate Cauchy law with location x₀ and scale t, so
 * x_t = x₀ + t z with z's radius ‖z‖ of density ∝ r^{d−1}/(1 + r²)^{(d+1)/2}. PFGM's hand-made perturbation gives
 * z = ε_x/|ε_t| with Gaussian ε (σ cancels) — and its radius has exactly that law (the article's "pleasant surprise").
 * With r = tan θ the radial CDF is ∫₀^θ sin^{d−1} / ∫₀^{π/2} sin^{d−1} (equivalently F_{d,1}(r²/d)), computed here by
 * the exact reduction formula of ∫ sinⁿ.
 * @module
 */
import { requireFinite, requireInt, requirePositive, type Rng } from "../../core/mod.ts";
import type { Points } from "../schedule/mod.ts";

/** ∫₀^θ sinⁿ(u) du by the reduction formula Jₙ = −sin^{n−1}θ cosθ/n + (n−1)/n·J_{n−2}. */
function sinPowerIntegral(n: number, theta: number): number {
  const s = Math.sin(theta), c = Math.cos(theta);
  let a = theta, b = 1 - c; // J_0, J_1
  if (n === 0) return a;
  for (let k = 2; k <= n; k++) {
    const next = (-(s ** (k - 1)) * c) / k + ((k - 1) / k) * a;
    a = b;
    b = next;
  }
  return b;
}

/**
 * The CDF of the radius ‖z‖ of the standard d-dimensional Cauchy law (density ∝ r^{d−1}/(1 + r²)^{(d+1)/2}) at ρ ≥ 0:
 * (2/π)arctan ρ for d = 1, 1 − (1 + ρ²)^{−1/2} for d = 2, (2/π)(arctan ρ − ρ/(1 + ρ²)) for d = 3 (article 16 step 7,
 * closed form derived).
 */
export function cauchyRadiusCdf(d: number, rho: number): number {
  requireInt("d", d, 1);
  if (rho === Infinity) return 1;
  requirePositive("rho", rho, true);
  const theta = Math.atan(rho);
  return Math.min(1, sinPowerIntegral(d - 1, theta) / sinPowerIntegral(d - 1, Math.PI / 2));
}

/** The density of the Cauchy radius at r ≥ 0: r^{d−1}/(1 + r²)^{(d+1)/2} / ∫₀^{π/2}sin^{d−1}. */
export function cauchyRadiusDensity(d: number, r: number): number {
  requireInt("d", d, 1);
  requirePositive("r", r, true);
  return r ** (d - 1) / (1 + r * r) ** ((d + 1) / 2) / sinPowerIntegral(d - 1, Math.PI / 2);
}

/**
 * n draws of PFGM's perturbation radius r = ‖ε_x‖/|ε_t| with ε_x ~ N(0, I_d), ε_t ~ N(0, 1) (article 16 step 7: PFGM's
 * x = x₀ + ‖ε_x‖(1 + τ)^m u, t = |ε_t|(1 + τ)^m gives x = x₀ + t·r·u).
 */
export function pfgmRadius(d: number, n: number, rng: Rng): Float64Array {
  requireInt("d", d, 1);
  requireInt("n", n, 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += rng.normal() ** 2;
    out[i] = Math.sqrt(s) / Math.abs(rng.normal());
  }
  return out;
}

/**
 * One draw of x_t ~ p_t(· | x₀) of the gravity Green's function for every row of x0 (n×d): x₀ + t·ε_x/|ε_t|, the
 * PFGM perturbation read at height t (article 16 step 7).
 */
export function sampleGravityConditional(x0: Points, d: number, t: number, rng: Rng): Points {
  requireInt("d", d, 1);
  if (!(x0 instanceof Float64Array) || x0.length === 0 || x0.length % d !== 0) {
    throw new RangeError(`x0 must be a non-empty Float64Array of whole rows of ${d}`);
  }
  requirePositive("t", t);
  const out = new Float64Array(x0.length);
  for (let i = 0; i < x0.length / d; i++) {
    const row: number[] = [];
    for (let j = 0; j < d; j++) row.push(rng.normal());
    const scale = t / Math.abs(rng.normal());
    for (let j = 0; j < d; j++) out[i * d + j] = requireFinite("x", x0[i * d + j] + scale * row[j]);
  }
  return out;
}
