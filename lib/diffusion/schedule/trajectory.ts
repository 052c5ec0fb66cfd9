/**
 * Sub-trajectories and the coefficients of one reverse jump t → s (s < t) in Su's notation (kexue.fm/archives/9245,
 * "生成扩散模型漫谈(七)"; DDIM, Song et al. 2020, eq. 12; Analytic-DPM, Bao et al. 2022): for any
 * σ² ∈ [0, β̄_s²] the DDIM family
 *
 *   p(x_s | x_t, x_0) = N(k x_t + γ x_0, σ² I),  k = √(β̄_s² − σ²) / β̄_t,  γ = ᾱ_s − ᾱ_t k,
 *
 * keeps the marginal p(x_s | x_0) = N(ᾱ_s x_0, β̄_s² I) (kᾱ_t + γ = ᾱ_s and k²β̄_t² + σ² = β̄_s²). DDPM's
 * posterior ("small") variance is σ² = (β̄_s²/β̄_t²)(1 − ᾱ_t²/ᾱ_s²), the "large" one is 1 − ᾱ_t²/ᾱ_s² (= β_t² for
 * s = t − 1), DDIM's is 0. All float64; the schedule tables are those of {@link DiscreteSchedule}.
 * @module
 */
import { requireInt, requireOneOf, requirePositive } from "../../core/mod.ts";
import { type DiscreteSchedule, requireStep } from "./schedule.ts";

/** How the K steps of a sub-trajectory are spread over 1..T. */
export type TrajectoryKind = "uniform" | "quadratic";

/**
 * The sub-trajectory τ_0 = 0 < τ_1 < … < τ_K = T as an Int32Array of length K + 1. "uniform": τ_i = round(iT/K)
 * (the brief's choice; `adpm.py`'s stride T/K when K divides T); "quadratic": τ_i = round(T (i/K)²) (DDIM's
 * quadratic trajectory, denser near 0). Rounding collisions are resolved so the steps stay strictly increasing.
 */
export function subTrajectory(T: number, K: number, kind: TrajectoryKind = "uniform"): Int32Array {
  requireInt("T", T, 1);
  requireInt("K", K, 1, T);
  requireOneOf("kind", kind, ["uniform", "quadratic"] as const);
  const tau = new Int32Array(K + 1);
  for (let i = 1; i <= K; i++) {
    const u = i / K;
    tau[i] = Math.round(T * (kind === "uniform" ? u : u * u));
  }
  tau[K] = T;
  // strictly increasing: push collisions up, then (from the end) back down so that τ_K = T still holds
  for (let i = 1; i <= K; i++) tau[i] = Math.max(tau[i], tau[i - 1] + 1);
  for (let i = K - 1; i >= 1; i--) tau[i] = Math.min(tau[i], tau[i + 1] - 1);
  return tau;
}

/** Throws unless `traj` is a valid sub-trajectory of the schedule: integers 0 = τ_0 < τ_1 < … < τ_K ≤ T. */
export function requireTrajectory(name: string, traj: ArrayLike<number>, s: DiscreteSchedule): void {
  if (traj === null || typeof traj !== "object" || typeof traj.length !== "number" || traj.length < 2) {
    throw new TypeError(
      `${name} must be an array of at least 2 steps (τ_0 = 0 < … < τ_K), got ${String(traj)}`,
    );
  }
  if (traj[0] !== 0) throw new RangeError(`${name}[0] must be 0, got ${traj[0]}`);
  for (let i = 1; i < traj.length; i++) {
    requireStep(`${name}[${i}]`, traj[i], s);
    if (!(traj[i] > traj[i - 1])) {
      throw new RangeError(
        `${name} must be strictly increasing: ${name}[${i}] = ${traj[i]} after ${traj[i - 1]}`,
      );
    }
  }
}

function requireJump(sched: DiscreteSchedule, t: number, s: number): void {
  requireStep("t", t, sched);
  requireInt("s", s, 0, sched.T);
  if (!(s < t)) throw new RangeError(`s must be < t, got s=${s}, t=${t}`);
}

/**
 * DDPM's posterior variance of the jump, Var(x_s | x_t, x_0) for the Markov forward process:
 * (β̄_s²/β̄_t²)(1 − ᾱ_t²/ᾱ_s²) (= β̄_{t−1}²β_t²/β̄_t² for s = t − 1; 0 for s = 0).
 */
export function ddpmPosteriorVar(sched: DiscreteSchedule, t: number, s: number): number {
  requireJump(sched, t, s);
  return (sched.betaBar[s] ** 2 / sched.betaBar[t] ** 2) * jumpNoiseVar(sched, t, s);
}

/** DDPM's "large" variance of the jump, 1 − ᾱ_t²/ᾱ_s² (the noise variance of x_t given x_s; β_t² for s = t − 1). */
export function largeVar(sched: DiscreteSchedule, t: number, s: number): number {
  requireJump(sched, t, s);
  return jumpNoiseVar(sched, t, s);
}

/** 1 − ᾱ_t²/ᾱ_s² computed as −expm1(2 log(ᾱ_t/ᾱ_s)), accurate when the jump is short. */
function jumpNoiseVar(sched: DiscreteSchedule, t: number, s: number): number {
  return -Math.expm1(2 * (Math.log(sched.alphaBar[t]) - Math.log(sched.alphaBar[s])));
}

/** The coefficients of one jump t → s of the DDIM family. */
export interface JumpCoeffs {
  t: number;
  s: number;
  /** σ² of the family member (the variance of p(x_s | x_t, x_0)). */
  sigma2: number;
  /** k = √(β̄_s² − σ²)/β̄_t, the weight of x_t. */
  k: number;
  /** γ = ᾱ_s − ᾱ_t k, the weight of x_0. */
  gamma: number;
  /** β̄_t²/ᾱ_t², the factor turning ε-space variances into x_0-space ones (Var[x_0|x_t] ≤ β̄_t²/ᾱ_t²·…). */
  x0Scale: number;
}

/**
 * k and γ of the DDIM family for the jump t → s with variance σ² ∈ [0, β̄_s²] (article eq. 1):
 * p(x_s | x_t, x_0) = N(k x_t + γ x_0, σ² I). `sigma2` may exceed β̄_s² by float64 round-off (1e-12 relative), which
 * is clamped.
 */
export function ddimCoeffs(sched: DiscreteSchedule, t: number, s: number, sigma2: number): JumpCoeffs {
  requireJump(sched, t, s);
  requirePositive("sigma2", sigma2, true);
  const bs2 = sched.betaBar[s] ** 2;
  if (sigma2 > bs2 * (1 + 1e-12) + 1e-300) {
    throw new RangeError(`sigma2 must be in [0, β̄_s² = ${bs2}] for s=${s}, got ${sigma2}`);
  }
  const k = Math.sqrt(Math.max(0, bs2 - sigma2)) / sched.betaBar[t];
  const gamma = sched.alphaBar[s] - sched.alphaBar[t] * k;
  return { t, s, sigma2, k, gamma, x0Scale: sched.betaBar[t] ** 2 / sched.alphaBar[t] ** 2 };
}

/** Which member of the DDIM family sets the mean of a reverse step: DDPM (σ² = posterior variance) or DDIM (σ = 0). */
export type MeanRule = "ddpm" | "ddim";

/** The jump coefficients of a mean rule: "ddpm" → σ² = {@link ddpmPosteriorVar}, "ddim" → σ² = 0. */
export function meanCoeffs(sched: DiscreteSchedule, t: number, s: number, rule: MeanRule): JumpCoeffs {
  requireOneOf("rule", rule, ["ddpm", "ddim"] as const);
  return ddimCoeffs(sched, t, s, rule === "ddpm" ? ddpmPosteriorVar(sched, t, s) : 0);
}
