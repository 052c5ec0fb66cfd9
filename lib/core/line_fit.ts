/**
 * Ordinary least squares of a straight line y ≈ a + b·x in float64, with R² and the standard errors of both
 * coefficients (the usual σ̂²/Σ(x − x̄)² formulas, σ̂² = RSS/(n − 2)). Shared by any notebook that fits a line (e.g.
 * notebook 26: the minimal JL dimension against ln n).
 * @module
 */
import { requireAllFinite } from "./validate.ts";

/** A fitted line y ≈ intercept + slope·x. */
export interface LineFit {
  slope: number;
  intercept: number;
  /** coefficient of determination 1 − RSS/TSS (1 when y is constant and fitted exactly) */
  r2: number;
  /** standard errors (NaN-free: 0 when n = 2, the fit being exact) */
  slopeSE: number;
  interceptSE: number;
  n: number;
}

/** The least-squares line through (x_i, y_i); needs n ≥ 2 points and x not all equal. */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LineFit {
  if (x.length !== y.length) {
    throw new RangeError(`x and y must have one length, got ${x.length} and ${y.length}`);
  }
  if (x.length < 2) throw new RangeError(`x must have at least 2 points, got ${x.length}`);
  requireAllFinite("x", x);
  requireAllFinite("y", y);
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0) throw new RangeError("x must not be constant (the slope is undefined)");
  const slope = sxy / sxx, intercept = my - slope * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - intercept - slope * x[i]) ** 2;
  const s2 = n > 2 ? rss / (n - 2) : 0;
  return {
    slope,
    intercept,
    r2: syy === 0 ? 1 : 1 - rss / syy,
    slopeSE: Math.sqrt(s2 / sxx),
    interceptSE: Math.sqrt(s2 * (1 / n + (mx * mx) / sxx)),
    n,
  };
}
