/**
 * The exact solution of the hot-water front in a pipe whose wall stores heat (notebook 19 §3): the Anzelius–Schumann
 * problem (Anzelius 1926, Schumann 1929; the classical solution for a fluid front through a packed bed or a pipe that
 * exchanges heat with its wall, no axial conduction, no loss to ambient). Per unit length
 *   C_w (∂_t T + u ∂_x T) = −G (T − T_p),   C_p ∂_t T_p = G (T − T_p),
 * water and wall at T0, inlet stepped to Tin at t = 0. In the transfer units ξ = G x/(C_w u) and the wall time units
 * η = G (t − x/u)/C_p (time since the water front passed x) the equations become ∂_ξ θ = −(θ − θ_p),
 * ∂_η θ_p = θ − θ_p with θ(0, η) = 1 and θ_p(ξ, 0) = 0, and the Laplace transform in η gives
 *   θ̂ = e^{−ξ} exp(ξ/(s+1)) / s,   θ̂_p = θ̂ / (s + 1).
 * Expanding exp(ξ/(s+1)) in powers of ξ and inverting term by term, with N_ξ, N_η independent Poisson variables of
 * means ξ and η:
 *   θ(ξ, η) = P(N_η ≥ N_ξ),   θ_p(ξ, η) = P(N_η ≥ N_ξ + 1)          (η ≥ 0; both 0 before the water front),
 * the form computed here (a sum of Poisson probabilities: no overflow, no cancellation of large terms). It equals the
 * Bessel-integral forms θ = e^{−ξ}[1 + ∫₀^η e^{−σ} √(ξ/σ) I₁(2√(ξσ)) dσ], θ_p = e^{−ξ} ∫₀^η e^{−σ} I₀(2√(ξσ)) dσ
 * (a Marcum Q-function), which the tests use as the independent route.
 *
 * What it says about the front: at x the water arrives exactly at t = x/u (the wall cannot slow the water), with a
 * jump to the fraction e^{−ξ} of the inlet step (the wall has taken the rest on the way); the remaining 1 − e^{−ξ}
 * arrives as a tail on the wall's time scale C_p/G. Only when e^{−ξ} < 1/2 is the half-rise delayed, and as G → ∞ it
 * moves to x(1 + C_p/C_w)/u (retardation).
 * @module
 */
import { requireFinite, requirePositive } from "../core/mod.ts";
import { requireCelsius } from "./units.ts";

/** The dimensionless solution at (ξ, η): water and wall temperature rise as fractions of the inlet step. */
export interface FrontFractions {
  /** water: (T − T0)/(Tin − T0) */
  water: number;
  /** wall: (T_p − T0)/(Tin − T0) */
  wall: number;
}

/** Poisson log-pmf table log P(N = n), n = 0..nMax, for mean m >= 0. */
function poissonPmf(m: number, nMax: number): Float64Array {
  const p = new Float64Array(nMax + 1);
  if (m === 0) {
    p[0] = 1;
    return p;
  }
  const lm = Math.log(m);
  let logFact = 0;
  for (let n = 0; n <= nMax; n++) {
    if (n > 0) logFact += Math.log(n);
    p[n] = Math.exp(-m + n * lm - logFact);
  }
  return p;
}

/**
 * The Anzelius–Schumann solution in transfer units ξ >= 0 and wall time units η (see the module doc): the fractions
 * θ = P(N_η ≥ N_ξ) (water) and θ_p = P(N_η ≥ N_ξ + 1) (wall). For η < 0 (the water front has not arrived) both are 0;
 * at η = 0 the water takes the front value e^{−ξ} (right limit). Absolute error below 1e-12.
 */
export function anzeliusSchumann(xi: number, eta: number): FrontFractions {
  requirePositive("xi", xi, true);
  requireFinite("eta", eta);
  if (eta < 0) return { water: 0, wall: 0 };
  // N_ξ beyond nMax carries less than ~1e-16 of the mass
  const nMax = Math.ceil(xi + 12 * Math.sqrt(xi) + 40);
  const px = poissonPmf(xi, nMax), pe = poissonPmf(eta, nMax);
  let water = 0, wall = 0, cdf = 0; // cdf = P(N_η ≤ n − 1)
  for (let n = 0; n <= nMax; n++) {
    const geN = Math.max(0, 1 - cdf); // P(N_η ≥ n)
    cdf += pe[n];
    const geN1 = Math.max(0, 1 - cdf); // P(N_η ≥ n + 1)
    water += px[n] * geN;
    wall += px[n] * geN1;
  }
  return { water: Math.min(1, water), wall: Math.min(1, wall) };
}

/** The pipe and the inlet step of {@link pipeFrontExact} (SI; temperatures °C). */
export interface PipeFrontExactOptions {
  /** flow speed, m/s */
  u: number;
  /** water heat capacity per metre, J/(K·m) */
  Cw: number;
  /** wall heat capacity per metre, J/(K·m) */
  Cp: number;
  /** water–wall conductance per metre, W/(m·K) (>= 0, finite) */
  G: number;
  /** initial temperature of water and wall, °C */
  T0: number;
  /** inlet temperature (a step at t = 0), °C */
  Tin: number;
}

function checkOpts(o: PipeFrontExactOptions): PipeFrontExactOptions {
  if (o === null || typeof o !== "object") throw new TypeError("opts must be a PipeFrontExactOptions object");
  return {
    u: requirePositive("u", o.u),
    Cw: requirePositive("Cw", o.Cw),
    Cp: requirePositive("Cp", o.Cp),
    G: requirePositive("G", o.G, true),
    T0: requireCelsius("T0", o.T0),
    Tin: requireCelsius("Tin", o.Tin),
  };
}

/** Transfer units ξ = G x/(C_w u) at position x and wall time units η = G (t − x/u)/C_p at time t. */
export function frontCoordinates(
  o: PipeFrontExactOptions,
  x: number,
  t: number,
): { xi: number; eta: number } {
  const q = checkOpts(o);
  requirePositive("x", x, true);
  requireFinite("t", t);
  return { xi: (q.G * x) / (q.Cw * q.u), eta: (q.G * (t - x / q.u)) / q.Cp };
}

/** Exact water and wall temperatures (°C) at position x (m) and time t (s) after the inlet step. */
export function pipeFrontExact(
  o: PipeFrontExactOptions,
  x: number,
  t: number,
): { water: number; wall: number } {
  const q = checkOpts(o);
  requirePositive("x", x, true);
  requireFinite("t", t);
  if (t < x / q.u) return { water: q.T0, wall: q.T0 };
  const { xi, eta } = frontCoordinates(q, x, t);
  const f = anzeliusSchumann(xi, eta), d = q.Tin - q.T0;
  return { water: q.T0 + d * f.water, wall: q.T0 + d * f.wall };
}

/**
 * The first time (s) the water at x reaches `level` (°C, strictly between T0 and Tin): x/u if the front jump
 * T0 + (Tin − T0)e^{−ξ} already reaches it, otherwise the root of the (increasing) tail, by bisection to 1e-9 s.
 */
export function pipeFrontExactArrival(o: PipeFrontExactOptions, x: number, level: number): number {
  const q = checkOpts(o);
  requirePositive("x", x, true);
  requireFinite("level", level);
  const d = q.Tin - q.T0, f = (level - q.T0) / d;
  if (!(f > 0 && f < 1)) {
    throw new RangeError(`level must lie strictly between T0 = ${q.T0} and Tin = ${q.Tin}, got ${level}`);
  }
  const t0 = x / q.u;
  const frac = (t: number) => pipeFrontExact(q, x, t).water - q.T0;
  if (frac(t0) >= f * d) return t0;
  let lo = t0, hi = t0 + (q.Cp / Math.max(q.G, 1e-300));
  for (let i = 0; frac(hi) < f * d; i++) {
    if (i > 200) throw new RangeError(`level ${level} is never reached`);
    lo = hi;
    hi = t0 + 2 * (hi - t0);
  }
  for (let i = 0; i < 200 && hi - lo > 1e-9; i++) {
    const mid = 0.5 * (lo + hi);
    if (frac(mid) >= f * d) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}
