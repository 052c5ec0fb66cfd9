/**
 * Score matching (SM) and conditional (denoising) score matching (CSM) as Monte Carlo losses, float64 (article 23,
 * "score matching = conditional score matching"; article 21 uses the same two losses).
 *
 *   L_SM  = E_{x_t ~ p_t} ‖∇log p_t(x_t) − s(x_t)‖²,
 *   L_CSM = E_{x₀, ε} ‖∇log p_t(x_t | x₀) − s(x_t)‖²,   x_t = a x₀ + b ε,  ∇log p_t(x_t | x₀) = −ε / b.
 *
 * Evaluated on the same pairs (x₀, ε) (common random numbers), the per-sample difference
 * c_i = ‖−ε_i/b − s(x_i)‖² − ‖∇log p_t(x_i) − s(x_i)‖² has mean Δ_t = E‖ε‖²/b² − J(p_t) whatever s is (article 23,
 * eq. for L_CSM − L_SM): the estimates here let a notebook check that independently of the closed form of Δ_t
 * (gmm_fisher.ts). Squared norms are summed over the d coordinates (not averaged).
 * @module
 */
import { mean, requireInt, requirePositive, stdError } from "../../core/mod.ts";
import type { Points } from "../schedule/mod.ts";
import type { McEstimate } from "./gmm.ts";

/** A score model or a true score: n×d points → n×d vectors. */
export type ScoreFn = (x: Points) => Points;

/** Per-sample values of the two losses and their difference, on common samples. */
export interface ScoreLossSamples {
  /** ‖∇log p_t(x_i) − s(x_i)‖² per sample. */
  sm: Float64Array;
  /** ‖−ε_i/b − s(x_i)‖² per sample. */
  csm: Float64Array;
  /** csm − sm per sample: the c_i whose mean is the model-free constant Δ_t. */
  gap: Float64Array;
}

function call(name: string, f: ScoreFn, x: Points): Points {
  const y = f(x);
  if (!(y instanceof Float64Array) || y.length !== x.length) {
    throw new TypeError(`${name} must return a Float64Array of length ${x.length}, got ${y?.length}`);
  }
  return y;
}

function rows(name: string, x: unknown, d: number): number {
  if (!(x instanceof Float64Array) || x.length === 0 || x.length % d !== 0) {
    throw new RangeError(`${name} must be a non-empty Float64Array of whole rows of d=${d}`);
  }
  return x.length / d;
}

/** Validates (model, xt, eps, b, d) of the pair-based losses; returns the row count. */
function checkPairs(model: ScoreFn, xt: Points, eps: Points, b: number, d: number): number {
  requireInt("d", d, 1);
  if (typeof model !== "function") throw new TypeError("model must be a function (x) => scores");
  const n = rows("xt", xt, d);
  if (!(eps instanceof Float64Array) || eps.length !== xt.length) {
    throw new RangeError(`eps must be a Float64Array of the same length as xt (${xt.length})`);
  }
  requirePositive("b", b);
  return n;
}

function estimate(v: Float64Array): McEstimate {
  return { mean: mean(v), stdError: stdError(v), n: v.length };
}

/**
 * Per-sample SM and CSM losses of `model` at the noisy points xt = a·x₀ + b·ε (n×d), with the true score `score` and
 * the noise ε that made xt (article 23, steps 1, 3 and 7).
 */
export function scoreLossSamples(
  model: ScoreFn,
  score: ScoreFn,
  xt: Points,
  eps: Points,
  b: number,
  d: number,
): ScoreLossSamples {
  const n = checkPairs(model, xt, eps, b, d);
  if (typeof score !== "function") throw new TypeError("score must be a function (x) => scores");
  const s = call("model", model, xt), g = call("score", score, xt);
  const sm = new Float64Array(n), csm = new Float64Array(n), gap = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let a1 = 0, a2 = 0;
    for (let q = 0; q < d; q++) {
      const k = i * d + q;
      a1 += (g[k] - s[k]) ** 2;
      a2 += (-eps[k] / b - s[k]) ** 2;
    }
    sm[i] = a1;
    csm[i] = a2;
    gap[i] = a2 - a1;
  }
  return { sm, csm, gap };
}

/** L_SM = E_{p_t}‖∇log p_t − s‖² by Monte Carlo over the points xs ~ p_t (n×d), with its standard error. */
export function mcScoreMatching(model: ScoreFn, score: ScoreFn, xs: Points, d: number): McEstimate {
  requireInt("d", d, 1);
  if (typeof model !== "function") throw new TypeError("model must be a function (x) => scores");
  if (typeof score !== "function") throw new TypeError("score must be a function (x) => scores");
  const n = rows("xs", xs, d);
  const s = call("model", model, xs), g = call("score", score, xs);
  const per = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let a = 0;
    for (let q = 0; q < d; q++) a += (g[i * d + q] - s[i * d + q]) ** 2;
    per[i] = a;
  }
  return estimate(per);
}

/**
 * L_CSM = E_{x₀, ε}‖−ε/b − s(a x₀ + b ε)‖² by Monte Carlo over the pairs that made xt (n×d), with its standard error
 * (unbiased: the target −ε/b is known exactly for every pair).
 */
export function mcConditionalScoreMatching(
  model: ScoreFn,
  xt: Points,
  eps: Points,
  b: number,
  d: number,
): McEstimate {
  const n = checkPairs(model, xt, eps, b, d);
  const s = call("model", model, xt);
  const per = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let a = 0;
    for (let q = 0; q < d; q++) a += (-eps[i * d + q] / b - s[i * d + q]) ** 2;
    per[i] = a;
  }
  return estimate(per);
}

/**
 * Mean and standard error of per-sample Monte Carlo values (e.g. the gaps c_i of {@link scoreLossSamples}, or the
 * test-function values of the weak form).
 */
export function mcMean(values: ArrayLike<number>): McEstimate {
  if (!values || typeof values.length !== "number" || values.length < 2) {
    throw new RangeError(`values must hold at least 2 samples, got ${values?.length}`);
  }
  return { mean: mean(values), stdError: stdError(values), n: values.length };
}
