/**
 * Exact conditional moments of a Gaussian mixture pushed through the diffusion, the ground truth of the Analytic-DPM
 * notebooks (kexue.fm/archives/9245 and 9246): the optimal isotropic variance σ̄_t² = (1/d) E_{x_t} tr Cov[x_0|x_t]
 * (a Rao–Blackwellised Monte Carlo over x_t of the exact posterior variance), and the moments of the reverse
 * conditional p(x_s | x_t) of the DDIM family computed directly from the joint Gaussian of (x_s, x_t) per
 * component — an independent route to the article's Cov[x_s|x_t] = σ² I + γ² Cov[x_0|x_t]. Float64.
 * @module
 */
import { requireAllFinite, requireInt, type Rng } from "../../core/mod.ts";
import type { GaussianMixture, Points } from "./gmm.ts";
import type { DiscreteSchedule } from "../schedule/mod.ts";
import type { JumpCoeffs } from "../schedule/mod.ts";
import type { VarianceEstimate } from "./variance.ts";

/** {@link exactSigmaBar2}'s result: the isotropic value and the per-dimension ones. */
export interface ExactSigmaBar2 extends VarianceEstimate {
  /** (E_{x_t} Var[x_0|x_t])_q per dimension q. */
  perDim: Float64Array;
}

/**
 * σ̄² = (1/d) E_{x_t} tr Cov[x_0|x_t] for x_t = a x_0 + b ε (a = ᾱ_t, b = β̄_t > 0), by Monte Carlo over n draws of x_t
 * of the exact posterior variance of the mixture (article step 3). Also returns the per-dimension averages (brief
 * 05's diagonal σ̄²). The standard error is over rows of tr Cov/d.
 */
export function exactSigmaBar2(
  gmm: GaussianMixture,
  a: number,
  b: number,
  n: number,
  rng: Rng,
): ExactSigmaBar2 {
  requireInt("n", n, 2);
  const { d } = gmm;
  const x0 = gmm.sample(n, rng), e = rng.normals(n * d);
  const xt = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) xt[i] = a * x0[i] + b * e[i];
  const pv = gmm.posteriorVarX0(xt, a, b);
  const perDim = new Float64Array(d), per = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let q = 0; q < d; q++) {
      s += pv[i * d + q];
      perDim[q] += pv[i * d + q] / n;
    }
    per[i] = s / d;
  }
  let m = 0, v = 0;
  for (let i = 0; i < n; i++) m += per[i] / n;
  for (let i = 0; i < n; i++) v += (per[i] - m) ** 2;
  return { value: m, stdError: Math.sqrt(v / (n - 1) / n), n, perDim };
}

/**
 * The mean and per-dimension variance of p(x_s | x_t) when x_0 follows the mixture, x_t = ᾱ_t x_0 + β̄_t ε and
 * x_s = k x_t + γ x_0 + σ z (the DDIM family member given by `coeffs`). Per component the triple (x_0, x_t, x_s) is
 * Gaussian: Var x_s = (k²(ᾱ_t² s² + β̄_t²) + 2kγᾱ_t s² + γ² s² + σ²), Cov(x_s, x_t) = k(ᾱ_t² s² + β̄_t²) + γᾱ_t s²;
 * condition on x_t, then mix with the responsibilities of x_t. No use is made of the identities kᾱ_t + γ = ᾱ_s,
 * k²β̄_t² + σ² = β̄_s², so comparing with σ² + γ² Var[x_0|x_t] checks the article's step 2 independently.
 */
export function reverseMomentsDirect(
  gmm: GaussianMixture,
  sched: DiscreteSchedule,
  coeffs: JumpCoeffs,
  xt: Points,
): { mean: Points; variance: Points } {
  if (!(xt instanceof Float64Array) || xt.length % gmm.d !== 0 || xt.length === 0) {
    throw new RangeError(
      `xt must be a non-empty Float64Array of n×${gmm.d} points, got length ${xt?.length}`,
    );
  }
  requireAllFinite("xt", xt);
  const { t } = coeffs;
  const a = sched.alphaBar[t], b = sched.betaBar[t], { k, gamma: g, sigma2 } = coeffs;
  const { d } = gmm, K = gmm.k, n = xt.length / d;
  const resp = gmm.responsibilities(xt, a, b);
  const mean = new Float64Array(n * d), second = new Float64Array(n * d);
  for (let j = 0; j < K; j++) {
    for (let q = 0; q < d; q++) {
      const s2 = componentVar(gmm, j, q), m = gmm.means[j * d + q];
      const vt = a * a * s2 + b * b;
      const vs = k * k * vt + 2 * k * g * a * s2 + g * g * s2 + sigma2;
      const c = k * vt + g * a * s2;
      const condVar = vs - (c * c) / vt, gain = c / vt;
      const ms = (k * a + g) * m; // E[x_s | component] = k E[x_t] + γ m
      for (let i = 0; i < n; i++) {
        const r = resp[i * K + j];
        const mu = ms + gain * (xt[i * d + q] - a * m);
        mean[i * d + q] += r * mu;
        second[i * d + q] += r * (condVar + mu * mu);
      }
    }
  }
  const variance = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) variance[i] = Math.max(0, second[i] - mean[i] * mean[i]);
  return { mean, variance };
}

/**
 * The conditional law of the noise given x_t = a x_0 + b ε (b > 0), per coordinate: ε* = E[ε|x_t] and
 * Var[ε|x_t] = (a²/b²) Var[x_0|x_t] (since ε = (x_t − a x_0)/b). Row-major n×d.
 */
export function epsPosterior(
  gmm: GaussianMixture,
  xt: Points,
  a: number,
  b: number,
): { epsStar: Points; epsVar: Points } {
  if (!(b > 0)) throw new RangeError(`b must be > 0, got ${b}`);
  const epsVar = gmm.posteriorVarX0(xt, a, b);
  const c = (a * a) / (b * b);
  for (let i = 0; i < epsVar.length; i++) epsVar[i] *= c;
  return { epsStar: gmm.epsStar(xt, a, b), epsVar };
}

/**
 * The exact NPR target E[(ε − ε_θ)²|x_t] = Var[ε|x_t] + (ε* − ε_θ)² per coordinate (brief 05 step 5): what a head
 * regressing (ε − ε_θ)² on x_t converges to. `epsTheta` are the mean network's predictions at the same points.
 */
export function exactNprTarget(
  gmm: GaussianMixture,
  xt: Points,
  a: number,
  b: number,
  epsTheta: ArrayLike<number>,
): Points {
  if (!epsTheta || epsTheta.length !== xt.length) {
    throw new RangeError(
      `epsTheta must have one value per coordinate of xt (${xt.length}), got ${epsTheta?.length}`,
    );
  }
  requireAllFinite("epsTheta", epsTheta);
  const { epsStar, epsVar } = epsPosterior(gmm, xt, a, b);
  for (let i = 0; i < epsVar.length; i++) epsVar[i] += (epsStar[i] - epsTheta[i]) ** 2;
  return epsVar;
}

/** The exact SN target E[ε²|x_t] = Var[ε|x_t] + ε*² per coordinate (brief 05 step 6). */
export function exactSnTarget(gmm: GaussianMixture, xt: Points, a: number, b: number): Points {
  const { epsStar, epsVar } = epsPosterior(gmm, xt, a, b);
  for (let i = 0; i < epsVar.length; i++) epsVar[i] += epsStar[i] ** 2;
  return epsVar;
}

/** The variance of component j in dimension q. */
function componentVar(gmm: GaussianMixture, j: number, q: number): number {
  return gmm.componentVar(j, q);
}
