/**
 * The exact guided reverse step of a labelled Gaussian mixture (article 06, kexue.fm/archives/9257, steps 2–4): the
 * ground truth against which the coefficient of the mean shift μ(x_t) + c ∇log p(y|x_t) is tested.
 *
 * - {@link exactGuidedShift}: E[x_{t−1}|x_t, y] − E[x_{t−1}|x_t], both by joint-Gaussian conditioning of
 *   (x_{t−1}, x_t) per component of the class-y mixture and of the full mixture (`reverseMomentsDirect`): no score,
 *   no Tweedie formula, no classifier gradient enters.
 * - {@link tiltedReverseMean}: the mean of the article's guided step with scale γ, the exact reverse kernel tilted by
 *   the classifier, p(x_{t−1}|x_t) p(y|x_{t−1})^γ / Z (step 3, and step 4 with sim = log p(y|·)), by Gauss–Hermite
 *   quadrature over the kernel (a mixture of Gaussians, one per component). At γ = 1 it is E[x_{t−1}|x_t, y].
 * - {@link shiftCoefficient}: the least-squares coefficient c of a shift on a direction, and the relative residual.
 *
 * Points are row-major Float64Array n×d (d ≤ 3 for the quadrature); t ≥ 1 is a unit step t → t − 1. Float64.
 * @module
 */
import { requireAllFinite, requireFinite, requireInt } from "../../core/mod.ts";
import { gaussHermite } from "../../numerics/mod.ts";
import type { Points } from "./gmm.ts";
import { reverseMomentsDirect } from "./gmm_moments.ts";
import type { LabelledMixture } from "./labelled_gmm.ts";
import type { DiscreteSchedule } from "../schedule/mod.ts";
import { meanCoeffs } from "../schedule/mod.ts";

function checkInputs(lm: LabelledMixture, sched: DiscreteSchedule, x: Points, t: number, y: number): number {
  if (!lm || typeof lm.conditional !== "function") throw new TypeError("lm must be a LabelledMixture");
  if (!sched || !(sched.alphaBar instanceof Float64Array)) throw new TypeError("sched must be a schedule");
  if (!(x instanceof Float64Array) || x.length === 0 || x.length % lm.d !== 0) {
    throw new RangeError(`x must be a non-empty Float64Array of n×${lm.d} points, got length ${x?.length}`);
  }
  requireAllFinite("x", x);
  requireInt("t", t, 1, sched.T);
  requireInt("y", y, 0, lm.classes - 1);
  return x.length / lm.d;
}

/**
 * The exact conditional and unconditional reverse means of one unit step t → t − 1 and their difference, the exact
 * guidance shift E[x_{t−1}|x_t, y] − E[x_{t−1}|x_t] (row-major n×d each).
 */
export function exactGuidedShift(
  lm: LabelledMixture,
  sched: DiscreteSchedule,
  x: Points,
  t: number,
  y: number,
): { uncond: Points; cond: Points; shift: Points } {
  checkInputs(lm, sched, x, t, y);
  const coeffs = meanCoeffs(sched, t, t - 1, "ddpm"); // the Markov forward process: (x_0, x_t, x_{t−1}) Gaussian
  const uncond = reverseMomentsDirect(lm.mixture, sched, coeffs, x).mean;
  const cond = reverseMomentsDirect(lm.conditional(y), sched, coeffs, x).mean;
  return { uncond, cond, shift: cond.map((v, i) => v - uncond[i]) };
}

/**
 * The mean of the tilted reverse kernel p(x_{t−1}|x_t) p(y|x_{t−1})^γ / Z for each γ (one n×d array per γ). The
 * exact kernel is Σ_k r_k(x_t) N(c_k, diag τ_k²) with c_k = ᾱ_{t−1} m_k + (α_t v'_k/v_k)(x_t − ᾱ_t m_k),
 * τ_k² = v'_k β_t²/v_k, v_k = ᾱ_t² s_k² + β̄_t², v'_k = ᾱ_{t−1}² s_k² + β̄_{t−1}²; each Gaussian is integrated by a
 * product Gauss–Hermite rule with `nodes` points per dimension, p(y|x_{t−1}) being the noisy classifier at t − 1.
 */
export function tiltedReverseMean(
  lm: LabelledMixture,
  sched: DiscreteSchedule,
  x: Points,
  t: number,
  y: number,
  gammas: number[],
  nodes = 20,
): Points[] {
  const n = checkInputs(lm, sched, x, t, y);
  if (!Array.isArray(gammas) || gammas.length === 0) throw new TypeError("gammas must be a non-empty array");
  gammas.forEach((g, i) => requireFinite(`gammas[${i}]`, g));
  const d = lm.d, mix = lm.mixture, K = mix.k, C = lm.classes;
  if (d > 3) throw new RangeError(`the product quadrature needs d <= 3, got ${d}`);
  const gh = gaussHermite(nodes), Q = nodes ** d;
  // the product rule for E[f(Z)], Z ~ N(0, I_d): nodes (Q×d) and weights (summing to 1)
  const U = new Float64Array(Q * d), W = new Float64Array(Q);
  for (let j = 0; j < Q; j++) {
    let w = 1, r = j;
    for (let q = 0; q < d; q++) {
      const k = r % nodes;
      r = Math.floor(r / nodes);
      U[j * d + q] = gh.nodes[k];
      w *= gh.weights[k];
    }
    W[j] = w;
  }
  const at = sched.alphaBar[t], bt = sched.betaBar[t], as = sched.alphaBar[t - 1], bs = sched.betaBar[t - 1];
  const alpha = sched.alpha[t], beta2 = sched.beta[t] ** 2;
  const resp = mix.responsibilities(x, at, bt);
  const out = gammas.map(() => new Float64Array(n * d));
  const pts = new Float64Array(K * Q * d);
  const num = gammas.map(() => new Float64Array(d)), den = new Float64Array(gammas.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      for (let q = 0; q < d; q++) {
        const s2 = mix.componentVar(k, q), m = mix.means[k * d + q];
        const vt = at * at * s2 + bt * bt, vs = as * as * s2 + bs * bs;
        const c = as * m + ((alpha * vs) / vt) * (x[i * d + q] - at * m), tau = Math.sqrt((vs * beta2) / vt);
        for (let j = 0; j < Q; j++) pts[(k * Q + j) * d + q] = c + tau * U[j * d + q];
      }
    }
    const p = lm.classPosterior(pts, as, bs);
    let maxLog = -Infinity;
    const logp = new Float64Array(K * Q);
    for (let r = 0; r < K * Q; r++) {
      logp[r] = Math.log(p[r * C + y]);
      if (logp[r] > maxLog) maxLog = logp[r];
    }
    gammas.forEach((g, gi) => {
      num[gi].fill(0);
      den[gi] = 0;
      for (let k = 0; k < K; k++) {
        const rk = resp[i * K + k];
        if (rk === 0) continue;
        for (let j = 0; j < Q; j++) {
          const r = k * Q + j, w = rk * W[j] * Math.exp(g * (logp[r] - maxLog));
          den[gi] += w;
          for (let q = 0; q < d; q++) num[gi][q] += w * pts[r * d + q];
        }
      }
      for (let q = 0; q < d; q++) out[gi][i * d + q] = num[gi][q] / den[gi];
    });
  }
  return out;
}

/**
 * The least-squares coefficient c of `shift` on `direction` over all rows, c = ⟨shift, dir⟩/⟨dir, dir⟩, and the
 * relative residual ‖shift − c·dir‖/‖shift‖ (0 when the shift is exactly along the direction).
 */
export function shiftCoefficient(
  shift: ArrayLike<number>,
  direction: ArrayLike<number>,
): { coef: number; residual: number } {
  for (const [name, a] of [["shift", shift], ["direction", direction]] as const) {
    if (a === null || typeof a !== "object" || typeof a.length !== "number" || a.length === 0) {
      throw new TypeError(`${name} must be a non-empty array of numbers`);
    }
    requireAllFinite(name, a);
  }
  if (shift.length !== direction.length) {
    throw new RangeError(
      `shift and direction must have the same length, got ${shift.length} and ${direction.length}`,
    );
  }
  let sd = 0, dd = 0, ss = 0;
  for (let i = 0; i < shift.length; i++) {
    sd += shift[i] * direction[i];
    dd += direction[i] * direction[i];
    ss += shift[i] * shift[i];
  }
  if (!(dd > 0)) throw new RangeError("direction must not be zero");
  const coef = sd / dd;
  let rr = 0;
  for (let i = 0; i < shift.length; i++) rr += (shift[i] - coef * direction[i]) ** 2;
  return { coef, residual: ss > 0 ? Math.sqrt(rr / ss) : 0 };
}
