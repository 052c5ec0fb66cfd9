/**
 * Conditional moments of the noise given x_t by self-normalised importance sampling (brief 05 steps 5–6, Su
 * kexue.fm/archives/9246): an independent route to the exact regression targets of NPR-DPM and SN-DPM. For
 * x_t = a x_0 + b ε with x_0 from the data, p(x_0|x_t) ∝ p(x_0) N(x_t; a x_0, b² I); with draws x_0^(j) from the data
 * itself (no use of the mixture's closed forms) the weights are w_j ∝ exp(−‖x_t − a x_0^(j)‖²/(2b²)) and the noise
 * of draw j is ε_j = (x_t − a x_0^(j))/b. For each point and each given centre c (one value per coordinate, e.g.
 * ε_θ(x_t)), the estimate of E[(ε − c)²|x_t] is Σ w_j (ε_j − c)² / Σ w_j, with its delta-method standard error
 * √(Σ w_j² (f_j − f̂)²)/Σ w_j and the effective sample size (Σ w)²/Σ w². Float64.
 * @module
 */
import { requireAllFinite, requireInt, requirePositive } from "../../core/mod.ts";
import type { Points } from "./gmm.ts";

/** {@link noiseMomentsIS}'s result for one centre: estimates and standard errors, row-major n×d. */
export interface IsMoment {
  value: Float64Array;
  stdError: Float64Array;
}

function points(name: string, x: unknown, d: number): number {
  if (!(x instanceof Float64Array) || x.length === 0 || x.length % d !== 0) {
    throw new RangeError(`${name} must be a non-empty Float64Array of n×${d} points`);
  }
  requireAllFinite(name, x);
  return x.length / d;
}

/**
 * E[(ε − c)²|x_t] per point and coordinate for each centre in `centres` (each n×d, aligned with `xt`), by
 * importance sampling over the data draws `x0Draws` (M×d). Returns one {@link IsMoment} per centre and the
 * effective sample size of each point.
 */
export function noiseMomentsIS(
  x0Draws: Points,
  xt: Points,
  d: number,
  a: number,
  b: number,
  centres: ArrayLike<number>[],
): { moments: IsMoment[]; ess: Float64Array } {
  requireInt("d", d, 1);
  const M = points("x0Draws", x0Draws, d), n = points("xt", xt, d);
  requirePositive("a", a);
  requirePositive("b", b);
  if (!Array.isArray(centres) || centres.length === 0) {
    throw new TypeError("centres must be a non-empty array");
  }
  centres.forEach((c, k) => {
    if (!c || c.length !== xt.length) {
      throw new RangeError(`centres[${k}] must have one value per coordinate of xt (${xt.length})`);
    }
    requireAllFinite(`centres[${k}]`, c);
  });
  const moments = centres.map(() => ({ value: new Float64Array(n * d), stdError: new Float64Array(n * d) }));
  const ess = new Float64Array(n),
    logw = new Float64Array(M),
    w = new Float64Array(M),
    eps = new Float64Array(M * d);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < M; j++) {
      let s = 0;
      for (let q = 0; q < d; q++) {
        const e = (xt[i * d + q] - a * x0Draws[j * d + q]) / b;
        eps[j * d + q] = e;
        s += e * e;
      }
      logw[j] = -0.5 * s;
      if (logw[j] > max) max = logw[j];
    }
    let sw = 0, sw2 = 0;
    for (let j = 0; j < M; j++) {
      w[j] = Math.exp(logw[j] - max);
      sw += w[j];
      sw2 += w[j] * w[j];
    }
    ess[i] = (sw * sw) / sw2;
    centres.forEach((c, k) => {
      for (let q = 0; q < d; q++) {
        const cq = c[i * d + q];
        let m = 0;
        for (let j = 0; j < M; j++) m += w[j] * (eps[j * d + q] - cq) ** 2;
        m /= sw;
        let v = 0;
        for (let j = 0; j < M; j++) v += w[j] * w[j] * ((eps[j * d + q] - cq) ** 2 - m) ** 2;
        moments[k].value[i * d + q] = m;
        moments[k].stdError[i * d + q] = Math.sqrt(v) / sw;
      }
    });
  }
  return { moments, ess };
}
