/**
 * The reverse chain over a sub-trajectory τ_K = T > … > τ_1 > τ_0 = 0 with a free mean rule and variance rule
 * (kexue.fm/archives/9245; DDIM, Song et al. 2020; Analytic-DPM, Bao et al. 2022). One jump t → s:
 *
 *   x̂_0 = (x_t − β̄_t ε_θ(x_t, t)) / ᾱ_t,   x_s = k x_t + γ x̂_0 + √v · z,
 *
 * with (k, γ) from the mean rule ("ddpm": the member σ² = posterior variance; "ddim": σ = 0) and v from the variance
 * rule, a function of the step (and, for brief 05, of x_t and ε_θ) returning one variance or one per coordinate:
 * DDPM-small v = σ²_post, DDPM-large v = 1 − ᾱ_t²/ᾱ_s², DDIM v = 0, Analytic v = σ² + γ² σ̄_t². Float64.
 * @module
 */
import { requireFinite, requireInRange, requireInt, requireOneOf, type Rng } from "../../core/mod.ts";
import type { Points } from "../oracle/mod.ts";
import { type MeanTransform, runReverse, type StepRule } from "./reverse.ts";
import { callEps, type EpsFn, recordSet, requireSamplerInputs } from "./sampler_common.ts";
import type { DiscreteSchedule } from "../schedule/mod.ts";
import {
  ddimCoeffs,
  ddpmPosteriorVar,
  type JumpCoeffs,
  largeVar,
  meanCoeffs,
  type MeanRule,
  requireTrajectory,
} from "../schedule/mod.ts";

/** What a variance rule sees at one jump t → s. */
export interface StepContext {
  /** The jump index i (τ_i → τ_{i−1}), K..1. */
  i: number;
  t: number;
  s: number;
  /** x_t, row-major n×d (read only). */
  x: Points;
  /** ε_θ(x_t, t) (read only). */
  eps: ArrayLike<number>;
  /** x̂_0 = (x_t − β̄_t ε_θ)/ᾱ_t (read only). */
  x0hat: Points;
  /** The jump coefficients of the mean rule (σ², k, γ, β̄_t²/ᾱ_t²). */
  coeffs: JumpCoeffs;
  n: number;
  d: number;
}

/** The variance of a reverse jump: one value for all coordinates, or one per coordinate (length n·d). */
export type VarianceValue = number | ArrayLike<number>;

/** A variance rule: the reverse-step variance v at a jump (may depend on x_t and ε_θ through the context). */
export type VarianceRule = (ctx: StepContext) => VarianceValue | Promise<VarianceValue>;

/** The closed-form schedule variances of a jump t → s. */
export type ScheduleVariance = "small" | "large" | "zero";

/**
 * A variance rule from the schedule alone: "small" = DDPM's posterior variance (β̄_s²/β̄_t²)(1 − ᾱ_t²/ᾱ_s²),
 * "large" = 1 − ᾱ_t²/ᾱ_s² (β_t² for unit jumps), "zero" = 0 (DDIM).
 */
export function scheduleVarianceRule(sched: DiscreteSchedule, kind: ScheduleVariance): VarianceRule {
  requireOneOf("kind", kind, ["small", "large", "zero"] as const);
  return (
    { t, s },
  ) => (kind === "zero" ? 0 : kind === "small" ? ddpmPosteriorVar(sched, t, s) : largeVar(sched, t, s));
}

/**
 * The Analytic-DPM rule with an x_0-space variance σ̄²: v = σ² + γ² σ̄², σ² and γ of the mean rule (article step 2).
 * `sigmaBar2` is a table indexed by t (length T + 1), or a function of the step context returning one value or one
 * per coordinate (brief 05's diagonal and state-dependent variances).
 */
export function x0VarianceRule(
  sigmaBar2: ArrayLike<number> | ((ctx: StepContext) => VarianceValue),
): VarianceRule {
  if (typeof sigmaBar2 === "function") {
    return async (ctx) => addScaled(ctx.coeffs, await sigmaBar2(ctx), ctx.x.length);
  }
  if (sigmaBar2 === null || typeof sigmaBar2 !== "object" || typeof sigmaBar2.length !== "number") {
    throw new TypeError(`sigmaBar2 must be a table indexed by t or a function, got ${String(sigmaBar2)}`);
  }
  return (ctx) => {
    if (ctx.t >= sigmaBar2.length) {
      throw new RangeError(`sigmaBar2 has no entry for t=${ctx.t} (length ${sigmaBar2.length})`);
    }
    return addScaled(ctx.coeffs, sigmaBar2[ctx.t], ctx.x.length);
  };
}

function addScaled(c: JumpCoeffs, v: VarianceValue, len: number): VarianceValue {
  const g2 = c.gamma * c.gamma;
  if (typeof v === "number") return c.sigma2 + g2 * checkVar("sigmaBar2", v);
  if (!v || v.length !== len) {
    throw new RangeError(`sigmaBar2 must return 1 or ${len} values, got ${v?.length}`);
  }
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) out[i] = c.sigma2 + g2 * checkVar(`sigmaBar2[${i}]`, v[i]);
  return out;
}

/** A rule whose variance is `c` times that of `rule` (the notebook's scan around the optimum). */
export function scaledVarianceRule(rule: VarianceRule, c: number): VarianceRule {
  if (typeof rule !== "function") throw new TypeError("rule must be a VarianceRule function");
  if (!(requireFinite("c", c) >= 0)) throw new RangeError(`c must be >= 0, got ${c}`);
  return async (ctx) => {
    const v = await rule(ctx);
    return typeof v === "number" ? c * v : Float64Array.from(v, (u) => c * u);
  };
}

function checkVar(name: string, v: number): number {
  if (!(Number.isFinite(v) && v >= 0)) {
    throw new RangeError(`${name} must be a finite variance >= 0, got ${v}`);
  }
  return v;
}

/** Evaluates a variance rule and validates its value: a number or n·d numbers, each finite and >= 0. */
export async function evalVarianceRule(rule: VarianceRule, ctx: StepContext): Promise<VarianceValue> {
  const v = await rule(ctx);
  if (typeof v === "number") return checkVar(`variance at t=${ctx.t}`, v);
  if (!v || v.length !== ctx.x.length) {
    throw new RangeError(
      `the variance rule must return 1 or ${ctx.x.length} values at t=${ctx.t}, got ${v?.length}`,
    );
  }
  for (let i = 0; i < v.length; i++) checkVar(`variance[${i}] at t=${ctx.t}`, v[i]);
  return v;
}

/** Options of {@link generalizedSample}. */
export interface GeneralSampleOptions {
  /** The sub-trajectory 0 = τ_0 < … < τ_K (e.g. subTrajectory(T, K)); sampling starts at τ_K. */
  traj: ArrayLike<number>;
  /** The data dimension d (rows of xStart have d coordinates). */
  d: number;
  /** The mean rule: "ddpm" (σ² = posterior variance in k, γ) or "ddim" (σ = 0). */
  mean: MeanRule;
  /**
   * Optional η ∈ [0, 1] of the DDIM paper's family: when given, (k, γ) are those of the member σ² = η² × DDPM's
   * posterior variance (η = 1 is "ddpm", η = 0 is "ddim") and `mean` is ignored; pair it with a variance rule that
   * returns that σ² (article 06's sweep of the sampler's noise).
   */
  eta?: number;
  /** The variance of each jump. */
  variance: VarianceRule;
  /** The seeded generator of the noise z (equal seeds give common random numbers across rules). */
  rng: Rng;
  /** "rule" (default): the last jump τ_1 → 0 adds noise of the rule's variance; "none": it outputs its mean. */
  finalNoise?: "rule" | "none";
  /** Clip x̂_0 to [lo, hi] before forming the mean (images in [−1, 1]); default: no clipping. */
  clipX0?: [number, number];
  /** Steps τ_i at which to keep a copy of x (0 and τ_K allowed). */
  record?: number[];
  /** Progress label (default: none). */
  label?: string;
  /**
   * Optional hook replacing the jump's mean k x_t + γ x̂_0 before the noise is added (article 06, mean-shift
   * guidance): called with (mean, x_t, t, √v); needs a scalar variance v (a per-coordinate rule throws).
   */
  meanTransform?: MeanTransform;
}

/** What {@link generalizedSample} returns. */
export interface GeneralSampleResult {
  x: Points;
  snapshots: Map<number, Points>;
}

/**
 * Runs the reverse chain over `opts.traj` from `xStart` (row-major n×d, at step τ_K): at each jump t = τ_i → s =
 * τ_{i−1}, x_s = k x_t + γ x̂_0 + √v z with z ~ N(0, I) drawn from opts.rng only when some v > 0.
 */
export async function generalizedSample(
  epsFn: EpsFn,
  sched: DiscreteSchedule,
  xStart: Points,
  opts: GeneralSampleOptions,
): Promise<GeneralSampleResult> {
  requireSamplerInputs(epsFn, xStart, opts?.rng);
  requireTrajectory("opts.traj", opts.traj, sched);
  const d = requireInt("opts.d", opts.d, 1);
  if (xStart.length === 0 || xStart.length % d !== 0) {
    throw new RangeError(`xStart must have a positive length divisible by d=${d}, got ${xStart.length}`);
  }
  requireOneOf("opts.mean", opts.mean, ["ddpm", "ddim"] as const);
  if (typeof opts.variance !== "function") {
    throw new TypeError("opts.variance must be a VarianceRule function");
  }
  const finalNoise = requireOneOf("opts.finalNoise", opts.finalNoise ?? "rule", ["rule", "none"] as const);
  const clip = opts.clipX0;
  if (clip !== undefined && !(Array.isArray(clip) && clip.length === 2 && clip[0] < clip[1])) {
    throw new RangeError(`opts.clipX0 must be [lo, hi] with lo < hi, got ${String(clip)}`);
  }
  const eta = opts.eta === undefined ? undefined : requireInRange("opts.eta", opts.eta, 0, 1);
  if (opts.meanTransform !== undefined && typeof opts.meanTransform !== "function") {
    throw new TypeError(`opts.meanTransform must be a function, got ${String(opts.meanTransform)}`);
  }
  const traj = opts.traj, K = traj.length - 1;
  recordSet(opts.record, traj[K]);
  const rule = jumpRule(epsFn, sched, {
    d,
    mean: opts.mean,
    eta,
    variance: opts.variance,
    finalNoise,
    clipX0: clip,
  });
  const run = await runReverse(rule, xStart, {
    times: Array.from({ length: K + 1 }, (_, k) => traj[K - k]),
    rng: opts.rng,
    record: opts.record,
    label: opts.label,
    hooks: { mean: opts.meanTransform },
  });
  return { x: run.x, snapshots: run.snapshots };
}

/** The parameters of a {@link jumpRule}: the mean rule (or η), the variance rule, the last jump's noise, clipping. */
export interface JumpRuleOptions {
  /** The data dimension d. */
  d: number;
  /** The mean rule: "ddpm" or "ddim" (ignored when eta is given). */
  mean: MeanRule;
  /** η of the DDIM family (σ² = η² × DDPM's posterior variance in k, γ); undefined = use `mean`. */
  eta?: number;
  variance: VarianceRule;
  /** "rule" (default) or "none": the last jump (i = 1) outputs its mean. */
  finalNoise?: "rule" | "none";
  /** Clip x̂_0 to [lo, hi] before forming the mean. */
  clipX0?: [number, number];
}

/**
 * The jump rule over a sub-trajectory (DDPM, DDIM, generalized η, Analytic-DPM; the module doc's formula): from
 * ε̂ = epsFn(x_t, t), x̂_0 = (x_t − β̄_t ε̂)/ᾱ_t (clipped if asked), x_s = k x_t + γ x̂_0 + √v z, z drawn only when some
 * v > 0; a mean hook gets k x_t + γ x̂_0 and √v (scalar v only).
 */
export function jumpRule(
  epsFn: EpsFn,
  sched: DiscreteSchedule,
  opts: JumpRuleOptions,
): StepRule<Float64Array, ArrayLike<number>> {
  if (typeof epsFn !== "function") throw new TypeError("epsFn must be a function (x, t) => eps");
  const d = requireInt("opts.d", opts.d, 1);
  const eta = opts.eta;
  if (eta === undefined) requireOneOf("opts.mean", opts.mean, ["ddpm", "ddim"] as const);
  if (typeof opts.variance !== "function") {
    throw new TypeError("opts.variance must be a VarianceRule function");
  }
  const finalNoise = opts.finalNoise ?? "rule", clip = opts.clipX0;
  return {
    predict: (x, t) => callEps(epsFn, x, t),
    async step(x, eps, { i, t, s }, tools) {
      const n = x.length / d;
      const a = sched.alphaBar[t], b = sched.betaBar[t];
      const x0hat = new Float64Array(x.length);
      for (let j = 0; j < x.length; j++) {
        const v = (x[j] - b * eps[j]) / a;
        x0hat[j] = clip ? Math.min(clip[1], Math.max(clip[0], v)) : v;
      }
      const coeffs = eta === undefined
        ? meanCoeffs(sched, t, s, opts.mean)
        : ddimCoeffs(sched, t, s, eta * eta * ddpmPosteriorVar(sched, t, s));
      const ctx: StepContext = { i, t, s, x, eps, x0hat, coeffs, n, d };
      const v = i === 1 && finalNoise === "none" ? 0 : await evalVarianceRule(opts.variance, ctx);
      const anyNoise = typeof v === "number" ? v > 0 : Array.prototype.some.call(v, (u: number) => u > 0);
      const z = anyNoise ? tools.rng.normals(x.length) : null;
      const next: Float64Array<ArrayBuffer> = tools.meanHook
        ? await shiftedJump(tools.meanHook, coeffs, x, x0hat, t, v, z)
        : new Float64Array(x.length);
      if (!tools.meanHook) {
        for (let j = 0; j < x.length; j++) {
          const sd = z ? Math.sqrt(typeof v === "number" ? v : v[j]) : 0;
          next[j] = coeffs.k * x[j] + coeffs.gamma * x0hat[j] + (z ? sd * z[j] : 0);
        }
      }
      return next;
    },
  };
}

/** One jump with a {@link MeanTransform} on its mean k x_t + γ x̂_0, then the noise √v z. */
async function shiftedJump(
  hook: MeanTransform,
  coeffs: JumpCoeffs,
  x: Points,
  x0hat: Points,
  t: number,
  v: VarianceValue,
  z: Float64Array | null,
): Promise<Float64Array<ArrayBuffer>> {
  if (typeof v !== "number") {
    throw new TypeError(`opts.meanTransform needs a scalar variance at t=${t}, got one per coordinate`);
  }
  const sd = Math.sqrt(v), mean = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) mean[j] = coeffs.k * x[j] + coeffs.gamma * x0hat[j];
  const m = await hook(mean, x, t, sd);
  if (!m || m.length !== x.length) {
    throw new RangeError(`opts.meanTransform must return ${x.length} values at t=${t}, got ${m?.length}`);
  }
  const out = new Float64Array(x.length);
  for (let j = 0; j < out.length; j++) out[j] = m[j] + (z ? sd * z[j] : 0);
  return out;
}
