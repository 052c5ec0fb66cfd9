/**
 * The training loop every learned model in the project shares: run `steps` optimiser steps, record the loss and
 * tf.memory().numTensors after each (so a notebook can show the tensor count stays flat), stop with a clear error
 * if the loss stops being finite, and show one in-place Progress. What a step does (data, schedule, EMA) stays with
 * the caller.
 * @module
 */
import { Progress, requireInt, tf } from "../core/mod.ts";

/** What {@link runSteps} records. */
export interface StepLog {
  /** The loss after each step. */
  loss: Float64Array;
  /** tf.memory().numTensors after each step (flat when nothing leaks). */
  numTensors: Int32Array;
  /** Mean wall time per step, in milliseconds. */
  msPerStep: number;
}

/** What {@link minimizeStep} drives: lib/train's Adam (lib/train/adam.ts), or any tf.Optimizer. */
export interface Minimizer {
  minimize(f: () => tf.Scalar, returnCost?: boolean, varList?: tf.Variable[]): tf.Scalar | null;
}

/**
 * One optimiser step on `lossFn` over `vars`, inside tf.tidy so that no intermediate tensor survives; returns the
 * loss as a number.
 */
export function minimizeStep(optimizer: Minimizer, lossFn: () => tf.Scalar, vars: tf.Variable[]): number {
  if (!optimizer || typeof optimizer.minimize !== "function") {
    throw new TypeError("optimizer must be lib/train's Adam or a tf.Optimizer");
  }
  if (!Array.isArray(vars) || vars.length === 0) {
    throw new TypeError("vars must be a non-empty array of tf.Variable");
  }
  return tf.tidy(() => optimizer.minimize(lossFn, true, vars)!.dataSync()[0]);
}

/**
 * Runs `step(i)` for i = 0..steps−1; each call performs one optimiser step and returns its loss. Throws a RangeError
 * naming the step if a loss is not finite (a diverged run never continues silently into NaN).
 */
export async function runSteps(
  steps: number,
  step: (i: number) => number,
  opts: { label?: string | null } = {},
): Promise<StepLog> {
  requireInt("steps", steps, 1);
  if (typeof step !== "function") throw new TypeError("step must be a function (i) => loss");
  const label = opts.label === undefined ? "training" : opts.label;
  const progress = label === null ? null : new Progress(label, steps);
  const loss = new Float64Array(steps), numTensors = new Int32Array(steps);
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const value = step(i);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new RangeError(`training diverged: loss ${value} at step ${i + 1}`);
    }
    loss[i] = value;
    numTensors[i] = tf.memory().numTensors;
    if (progress) await progress.tick(1, { loss: value });
  }
  return { loss, numTensors, msPerStep: (performance.now() - t0) / steps };
}
