/**
 * The marginal field of a conditional family (article 17 step 4): f_t(x) = E_{x₀ ~ p_t(x₀ | x)}[f_t(x | x₀)]
 * = Σ_i w_i p_t(x | x_i) f_t(x | x_i) / Σ_i w_i p_t(x | x_i) over data points x_i — the field conditional flow matching
 * learns. Weights in log space; where no conditional density reaches x (a zero-density gap of a compactly supported
 * prior) the velocity is 0, as with the article's guard Σp + 10⁻⁸ (a path started there stalls). Float64.
 * @module
 */
import { requireAllFinite, requireInt, requirePositive } from "../../core/mod.ts";
import type { Points } from "../schedule/mod.ts";
import type { Field } from "./field.ts";
import type { ConditionalFamily } from "./paths.ts";

/** The posterior-weighted average of `family` over the data rows (n×dim) with optional positive weights. */
export function marginalField(family: ConditionalFamily, data: Points, weights?: ArrayLike<number>): Field {
  if (!family || typeof family.at !== "function") {
    throw new TypeError("family must be a ConditionalFamily { dim, at }");
  }
  const d = requireInt("family.dim", family.dim, 1);
  if (!(data instanceof Float64Array) || data.length === 0 || data.length % d !== 0) {
    throw new RangeError(`data must be a non-empty Float64Array of whole rows of ${d}`);
  }
  requireAllFinite("data", data);
  const m = data.length / d;
  const w = weights === undefined ? new Float64Array(m).fill(1) : Float64Array.from(weights);
  if (w.length !== m) throw new RangeError(`weights must have length ${m}, got ${w.length}`);
  w.forEach((v, i) => requirePositive(`weights[${i}]`, v));
  const logW = w.map(Math.log), lw = new Float64Array(m), fi = new Float64Array(d);
  return {
    dim: d,
    velocity: (x, t) => {
      requirePositive("t", t);
      const f = family.at(t), n = x.length / d, out = new Float64Array(x.length);
      for (let r = 0; r < n; r++) {
        let mx = -Infinity;
        for (let i = 0; i < m; i++) {
          lw[i] = logW[i] + f.logDensity(x, r * d, data, i * d);
          if (lw[i] > mx) mx = lw[i];
        }
        if (mx === -Infinity) continue; // no conditional path reaches x: velocity 0
        let den = 0;
        for (let i = 0; i < m; i++) {
          const e = Math.exp(lw[i] - mx);
          if (e === 0) continue;
          den += e;
          f.velocity(x, r * d, data, i * d, fi, 0);
          for (let j = 0; j < d; j++) out[r * d + j] += e * fi[j];
        }
        for (let j = 0; j < d; j++) out[r * d + j] /= den;
      }
      return out;
    },
  };
}
