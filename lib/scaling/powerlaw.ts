/**
 * Power-law fits with uncertainty, in float64. y = c·x^{slope} is a line in log–log space,
 * ln y = ln c + slope·ln x; {@link fitLogLog} is lib/core's least-squares line ({@link linearFit}) through the logs,
 * with its ordinary standard errors (σ̂² = RSS/(n−2)); {@link bootstrapLogLog} resamples the
 * points with a seeded Rng for an uncertainty that does not assume independent Gaussian residuals. A loss
 * L ∝ N^{−α} has slope −α: the article's exponents α_N = γ, α_D = α_S = γ/(γ+1) are minus the fitted slopes.
 * @module
 */
import { linearFit, quantile, requireAllFinite, requireInt, Rng, variance } from "../core/mod.ts";

/** The result of a log–log least-squares fit. */
export interface LogLogFit {
  /** d ln y / d ln x (a loss L ∝ x^{−α} has slope −α). */
  slope: number;
  /** ln c. */
  intercept: number;
  /** Standard error of the slope (ordinary least squares; NaN-free: 0 for an exact fit). */
  slopeSE: number;
  /** Standard error of the intercept. */
  interceptSE: number;
  /** Coefficient of determination in log space. */
  r2: number;
  /** Number of points. */
  n: number;
}

function logs(x: ArrayLike<number>, y: ArrayLike<number>): { lx: Float64Array; ly: Float64Array } {
  if (x.length !== y.length) {
    throw new RangeError(`x and y must have one length, got ${x.length} and ${y.length}`);
  }
  requireAllFinite("x", x);
  requireAllFinite("y", y);
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0)) throw new RangeError(`x[${i}] must be > 0 for a log–log fit, got ${x[i]}`);
    if (!(y[i] > 0)) throw new RangeError(`y[${i}] must be > 0 for a log–log fit, got ${y[i]}`);
  }
  return { lx: Float64Array.from(x, Math.log), ly: Float64Array.from(y, Math.log) };
}

function olsLog(lx: Float64Array, ly: Float64Array): LogLogFit {
  if (lx.every((v) => v === lx[0])) throw new RangeError("x must take at least two distinct values");
  return linearFit(lx, ly);
}

/** Least-squares line through (ln x, ln y) with ordinary standard errors; needs >= 2 points, x and y > 0. */
export function fitLogLog(x: ArrayLike<number>, y: ArrayLike<number>): LogLogFit {
  const { lx, ly } = logs(x, y);
  requireInt("x.length", lx.length, 2);
  return olsLog(lx, ly);
}

/** The bootstrap distribution of the log–log slope. */
export interface BootstrapSlope {
  /** The slopes of the resamples (resamples whose x values all coincide are redrawn). */
  slopes: Float64Array;
  /** Standard deviation of the slopes: the bootstrap standard error. */
  se: number;
  /** The 2.5% and 97.5% quantiles. */
  ci95: [number, number];
}

/**
 * Pairs bootstrap of the log–log slope: `reps` resamples of the n points drawn with replacement from `rng`, each
 * refitted by the same least-squares line. Needs >= 3 points with >= 2 distinct x.
 */
export function bootstrapLogLog(
  rng: Rng,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  reps = 1000,
): BootstrapSlope {
  if (!(rng instanceof Rng)) throw new TypeError("rng must be an Rng");
  const { lx, ly } = logs(x, y);
  const n = requireInt("x.length", lx.length, 3);
  requireInt("reps", reps, 2);
  if (lx.every((v) => v === lx[0])) throw new RangeError("x must take at least two distinct values");
  const slopes = new Float64Array(reps);
  const bx = new Float64Array(n), by = new Float64Array(n);
  for (let r = 0; r < reps; r++) {
    do {
      for (let i = 0; i < n; i++) {
        const j = rng.int(n);
        bx[i] = lx[j];
        by[i] = ly[j];
      }
    } while (bx.every((v) => v === bx[0]));
    slopes[r] = olsLog(bx, by).slope;
  }
  return {
    slopes,
    se: Math.sqrt(variance(slopes, 1)),
    ci95: [quantile(slopes, 0.025), quantile(slopes, 0.975)],
  };
}

/**
 * Local log–log slopes between neighbouring points: slope_i = (ln y_{i+1} − ln y_i)/(ln x_{i+1} − ln x_i) at the
 * geometric midpoint √(x_i x_{i+1}); x strictly increasing.
 */
export function localSlopes(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): { x: Float64Array; slope: Float64Array } {
  const { lx, ly } = logs(x, y);
  requireInt("x.length", lx.length, 2);
  for (let i = 1; i < lx.length; i++) {
    if (!(lx[i] > lx[i - 1])) throw new RangeError(`x must be strictly increasing (at index ${i})`);
  }
  const m = lx.length - 1;
  return {
    x: Float64Array.from({ length: m }, (_, i) => Math.exp((lx[i] + lx[i + 1]) / 2)),
    slope: Float64Array.from({ length: m }, (_, i) => (ly[i + 1] - ly[i]) / (lx[i + 1] - lx[i])),
  };
}

/** n points from lo to hi evenly spaced in log (lo, hi > 0, n >= 2); `integer` rounds and drops repeats. */
export function logSpace(lo: number, hi: number, n: number, integer = false): number[] {
  requireInt("n", n, 2);
  if (!(lo > 0) || !(hi > lo) || !Number.isFinite(hi)) {
    throw new RangeError(`need 0 < lo < hi < ∞, got lo=${lo}, hi=${hi}`);
  }
  const out = Array.from({ length: n }, (_, i) => lo * Math.pow(hi / lo, i / (n - 1)));
  out[n - 1] = hi;
  if (!integer) return out;
  return [...new Set(out.map(Math.round))];
}
