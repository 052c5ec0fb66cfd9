/**
 * Float64 summary statistics over plain arrays: mean, variance, standard error, quantiles. Inputs are checked:
 * an empty or non-finite input throws rather than returning NaN.
 * @module
 */
import { requireAllFinite, requireInRange } from "./validate.ts";

function nonEmpty(name: string, xs: ArrayLike<number>): void {
  if (xs.length === 0) throw new RangeError(`${name} must not be empty`);
  requireAllFinite(name, xs);
}

/** Arithmetic mean (Neumaier-compensated sum). */
export function mean(xs: ArrayLike<number>): number {
  nonEmpty("xs", xs);
  return kahanSum(xs) / xs.length;
}

/** Compensated (Neumaier) sum of `xs`. */
export function kahanSum(xs: ArrayLike<number>): number {
  let sum = 0, c = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i], t = sum + x;
    c += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
  }
  return sum + c;
}

/** Variance; `ddof` = 1 (default) gives the unbiased sample variance, 0 the population variance. */
export function variance(xs: ArrayLike<number>, ddof: 0 | 1 = 1): number {
  nonEmpty("xs", xs);
  if (xs.length - ddof <= 0) throw new RangeError(`xs needs more than ${ddof} value(s) for ddof=${ddof}`);
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return s / (xs.length - ddof);
}

/** Standard error of the mean, sqrt(var / n). */
export function stdError(xs: ArrayLike<number>): number {
  return Math.sqrt(variance(xs, 1) / xs.length);
}

/** The q-quantile (linear interpolation between order statistics, q in [0, 1]). */
export function quantile(xs: ArrayLike<number>, q: number): number {
  nonEmpty("xs", xs);
  requireInRange("q", q, 0, 1);
  const sorted = Float64Array.from(xs).sort();
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** The median, quantile(xs, 0.5). */
export function median(xs: ArrayLike<number>): number {
  return quantile(xs, 0.5);
}
