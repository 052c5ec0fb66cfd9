/**
 * Fits on a trained sparse-parity run (lib/scaling/parity_train.ts) that the quantization model speaks about:
 * the learning step S_k of each task against its frequency (article step 6: τ = S_k·B·p_k, so S_k ∝ p_k^{−1}), the
 * steps exponent of the test loss completed by the unseen Zipf tail (L ~ S^{−γ/(γ+1)}), and the exponent the model
 * predicts when the learning steps follow S_k ∝ p_k^β instead: n ∝ S^{1/((γ+1)|β|)} ⇒ L ~ S^{−γ/((γ+1)|β|)}.
 * Uncertainties: the larger of the OLS and the pairs-bootstrap standard errors (points of one run are not independent).
 * @module
 */
import { requireInt, requirePositive, Rng } from "../core/mod.ts";
import { crossingSteps, type ParityRun } from "./parity_train.ts";
import { bootstrapLogLog, fitLogLog, type LogLogFit } from "./powerlaw.ts";
import { withUnseenTail } from "./quanta.ts";
import type { SparseParityTasks } from "./sparse_parity.ts";

/** A log–log fit with the standard error used for claims. */
export interface SlopeWithError {
  fit: LogLogFit;
  /** Bootstrap standard error of the slope. */
  bootSE: number;
  /** max(OLS SE, bootstrap SE). */
  se: number;
}

function fitWithError(x: number[], y: number[], rng: Rng, reps: number): SlopeWithError | null {
  if (x.length < 3) return null;
  const fit = fitLogLog(x, y);
  const boot = bootstrapLogLog(rng, x, y, reps);
  return { fit, bootSE: boot.se, se: Math.max(fit.slopeSE, boot.se) };
}

/** What {@link learningTimeFit} returns. */
export interface LearningTimes {
  /** Indices of the tasks whose loss crossed the threshold within the run, ascending. */
  tasks: number[];
  /** Their learning steps S_k. */
  steps: number[];
  /** τ_k = S_k·B·p_k: the samples of task k seen before it was learned. */
  samples: number[];
  /** Fit of ln S_k on ln p_k (slope β; the article's β = −1); null with fewer than 3 learned tasks. */
  law: SlopeWithError | null;
}

/**
 * Learning step of each task (test loss first below `threshold`, default ln2/2) and the fit S_k ∝ p_k^β, with the
 * bootstrap from `rng` (`reps` resamples, default 2000).
 */
export function learningTimeFit(
  run: ParityRun,
  tasks: SparseParityTasks,
  batch: number,
  opts: { rng: Rng; reps?: number; threshold?: number },
): LearningTimes {
  if (!run || !Array.isArray(run.checkpoints)) throw new TypeError("run must come from trainSparseParity");
  if (!tasks || !(tasks.probs instanceof Float64Array)) {
    throw new TypeError("tasks must come from makeSparseParityTasks");
  }
  requireInt("batch", batch, 1);
  if (!(opts?.rng instanceof Rng)) throw new TypeError("opts.rng must be an Rng");
  const reps = requireInt("opts.reps", opts.reps ?? 2000, 2);
  const threshold = requirePositive("opts.threshold", opts.threshold ?? Math.LN2 / 2);
  const s = crossingSteps(run.checkpoints, threshold);
  const idx = Array.from(s).map((v, k) => (Number.isFinite(v) ? k : -1)).filter((k) => k >= 0);
  const steps = idx.map((k) => s[k]);
  const p = idx.map((k) => tasks.probs[k]);
  return {
    tasks: idx,
    steps,
    samples: steps.map((v, i) => v * batch * p[i]),
    law: fitWithError(p, steps, opts.rng, reps),
  };
}

/** What {@link stepsExponentFit} returns. */
export interface StepsExponent {
  /** The checkpoint steps fitted (from `fromStep` on). */
  steps: number[];
  /** The test loss of each, completed by the unseen tail beyond the trained tasks (b = ln 2). */
  completed: number[];
  /** Fit of ln L̃ on ln S (slope −α_S); null with fewer than 3 checkpoints. */
  law: SlopeWithError | null;
}

/**
 * The steps exponent of a run: the frequency-weighted test loss at the checkpoints from `fromStep` on, completed by
 * the Zipf tail beyond the nTasks trained tasks at the chance loss ln 2 ({@link withUnseenTail}), fitted in log–log.
 */
export function stepsExponentFit(
  run: ParityRun,
  tasks: SparseParityTasks,
  fromStep: number,
  opts: { rng: Rng; reps?: number },
): StepsExponent {
  if (!run || !Array.isArray(run.checkpoints)) throw new TypeError("run must come from trainSparseParity");
  if (!tasks || !tasks.spec) throw new TypeError("tasks must come from makeSparseParityTasks");
  requirePositive("fromStep", fromStep);
  if (!(opts?.rng instanceof Rng)) throw new TypeError("opts.rng must be an Rng");
  const reps = requireInt("opts.reps", opts.reps ?? 2000, 2);
  const cps = run.checkpoints.filter((c) => c.step >= fromStep);
  const steps = cps.map((c) => c.step);
  const completed = cps.map((c) => withUnseenTail(c.meanLoss, tasks.spec.nTasks, tasks.spec.gamma, Math.LN2));
  return { steps, completed, law: fitWithError(steps, completed, opts.rng, reps) };
}

/**
 * The steps exponent the quantization model predicts when learning steps scale as S_k ∝ p_k^β (β < 0):
 * α_S = γ/((γ+1)|β|) (article steps 3 and 6; β = −1 gives the article's γ/(γ+1)), with its standard error
 * propagated from β's: se_α = α·se_β/|β|.
 */
export function predictedStepsExponent(
  gamma: number,
  beta: number,
  betaSE = 0,
): { alpha: number; se: number } {
  requirePositive("gamma", gamma);
  if (!(Number.isFinite(beta) && beta < 0)) {
    throw new RangeError(`beta must be a finite negative slope, got ${beta}`);
  }
  requirePositive("betaSE", betaSE, true);
  const alpha = gamma / ((gamma + 1) * -beta);
  return { alpha, se: (alpha * betaSE) / -beta };
}
