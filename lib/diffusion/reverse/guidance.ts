/**
 * Guidance of a diffusion sampler towards a condition y (article 06, kexue.fm/archives/9257), float64:
 * - the mean shift of classifier guidance, μ(x_t) → μ(x_t) + γ σ_t² ∇log p(y|x_t) (step 2 with scale γ, step 3);
 * - the ε-form, ε(x_t) → ε(x_t) − γ β̄_t ∇log p(y|x_t), valid for any sampler variance (step 5);
 * - the classifier-free combination ε̃ = (1 + w) ε(x_t, y) − w ε(x_t) (step 6);
 * - the "sharpened classifier" p̃ = p^γ / Z(x_t) and its gradient γ∇log p − ∇log Z (step 3, the article's objection);
 * - finite-difference input gradients, used to check the closed forms and for the denoise-then-classify variant.
 * The sampler hooks ({@link classifierEpsFn}, {@link meanShiftHook}, {@link cfgEpsFn}) plug into ddpmSample.
 * @module
 */
import { requireAllFinite, requireFinite, requireInt, requirePositive } from "../../core/mod.ts";
import type { Points } from "../oracle/mod.ts";
import type { MeanTransform } from "./reverse.ts";
import type { EpsFn } from "./sampler_common.ts";
import type { DiscreteSchedule } from "../schedule/mod.ts";

/** An input gradient (e.g. ∇ₓ log p(y|x_t)) on row-major float64 points at step t. */
export type GradFn = (x: Points, t: number) => ArrayLike<number> | Promise<ArrayLike<number>>;

function sameLength(names: [string, string], u: ArrayLike<number>, v: ArrayLike<number>): void {
  for (const [name, arr] of [[names[0], u], [names[1], v]] as const) {
    if (arr === null || typeof arr !== "object" || typeof arr.length !== "number") {
      throw new TypeError(`${name} must be an array of numbers, got ${String(arr)}`);
    }
  }
  if (u.length !== v.length) {
    throw new RangeError(
      `${names[0]} and ${names[1]} must have the same length, got ${u.length} and ${v.length}`,
    );
  }
}

/**
 * The guided mean of article 06 step 2 (scale γ, step 3): μ + γ σ_t² ∇log p(y|x_t), element-wise. σ_t² = 0 (DDIM)
 * leaves μ unchanged — the step-5 observation.
 */
export function meanShiftGuidance(
  mu: ArrayLike<number>,
  sigma2: number,
  grad: ArrayLike<number>,
  gamma: number,
): Float64Array {
  sameLength(["mu", "grad"], mu, grad);
  requirePositive("sigma2", sigma2, true);
  requireFinite("gamma", gamma);
  const out = new Float64Array(mu.length);
  for (let i = 0; i < mu.length; i++) out[i] = mu[i] + gamma * sigma2 * grad[i];
  return out;
}

/**
 * The ε-form of guidance, article 06 step 5: ε → ε − γ β̄_t ∇log p(y|x_t), element-wise. Since ε_θ = −β̄_t ∇log p_t,
 * at γ = 1 this replaces the score of p(x_t) by that of p(x_t|y) = p(x_t) p(y|x_t) / p(y).
 */
export function epsGuidance(
  eps: ArrayLike<number>,
  betaBar: number,
  grad: ArrayLike<number>,
  gamma: number,
): Float64Array {
  sameLength(["eps", "grad"], eps, grad);
  requirePositive("betaBar", betaBar, true);
  requireFinite("gamma", gamma);
  const out = new Float64Array(eps.length);
  for (let i = 0; i < eps.length; i++) out[i] = eps[i] - gamma * betaBar * grad[i];
  return out;
}

/** Classifier-free guidance, article 06 step 6: ε̃ = (1 + w) ε(x_t, y, t) − w ε(x_t, t), element-wise. */
export function cfgEps(epsCond: ArrayLike<number>, epsUncond: ArrayLike<number>, w: number): Float64Array {
  sameLength(["epsCond", "epsUncond"], epsCond, epsUncond);
  requireFinite("w", w);
  const out = new Float64Array(epsCond.length);
  for (let i = 0; i < epsCond.length; i++) out[i] = (1 + w) * epsCond[i] - w * epsUncond[i];
  return out;
}

/**
 * Central finite differences of a per-row scalar function f (n values for n rows of d) in every coordinate:
 * ∂f/∂x_q ≈ (f(x + h e_q) − f(x − h e_q)) / 2h, row-major n×d (2d calls of f). Error O(h²) plus round-off O(ε/h).
 */
export function fdGradient(f: (x: Points) => ArrayLike<number>, x: Points, d: number, h = 1e-5): Points {
  if (typeof f !== "function") throw new TypeError("f must be a function (x) => one value per row");
  if (!(x instanceof Float64Array)) throw new TypeError("x must be a Float64Array of n×d points");
  requireInt("d", d, 1);
  if (x.length % d !== 0) throw new RangeError(`x must have a length divisible by d=${d}, got ${x.length}`);
  requirePositive("h", h);
  const n = x.length / d, out = new Float64Array(x.length);
  for (let q = 0; q < d; q++) {
    const xp = Float64Array.from(x), xm = Float64Array.from(x);
    for (let i = 0; i < n; i++) {
      xp[i * d + q] += h;
      xm[i * d + q] -= h;
    }
    const fp = f(xp), fm = f(xm);
    if (fp.length !== n || fm.length !== n) {
      throw new RangeError(`f must return ${n} values, got ${fp.length}`);
    }
    for (let i = 0; i < n; i++) out[i * d + q] = (fp[i] - fm[i]) / (2 * h);
  }
  requireAllFinite("gradient", out);
  return out;
}

/** Reads C = probs.length / n classes from a row-major n×C probability table and checks it. */
function classCount(probs: ArrayLike<number>, n: number): number {
  if (n < 1 || probs.length % n !== 0 || probs.length === 0) {
    throw new RangeError(`probs must hold n×C values for n=${n} rows, got ${probs.length}`);
  }
  return probs.length / n;
}

/**
 * ∇ₓ log Z(x) of the sharpened classifier p̃(y|x) = p(y|x)^γ / Z(x), Z = Σ_y p(y|x)^γ (article 06 step 3), by
 * {@link fdGradient} of log Z computed from `probFn` (n×C class probabilities). Z ≡ 1 at γ = 1, so the gradient
 * vanishes there; for γ ≠ 1 it does not, which is why γ∇log p(y|x) is not the gradient of a sharpened classifier.
 */
export function sharpenedLogZGrad(
  probFn: (x: Points) => ArrayLike<number>,
  x: Points,
  d: number,
  gamma: number,
  h = 1e-5,
): Points {
  if (typeof probFn !== "function") throw new TypeError("probFn must be a function (x) => n×C probabilities");
  requireFinite("gamma", gamma);
  const logZ = (z: Points) => {
    const n = z.length / d, p = probFn(z), C = classCount(p, n), out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < C; c++) s += Math.pow(p[i * C + c], gamma);
      out[i] = Math.log(s);
    }
    return out;
  };
  return fdGradient(logZ, x, d, h);
}

/**
 * The gradient of the sharpened classifier in closed form (article 06 step 3):
 * ∇log p̃(y|x) = γ∇log p(y|x) − ∇log Z(x), with ∇log Z = γ Σ_c p̃(c|x) ∇log p(c|x). `probs` is n×C, `grads[c]` is
 * ∇log p(c|x) (n×d) for every class c. Returns both the sharpened gradient for `y` and ∇log Z.
 */
export function sharpenedClassifierGrad(
  probs: ArrayLike<number>,
  grads: ArrayLike<number>[],
  gamma: number,
  y: number,
): { grad: Float64Array; gradLogZ: Float64Array } {
  if (!Array.isArray(grads) || grads.length === 0) {
    throw new TypeError("grads must be one gradient per class");
  }
  const C = grads.length, len = grads[0].length;
  requireInt("y", y, 0, C - 1);
  requireFinite("gamma", gamma);
  grads.forEach((g, c) => sameLength(["grads[0]", `grads[${c}]`], grads[0], g));
  if (probs.length % C !== 0) throw new RangeError(`probs must hold n×${C} values, got ${probs.length}`);
  const n = probs.length / C;
  if (n === 0 || len % n !== 0) throw new RangeError(`grads must hold n×d values for n=${n}, got ${len}`);
  const d = len / n, gradLogZ = new Float64Array(len), grad = new Float64Array(len);
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let c = 0; c < C; c++) z += Math.pow(probs[i * C + c], gamma);
    for (let c = 0; c < C; c++) {
      const pt = Math.pow(probs[i * C + c], gamma) / z;
      for (let q = 0; q < d; q++) gradLogZ[i * d + q] += gamma * pt * grads[c][i * d + q];
    }
    for (let q = 0; q < d; q++) grad[i * d + q] = gamma * grads[y][i * d + q] - gradLogZ[i * d + q];
  }
  return { grad, gradLogZ };
}

/**
 * A noise predictor with ε-form classifier guidance (article 06 step 5): x, t ↦ ε(x, t) − γ β̄_t ∇log p(y|x_t).
 * Works with any sampler variance, σ_t = 0 included.
 */
export function classifierEpsFn(
  epsFn: EpsFn,
  gradFn: GradFn,
  schedule: DiscreteSchedule,
  gamma: number,
): EpsFn {
  if (typeof epsFn !== "function") throw new TypeError("epsFn must be a function (x, t) => eps");
  if (typeof gradFn !== "function") throw new TypeError("gradFn must be a function (x, t) => grad");
  if (!schedule || !(schedule.betaBar instanceof Float64Array)) {
    throw new TypeError("schedule must be a schedule");
  }
  requireFinite("gamma", gamma);
  return async (x, t) => {
    const e = await epsFn(x, t);
    if (gamma === 0) return e;
    return epsGuidance(e, schedule.betaBar[t], await gradFn(x, t), gamma);
  };
}

/**
 * The mean-shift hook of classifier guidance (article 06 steps 2–3) for ddpmSample's `meanTransform`:
 * μ ↦ μ + γ σ_t² ∇log p(y|x_t), the gradient taken at x_t.
 */
export function meanShiftHook(gradFn: GradFn, gamma: number): MeanTransform {
  if (typeof gradFn !== "function") throw new TypeError("gradFn must be a function (x, t) => grad");
  requireFinite("gamma", gamma);
  return async (mu, x, t, sigma) => {
    if (gamma === 0 || sigma === 0) return mu;
    return meanShiftGuidance(mu, sigma * sigma, await gradFn(x, t), gamma);
  };
}

/** A classifier-free guided noise predictor (article 06 step 6): x, t ↦ (1 + w) ε(x, y, t) − w ε(x, φ, t). */
export function cfgEpsFn(condFn: EpsFn, uncondFn: EpsFn, w: number): EpsFn {
  if (typeof condFn !== "function") throw new TypeError("condFn must be a function (x, t) => eps");
  if (typeof uncondFn !== "function") throw new TypeError("uncondFn must be a function (x, t) => eps");
  requireFinite("w", w);
  return async (x, t) => {
    const c = await condFn(x, t);
    if (w === 0) return c;
    return cfgEps(c, await uncondFn(x, t), w);
  };
}
