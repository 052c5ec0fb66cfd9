/**
 * The reference ODE solver: Hairer and Wanner's ODEX (Gragg–Bulirsch–Stoer extrapolation with step-size and order
 * control), from the npm package `odex`. It is what fixed-step schemes (steppers.ts) and samplers are measured
 * against: an independent, adaptive, high-order route, not a finer run of the scheme under test.
 * @module
 */
import { Outcome, Solver } from "odex";
import { requireAllFinite, requireFinite, requirePositive } from "../core/mod.ts";
import { checkRhs, checkY0, type Rhs } from "./steppers.ts";

/** Tolerances and limits of {@link solveReference}. */
export interface ReferenceOptions {
  /** Relative tolerance per component (default 1e-10). */
  rtol?: number;
  /** Absolute tolerance per component (default 1e-10). */
  atol?: number;
  /** Maximum number of steps per output interval (default 100 000). */
  maxSteps?: number;
}

/** The reference solution at the requested times. */
export interface ReferenceSolution {
  /** The output times, as given (t0 first). */
  t: Float64Array;
  /** The state at each output time (y[0] is a copy of y0). */
  y: Float64Array[];
  /** Right-hand-side evaluations used. */
  evaluations: number;
}

/**
 * Solves y' = f(t, y) from (t0, y0) and returns the state at each time of `times` (a monotone sequence on one side
 * of t0; backwards integration is allowed). Throws if the solver does not converge within `maxSteps`.
 */
export function solveReference(
  f: Rhs,
  y0: Float64Array,
  t0: number,
  times: readonly number[],
  opts: ReferenceOptions = {},
): ReferenceSolution {
  checkRhs(f);
  checkY0(y0);
  requireFinite("t0", t0);
  if (!Array.isArray(times) || times.length === 0) throw new RangeError("times must be a non-empty array");
  requireAllFinite("times", times);
  const dir = Math.sign(times[0] - t0);
  if (dir === 0) throw new RangeError(`times[0] must differ from t0 = ${t0}`);
  for (let i = 1; i < times.length; i++) {
    if (Math.sign(times[i] - times[i - 1]) !== dir) {
      throw new RangeError(
        `times must be strictly monotone away from t0, got ${times[i - 1]} then ${times[i]}`,
      );
    }
  }
  const rtol = requirePositive("opts.rtol", opts.rtol ?? 1e-10);
  const atol = requirePositive("opts.atol", opts.atol ?? 1e-10);
  const maxSteps = requirePositive("opts.maxSteps", opts.maxSteps ?? 100_000);
  const n = y0.length;
  let evaluations = 0;
  const g = (x: number, y: number[]): number[] => {
    evaluations += 1;
    const d = f(x, Float64Array.from(y));
    if (!(d instanceof Float64Array) || d.length !== n) {
      throw new TypeError(`f must return a Float64Array of length ${n}`);
    }
    requireAllFinite(`f(${x}, y)`, d);
    return Array.from(d);
  };
  const out: Float64Array[] = [Float64Array.from(y0)];
  let x = t0, y = Array.from(y0);
  for (const tEnd of times) {
    const s = new Solver(n);
    s.relativeTolerance = rtol;
    s.absoluteTolerance = atol;
    s.maxSteps = maxSteps;
    const r = s.solve(g, x, y, tEnd);
    if (r.outcome !== Outcome.Converged) {
      throw new RangeError(`the reference solver did not converge on [${x}, ${tEnd}] (outcome ${r.outcome})`);
    }
    x = tEnd;
    y = r.y;
    out.push(Float64Array.from(y));
  }
  return { t: Float64Array.from([t0, ...times]), y: out, evaluations };
}
