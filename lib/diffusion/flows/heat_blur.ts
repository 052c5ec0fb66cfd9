/**
 * The heat equation's closed-form solution for mixture data (article 09, "solving the heat equation by Fourier
 * transform"): ∂p/∂t = D_t ∇²p from p_0 = Σ_k w_k N(m_k, diag s_k²) is p_0 blurred by a Gaussian,
 * p_t = p_0 * N(0, σ_t² I) with σ_t² = 2∫_0^t D_s ds — again a mixture, with variances s_k² + σ_t². The mixture's
 * density and score come from the oracle's {@link GaussianMixture} at (a, b) = (1, σ_t); this module adds what the
 * ODE articles need beyond them: Δ log p (the divergence of the score, hence of the ODE field), the 1-D CDF (KS
 * against the exact marginal), the characteristic function φ_t(ω) = φ_0(ω) e^{−σ_t²ω²/2} and its sample
 * estimate, and the ODE field dx/dt = −σ_t σ̇_t ∇log p_t(x) with its exact divergence. Float64.
 * @module
 */
import {
  mean,
  normalCdf,
  requireAllFinite,
  requireFinite,
  requirePositive,
  stdError,
} from "../../core/mod.ts";
import type { GaussianMixture } from "../oracle/mod.ts";
import type { Points } from "../schedule/mod.ts";
import { type Field, pfOdeField } from "./field.ts";

function requireMixture(gmm: unknown): GaussianMixture {
  const g = gmm as GaussianMixture | null;
  if (!g || typeof g !== "object" || typeof g.responsibilities !== "function" || typeof g.d !== "number") {
    throw new TypeError("gmm must be a GaussianMixture");
  }
  return g;
}

function requireRows(x: unknown, d: number): Points {
  if (!(x instanceof Float64Array) || x.length % d !== 0) {
    throw new RangeError(
      `x must be a Float64Array of whole rows of ${d}, got length ${(x as Points)?.length}`,
    );
  }
  requireAllFinite("x", x);
  return x;
}

/**
 * Δ log p(x) (the score's divergence) of x = a·x₀ + b·ε with x₀ from the mixture: with v_kq = a²s_kq² + b²,
 * u_kq = (a m_kq − x_q)/v_kq and responsibilities r_k, Δp/p = Σ_k r_k Σ_q (u_kq² − 1/v_kq) and
 * Δ log p = Δp/p − ‖∇log p‖² (one value per row). The divergence of the heat-flow field (article 09, step 9).
 */
export function mixtureLogLaplacian(gmm: GaussianMixture, x: Points, a: number, b: number): Float64Array {
  requireMixture(gmm);
  const { d, k } = gmm;
  requireRows(x, d);
  requireFinite("a", a);
  requirePositive("b", b, true);
  const n = x.length / d, resp = gmm.responsibilities(x, a, b), out = new Float64Array(n);
  const v = new Float64Array(k * d);
  for (let j = 0; j < k; j++) {
    for (let q = 0; q < d; q++) v[j * d + q] = a * a * gmm.componentVar(j, q) + b * b;
  }
  const score = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    score.fill(0);
    let lapOverP = 0;
    for (let j = 0; j < k; j++) {
      const r = resp[i * k + j];
      for (let q = 0; q < d; q++) {
        const vq = v[j * d + q], u = (a * gmm.means[j * d + q] - x[i * d + q]) / vq;
        score[q] += r * u;
        lapOverP += r * (u * u - 1 / vq);
      }
    }
    let s2 = 0;
    for (let q = 0; q < d; q++) s2 += score[q] * score[q];
    out[i] = lapOverP - s2;
  }
  return out;
}

/** The CDF P(X ≤ x) of a 1-D mixture blurred to x = a·x₀ + b·ε: Σ_k w_k Φ((x − a m_k)/√(a²s_k² + b²)). */
export function mixtureCdf1d(gmm: GaussianMixture, x: number, a = 1, b = 0): number {
  requireMixture(gmm);
  if (gmm.d !== 1) throw new RangeError(`gmm must be 1-D, got d = ${gmm.d}`);
  requireFinite("x", x);
  requireFinite("a", a);
  requirePositive("b", b, true);
  let c = 0;
  for (let j = 0; j < gmm.k; j++) {
    const sd = Math.sqrt(a * a * gmm.componentVar(j, 0) + b * b);
    if (!(sd > 0)) throw new RangeError(`component ${j} has zero variance at a = ${a}, b = ${b}`);
    c += gmm.weights[j] * normalCdf((x - a * gmm.means[j]) / sd);
  }
  return Math.min(1, Math.max(0, c));
}

/** A complex number as its real and imaginary parts. */
export interface Complex {
  re: number;
  im: number;
}

/**
 * The characteristic function E e^{iωX} of a 1-D mixture blurred by N(0, σ²) (article 09, the Fourier solution of the
 * heat equation): φ_σ(ω) = e^{−σ²ω²/2} Σ_k w_k e^{iωm_k − s_k²ω²/2}.
 */
export function mixtureCharFn1d(gmm: GaussianMixture, omega: number, sigma = 0): Complex {
  requireMixture(gmm);
  if (gmm.d !== 1) throw new RangeError(`gmm must be 1-D, got d = ${gmm.d}`);
  requireFinite("omega", omega);
  requirePositive("sigma", sigma, true);
  let re = 0, im = 0;
  for (let j = 0; j < gmm.k; j++) {
    const amp = gmm.weights[j] * Math.exp(-0.5 * (gmm.componentVar(j, 0) + sigma * sigma) * omega * omega);
    re += amp * Math.cos(omega * gmm.means[j]);
    im += amp * Math.sin(omega * gmm.means[j]);
  }
  return { re, im };
}

/** A sample estimate of a characteristic function: the means of cos ωx and sin ωx and their standard errors. */
export interface CharFnEstimate extends Complex {
  seRe: number;
  seIm: number;
}

/** The empirical characteristic function (1/n) Σ e^{iωx_i} of 1-D samples, with the standard error of each part. */
export function empiricalCharFn(samples: ArrayLike<number>, omega: number): CharFnEstimate {
  if (!samples || typeof samples.length !== "number" || samples.length < 2) {
    throw new RangeError("samples must hold at least 2 numbers");
  }
  requireAllFinite("samples", samples);
  requireFinite("omega", omega);
  const c = Float64Array.from(samples, (v) => Math.cos(omega * v));
  const s = Float64Array.from(samples, (v) => Math.sin(omega * v));
  return { re: mean(c), im: mean(s), seRe: stdError(c), seIm: stdError(s) };
}

/** The noise scale σ_t of the blur and its time derivative σ̇_t (σ_0 = 0, increasing: article 09, step 6). */
export interface BlurSchedule {
  sigma: (t: number) => number;
  dsigma: (t: number) => number;
}

/** The density p_t(x) = (p_0 * N(0, σ_t²I))(x) of the heat equation's solution, as a batch function of (x, t). */
export function blurredDensity(
  gmm: GaussianMixture,
  sched: BlurSchedule,
): (x: Points, t: number) => Float64Array {
  requireMixture(gmm);
  requireSchedule(sched);
  return (x, t) => gmm.logpdf(x, 1, sched.sigma(t)).map(Math.exp);
}

function requireSchedule(s: unknown): BlurSchedule {
  const b = s as BlurSchedule | null;
  if (!b || typeof b.sigma !== "function" || typeof b.dsigma !== "function") {
    throw new TypeError("sched must be a BlurSchedule { sigma(t), dsigma(t) }");
  }
  return b;
}

/**
 * The article's ODE dx/dt = −σ_t σ̇_t ∇log p_t(x) (article 09, step 6: f_t = −D_t ∇log p_t with D_t = σ_t σ̇_t), which
 * carries the mixture p_0 to its blur p_t; its divergence −σ_t σ̇_t Δlog p_t is exact (the log-density along a path,
 * step 9). It is the probability-flow ODE of dx = √(2σσ̇) dW, built with {@link pfOdeField}.
 */
export function blurFlowField(gmm: GaussianMixture, sched: BlurSchedule): Field {
  requireMixture(gmm);
  requireSchedule(sched);
  const sig = (t: number) => requirePositive("sigma(t)", sched.sigma(t), true);
  return pfOdeField({
    dim: gmm.d,
    g2: (t) => 2 * sig(t) * requireFinite("dsigma(t)", sched.dsigma(t)),
    score: (x, t) => gmm.score(x, 1, sig(t)),
    scoreDivergence: (x, t) => mixtureLogLaplacian(gmm, x, 1, sig(t)),
  });
}
