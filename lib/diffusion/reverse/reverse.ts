/**
 * The one reverse process of lib/diffusion: a **step rule** says how to go from x_t to x_s (s < t) given the model's
 * prediction at (x_t, t); {@link runReverse} is the only loop that runs a rule over a time grid t_0 > t_1 > … > t_K,
 * with recording, progress, hooks and common random numbers. Every reverse sampler of the collection is a rule of
 * it (smalldiffusion's design: one schedule type, one sampler loop, models separate):
 *
 * - DDPM ancestral steps of article 03, both σ (sampler.ts: {@link ddpmRule});
 * - jumps over a sub-trajectory with a mean rule and a variance rule: DDPM, DDIM, the generalized η family,
 *   Analytic-DPM and brief 05's per-coordinate variances (sampler_general.ts: {@link jumpRule});
 * - the unified model's estimate/correct steps (udm.ts: {@link udmRule}), Cold Diffusion's two samplers (cold.ts)
 *   and the masking samplers (mask_samplers.ts), whose states are token arrays;
 * - the exact posterior draws of gmm_posterior.ts enter as the *prediction* of a UDM rule (an x̂₀ estimator that draws
 *   from the generator), not as a chain of their own.
 *
 * A rule has two parts: `predict(x_t, t, rng)` (the model: ε̂, x̂₀, marginals…, possibly a random draw) and
 * `step(x_t, prediction, jump, tools)`. The loop calls `predict`, passes the result through the optional
 * **prediction hook** (guidance on ε̂: classifier guidance, CFG), then `step`; a rule that forms a Gaussian mean
 * calls the **mean hook** (`tools.meanHook`, mean-shift guidance) before adding its noise. Randomness comes only from
 * `opts.rng`, in the order the rule draws it, so two runs with equal seeds share their random numbers (common random
 * numbers across σ choices or rules).
 *
 * **ODE samplers fit the same interface** (the next issue's flows): Euler on the probability-flow ODE is a rule
 * whose `step` uses the one prediction it is given ({@link eulerPfOdeRule} — exactly DDIM's step); a multi-stage
 * scheme (Heun, RK4) evaluates the model again at intermediate states through `tools.predict(x, t)` (which applies
 * the prediction hook too) — see {@link heunPfOdeRule}; an adaptive scheme integrates the jump t → s inside `step`
 * with lib/numerics' integrators calling `tools.predict`. The grid may be any strictly decreasing list of finite
 * numbers, so continuous-time flows need no other loop.
 * @module
 */
import { Progress, requireFinite, type Rng } from "../../core/mod.ts";

/** One jump of a reverse run: the i-th from the end (i = K … 1), from step t to step s < t. */
export interface Jump {
  i: number;
  t: number;
  s: number;
}

/**
 * A hook on a Gaussian step's mean (article 06, mean-shift guidance): gets the mean μ (a fresh array the hook may
 * reuse), x_t, t and the step's noise std σ, returns the mean to use instead. The noise σ z is added after it.
 */
export type MeanTransform = (
  mu: Float64Array,
  x: Float64Array,
  t: number,
  sigma: number,
) => ArrayLike<number> | Promise<ArrayLike<number>>;

/** A hook on the noise prediction (article 06, ε-form guidance): gets ε̂(x_t, t), x_t and t, returns the ε to use. */
export type EpsTransform = (
  eps: ArrayLike<number>,
  x: Float64Array,
  t: number,
) => ArrayLike<number> | Promise<ArrayLike<number>>;

/** What a step rule may use besides x_t, its prediction and the jump. */
export interface StepTools<X, P> {
  /** The run's seeded generator (throws if the run was given none and the rule draws). */
  readonly rng: Rng;
  /** The model at another state and time, prediction hook applied (for multi-stage rules: Heun, RK4, adaptive). */
  predict(x: X, t: number): Promise<P>;
  /** The mean hook of the run, if any (a Gaussian rule calls it on its mean before adding noise). */
  readonly meanHook?: MeanTransform;
}

/** A step rule of the reverse process: the model's prediction at (x_t, t), and the jump x_t → x_s. */
export interface StepRule<X, P> {
  /**
   * The prediction at (x_t, t): ε̂, x̂₀, per-position marginals… (may draw from `draw.rng`, e.g. an exact posterior
   * draw; reading `draw.rng` throws if the run has no generator).
   */
  predict(x: X, t: number, draw: { readonly rng: Rng }): P | Promise<P>;
  /** x_s from x_t and the prediction (may update x_t in place and return it). */
  step(x: X, pred: P, jump: Jump, tools: StepTools<X, P>): X | Promise<X>;
}

/** Hooks of a reverse run. */
export interface ReverseHooks<X, P> {
  /** Replaces the prediction before the step (guidance on ε̂). */
  prediction?: (pred: P, x: X, t: number) => P | Promise<P>;
  /** Replaces a Gaussian step's mean before its noise is added (mean-shift guidance); see {@link MeanTransform}. */
  mean?: MeanTransform;
  /** Called after every jump with the new state x_s and the prediction used (invariance checks, plots). */
  onStep?: (jump: Jump, x: X, pred: P) => void;
}

/** Options of {@link runReverse}. */
export interface ReverseOptions<X, P> {
  /** The time grid t_0 > t_1 > … > t_K (strictly decreasing, finite); the run starts at t_0 and ends at t_K. */
  times: ArrayLike<number>;
  /** The seeded generator every random draw comes from (equal seeds = common random numbers). */
  rng?: Rng;
  /** Times of the grid at which to keep a copy of x (t_0 and t_K allowed). */
  record?: ArrayLike<number>;
  /** Progress label (default: none). */
  label?: string;
  hooks?: ReverseHooks<X, P>;
}

/** What {@link runReverse} returns: the final state, the recorded states, and the last prediction. */
export interface ReverseResult<X, P> {
  x: X;
  snapshots: Map<number, X>;
  last: P;
}

/** Throws unless `times` is a strictly decreasing list of at least two finite numbers. */
export function requireTimeGrid(times: ArrayLike<number>, name = "opts.times"): void {
  if (times === null || typeof times !== "object" || typeof times.length !== "number" || times.length < 2) {
    throw new RangeError(`${name} must list at least 2 times, got ${String(times)}`);
  }
  for (let i = 0; i < times.length; i++) requireFinite(`${name}[${i}]`, times[i]);
  for (let i = 1; i < times.length; i++) {
    if (!(times[i] < times[i - 1])) {
      throw new RangeError(`${name} must be strictly decreasing, got ${Array.from(times).join(", ")}`);
    }
  }
}

/** The set of grid times to record, each one of `times`. */
function recordTimes(record: ArrayLike<number> | undefined, times: ArrayLike<number>): Set<number> {
  if (record === undefined) return new Set();
  if (record === null || typeof record !== "object" || typeof record.length !== "number") {
    throw new TypeError(`opts.record must be an array of times, got ${String(record)}`);
  }
  const grid = new Set(Array.from(times));
  const out = new Set(Array.from(record));
  for (const t of out) {
    if (!grid.has(t)) throw new RangeError(`opts.record entries must be times of the grid, got ${t}`);
  }
  return out;
}

function noRng(): never {
  throw new TypeError("this step rule draws random numbers: the run needs opts.rng");
}

/**
 * Runs `rule` from `xStart` (at times[0]; copied, never changed) over the grid: for each jump t → s, pred =
 * hooks.prediction(rule.predict(x, t, rng)); x = rule.step(x, pred, {i, t, s}, tools). Records copies of x at the
 * requested grid times, ticks a progress display per jump, calls hooks.onStep after each jump.
 */
export async function runReverse<X extends Float64Array | Int32Array, P>(
  rule: StepRule<X, P>,
  xStart: X,
  opts: ReverseOptions<X, P>,
): Promise<ReverseResult<X, P>> {
  if (!rule || typeof rule.predict !== "function" || typeof rule.step !== "function") {
    throw new TypeError("rule must be a StepRule { predict, step }");
  }
  if (!(xStart instanceof Float64Array || xStart instanceof Int32Array)) {
    throw new TypeError("xStart must be a Float64Array or an Int32Array");
  }
  const times = opts?.times;
  requireTimeGrid(times);
  const rng = opts.rng;
  if (rng !== undefined && (!rng || typeof rng.normals !== "function")) {
    throw new TypeError("opts.rng must be an Rng");
  }
  const hooks = opts.hooks ?? {};
  for (const k of ["prediction", "mean", "onStep"] as const) {
    if (hooks[k] !== undefined && typeof hooks[k] !== "function") {
      throw new TypeError(`opts.hooks.${k} must be a function, got ${String(hooks[k])}`);
    }
  }
  const record = recordTimes(opts.record, times);
  const K = times.length - 1;
  const draw = {
    get rng(): Rng {
      return rng ?? noRng();
    },
  };
  const predict = async (x: X, t: number): Promise<P> => {
    const p = await rule.predict(x, t, draw);
    return hooks.prediction ? await hooks.prediction(p, x, t) : p;
  };
  const tools: StepTools<X, P> = {
    get rng(): Rng {
      return draw.rng;
    },
    predict,
    meanHook: hooks.mean,
  };
  const snapshots = new Map<number, X>();
  let x = xStart.slice() as X;
  if (record.has(times[0])) snapshots.set(times[0], x.slice() as X);
  const progress = opts.label ? new Progress(opts.label, K) : null;
  let last: P | undefined;
  for (let k = 0; k < K; k++) {
    const jump: Jump = { i: K - k, t: times[k], s: times[k + 1] };
    const pred = await predict(x, jump.t);
    x = await rule.step(x, pred, jump, tools);
    last = pred;
    if (record.has(jump.s)) snapshots.set(jump.s, x.slice() as X);
    hooks.onStep?.(jump, x, pred);
    if (progress) await progress.tick();
  }
  return { x, snapshots, last: last as P };
}
