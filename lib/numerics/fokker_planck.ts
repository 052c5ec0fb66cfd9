/**
 * A 1-D Fokker–Planck (and heat-equation) grid solver in float64:
 *
 *   ∂p/∂t = −∂x[μ(x, t) p] + D(t) ∂²p/∂x²,
 *
 * on a uniform grid of cell centres with zero-flux walls, in conservative finite-volume form (the flux through each
 * cell face is μ·p̄ − D·∂p, with p̄ the face average), stepped by forward Euler with sub-steps inside the von Neumann
 * limits of that scheme, dt <= dx²/(2D) and dt <= 2D/max μ² (safety 0.45; D taken as its larger value at the two ends
 * of the step, so a D(t) that grows from 0 is resolved from the start). Mass is conserved to round-off. Pure
 * advection (D = 0 with a drift) is unstable in this scheme and is refused: transport without diffusion is an ODE
 * (use the method of characteristics). With μ = 0 it is the
 * heat equation of the diffusion-ODE articles (Gaussian blur); with μ = −x/2·β it is the OU process of the
 * forward SDE. Spatial error O(dx²).
 * @module
 */
import { requireAllFinite, requireFinite, requireInt, requirePositive } from "../core/mod.ts";

/** The grid and the coefficients of {@link solveFokkerPlanck1d}. */
export interface FokkerPlanck1dOptions {
  /** Left and right walls of the domain. */
  lo: number;
  hi: number;
  /** Number of cells. */
  cells: number;
  /** The drift μ(x, t). */
  drift: (x: number, t: number) => number;
  /** The diffusion coefficient D(t) >= 0 (for dx = μ dt + g dW, D = g²/2). */
  diffusion: (t: number) => number;
}

/** The state on the grid at the requested times. */
export interface FokkerPlanck1dResult {
  /** Cell centres. */
  x: Float64Array;
  /** The output times (t0 first). */
  t: number[];
  /** The density at each output time (p[0] is the initial density). */
  p: Float64Array[];
  /** Sub-steps taken in all. */
  steps: number;
}

/** Cell centres of a uniform grid of `cells` cells on [lo, hi]. */
export function cellCentres(lo: number, hi: number, cells: number): Float64Array {
  requireFinite("lo", lo);
  requireFinite("hi", hi);
  if (!(hi > lo)) throw new RangeError(`hi must be > lo, got lo = ${lo}, hi = ${hi}`);
  requireInt("cells", cells, 3);
  const dx = (hi - lo) / cells;
  return Float64Array.from({ length: cells }, (_v, i) => lo + (i + 0.5) * dx);
}

/**
 * Evolves the density p0 (values at the cell centres of {@link cellCentres}) from t0 through each time of `times`
 * (increasing). Returns the density at each; throws if a coefficient is not finite or D < 0.
 */
export function solveFokkerPlanck1d(
  o: FokkerPlanck1dOptions,
  p0: ArrayLike<number>,
  t0: number,
  times: readonly number[],
): FokkerPlanck1dResult {
  if (!o || typeof o.drift !== "function" || typeof o.diffusion !== "function") {
    throw new TypeError("options need drift(x, t) and diffusion(t) functions");
  }
  const x = cellCentres(o.lo, o.hi, o.cells);
  const n = o.cells, dx = (o.hi - o.lo) / n;
  if (p0.length !== n) throw new RangeError(`p0 must have ${n} values (one per cell), got ${p0.length}`);
  requireAllFinite("p0", p0);
  requireFinite("t0", t0);
  if (!Array.isArray(times) || times.length === 0) throw new RangeError("times must be a non-empty array");
  times.forEach((t, i) => {
    requireFinite(`times[${i}]`, t);
    if (t <= (i === 0 ? t0 : times[i - 1])) {
      throw new RangeError(`times must increase from t0, got ${t} at ${i}`);
    }
  });
  const faces = Float64Array.from({ length: n - 1 }, (_v, i) => o.lo + (i + 1) * dx);
  let p = Float64Array.from(p0), t = t0, steps = 0;
  const out = [Float64Array.from(p)];
  const flux = new Float64Array(n - 1), mu = new Float64Array(n - 1);
  const diffusionAt = (time: number): number => {
    const D = o.diffusion(time);
    if (!Number.isFinite(D)) throw new RangeError(`diffusion(${time}) must be finite, got ${D}`);
    if (D < 0) throw new RangeError(`diffusion(${time}) must be >= 0, got ${D}`);
    return D;
  };
  for (const tEnd of times) {
    while (t < tEnd) {
      const D = diffusionAt(t);
      let muMax = 0;
      for (let i = 0; i < n - 1; i++) {
        const m = o.drift(faces[i], t);
        if (!Number.isFinite(m)) throw new RangeError(`drift(${faces[i]}, ${t}) must be finite, got ${m}`);
        mu[i] = m;
        muMax = Math.max(muMax, Math.abs(m));
      }
      if (D === 0 && muMax > 0) {
        throw new RangeError(`diffusion(${t}) = 0 with a drift: pure advection is unstable in this scheme`);
      }
      // the step must be stable for D over the whole step, not only at its start: a D(t) that grows from 0
      // (σ_t = t) would otherwise allow one unbounded first step that skips the diffusion it should have done
      let h = tEnd - t;
      for (let k = 0; k < 4; k++) {
        const Dmax = Math.max(D, diffusionAt(t + h));
        const limit = Math.min(
          Dmax > 0 ? (dx * dx) / (2 * Dmax) : Infinity,
          muMax > 0 && D > 0 ? (2 * D) / (muMax * muMax) : Infinity,
        );
        if (!(0.45 * limit < h)) break;
        h = 0.45 * limit;
      }
      requirePositive("step", h);
      for (let i = 0; i < n - 1; i++) flux[i] = mu[i] * 0.5 * (p[i] + p[i + 1]) - D * (p[i + 1] - p[i]) / dx;
      const next = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const inflow = (i > 0 ? flux[i - 1] : 0) - (i < n - 1 ? flux[i] : 0);
        next[i] = p[i] + (h / dx) * inflow;
      }
      p = next;
      t = tEnd - t - h <= 1e-12 * Math.max(1, Math.abs(tEnd)) ? tEnd : t + h;
      steps += 1;
    }
    out.push(Float64Array.from(p));
  }
  return { x, t: [t0, ...times], p: out, steps };
}
