/**
 * PFGM's augmented field and ODE (kexue.fm/archives/9305 steps 4–5; Xu et al., NeurIPS 2022). Data x_i ∈ R^d sit on
 * the plane t = 0 of R^{d+1}; their field (gravity in d + 1 dimensions, weights 1/N) is
 *   F(x, t) = −(1/S_{d+1}(1)) (1/N) Σ_i (x − x_i, t) / R_i^{d+1},   R_i² = ‖x − x_i‖² + t²,
 * and following its lines, dx/dt = F_x/F_t. Writing w_i ∝ R_i^{−(d+1)} (normalised) and x̂₀ = Σ w_i x_i,
 *   F_x/F_t = (x − x̂₀)/t,   i.e. in s = log t:  dx/ds = x − x̂₀(x, e^s),
 * a bounded field that is easy to integrate, with divergence d − tr ∂x̂₀/∂x and
 *   tr ∂x̂₀/∂x = −(d+1) Σ_i w_i (x_i − x̂₀)·(x − x_i)/R_i².
 * The flux of F through the plane at height t gives the density there: p_t(x) = −2F_t(x, t) = (1/N) Σ_i P_t(x − x_i)
 * with the Poisson kernel P_t(y) = (2/S_{d+1}(1)) t/(‖y‖² + t²)^{(d+1)/2} (a Cauchy law of scale t for d = 1), and
 * ∇·F = 0 is the continuity equation ∂_t p_t + ∇_x·(p_t F_x/F_t) = 0: the ODE carries p_T to p_t exactly.
 * Weights are computed relative to the nearest data point (no under/overflow). Float64.
 * @module
 */
import { requireAllFinite, requireFinite, requireInt, requirePositive } from "../../core/mod.ts";
import type { StepRule } from "../reverse/mod.ts";
import type { Points } from "../oracle/mod.ts";
import type { Field } from "./field.ts";
import { unitSphereArea } from "./gravity.ts";

function checkData(data: unknown, d: number): number {
  requireInt("d", d, 1);
  if (!(data instanceof Float64Array) || data.length === 0 || data.length % d !== 0) {
    throw new RangeError(`data must be a non-empty Float64Array of whole rows of ${d}`);
  }
  requireAllFinite("data", data);
  return data.length / d;
}

function checkX(x: unknown, d: number): number {
  if (!(x instanceof Float64Array) || x.length % d !== 0) {
    throw new RangeError(`x must be a Float64Array of whole rows of ${d}`);
  }
  requireAllFinite("x", x);
  return x.length / d;
}

/**
 * For each row of x at height t > 0: x̂₀ = Σ_i w_i x_i with w_i ∝ (‖x − x_i‖² + t²)^{−(d+1)/2}, and (unless `withTrace`
 * is false) tr ∂x̂₀/∂x. Returns { mean (n×d), trace (n; zeros when not asked for) }.
 */
export function pfgmPosterior(
  data: Points,
  d: number,
  x: Points,
  t: number,
  withTrace = true,
): { mean: Float64Array; trace: Float64Array } {
  const N = checkData(data, d), n = checkX(x, d);
  requirePositive("t", t);
  const mean = new Float64Array(n * d), trace = new Float64Array(n);
  const r2 = new Float64Array(N), w = new Float64Array(N), p = (d + 1) / 2, t2 = t * t;
  for (let i = 0; i < n; i++) {
    let rMin = Infinity;
    for (let j = 0; j < N; j++) {
      let s = t2;
      for (let q = 0; q < d; q++) s += (x[i * d + q] - data[j * d + q]) ** 2;
      r2[j] = s;
      if (s < rMin) rMin = s;
    }
    let sw = 0;
    for (let j = 0; j < N; j++) {
      const u = rMin / r2[j];
      w[j] = p === 1 ? u : p === 1.5 ? u * Math.sqrt(u) : Math.pow(u, p);
      sw += w[j];
    }
    for (let j = 0; j < N; j++) {
      w[j] /= sw;
      for (let q = 0; q < d; q++) mean[i * d + q] += w[j] * data[j * d + q];
    }
    if (!withTrace) continue;
    let tr = 0;
    for (let j = 0; j < N; j++) {
      let dot = 0;
      for (let q = 0; q < d; q++) {
        dot += (data[j * d + q] - mean[i * d + q]) * (x[i * d + q] - data[j * d + q]);
      }
      tr += (w[j] * dot) / r2[j];
    }
    trace[i] = -(d + 1) * tr;
  }
  return { mean, trace };
}

/**
 * The field in log-time of a scale family: v(x, s) = x − x̂₀(x, e^s), with divergence d − tr ∂x̂₀/∂x when `trace` is
 * given (with `exactDivergence = false` the field has no divergence of its own and {@link transport} differentiates it
 * numerically). PFGM's ODE is this with {@link pfgmPosterior}; the kernel mixtures' ODE (kernel_mixture.ts) with their
 * posterior mean; the Gaussian-noise (variance-exploding, σ_t = t) probability-flow
 * ODE is this with the Gaussian posterior mean of the data.
 */
export function posteriorLogTimeField(
  dim: number,
  posterior: (x: Points, t: number, withTrace: boolean) => { mean: Float64Array; trace?: Float64Array },
  exactDivergence = true,
): Field {
  requireInt("dim", dim, 1);
  if (typeof posterior !== "function") throw new TypeError("posterior must be a function (x, t) => { mean }");
  const velocity = (x: Points, s: number): Float64Array => {
    const { mean } = posterior(x, Math.exp(requireFinite("s", s)), false);
    return x.map((v, i) => v - mean[i]);
  };
  if (!exactDivergence) return { dim, velocity };
  return {
    dim,
    velocity,
    divergence: (x, s) => {
      const { trace } = posterior(x, Math.exp(requireFinite("s", s)), true);
      if (!trace) throw new TypeError("posterior gives no trace: no exact divergence");
      return trace.map((tr) => dim - tr);
    },
  };
}

/** PFGM's ODE of the data points (row-major N×d) in s = log t: {@link posteriorLogTimeField} of {@link pfgmPosterior}. */
export function pfgmField(data: Points, d: number): Field {
  checkData(data, d);
  return posteriorLogTimeField(d, (x, t, withTrace) => pfgmPosterior(data, d, x, t, withTrace));
}

/**
 * The augmented field (F_x, F_t) of the data at points (x, t) (t may differ per row), in the article's normalisation
 * with weights 1/N: the (d+1)-dimensional field of one unit of mass spread over the data. Computed in log scale
 * relative to the nearest data point; `fx` is n×d, `ft` n.
 */
export function poissonField(
  data: Points,
  d: number,
  x: Points,
  t: number | Float64Array,
): { fx: Float64Array; ft: Float64Array } {
  const N = checkData(data, d), n = checkX(x, d);
  if (typeof t !== "number" && (!(t instanceof Float64Array) || t.length !== n)) {
    throw new RangeError(`t must be a number or a Float64Array of length ${n}`);
  }
  const fx = new Float64Array(n * d), ft = new Float64Array(n);
  const c = 1 / (N * unitSphereArea(d + 1)), p = (d + 1) / 2, r2 = new Float64Array(N);
  for (let i = 0; i < n; i++) {
    const ti = typeof t === "number" ? t : t[i];
    requirePositive(`t`, ti);
    let rMin = Infinity;
    for (let j = 0; j < N; j++) {
      let s = ti * ti;
      for (let q = 0; q < d; q++) s += (x[i * d + q] - data[j * d + q]) ** 2;
      r2[j] = s;
      if (s < rMin) rMin = s;
    }
    const scale = c * Math.pow(rMin, -p);
    let sft = 0;
    for (let j = 0; j < N; j++) {
      const w = Math.pow(rMin / r2[j], p);
      for (let q = 0; q < d; q++) fx[i * d + q] -= w * (x[i * d + q] - data[j * d + q]);
      sft -= w * ti;
    }
    for (let q = 0; q < d; q++) fx[i * d + q] *= scale;
    ft[i] = sft * scale;
  }
  return { fx, ft };
}

/**
 * log p_t(x) of the data smoothed by the Poisson kernel of height t (the exact law of PFGM's ODE at height t):
 * p_t(x) = (1/N) Σ_i (2/S_{d+1}(1)) t/(‖x − x_i‖² + t²)^{(d+1)/2}, one value per row (log-sum-exp stable).
 */
export function poissonKernelLogPdf(data: Points, d: number, x: Points, t: number): Float64Array {
  const N = checkData(data, d), n = checkX(x, d);
  requirePositive("t", t);
  const logC = Math.log(2 / unitSphereArea(d + 1)) + Math.log(t) - Math.log(N), p = (d + 1) / 2;
  const out = new Float64Array(n), l = new Float64Array(N);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let j = 0; j < N; j++) {
      let s = t * t;
      for (let q = 0; q < d; q++) s += (x[i * d + q] - data[j * d + q]) ** 2;
      l[j] = -p * Math.log(s);
      if (l[j] > m) m = l[j];
    }
    let acc = 0;
    for (let j = 0; j < N; j++) acc += Math.exp(l[j] - m);
    out[i] = logC + m + Math.log(acc);
  }
  return out;
}

/** The CDF of the 1-D data smoothed by the Cauchy kernel of scale t: (1/N) Σ_i (½ + arctan((x − x_i)/t)/π). */
export function cauchyMixtureCdf(data: ArrayLike<number>, t: number): (x: number) => number {
  const pts = Float64Array.from(data);
  checkData(pts, 1);
  requirePositive("t", t);
  return (x) => {
    requireFinite("x", x);
    let s = 0;
    for (const xi of pts) s += 0.5 + Math.atan((x - xi) / t) / Math.PI;
    return Math.min(1, Math.max(0, s / pts.length));
  };
}

/**
 * The exponential step of a scale-family ODE dx/dt = (x − x̂₀)/t, exact when x̂₀ is held fixed over the jump:
 * x_s = x̂₀ + (s/t)(x_t − x̂₀) (the DDIM-like step of the brief; DDIM's step for σ_t = t). A step rule of the one reverse
 * loop `runReverse` on a strictly decreasing grid of heights t > 0; `predict` gives x̂₀(x_t, t).
 */
export function expStepRule(
  predict: (x: Points, t: number) => ArrayLike<number> | Promise<ArrayLike<number>>,
): StepRule<Float64Array, ArrayLike<number>> {
  if (typeof predict !== "function") throw new TypeError("predict must be a function (x, t) => x̂₀");
  return {
    predict: (x, t) => predict(x, requirePositive("t", t)),
    step: (x, x0, { t, s }) => {
      if (!(s > 0)) throw new RangeError(`the grid must stay above 0, got s = ${s}`);
      if (x0.length !== x.length) throw new RangeError(`predict must return ${x.length} values`);
      const r = s / t;
      return x.map((v, i) => x0[i] + r * (v - x0[i]));
    },
  };
}

/** n + 1 heights T = t_0 > … > t_n = ε, equally spaced in log t (the grid of {@link expStepRule}). */
export function geometricGrid(T: number, eps: number, n: number): Float64Array {
  requirePositive("T", T);
  requirePositive("eps", eps);
  if (!(eps < T)) throw new RangeError(`eps must be < T, got eps=${eps}, T=${T}`);
  requireInt("n", n, 1);
  const out = Float64Array.from({ length: n + 1 }, (_, k) => T * Math.pow(eps / T, k / n));
  out[0] = T;
  out[n] = eps;
  return out;
}
