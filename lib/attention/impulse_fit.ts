/**
 * Impulse-response fits (article, "why LRU > SLRU", and the ring initialisation): the impulse response of a
 * diagonal linear recurrence read by any linear readout is a combination of the powers of its eigenvalues —
 *   real λ_j = r_j (SLRU):      h(τ) = Σ_j c_j r_j^τ                    (sums of decaying exponentials);
 *   complex λ_j = r_j e^{iθ_j}:  h(τ) = Σ_j a_j Re λ_j^τ + b_j Im λ_j^τ   (damped sinusoids, Fourier-like).
 * Fitting a delayed impulse h(τ) = 1[τ = Δ] on τ = 0..L−1 by least squares over these features measures what the
 * eigenvalues can express. The solve is lib/core's SVD pseudo-inverse with a relative cutoff (real exponentials are
 * extremely ill-conditioned).
 * @module
 */
import { Matrix, pinvRcond, requireAllFinite, requireInt, requirePositive } from "../core/mod.ts";

/** The target 1[τ = Δ] on τ = 0..L−1. */
export function delayedImpulse(L: number, delta: number): Float64Array {
  requireInt("L", L, 1);
  requireInt("delta", delta, 0, L - 1);
  const h = new Float64Array(L);
  h[delta] = 1;
  return h;
}

/**
 * The L×N feature matrix of a recurrence's impulse response: "real" — columns r_j^τ (one per modulus);
 * "complex" — columns Re λ_j^τ and Im λ_j^τ with λ_j = r_j e^{iθ_j} (two per eigenvalue, so N/2 complex eigenvalues
 * cost the same N real state units as N real ones). Powers in polar form r^τ·(cos τθ, sin τθ).
 */
export function impulseFeatures(
  kind: "real" | "complex",
  r: Float64Array,
  L: number,
  theta?: Float64Array,
): Matrix {
  requireInt("L", L, 1);
  if (!(r instanceof Float64Array) || r.length === 0) {
    throw new TypeError("r must be a non-empty Float64Array");
  }
  requireAllFinite("r", r);
  r.forEach((v, j) => {
    if (v < 0 || v > 1) throw new RangeError(`r[${j}] must be in [0, 1], got ${v}`);
  });
  if (kind === "real") {
    return new Matrix(Array.from({ length: L }, (_, t) => Array.from(r, (v) => Math.pow(v, t))));
  }
  if (kind !== "complex") {
    throw new TypeError(`kind must be "real" or "complex", got ${JSON.stringify(kind)}`);
  }
  if (!(theta instanceof Float64Array) || theta.length !== r.length) {
    throw new RangeError(`theta must be a Float64Array of length ${r.length} for complex features`);
  }
  requireAllFinite("theta", theta);
  return new Matrix(Array.from({ length: L }, (_, t) => {
    const row: number[] = [];
    r.forEach((v, j) => {
      const m = Math.pow(v, t);
      row.push(m * Math.cos(t * theta[j]), m * Math.sin(t * theta[j]));
    });
    return row;
  }));
}

/**
 * Least squares h ≈ F·c with c = F⁺h (SVD pseudo-inverse, singular values below rcond·σ_max dropped): the
 * coefficients, the fitted response and the residual sum of squares ‖h − F c‖².
 */
export function impulseFit(
  features: Matrix,
  target: Float64Array,
  rcond = 1e-10,
): { coef: Float64Array; fitted: Float64Array; sse: number } {
  if (!Matrix.isMatrix(features)) throw new TypeError("features must be an ml-matrix Matrix");
  if (!(target instanceof Float64Array) || target.length !== features.rows) {
    throw new RangeError(`target must be a Float64Array of length ${features.rows}`);
  }
  requireAllFinite("target", target);
  requirePositive("rcond", rcond, true);
  const coef = Float64Array.from(
    pinvRcond(features, rcond).mmul(Matrix.columnVector(Array.from(target))).getColumn(0),
  );
  const fitted = Float64Array.from(features.mmul(Matrix.columnVector(Array.from(coef))).getColumn(0));
  let sse = 0;
  for (let i = 0; i < target.length; i++) sse += (target[i] - fitted[i]) ** 2;
  return { coef, fitted, sse };
}
