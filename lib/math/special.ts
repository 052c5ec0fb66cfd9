/**
 * Special functions in float64: log-gamma (Lanczos), and the volume of the unit n-ball and its ratio to the
 * circumscribed cube [-1, 1]^n — computed in log space, so they stay finite and accurate for large n
 * (V_100 / 2^100 ≈ 1.9e-70; V_1000 / 2^1000 underflows a double but its logarithm does not). Notebook 02.
 * @module
 */
import { requireFinite, requirePositive } from "../core/mod.ts";

// Lanczos approximation, g = 7, n = 9 (relative error ~1e-15 for x > 0)
const G = 7;
const LANCZOS = [
  0.99999999999980993,
  676.5203681218851,
  -1259.1392167224028,
  771.32342877765313,
  -176.61502916214059,
  12.507343278686905,
  -0.13857109526572012,
  9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (Lanczos, g = 7; ~1e-15 relative accuracy; exact 0 at x = 1 and x = 2). */
export function lgamma(x: number): number {
  requirePositive("x", x);
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) {
    // reflection keeps the series in its accurate range: Γ(x)Γ(1−x) = π / sin(πx)
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  }
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i);
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln V_n, the log-volume of the unit n-ball: V_n = π^{n/2} / Γ(n/2 + 1) (n ≥ 0, real). */
export function logBallVolume(n: number): number {
  requirePositive("n", n, true);
  if (n === 0) return 0;
  return (n / 2) * Math.log(Math.PI) - lgamma(n / 2 + 1);
}

/** V_n = π^{n/2} / Γ(n/2 + 1), the volume of the unit n-ball (V_1 = 2, V_2 = π, V_3 = 4π/3). */
export function ballVolume(n: number): number {
  return Math.exp(logBallVolume(n));
}

/** ln(V_n / 2^n): log of the fraction of the cube [-1, 1]^n inside the inscribed unit ball. */
export function logBallCubeRatio(n: number): number {
  return logBallVolume(n) - n * Math.LN2;
}

/**
 * V_n / 2^n, the fraction of the cube [-1, 1]^n inside its inscribed unit ball — the acceptance rate of
 * rejection sampling from the ball (1, π/4, π/6, …, → 0). Underflows to 0 only past n ≈ 1,000; use
 * {@link logBallCubeRatio} there.
 */
export function ballCubeRatio(n: number): number {
  return Math.exp(logBallCubeRatio(n));
}

/** log10(V_n / 2^n), for plots on a log axis. */
export function log10BallCubeRatio(n: number): number {
  requireFinite("n", n);
  return logBallCubeRatio(n) / Math.LN10;
}
