/**
 * The DDPM ancestral sampler of article 03 (step 6), float64:
 * x_{t−1} = (x_t − β_t²/β̄_t · ε̂(x_t, t)) / α_t + σ_t z, z ~ N(0, I), from t = T (or tStart) down to 1,
 * with σ_t one of the two closed-form choices ("large" β_t, "small" β̄_{t−1}β_t/β̄_t) or any table.
 * The noise predictor is any function of float64 points: the exact ε* of a mixture, or a learned net
 * (EpsNet.predictArray), which evaluates the whole batch per step. The update is a step rule of the one reverse
 * process ({@link ddpmRule} run by {@link runReverse}).
 * @module
 */
import { requireAllFinite, type Rng } from "../../core/mod.ts";
import type { Points } from "../oracle/mod.ts";
import { type EpsTransform, type MeanTransform, runReverse, type StepRule } from "./reverse.ts";
import { callEps, type EpsFn, recordSet, requireSamplerInputs } from "./sampler_common.ts";
import { type DiscreteSchedule, requireStep, type SigmaChoice, sigmaTable } from "../schedule/mod.ts";

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
  recordSet(opts.record, tStart);
  for (const k of ["epsTransform", "meanTransform"] as const) {
    if (opts[k] !== undefined && typeof opts[k] !== "function") {
      throw new TypeError(`opts.${k} must be a function, got ${String(opts[k])}`);
    }
  }
  const epsTransform = opts.epsTransform;
  const run = await runReverse(ddpmRule(epsFn, s, sigma), xStart, {
    times: Array.from({ length: tStart + 1 }, (_, k) => tStart - k),
    rng: opts.rng,
    record: opts.record,
    label: opts.label,
    hooks: {
      prediction: epsTransform
        ? async (e, x, t) => {
          const out = await epsTransform(e, x, t);
          if (!out || out.length !== x.length) {
            throw new RangeError(
              `opts.epsTransform must return ${x.length} values at t=${t}, got ${out?.length}`,
            );
          }
          return out;
        }
        : undefined,
      mean: opts.meanTransform,
    },
  });
  requireAllFinite("samples", run.x);
  return { x: run.x, snapshots: run.snapshots };
}

/**
 * The DDPM step rule (article 03, step 6) on ε̂ = epsFn(x_t, t), for unit jumps t → t − 1:
 * x_{t−1} = (x_t − β_t²/β̄_t · ε̂) / α_t + σ_t z, z drawn only when σ_t > 0; with a mean hook, μ is formed first and
 * the hook's mean gets σ_t z. Updates x_t in place.
 */
export function ddpmRule(
  epsFn: EpsFn,
  schedule: DiscreteSchedule,
  sigma: Float64Array,
): StepRule<Float64Array, ArrayLike<number>> {
  if (typeof epsFn !== "function") throw new TypeError("epsFn must be a function (x, t) => eps");
  if (!(sigma instanceof Float64Array) || sigma.length !== schedule.T + 1) {
    throw new RangeError(`sigma must be a Float64Array of length T + 1 = ${schedule.T + 1}`);
  }
  const s = schedule;
  return {
    predict: (x, t) => callEps(epsFn, x, t),
    async step(x, e, { t, s: to }, tools) {
      if (to !== t - 1) throw new RangeError(`the DDPM rule takes unit jumps, got ${t} → ${to}`);
      const c = s.beta[t] ** 2 / s.betaBar[t], inv = 1 / s.alpha[t], sd = sigma[t];
      const z = sd > 0 ? tools.rng.normals(x.length) : null;
      if (tools.meanHook) {
        const mu = new Float64Array(x.length);
        for (let i = 0; i < x.length; i++) mu[i] = (x[i] - c * e[i]) * inv;
        const m = await tools.meanHook(mu, x, t, sd);
        if (!m || m.length !== x.length) {
          throw new RangeError(
            `opts.meanTransform must return ${x.length} values at t=${t}, got ${m?.length}`,
          );
        }
        for (let i = 0; i < x.length; i++) x[i] = m[i] + (z ? sd * z[i] : 0);
      } else {
        for (let i = 0; i < x.length; i++) x[i] = (x[i] - c * e[i]) * inv + (z ? sd * z[i] : 0);
      }
      return x;
    },
  };
}
