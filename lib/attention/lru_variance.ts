/**
 * The state-norm growth of a linear recurrence and the γ normalisation (article, 初始化 / the γ trick). For
 * x_t = λ x_{t−1} + γ u_t with |λ| = r and i.i.d. zero-mean inputs (E|u|² = 1), the cross terms vanish and
 *   E|x_t|² = γ² Σ_{k=0}^{t} r^{2(t−k)} = γ² (1 − r^{2(t+1)}) / (1 − r²)  →  γ² / (1 − r²),
 * so γ = √(1 − r²) keeps E|x_t|² → 1 whatever r.
 * @module
 */
import { requireFinite, requireInRange, requireInt, requirePositive, type Rng } from "../core/mod.ts";

/** E|x_t|² = γ²(1 − r^{2(t+1)})/(1 − r²) for r ∈ [0, 1), t ≥ 0, E|u|² = 1 (γ = 1 by default). */
export function stateVarianceTheory(r: number, t: number, gamma = 1): number {
  requireInRange("r", r, 0, 1);
  if (r === 1) throw new RangeError("r must be < 1 (for r = 1 the variance is t + 1)");
  requireInt("t", t, 0);
  requireFinite("gamma", gamma);
  return gamma * gamma * (1 - Math.pow(r, 2 * (t + 1))) / (1 - r * r);
}

/**
 * Monte Carlo E|x_t|² of x_t = λ x_{t−1} + γ u_t (λ = r e^{iθ}, x_{−1} = 0) with complex Gaussian inputs
 * (Re u, Im u ~ N(0, ½), so E|u|² = 1): `samples` independent sequences run up to max(times); returns, for each t
 * in `times`, the sample mean of |x_t|² and its standard error.
 */
export function stateVarianceMonteCarlo(
  rng: Rng,
  opts: { r: number; theta: number; times: readonly number[]; samples: number; gamma?: number },
): { t: number; mean: number; se: number }[] {
  if (!rng || typeof rng.normal !== "function") throw new TypeError("rng must be an Rng");
  const r = requireInRange("opts.r", opts.r, 0, 1);
  const theta = requireFinite("opts.theta", opts.theta);
  const samples = requireInt("opts.samples", opts.samples, 2);
  const gamma = requirePositive("opts.gamma", opts.gamma ?? 1, true);
  if (!Array.isArray(opts.times) || opts.times.length === 0) {
    throw new RangeError("opts.times must be non-empty");
  }
  opts.times.forEach((t, i) => requireInt(`opts.times[${i}]`, t, 0));
  const T = Math.max(...opts.times);
  const lr = r * Math.cos(theta), li = r * Math.sin(theta), s = Math.SQRT1_2;
  const sum = new Float64Array(T + 1), sum2 = new Float64Array(T + 1);
  const want = new Uint8Array(T + 1);
  for (const t of opts.times) want[t] = 1;
  for (let n = 0; n < samples; n++) {
    let xr = 0, xi = 0;
    for (let t = 0; t <= T; t++) {
      const ur = s * rng.normal(), ui = s * rng.normal();
      const nr = lr * xr - li * xi + gamma * ur;
      xi = lr * xi + li * xr + gamma * ui;
      xr = nr;
      if (want[t]) {
        const a2 = xr * xr + xi * xi;
        sum[t] += a2;
        sum2[t] += a2 * a2;
      }
    }
  }
  return opts.times.map((t) => {
    const mean = sum[t] / samples;
    const v = (sum2[t] / samples - mean * mean) * samples / (samples - 1);
    return { t, mean, se: Math.sqrt(Math.max(v, 0) / samples) };
  });
}
