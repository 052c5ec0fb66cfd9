/**
 * Robustness of softmax attention to noise on the logits (notebook 28, "注意力和Softmax的两点有趣发现"): the output
 * o = Σ e^{s_i}v_i / Σ e^{s_i} is a ratio of two means, and i.i.d. noise ε_i multiplies both by E[e^ε], so to first
 * order it cancels. The delta-method size of what is left: E‖õ − o‖² ≈ (e^{σ²} − 1)·Σ p_i²‖v_i − o‖² for
 * ε ~ N(0, σ²), which shrinks like 1/n_eff.
 * @module
 */
import { requireInt, requirePositive, type Rng } from "../core/mod.ts";
import { attend, effectiveCount, softmax } from "./softmax.ts";

/** The ratio-of-means form of attention E_i[e^{s_i}v_i]/E_i[e^{s_i}] computed literally (no max shift; article 28 eq. 1). */
export function ratioOfMeans(logits: ArrayLike<number>, values: ArrayLike<number>[]): Float64Array {
  if (logits.length === 0 || values.length !== logits.length) {
    throw new RangeError(`values must have one row per logit (${logits.length}), got ${values.length}`);
  }
  const d = values[0].length, n = logits.length;
  const num = new Float64Array(d);
  let den = 0;
  for (let i = 0; i < n; i++) {
    const w = Math.exp(logits[i]);
    if (!Number.isFinite(w)) throw new RangeError(`logits[${i}] = ${logits[i]} overflows exp`);
    den += w / n;
    for (let k = 0; k < d; k++) num[k] += (w * values[i][k]) / n;
  }
  return num.map((v) => v / den);
}

/** The delta-method RMS error √((e^{σ²} − 1)·Σ p_i²‖v_i − o‖²) of attention under N(0, σ²) logit noise (step 3). */
export function deltaMethodRms(p: ArrayLike<number>, values: ArrayLike<number>[], sigma: number): number {
  requirePositive("sigma", sigma, true);
  if (values.length !== p.length || p.length === 0) {
    throw new RangeError(`values must have one row per probability (${p.length}), got ${values.length}`);
  }
  const d = values[0].length;
  const o = new Float64Array(d);
  for (let i = 0; i < p.length; i++) for (let k = 0; k < d; k++) o[k] += p[i] * values[i][k];
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    let dv = 0;
    for (let k = 0; k < d; k++) dv += (values[i][k] - o[k]) ** 2;
    s += p[i] * p[i] * dv;
  }
  return Math.sqrt(Math.expm1(sigma * sigma) * s);
}

/** What {@link perturbedAttentionError} measures. */
export interface NoiseError {
  /** √ mean ‖õ − o‖² over the noise draws */
  rms: number;
  /** rms / ‖o‖ */
  rel: number;
  /** the delta-method prediction {@link deltaMethodRms} */
  predicted: number;
  /** 1/Σ p_i² */
  neff: number;
}

/**
 * One configuration — logits s_i ~ N(0, logitScale²), values v_i ~ N(valueMean·1, I_d), i = 1..n — and `draws`
 * noise draws added to the logits: i.i.d. ε_i ~ N(0, σ²), or (`correlated`) ε_i = σ·uᵀ(v_i − valueMean·1) with a
 * fresh random unit vector u per draw (the same N(0, σ²) marginal, but tied to the values; step 4a).
 */
export function perturbedAttentionError(
  rng: Rng,
  opts: {
    n: number;
    d: number;
    sigma: number;
    draws: number;
    valueMean?: number;
    correlated?: boolean;
    logitScale?: number;
  },
): NoiseError {
  const n = requireInt("opts.n", opts.n, 1);
  const d = requireInt("opts.d", opts.d, 1);
  const sigma = requirePositive("opts.sigma", opts.sigma, true);
  const draws = requireInt("opts.draws", opts.draws, 1);
  const mu = opts.valueMean ?? 0;
  if (!Number.isFinite(mu)) throw new RangeError(`opts.valueMean must be finite, got ${mu}`);
  const scale = requirePositive("opts.logitScale", opts.logitScale ?? 1, true);
  const s = rng.normals(n, 0, scale);
  const v = Array.from({ length: n }, () => rng.normals(d, mu, 1));
  const o = attend(s, v);
  const p = softmax(s);
  let se = 0;
  const noisy = new Float64Array(n);
  for (let t = 0; t < draws; t++) {
    if (opts.correlated) {
      const u = rng.normals(d);
      const nu = Math.hypot(...u);
      for (let i = 0; i < n; i++) {
        let a = 0;
        for (let k = 0; k < d; k++) a += (u[k] / nu) * (v[i][k] - mu);
        noisy[i] = s[i] + sigma * a;
      }
    } else {
      for (let i = 0; i < n; i++) noisy[i] = s[i] + sigma * rng.normal();
    }
    const ot = attend(noisy, v);
    for (let k = 0; k < d; k++) se += (ot[k] - o[k]) ** 2;
  }
  const rms = Math.sqrt(se / draws);
  return {
    rms,
    rel: rms / Math.hypot(...o),
    predicted: deltaMethodRms(p, v, sigma),
    neff: effectiveCount(p),
  };
}
