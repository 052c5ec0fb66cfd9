/**
 * The generic step and sampler of the unified diffusion model (UDM, kexue.fm/archives/9262): estimate x̂₀ from x_t,
 * then draw x_s ~ p(x_s | x_t, x₀ = x̂₀) with one of three valid choices (brief 07 step 5):
 * (i) "naive": x_s = F_s(x̂₀, ε') with fresh ε'; (ii) "reuse": x_s = F_s(x̂₀, F_t^{-1}(x̂₀, x_t));
 * (iii) "partial": x_s = F_s(x̂₀, √(1−σ̃²) F_t^{-1}(x̂₀, x_t) + σ̃ε'), valid for Gaussian ε only.
 * Plus the Gaussian coefficients of (iii) and of DDIM (Song et al. 2020, eq. 12) to show they coincide (step 8).
 * @module
 */
import { requireInRange, requireInt, requireOneOf, type Rng } from "../../core/mod.ts";
import type { ForwardProcess } from "../forward/mod.ts";
import { runReverse, type StepRule } from "./reverse.ts";
import { type DiscreteSchedule, requireStep } from "../schedule/mod.ts";
import { ddimCoeffs, subTrajectory } from "../schedule/mod.ts";

/** The three choices of p(x_s | x_t, x₀). */
export type UdmChoice = "naive" | "reuse" | "partial";

/** Options of {@link udmStep}. */
export interface UdmStepOptions {
  /** The generator of fresh noise. */
  rng: Rng;
  /** σ̃ ∈ [0, 1] for "partial" (0 = reuse, 1 = naive). */
  sigmaTilde?: number;
}

/** One UDM update from step t to step s < t given the estimate x̂₀ (row-major; x_t has fp.stateDim per row). */
export function udmStep(
  fp: ForwardProcess,
  xt: Float64Array,
  t: number,
  s: number,
  x0hat: Float64Array,
  choice: UdmChoice,
  opts: UdmStepOptions,
): Float64Array {
  requireOneOf("choice", choice, ["naive", "reuse", "partial"] as const);
  requireInt("t", t, 1, fp.T);
  requireInt("s", s, 0, t - 1);
  if (!opts?.rng || typeof opts.rng.normal !== "function") throw new TypeError("opts.rng must be an Rng");
  if (!(x0hat instanceof Float64Array) || x0hat.length % fp.d !== 0) {
    throw new RangeError(`x0hat must be a Float64Array of n×${fp.d} values, got length ${x0hat?.length}`);
  }
  const n = x0hat.length / fp.d;
  if (!(xt instanceof Float64Array) || xt.length !== n * fp.stateDim) {
    throw new RangeError(`xt must be a Float64Array of ${n}×${fp.stateDim} values, got length ${xt?.length}`);
  }
  if (choice === "naive") return fp.apply(x0hat, fp.sampleNoise(opts.rng, n), s);
  if (!fp.invert) {
    throw new TypeError(`choice "${choice}" needs an invertible forward process; "${fp.kind}" is not`);
  }
  const eps = fp.invert(x0hat, xt, t, opts.rng);
  if (choice === "reuse") return fp.apply(x0hat, eps, s);
  const st = requireInRange("opts.sigmaTilde", opts.sigmaTilde, 0, 1);
  const fresh = fp.sampleNoise(opts.rng, n), keep = Math.sqrt(1 - st * st);
  return fp.apply(x0hat, eps.map((e, i) => keep * e + st * fresh[i]), s);
}

/** The x̂₀ estimator of a sampler: an exact posterior draw, a point estimate, or a learned net (rows share t). */
export type X0Estimator = (xt: Float64Array, t: number, rng: Rng) => Float64Array | Promise<Float64Array>;

/** Options of {@link udmSample}. */
export interface UdmSampleOptions {
  choice: UdmChoice;
  /** σ̃ for each (t, s) transition, for "partial". */
  sigmaTilde?: (t: number, s: number) => number;
  rng: Rng;
  /** Progress label (default none). */
  label?: string;
}

/**
 * Runs the estimate/correct loop (brief 07 step 3) along `times` (strictly decreasing, ending at 0) from xStart at
 * times[0]: x̂₀ = est(x_t, t); x_s = udmStep(...). Returns the final state and the last x̂₀.
 */
export async function udmSample(
  fp: ForwardProcess,
  est: X0Estimator,
  xStart: Float64Array,
  times: number[],
  opts: UdmSampleOptions,
): Promise<{ x: Float64Array; x0hat: Float64Array }> {
  if (typeof est !== "function") throw new TypeError("est must be a function (xt, t, rng) => x0hat");
  requireTimes(times, fp.T);
  requireOneOf("opts.choice", opts?.choice, ["naive", "reuse", "partial"] as const);
  if (opts.choice === "partial" && typeof opts.sigmaTilde !== "function") {
    throw new TypeError(`opts.sigmaTilde must be a function (t, s) => σ̃ for choice "partial"`);
  }
  const run = await runReverse(udmRule(fp, est, opts.choice, opts.sigmaTilde), Float64Array.from(xStart), {
    times,
    rng: opts.rng,
    label: opts.label,
  });
  return { x: run.x, x0hat: run.last };
}

/**
 * The UDM step rule: the prediction is x̂₀ = est(x_t, t, rng) (an exact posterior draw, a point estimate or a learned
 * net), the step is {@link udmStep} with `choice` (σ̃ = sigmaTilde(t, s) for "partial").
 */
export function udmRule(
  fp: ForwardProcess,
  est: X0Estimator,
  choice: UdmChoice,
  sigmaTilde?: (t: number, s: number) => number,
): StepRule<Float64Array, Float64Array> {
  if (typeof est !== "function") throw new TypeError("est must be a function (xt, t, rng) => x0hat");
  requireOneOf("choice", choice, ["naive", "reuse", "partial"] as const);
  if (choice === "partial" && typeof sigmaTilde !== "function") {
    throw new TypeError(`sigmaTilde must be a function (t, s) => σ̃ for choice "partial"`);
  }
  return {
    predict: (x, t, draw) => est(x, t, draw.rng),
    step: (x, x0hat, { t, s }, tools) =>
      udmStep(fp, x, t, s, x0hat, choice, {
        rng: tools.rng,
        sigmaTilde: choice === "partial" ? sigmaTilde!(t, s) : undefined,
      }),
  };
}

/** Checks a time grid: integers, strictly decreasing, within [0, T], ending at 0. */
export function requireTimes(times: number[], T: number): void {
  if (!Array.isArray(times) || times.length < 2) {
    throw new RangeError(`times must list >= 2 steps, got ${times}`);
  }
  times.forEach((t, i) => requireInt(`times[${i}]`, t, 0, T));
  for (let i = 1; i < times.length; i++) {
    if (!(times[i] < times[i - 1])) throw new RangeError(`times must be strictly decreasing, got [${times}]`);
  }
  if (times[times.length - 1] !== 0) throw new RangeError(`times must end at 0, got [${times}]`);
}

/** K + 1 evenly spaced steps T = τ_K > … > τ_1 > τ_0 = 0 (τ_i = round(iT/K)), the skip-step grid: the uniform
 * {@link subTrajectory} read from T down to 0. */
export function evenTimes(T: number, K: number): number[] {
  return Array.from(subTrajectory(T, K, "uniform")).reverse();
}

/**
 * DDPM's σ̃ for a step t → s in UDM form: σ̃² = (1 − ᾱ_t²/ᾱ_s²)/β̄_t², i.e. σ = β̄_s σ̃ is the std of the DDPM
 * posterior p(x_s | x_t, x_0) (brief 07 step 8; for s = t − 1, σ̃ = β_t/β̄_t). 1 − ᾱ_t²/ᾱ_s² = 1 − Π_{i=s+1..t} α_i² is
 * summed in log space from the per-step β_i (log1p(−β_i²)), not from the ratio of ᾱ's: near t = 0, ᾱ ≈ 1 and
 * log ᾱ_t − log ᾱ_s keeps only ~11 digits, which notebook 07's float64 check of step 8 sees.
 */
export function ddpmSigmaTilde(sch: DiscreteSchedule, t: number, s: number): number {
  requireStep("t", t, sch);
  requireInt("s", s, 0, t - 1);
  let logKeep = 0;
  for (let i = s + 1; i <= t; i++) {
    const b2 = sch.beta[i] ** 2;
    logKeep += b2 < 0.5 ? Math.log1p(-b2) : 2 * Math.log(sch.alpha[i]);
  }
  // σ̃ ≤ 1 exactly (s = 0 gives 1); clamp the round-off above it
  return Math.min(1, Math.sqrt(-Math.expm1(logKeep)) / sch.betaBar[t]);
}

/** Coefficients of x_s = c_xt·x_t + c_x0·x̂₀ + c_noise·z. */
export interface StepCoefficients {
  cXt: number;
  cX0: number;
  cNoise: number;
}

/**
 * UDM choice (iii) with the Gaussian forward, expanded (brief 07 step 8):
 * x_s = ᾱ_s x̂₀ + β̄_s(√(1−σ̃²)(x_t − ᾱ_t x̂₀)/β̄_t + σ̃ z).
 */
export function udmGaussianCoefficients(
  sch: DiscreteSchedule,
  t: number,
  s: number,
  sigmaTilde: number,
): StepCoefficients {
  requireInRange("sigmaTilde", sigmaTilde, 0, 1);
  // choice (iii) is the DDIM-family member with σ = β̄_s σ̃ (trajectory.ts: k x_t + γ x̂₀ + σ z)
  const sigma = sch.betaBar[s] * sigmaTilde;
  const { k, gamma } = ddimCoeffs(sch, t, s, sigma ** 2);
  return { cXt: k, cX0: gamma, cNoise: sigma };
}

/** Coefficients of x_s = c_xt·x_t + c_eps·ε̂ + c_noise·z (the ε-prediction form). */
export interface EpsStepCoefficients {
  cXt: number;
  cEps: number;
  cNoise: number;
}

/**
 * DDIM's generalised step (Song et al. 2020, eq. 12) in this notation and in its own ε-form:
 * x_s = ᾱ_s (x_t − β̄_t ε̂)/ᾱ_t + √(β̄_s² − σ²) ε̂ + σ z. Needs 0 ≤ σ ≤ β̄_s.
 */
export function ddimCoefficients(
  sch: DiscreteSchedule,
  t: number,
  s: number,
  sigma: number,
): EpsStepCoefficients {
  requireStep("t", t, sch);
  requireInt("s", s, 0, t - 1);
  requireInRange("sigma", sigma, 0, sch.betaBar[s]);
  // the x̂₀-form coefficients of the family (trajectory.ts), with x̂₀ = (x_t − β̄_t ε̂)/ᾱ_t substituted
  const { k, gamma } = ddimCoeffs(sch, t, s, sigma ** 2);
  return toEpsForm({ cXt: k, cX0: gamma, cNoise: sigma }, sch, t);
}

/** Rewrites (x_t, x̂₀) coefficients in ε-form by substituting x̂₀ = (x_t − β̄_t ε̂)/ᾱ_t. */
export function toEpsForm(c: StepCoefficients, sch: DiscreteSchedule, t: number): EpsStepCoefficients {
  requireStep("t", t, sch);
  const a = sch.alphaBar[t], b = sch.betaBar[t];
  return { cXt: c.cXt + c.cX0 / a, cEps: (-c.cX0 * b) / a, cNoise: c.cNoise };
}
