/**
 * 1-D data points smoothed by a scale kernel, p_t(x) = Σ_i w_i k((x − x_i)/t)/t (article 16: the marginal u₁ = E_{x₀}[G₁]
 * of a Green's function whose conditional law is a scale family), with its CDF, exact sampler, the posterior mean
 * x̂₀(x, t) = E[x₀ | x_t = x] under the kernel, and the marginal velocity. For every scale family the conditional
 * velocity is (x − x₀)/t (article 16, derived step 11), so the marginal one is f_t(x) = (x − x̂₀(x, t))/t and in
 * s = log t the ODE reads dx/ds = x − x̂₀ ({@link KernelMixture1d.logTimeField}). Weights in log space. Float64.
 * @module
 */
import { requireAllFinite, requireFinite, requireInt, requirePositive, type Rng } from "../../core/mod.ts";
import type { Field } from "./field.ts";
import { type KernelName, type ScaleKernel, scaleKernel } from "./kernels.ts";
import { posteriorLogTimeField } from "./pfgm_field.ts";

/** A kernel-smoothed point set on R (see the module doc). */
export interface KernelMixture1d {
  kernel: ScaleKernel;
  points: Float64Array;
  /** Normalised weights. */
  weights: Float64Array;
  /** p_t(x). */
  pdf: (x: number, t: number) => number;
  /** P_t(X ≤ x) = Σ w_i K((x − x_i)/t). */
  cdf: (x: number, t: number) => number;
  /** n exact draws of x_t = x₀ + t z, x₀ ~ weights, z ~ kernel. */
  sample: (n: number, t: number, rng: Rng) => Float64Array;
  /** x̂₀(x, t) = Σ_i x_i w_i k((x − x_i)/t) / Σ_i w_i k((x − x_i)/t), per entry of x. */
  posteriorMean: (x: Float64Array, t: number) => Float64Array;
  /** The marginal velocity in t, f_t(x) = (x − x̂₀(x, t))/t. */
  field: () => Field;
  /** The same ODE in s = log t: dx/ds = x − x̂₀(x, e^s) (a Field whose time argument is s). */
  logTimeField: () => Field;
}

/** The mixture of `kernel` (by name) centred at `points` with optional positive `weights` (default equal). */
export function kernelMixture1d(
  points: ArrayLike<number>,
  kernel: KernelName,
  weights?: ArrayLike<number>,
): KernelMixture1d {
  if (!points || typeof points.length !== "number" || points.length === 0) {
    throw new TypeError("points must be a non-empty array of numbers");
  }
  requireAllFinite("points", points);
  const k = scaleKernel(kernel), m = points.length, xs = Float64Array.from(points);
  const w = weights === undefined ? new Float64Array(m).fill(1) : Float64Array.from(weights);
  if (w.length !== m) throw new RangeError(`weights must have length ${m}, got ${w.length}`);
  w.forEach((v, i) => requirePositive(`weights[${i}]`, v));
  const total = w.reduce((a, b) => a + b, 0);
  const wn = w.map((v) => v / total), logW = wn.map(Math.log);
  const cum = new Float64Array(m);
  wn.reduce((c, v, i) => (cum[i] = c + v), 0);

  const post = (x: Float64Array, t: number): Float64Array => {
    requirePositive("t", t);
    if (!(x instanceof Float64Array)) throw new TypeError("x must be a Float64Array");
    requireAllFinite("x", x);
    const pdf = k.pdf;
    const out = new Float64Array(x.length), lw = new Float64Array(m);
    for (let j = 0; j < x.length; j++) {
      let num = 0, den = 0;
      for (let i = 0; i < m; i++) {
        const e = wn[i] * pdf((x[j] - xs[i]) / t);
        num += e * xs[i];
        den += e;
      }
      if (!(den > 1e-280)) {
        // far tail: the densities underflow, redo the weights in log space
        let mx = -Infinity;
        for (let i = 0; i < m; i++) {
          lw[i] = logW[i] + k.logpdf((x[j] - xs[i]) / t);
          if (lw[i] > mx) mx = lw[i];
        }
        num = den = 0;
        for (let i = 0; i < m; i++) {
          const e = Math.exp(lw[i] - mx);
          num += e * xs[i];
          den += e;
        }
      }
      out[j] = num / den;
    }
    return out;
  };
  const mix: KernelMixture1d = {
    kernel: k,
    points: xs,
    weights: wn,
    pdf: (x, t) => {
      requireFinite("x", x);
      requirePositive("t", t);
      let s = 0;
      for (let i = 0; i < m; i++) s += wn[i] * k.pdf((x - xs[i]) / t);
      return s / t;
    },
    cdf: (x, t) => {
      requireFinite("x", x);
      requirePositive("t", t);
      let s = 0;
      for (let i = 0; i < m; i++) s += wn[i] * k.cdf((x - xs[i]) / t);
      return Math.min(1, Math.max(0, s));
    },
    sample: (n, t, rng) => {
      requireInt("n", n, 1);
      requirePositive("t", t);
      const out = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        const u = rng.uniform();
        let i = 0;
        while (i < m - 1 && u >= cum[i]) i++;
        let v = rng.uniform();
        while (v === 0) v = rng.uniform();
        out[j] = xs[i] + t * k.quantile(v);
      }
      return out;
    },
    posteriorMean: post,
    field: () => ({
      dim: 1,
      velocity: (x, t) => {
        const h = post(x, t);
        return x.map((v, j) => (v - h[j]) / t);
      },
    }),
    logTimeField: () => posteriorLogTimeField(1, (x, t) => ({ mean: post(x, t) }), false),
  };
  return mix;
}
