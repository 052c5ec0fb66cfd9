/**
 * Cold Diffusion's two samplers as UDM choices (article kexue.fm/archives/9271 §3; Bansal et al. 2022, arXiv
 * 2208.09392, Algorithms 1 and 2), for any {@link ForwardProcess} x_t = F_t(x₀, ε) and any restorer x̂₀ = R(x_t, t):
 * - naive (Algorithm 1, UDM choice i): x_{t−1} = F_{t−1}(x̂₀, ε') with fresh ε';
 * - improved (Algorithm 2, UDM choice ii in the limit σ → 0): x_{t−1} = x_t + (F_{t−1}(x̂₀, ε) − F_t(x̂₀, ε)) with the
 *   ε of x_T kept throughout. The difference is formed first, so pixels where it is exactly 0 are never touched.
 * @module
 */
import { requireInt, type Rng } from "../../core/mod.ts";
import type { ForwardProcess } from "../forward/mod.ts";
import { type Jump, runReverse, type StepRule } from "./reverse.ts";

/** A restorer x̂₀ = R(x_t, t) on row-major states (fp.stateDim per row) returning fp.d values per row. */
export type Restorer = (xt: Float64Array, t: number) => Float64Array | Promise<Float64Array>;

/** Options of the cold samplers. */
export interface ColdOptions {
  /** Called after every step with the new state x_{t−1} (for invariance checks and trajectory plots). */
  onStep?: (t: number, x: Float64Array, x0hat: Float64Array) => void;
}

async function restore(fp: ForwardProcess, r: Restorer, x: Float64Array, t: number): Promise<Float64Array> {
  const y = await r(x, t);
  const n = x.length / fp.stateDim;
  if (!(y instanceof Float64Array) || y.length !== n * fp.d) {
    throw new RangeError(
      `restorer must return a Float64Array of ${n}×${fp.d} values at t=${t}, got ${y?.length}`,
    );
  }
  return y;
}

function start(fp: ForwardProcess, r: Restorer, xStart: Float64Array, tStart: number): number {
  if (typeof r !== "function") throw new TypeError("restorer must be a function (xt, t) => x0hat");
  requireInt("tStart", tStart, 1, fp.T);
  if (!(xStart instanceof Float64Array) || xStart.length === 0 || xStart.length % fp.stateDim !== 0) {
    throw new RangeError(
      `xStart must be a Float64Array of n×${fp.stateDim} values, got length ${xStart?.length}`,
    );
  }
  return xStart.length / fp.stateDim;
}

/** The unit-step grid tStart, tStart − 1, …, 0. */
function unitTimes(tStart: number): number[] {
  return Array.from({ length: tStart + 1 }, (_, k) => tStart - k);
}

/** Algorithm 1 ("naive"): x_{t−1} = F_{t−1}(R(x_t, t), ε'), fresh ε' each step, from tStart down to 0. */
export async function coldSampleNaive(
  fp: ForwardProcess,
  restorer: Restorer,
  xStart: Float64Array,
  tStart: number,
  rng: Rng,
  opts: ColdOptions = {},
): Promise<Float64Array> {
  start(fp, restorer, xStart, tStart);
  if (!rng || typeof rng.normal !== "function") throw new TypeError("rng must be an Rng");
  const run = await runReverse(coldNaiveRule(fp, restorer), xStart, {
    times: unitTimes(tStart),
    rng,
    hooks: onStepHook(opts),
  });
  return run.x;
}

function onStepHook(opts: ColdOptions) {
  const f = opts.onStep;
  return f ? { onStep: (j: Jump, x: Float64Array, x0hat: Float64Array) => f(j.t, x, x0hat) } : {};
}

/** The step rule of Algorithm 1: prediction x̂₀ = R(x_t, t); x_s = F_s(x̂₀, ε') with fresh ε' (UDM choice i). */
export function coldNaiveRule(fp: ForwardProcess, restorer: Restorer): StepRule<Float64Array, Float64Array> {
  if (typeof restorer !== "function") throw new TypeError("restorer must be a function (xt, t) => x0hat");
  return {
    predict: (x, t) => restore(fp, restorer, x, t),
    step: (x, x0hat, { s }, tools) => fp.apply(x0hat, fp.sampleNoise(tools.rng, x.length / fp.stateDim), s),
  };
}

/**
 * Algorithm 2 ("improved"): x_{t−1} = x_t + (F_{t−1}(x̂₀, ε) − F_t(x̂₀, ε)) with the forward noise ε of x_T (a
 * reveal order for masks; ignored by σ = 0 blur). For F_t(x) = x + t·e it returns x₀ exactly for any restorer.
 */
export async function coldSampleImproved(
  fp: ForwardProcess,
  restorer: Restorer,
  xStart: Float64Array,
  tStart: number,
  eps: Float64Array,
  opts: ColdOptions = {},
): Promise<Float64Array> {
  const n = start(fp, restorer, xStart, tStart);
  if (!(eps instanceof Float64Array) || eps.length !== n * fp.noiseDim) {
    throw new RangeError(
      `eps must be a Float64Array of ${n}×${fp.noiseDim} values, got length ${eps?.length}`,
    );
  }
  const run = await runReverse(coldImprovedRule(fp, restorer, eps), xStart, {
    times: unitTimes(tStart),
    hooks: onStepHook(opts),
  });
  return run.x;
}

/**
 * The step rule of Algorithm 2: prediction x̂₀ = R(x_t, t); x_s = x_t + (F_s(x̂₀, ε) − F_t(x̂₀, ε)) with the kept
 * forward noise ε (UDM choice ii in the limit σ → 0); the difference is formed first and added in place.
 */
export function coldImprovedRule(
  fp: ForwardProcess,
  restorer: Restorer,
  eps: Float64Array,
): StepRule<Float64Array, Float64Array> {
  if (typeof restorer !== "function") throw new TypeError("restorer must be a function (xt, t) => x0hat");
  return {
    predict: (x, t) => restore(fp, restorer, x, t),
    step(x, x0hat, { t, s }) {
      const prev = fp.apply(x0hat, eps, s), cur = fp.apply(x0hat, eps, t);
      for (let i = 0; i < x.length; i++) x[i] += prev[i] - cur[i];
      return x;
    },
  };
}
