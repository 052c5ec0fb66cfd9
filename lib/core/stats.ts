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

/**
 * Population skewness g₁ = m₃ / m₂^{3/2} with central moments m_r = (1/n)Σ(x − x̄)^r (no small-sample
 * correction) — the hubness measure of the k-occurrence distribution (notebook 02). Throws for constant input.
 */
export function skewness(xs: ArrayLike<number>): number {
  nonEmpty("xs", xs);
  const m = mean(xs);
  let m2 = 0, m3 = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i] - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= xs.length;
  m3 /= xs.length;
  if (m2 === 0) throw new RangeError("xs is constant: skewness is undefined");
  return m3 / m2 ** 1.5;
}

/** Pearson correlation of two equally long samples (throws if either is constant). */
export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  nonEmpty("xs", xs);
  nonEmpty("ys", ys);
  if (xs.length !== ys.length) {
    throw new RangeError(`xs (${xs.length}) and ys (${ys.length}) differ in length`);
  }
  const mx = mean(xs), my = mean(ys);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i] - mx, dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0) throw new RangeError("xs is constant: correlation is undefined");
  if (syy === 0) throw new RangeError("ys is constant: correlation is undefined");
  return sxy / Math.sqrt(sxx * syy);
}

/** A histogram: `counts[i]` values fall in [edges[i], edges[i+1]) (the last bin also holds its right edge). */
export interface Histogram {
  edges: Float64Array;
  counts: Int32Array;
}

/**
 * Histogram of `values` over `bins` equal-width bins on [lo, hi] (default: the data's min and max). Values outside
 * [lo, hi] are not counted; the right edge belongs to the last bin.
 */
export function histogram(
  values: ArrayLike<number>,
  bins: number,
  range?: { lo: number; hi: number },
): Histogram {
  nonEmpty("values", values);
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be an integer >= 1, got ${bins}`);
  let lo = range?.lo, hi = range?.hi;
  if (lo === undefined || hi === undefined) {
    lo = Infinity;
    hi = -Infinity;
    for (let i = 0; i < values.length; i++) {
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    if (lo === hi) hi = lo + 1; // a constant sample: one unit-wide range
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo)) {
    throw new RangeError(`range must have finite lo < hi, got lo=${lo}, hi=${hi}`);
  }
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = lo + ((hi - lo) * i) / bins;
  const counts = new Int32Array(bins);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo || v > hi) continue;
    counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))] += 1;
  }
  return { edges, counts };
}

/**
 * max_i |a_i − b_i| / max(1, |b_i|): the largest difference of `a` from the reference `b`, relative where |b_i| > 1
 * and absolute below (so values near 0 are not blown up). Used to compare two routes to the same update in float64.
 */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new RangeError(`a and b must have equal length, got ${a.length} and ${b.length}`);
  }
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    if (Number.isNaN(d)) throw new RangeError(`a[${i}] or b[${i}] is NaN`);
    m = Math.max(m, d);
  }
  return m;
}
