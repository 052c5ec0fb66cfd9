/**
 * The DDPM ancestral sampler of article 03 (step 6), float64:
 * x_{t−1} = (x_t − β_t²/β̄_t · ε̂(x_t, t)) / α_t + σ_t z, z ~ N(0, I), from t = T (or tStart) down to 1,
 * with σ_t one of the two closed-form choices ("large" β_t, "small" β̄_{t−1}β_t/β̄_t) or any table.
 * The noise predictor is any function of float64 points: the exact ε* of a mixture, or a learned net
 * (EpsNet.predictArray), which evaluates the whole batch per step.
 * @module
 */
import { Progress, requireAllFinite, type Rng } from "../core/mod.ts";
import type { Points } from "./gmm.ts";
import { callEps, type EpsFn, recordSet, requireSamplerInputs } from "./sampler_common.ts";
import { type DiscreteSchedule, requireStep, type SigmaChoice, sigmaTable } from "./schedule.ts";

/**
 * A hook on the sampler's mean (article 06, mean-shift guidance): gets μ(x_t) (a fresh array the hook may reuse),
 * x_t, t and σ_t, returns the mean to use instead. The noise σ_t z is added after it.
 */
export type MeanTransform = (
  mu: Points,
  x: Points,
  t: number,
  sigma: number,
) => ArrayLike<number> | Promise<ArrayLike<number>>;

/** A hook on the noise prediction (article 06, ε-form guidance): gets ε̂(x_t, t), x_t and t, returns the ε to use. */
export type EpsTransform = (
  eps: ArrayLike<number>,
  x: Points,
  t: number,
) => ArrayLike<number> | Promise<ArrayLike<number>>;

/** Options of {@link ddpmSample}. */
export interface DdpmOptions {
  /** σ_t: "large" (β_t), "small" (β̄_{t−1}β_t/β̄_t), or a table indexed 0..T. */
  sigma: SigmaChoice | Float64Array;
  /** The seeded generator of the noise z (pass equal seeds to compare σ choices with common random numbers). */
  rng: Rng;
  /** Start from x_{tStart} instead of x_T (default T; the repo's interpolation demo starts at 500). */
  tStart?: number;
  /** Steps t at which to keep a copy of x_t (tStart and 0 allowed), for trajectory plots. */
  record?: number[];
  /** Progress label (default: none). */
  label?: string;
  /** Optional hook replacing ε̂(x_t, t) before the mean is formed (default: none). */
  epsTransform?: EpsTransform;
  /** Optional hook replacing μ(x_t) before σ_t z is added (default: none; σ_t = 0 still calls it). */
  meanTransform?: MeanTransform;
}

/** What {@link ddpmSample} returns: the samples x₀ and the recorded states. */
export interface DdpmResult {
  x: Points;
  snapshots: Map<number, Points>;
}

/**
 * Runs the reverse chain from `xStart` (row-major, any number of rows) with the update of article 03:
 * x_{t−1} = (x_t − β_t²/β̄_t · ε̂(x_t, t)) / α_t + σ_t z. Returns the final x₀ (float64) and requested snapshots.
 */
export async function ddpmSample(
  epsFn: EpsFn,
  schedule: DiscreteSchedule,
  xStart: Points,
  opts: DdpmOptions,
): Promise<DdpmResult> {
  requireSamplerInputs(epsFn, xStart, opts?.rng);
  const s = schedule;
  const tStart = requireStep("opts.tStart", opts.tStart ?? s.T, s);
  let sigma: Float64Array;
  if (opts.sigma instanceof Float64Array) {
    if (opts.sigma.length !== s.T + 1) {
      throw new RangeError(`opts.sigma must have length T + 1 = ${s.T + 1}, got ${opts.sigma.length}`);
    }
    requireAllFinite("opts.sigma", opts.sigma);
    sigma = opts.sigma;
  } else {
    sigma = sigmaTable(s, opts.sigma);
  }
  const record = recordSet(opts.record, tStart);
  const snapshots = new Map<number, Points>();
  const x = Float64Array.from(xStart);
  if (record.has(tStart)) snapshots.set(tStart, Float64Array.from(x));
  for (const k of ["epsTransform", "meanTransform"] as const) {
    if (opts[k] !== undefined && typeof opts[k] !== "function") {
      throw new TypeError(`opts.${k} must be a function, got ${String(opts[k])}`);
    }
  }
  const progress = opts.label ? new Progress(opts.label, tStart) : null;
  for (let t = tStart; t >= 1; t--) {
    let e = await callEps(epsFn, x, t);
    if (opts.epsTransform) {
      e = await opts.epsTransform(e, x, t);
      if (!e || e.length !== x.length) {
        throw new RangeError(`opts.epsTransform must return ${x.length} values at t=${t}, got ${e?.length}`);
      }
    }
    const c = s.beta[t] ** 2 / s.betaBar[t], inv = 1 / s.alpha[t], sd = sigma[t];
    const z = sd > 0 ? opts.rng.normals(x.length) : null;
    if (opts.meanTransform) {
      const mu = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) mu[i] = (x[i] - c * e[i]) * inv;
      const m = await opts.meanTransform(mu, x, t, sd);
      if (!m || m.length !== x.length) {
        throw new RangeError(`opts.meanTransform must return ${x.length} values at t=${t}, got ${m?.length}`);
      }
      for (let i = 0; i < x.length; i++) x[i] = m[i] + (z ? sd * z[i] : 0);
    } else {
      for (let i = 0; i < x.length; i++) x[i] = (x[i] - c * e[i]) * inv + (z ? sd * z[i] : 0);
    }
    if (record.has(t - 1)) snapshots.set(t - 1, Float64Array.from(x));
    if (progress) await progress.tick();
  }
  requireAllFinite("samples", x);
  return { x, snapshots };
}
