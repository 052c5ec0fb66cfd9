/**
 * Article 21's bound of W₂ by score matching for probability-flow ODEs (its own proof, steps 5–8):
 *
 *   W₂[p₀, q₀] ≤ ∫₀ᵀ ½g_t² I_t (E_{p_t}‖∇log p_t − s_θ‖²)^{1/2} dt + I_T W₂[p_T, q_T],   I_t = exp ∫₀ᵗ L_s ds,
 *
 * where L_t is a one-sided constant of the model's ODE field g_t. Because the proof runs backwards in time (from T to
 * 0), the constant it needs is that of the reverse-time field, L_t ≥ sup −(g_t(x) − g_t(y))·(x − y)/‖x − y‖²; in 1-D
 * L^rev_t = sup_x(−∂ₓg_t). A two-sided Lipschitz constant sup|∂ₓg_t| is always safe (looser); the forward one-sided
 * constant sup ∂ₓg_t — the sign the article's one-sided Lipschitz condition gives — is not: it can make the "bound"
 * fall below W₂ when the forward field contracts. Quadrature: trapezoid rule on the caller's time grid. Float64.
 * @module
 */
import { requireAllFinite, requirePositive } from "../../core/mod.ts";
import { trapezoid } from "../../numerics/mod.ts";

/** The three constants of a 1-D field from its slopes ∂ₓg_t on a grid of x. */
export interface OneSidedConstants {
  /** sup(−∂ₓg): the constant the backward-in-time proof needs (tight). */
  rev: number;
  /** sup ∂ₓg: the forward one-sided constant (the article's sign; not safe for the backward proof). */
  fwd: number;
  /** sup|∂ₓg|: the two-sided Lipschitz constant (always safe, looser). */
  lip: number;
}

/** {@link OneSidedConstants} from the slopes ∂ₓg_t(x_j) of a 1-D field sampled on a grid (article 21, step 10). */
export function oneSidedConstants1d(slopes: ArrayLike<number>): OneSidedConstants {
  if (!slopes || slopes.length === 0) throw new RangeError("slopes must be a non-empty array of numbers");
  requireAllFinite("slopes", slopes);
  let rev = -Infinity, fwd = -Infinity;
  for (let i = 0; i < slopes.length; i++) {
    rev = Math.max(rev, -slopes[i]);
    fwd = Math.max(fwd, slopes[i]);
  }
  return { rev, fwd, lip: Math.max(rev, fwd) };
}

/** Inputs of {@link w2OdeBound}, sampled on one increasing time grid from 0 to T. */
export interface W2BoundInput {
  /** Increasing times t₀ = 0 < … < T. */
  times: ArrayLike<number>;
  /** (E_{p_t}‖∇log p_t − s_θ‖²)^{1/2} at each time. */
  smRoot: ArrayLike<number>;
  /** g_t² at each time (the factor ½g_t² turns a score error into a field error). */
  g2: ArrayLike<number>;
  /** The one-sided constant L_t at each time (see the module doc for which one is legitimate). */
  L: ArrayLike<number>;
  /** W₂[p_T, q_T] when the two ODEs start from different laws (default 0: the same start). */
  w2T?: number;
}

/** The bound, its weight I_t and the integrand ½g_t² I_t √SM_t on the grid. */
export interface W2Bound {
  bound: number;
  /** The part from the prior mismatch, I_T·W₂[p_T, q_T]. */
  priorTerm: number;
  I: Float64Array;
  integrand: Float64Array;
}

/**
 * Article 21's bound (steps 6–8): ∫₀ᵀ ½g_t² I_t √SM_t dt + I_T W₂[p_T, q_T] with I_t = exp ∫₀ᵗ L_s ds, both integrals
 * by the trapezoid rule on the given grid.
 */
export function w2OdeBound(input: W2BoundInput): W2Bound {
  if (!input || typeof input !== "object") throw new TypeError("input must be a W2BoundInput");
  const { times, smRoot, g2, L } = input;
  const n = times?.length ?? 0;
  if (n < 2) throw new RangeError(`input.times must have at least 2 points, got ${n}`);
  for (const [name, v] of [["smRoot", smRoot], ["g2", g2], ["L", L]] as const) {
    if (!v || v.length !== n) throw new RangeError(`input.${name} must have ${n} values, got ${v?.length}`);
    requireAllFinite(`input.${name}`, v);
  }
  requireAllFinite("input.times", times);
  for (let i = 0; i < n; i++) {
    requirePositive(`input.smRoot[${i}]`, smRoot[i], true);
    requirePositive(`input.g2[${i}]`, g2[i], true);
    if (i > 0 && !(times[i] > times[i - 1])) {
      throw new RangeError(`input.times must be increasing, got ${times[i - 1]}, ${times[i]} at ${i}`);
    }
  }
  const w2T = requirePositive("input.w2T", input.w2T ?? 0, true);
  const I = new Float64Array(n), integrand = new Float64Array(n);
  let cum = 0;
  I[0] = 1;
  for (let i = 1; i < n; i++) {
    cum += 0.5 * (times[i] - times[i - 1]) * (L[i] + L[i - 1]);
    I[i] = Math.exp(cum);
  }
  for (let i = 0; i < n; i++) integrand[i] = 0.5 * g2[i] * I[i] * smRoot[i];
  const priorTerm = I[n - 1] * w2T;
  return { bound: trapezoid(times, integrand) + priorTerm, priorTerm, I, integrand };
}
