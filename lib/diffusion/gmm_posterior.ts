/**
 * Exact posterior sampling of x₀ given x = a·x₀ + b·ε for a Gaussian mixture (unified diffusion, brief 07 step 7):
 * x₀ | x is again a mixture — pick component k with the responsibility r_k(x) (computed in log space by
 * {@link GaussianMixture.responsibilities}), then draw x₀ ~ N(m_k + g_k(x − a m_k), s_k² b²/v_k · I) with
 * v_k = a²s_k² + b², g_k = a s_k²/v_k. Float64.
 * @module
 */
import { requireFinite, requirePositive, type Rng } from "../core/mod.ts";
import type { GaussianMixture, Points } from "./gmm.ts";

/** One draw x₀ ~ p(x₀ | x) per row of x (row-major n×d), with scalar coefficients a and b (b ≥ 0). */
export function posteriorSampleX0(gmm: GaussianMixture, x: Points, a: number, b: number, rng: Rng): Points {
  requireFinite("a", a);
  requirePositive("b", b, true);
  if (!rng || typeof rng.uniform !== "function") throw new TypeError("rng must be an Rng");
  const resp = gmm.responsibilities(x, a, b); // validates x
  const { d, k } = gmm, n = x.length / d, out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    let j = 0, c = resp[i * k];
    while (j < k - 1 && u >= c) c += resp[i * k + ++j];
    const s2 = gmm.stds[j] ** 2, v = a * a * s2 + b * b;
    if (!(v > 0)) throw new RangeError(`a²s² + b² must be > 0 for component ${j}: a=${a}, b=${b}`);
    const g = (a * s2) / v, sd = Math.sqrt((s2 * b * b) / v);
    for (let q = 0; q < d; q++) {
      const m = gmm.means[j * d + q];
      out[i * d + q] = m + g * (x[i * d + q] - a * m) + sd * rng.normal();
    }
  }
  return out;
}
