/**
 * Step rules of the probability-flow ODE for the one reverse process ({@link runReverse}), on an ε-prediction. With
 * x_t = ᾱ_t x₀ + β̄_t ε, the ODE that carries p(x_t) along t is, in y = x/ᾱ and σ = β̄/ᾱ (DDIM, Song et al. 2020 §4.3;
 * kexue.fm/archives/9257 and the ODE articles that follow):
 *
 *   dy/dσ = ε̂(ᾱ_t y, t).
 *
 * - {@link eulerPfOdeRule}: one Euler step in σ, y_s = y_t + (σ_s − σ_t) ε̂(x_t, t) — algebraically DDIM's step
 *   x_s = ᾱ_s x̂₀ + β̄_s ε̂ (σ = 0), which is why DDIM is "Euler on the probability-flow ODE";
 * - {@link heunPfOdeRule}: Heun's second-order step, the second slope ε̂ at the Euler point (x'_s, s) evaluated through
 *   the loop's `tools.predict`; a jump to a step with β̄_s = 0 (the data end) falls back to Euler, since the slope there
 *   is not defined (the EDM convention).
 * The next issue's flows (RK4, adaptive via lib/numerics) are rules of the same shape. Float64.
 * @module
 */
import type { EpsFn } from "../reverse/mod.ts";
import { callEps } from "../reverse/mod.ts";
import type { StepRule } from "../reverse/mod.ts";
import type { DiscreteSchedule } from "../schedule/mod.ts";

function check(epsFn: EpsFn, sched: DiscreteSchedule): void {
  if (typeof epsFn !== "function") throw new TypeError("epsFn must be a function (x, t) => eps");
  if (!sched || !(sched.alphaBar instanceof Float64Array) || !(sched.betaBar instanceof Float64Array)) {
    throw new TypeError("sched must be a DiscreteSchedule");
  }
}

/** One step in (y, σ) from t to s with slope g: x_s = ᾱ_s (x_t/ᾱ_t + (σ_s − σ_t) g_j), coordinate by coordinate. */
function sigmaStep(
  sched: DiscreteSchedule,
  x: Float64Array,
  t: number,
  s: number,
  slope: (j: number) => number,
): Float64Array {
  const at = sched.alphaBar[t], as = sched.alphaBar[s];
  const h = sched.betaBar[s] / as - sched.betaBar[t] / at;
  const out = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) out[j] = as * (x[j] / at + h * slope(j));
  return out;
}

/** Euler on the probability-flow ODE in (y, σ) = (x/ᾱ, β̄/ᾱ): x_s = ᾱ_s (x_t/ᾱ_t + (σ_s − σ_t) ε̂(x_t, t)). */
export function eulerPfOdeRule(
  epsFn: EpsFn,
  sched: DiscreteSchedule,
): StepRule<Float64Array, ArrayLike<number>> {
  check(epsFn, sched);
  return {
    predict: (x, t) => callEps(epsFn, x, t),
    step: (x, eps, { t, s }) => sigmaStep(sched, x, t, s, (j) => eps[j]),
  };
}

/**
 * Heun's method on the probability-flow ODE: y' = y_t + h ε̂(x_t, t), then y_s = y_t + h (ε̂(x_t, t) + ε̂(ᾱ_s y', s))/2
 * with h = σ_s − σ_t; Euler when β̄_s = 0. Two model evaluations per jump (one at the data end).
 */
export function heunPfOdeRule(
  epsFn: EpsFn,
  sched: DiscreteSchedule,
): StepRule<Float64Array, ArrayLike<number>> {
  check(epsFn, sched);
  return {
    predict: (x, t) => callEps(epsFn, x, t),
    async step(x, eps, { t, s }, tools) {
      const euler = sigmaStep(sched, x, t, s, (j) => eps[j]);
      if (!(sched.betaBar[s] > 0)) return euler;
      const eps2 = await tools.predict(euler, s);
      return sigmaStep(sched, x, t, s, (j) => 0.5 * (eps[j] + eps2[j]));
    },
  };
}
