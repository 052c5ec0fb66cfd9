/**
 * The transition part of the variational bound over a sub-trajectory (Analytic-DPM, Bao et al. 2022, the per-step
 * KL terms; kexue.fm/archives/9245 step 3):
 *
 *   L_trans = (1/d) Σ_{i=2..K} E_{x_0, x_{τ_i}} KL( q(x_{τ_{i−1}} | x_{τ_i}, x_0) ‖ p(x_{τ_{i−1}} | x_{τ_i}) ),
 *
 * with q the DDPM-type forward posterior N(k x_t + γ x_0, σ²_post I) and p the model step N(k x_t + γ x̂_0, v) with
 * the same (k, γ) and the variance v of a {@link VarianceRule}. The prior term (identical for every rule) and the
 * decoder term i = 1 (ill-defined when v = 0) are left out. Every rule is evaluated on the same x_0, the same
 * noises and the same ε_θ calls (common random numbers), so differences between rules carry no sampling noise
 * from those draws. Float64.
 * @module
 */
import { Progress, requireAllFinite, requireFinite, requireInt, type Rng } from "../../core/mod.ts";
import type { Points } from "../oracle/mod.ts";
import { callEps, type EpsFn } from "./sampler_common.ts";
import { evalVarianceRule, type StepContext, type VarianceRule } from "./sampler_general.ts";
import type { DiscreteSchedule } from "../schedule/mod.ts";
import { meanCoeffs, requireTrajectory } from "../schedule/mod.ts";

/** KL(N(μ₁, v₁) ‖ N(μ₂, v₂)) of two univariate Gaussians: ½(log(v₂/v₁) + (v₁ + (μ₁ − μ₂)²)/v₂ − 1). */
export function gaussKL(mu1: number, v1: number, mu2: number, v2: number): number {
  requireFinite("mu1", mu1);
  requireFinite("mu2", mu2);
  if (!(requireFinite("v1", v1) > 0)) throw new RangeError(`v1 must be > 0, got ${v1}`);
  if (!(requireFinite("v2", v2) > 0)) throw new RangeError(`v2 must be > 0, got ${v2}`);
  return 0.5 * (Math.log(v2 / v1) + (v1 + (mu1 - mu2) ** 2) / v2 - 1);
}

/** Options of {@link transitionBound}. */
export interface TransitionBoundOptions {
  /** The sub-trajectory 0 = τ_0 < τ_1 < … < τ_K (K ≥ 2). */
  traj: ArrayLike<number>;
  /** Data points x_0, row-major n×d (the same rows are used at every step). */
  x0: Points;
  d: number;
  /** The model's noise predictor. */
  epsFn: EpsFn;
  /** The variance rules to compare, by name. */
  rules: Record<string, VarianceRule>;
  /** The seeded generator of the forward noises (one fresh N(0, I) batch per step, shared by all rules). */
  rng: Rng;
  /** Progress label (default: none). */
  label?: string;
}

/** One rule's bound. */
export interface RuleBound {
  /** L_trans per dimension (the sum of the per-step terms). */
  total: number;
  /** Its standard error over the n rows of x_0. */
  stdError: number;
  /** The per-step terms, index i − 2 for the jump τ_i → τ_{i−1}, i = 2..K. */
  perStep: Float64Array;
  /** Per row of x_0: Σ_i KL_i / d (for paired comparisons between rules). */
  perSample: Float64Array;
}

/**
 * L_trans for each rule, with common random numbers. For the jump t = τ_i → s = τ_{i−1} (i ≥ 2):
 * x_t = ᾱ_t x_0 + β̄_t ε, x̂_0 = (x_t − β̄_t ε_θ)/ᾱ_t, and per coordinate
 * KL = ½(log(v/σ²) + (σ² + γ²(x_0 − x̂_0)²)/v − 1) with σ² = DDPM's posterior variance, γ its x_0 weight.
 */
export async function transitionBound(
  sched: DiscreteSchedule,
  opts: TransitionBoundOptions,
): Promise<Record<string, RuleBound>> {
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be TransitionBoundOptions");
  requireTrajectory("opts.traj", opts.traj, sched);
  const traj = opts.traj, K = traj.length - 1;
  if (K < 2) {
    throw new RangeError(`opts.traj must have K >= 2 jumps (the decoder jump is excluded), got K=${K}`);
  }
  const d = requireInt("opts.d", opts.d, 1);
  if (!(opts.x0 instanceof Float64Array) || opts.x0.length === 0 || opts.x0.length % d !== 0) {
    throw new RangeError(
      `opts.x0 must be a non-empty Float64Array of n×${d} points, got length ${opts.x0?.length}`,
    );
  }
  requireAllFinite("opts.x0", opts.x0);
  if (typeof opts.epsFn !== "function") throw new TypeError("opts.epsFn must be a function (x, t) => eps");
  if (!opts.rng || typeof opts.rng.normals !== "function") throw new TypeError("opts.rng must be an Rng");
  const names = Object.keys(opts.rules ?? {});
  if (names.length === 0) throw new RangeError("opts.rules must name at least one variance rule");
  for (const nm of names) {
    if (typeof opts.rules[nm] !== "function") throw new TypeError(`opts.rules.${nm} must be a VarianceRule`);
  }
  const x0 = opts.x0, n = x0.length / d;
  const out: Record<string, RuleBound> = {};
  for (const nm of names) {
    out[nm] = { total: 0, stdError: 0, perStep: new Float64Array(K - 1), perSample: new Float64Array(n) };
  }
  const progress = opts.label ? new Progress(opts.label, K - 1) : null;
  for (let i = K; i >= 2; i--) {
    const t = traj[i], s = traj[i - 1];
    const a = sched.alphaBar[t], b = sched.betaBar[t];
    const e = opts.rng.normals(n * d), x = new Float64Array(n * d);
    for (let j = 0; j < n * d; j++) x[j] = a * x0[j] + b * e[j];
    const eps = await callEps(opts.epsFn, x, t);
    const x0hat = new Float64Array(n * d), err2 = new Float64Array(n * d);
    for (let j = 0; j < n * d; j++) {
      x0hat[j] = (x[j] - b * eps[j]) / a;
      err2[j] = (x0[j] - x0hat[j]) ** 2;
    }
    const coeffs = meanCoeffs(sched, t, s, "ddpm");
    const ctx: StepContext = { i, t, s, x, eps, x0hat, coeffs, n, d };
    const s2 = coeffs.sigma2, g2 = coeffs.gamma ** 2;
    for (const nm of names) {
      const v = await evalVarianceRule(opts.rules[nm], ctx);
      const r = out[nm];
      let stepSum = 0;
      for (let row = 0; row < n; row++) {
        let kl = 0;
        for (let q = 0; q < d; q++) {
          const j = row * d + q, vj = typeof v === "number" ? v : v[j];
          if (!(vj > 0)) {
            throw new RangeError(
              `rule ${nm} gives variance ${vj} at t=${t}: the bound needs v > 0 (σ = 0 is infinite)`,
            );
          }
          kl += 0.5 * (Math.log(vj / s2) + (s2 + g2 * err2[j]) / vj - 1);
        }
        r.perSample[row] += kl / d;
        stepSum += kl / d;
      }
      r.perStep[i - 2] = stepSum / n;
    }
    if (progress) await progress.tick();
  }
  for (const nm of names) {
    const r = out[nm];
    let m = 0, v = 0;
    for (let row = 0; row < n; row++) m += r.perSample[row] / n;
    for (let row = 0; row < n; row++) v += (r.perSample[row] - m) ** 2;
    r.total = m;
    r.stdError = n > 1 ? Math.sqrt(v / (n - 1) / n) : NaN;
  }
  return out;
}
