/**
 * Lumped (thermally thin) heat balances: Newton cooling T(t) = T_a + (T_0 − T_a) e^{−t/τ} (notebook 19 §4), the pan
 * balance m c dT/dt = ηP − hA(T − T_a) − εσA(T⁴ − T_a⁴) − G_f(T − T_f) with an optional food sink (notebook 32
 * §2–§3), its steady state, the heating of a pan carrying a water film (§4a), and the adiabatic mixing temperature Σ m c T / Σ m c (notebook 32 §5b). Temperatures are
 * in °C; radiation uses kelvin internally.
 * @module
 */
import { requireFinite, requireInRange, requirePositive } from "../core/mod.ts";
import { type Rhs, timeToReach } from "../numerics/mod.ts";
import { celsiusToKelvin, requireCelsius } from "./units.ts";

/** Stefan–Boltzmann constant, W/(m²·K⁴) (CODATA 2018, exact in SI since 2019). */
export const STEFAN_BOLTZMANN = 5.670374419e-8;

/** Newton cooling: T(t) = Ta + (T0 − Ta) exp(−t/τ) (notebook 19 §4). */
export function newtonCooling(T0: number, Ta: number, tau: number, t: number): number {
  requireFinite("T0", T0);
  requireFinite("Ta", Ta);
  requirePositive("tau", tau);
  requirePositive("t", t, true);
  return Ta + (T0 - Ta) * Math.exp(-t / tau);
}

/** Time for Newton cooling to bring T0 to T1 (strictly between T0 and Ta): τ ln((T0 − Ta)/(T1 − Ta)). */
export function newtonCoolingTime(T0: number, T1: number, Ta: number, tau: number): number {
  requireFinite("T0", T0);
  requireFinite("T1", T1);
  requireFinite("Ta", Ta);
  requirePositive("tau", tau);
  const r = (T0 - Ta) / (T1 - Ta);
  if (!(r >= 1) || !Number.isFinite(r)) {
    throw new RangeError(`T1 must lie between T0 = ${T0} and Ta = ${Ta} (or equal T0), got ${T1}`);
  }
  return tau * Math.log(r);
}

/** Parameters of the lumped pan balance (SI; temperatures °C). */
export interface LumpedPan {
  /** mass, kg */
  m: number;
  /** specific heat, J/(kg·K) */
  c: number;
  /** exposed area (inside + outside), m² */
  A: number;
  /** convective coefficient, W/(m²·K) */
  h: number;
  /** emissivity in [0, 1] */
  eps: number;
  /** absorbed power ηP, W (>= 0) */
  P: number;
  /** ambient temperature, °C */
  Ta: number;
  /** optional food-sink conductance h_f A_f, W/K (default 0) */
  sinkG?: number;
  /** food-sink temperature, °C (default 100: boiling water in the food) */
  sinkT?: number;
}

function checkPan(p: LumpedPan): Required<LumpedPan> {
  if (p === null || typeof p !== "object") throw new TypeError("p must be a LumpedPan object");
  return {
    m: requirePositive("p.m", p.m),
    c: requirePositive("p.c", p.c),
    A: requirePositive("p.A", p.A, true),
    h: requirePositive("p.h", p.h, true),
    eps: requireInRange("p.eps", p.eps, 0, 1),
    P: requirePositive("p.P", p.P, true),
    Ta: requireCelsius("p.Ta", p.Ta),
    sinkG: requirePositive("p.sinkG", p.sinkG ?? 0, true),
    sinkT: requireCelsius("p.sinkT", p.sinkT ?? 100),
  };
}

/** Net power into the pan at temperature T (°C): ηP − hA(T − Ta) − εσA(T⁴ − Ta⁴) − G_f(T − T_f), in W. */
export function lumpedNetPower(p: LumpedPan, T: number): number {
  const q = checkPan(p);
  const TK = celsiusToKelvin(T), TaK = celsiusToKelvin(q.Ta);
  return q.P - q.h * q.A * (T - q.Ta) - q.eps * STEFAN_BOLTZMANN * q.A * (TK ** 4 - TaK ** 4) -
    q.sinkG * (T - q.sinkT);
}

/** The right-hand side dT/dt = net power / (m c) of the lumped pan, for {@link rk4} (notebook 32 §2). */
export function lumpedPanRhs(p: LumpedPan): Rhs {
  const q = checkPan(p);
  const mc = q.m * q.c,
    hA = q.h * q.A,
    eA = q.eps * STEFAN_BOLTZMANN * q.A,
    TaK4 = celsiusToKelvin(q.Ta) ** 4;
  return (_t, y) => {
    const T = y[0];
    if (!(T > -273.15)) throw new RangeError(`pan temperature fell below absolute zero: T = ${T}`);
    const TK = T + 273.15;
    const out = new Float64Array(1);
    out[0] = (q.P - hA * (T - q.Ta) - eA * (TK ** 4 - TaK4) - q.sinkG * (T - q.sinkT)) / mc;
    return out;
  };
}

/**
 * The steady temperature (°C) of the lumped pan: the root of {@link lumpedNetPower} (strictly decreasing in T), by
 * bisection to 1e-10 K. Throws when there are no losses at all (no finite steady state).
 */
export function lumpedSteadyState(p: LumpedPan): number {
  const q = checkPan(p);
  if (q.h * q.A === 0 && q.eps * q.A === 0 && q.sinkG === 0) {
    throw new RangeError("p has no loss term (h·A, eps·A and sinkG all 0): no steady state");
  }
  let lo = Math.min(q.Ta, q.sinkG > 0 ? q.sinkT : q.Ta), hi = Math.max(lo, q.sinkT) + 1;
  for (let i = 0; lumpedNetPower(q, hi) > 0; i++) {
    if (i > 200) throw new RangeError("lumpedSteadyState: no steady state found (net power stays positive)");
    hi = lo + 2 * (hi - lo);
  }
  for (let i = 0; i < 200 && hi - lo > 1e-10; i++) {
    const mid = 0.5 * (lo + hi);
    if (lumpedNetPower(q, mid) > 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** One body in a mixing balance. */
export interface Part {
  /** mass, kg (> 0) */
  m: number;
  /** specific heat, J/(kg·K) (> 0) */
  c: number;
  /** temperature, °C */
  T: number;
}

/** Adiabatic mixing temperature Σ mᵢcᵢTᵢ / Σ mᵢcᵢ (notebook 32 §5b: cold oil into a hot wok). */
export function mixingTemperature(parts: Part[]): number {
  if (!Array.isArray(parts) || parts.length === 0) throw new TypeError("parts must be a non-empty array");
  let num = 0, den = 0;
  parts.forEach((p, i) => {
    const mc = requirePositive(`parts[${i}].m`, p?.m) * requirePositive(`parts[${i}].c`, p?.c);
    num += mc * requireFinite(`parts[${i}].T`, p.T);
    den += mc;
  });
  return num / den;
}

/** A film of water on a pan (notebook 32 §4a). */
export interface WaterFilm {
  /** mass, kg (> 0) */
  m: number;
  /** specific heat of liquid water, J/(kg·K) */
  c: number;
  /** latent heat of vaporisation at the boiling point, J/kg */
  Lv: number;
  /** boiling point, °C (default 100) */
  Tboil?: number;
}

/**
 * Time (s) for a lumped pan carrying a water film to reach `target` (°C, above the boiling point) from T0 (below it):
 * pan and film heat together (capacity m c + m_w c_w) to the boiling point; the pan then stays there while the net
 * power at that temperature ({@link lumpedNetPower}) boils the film off, which takes m_w L_v / net power exactly (the
 * temperature, hence the net power, is constant); then the dry pan heats on. The two heating stages use RK4 with step
 * dt ({@link timeToReach}). Infinity if a stage never ends (by tMax, or a net power <= 0 at the boiling point).
 */
export function wetPanTimeToReach(
  p: LumpedPan,
  film: WaterFilm,
  T0: number,
  target: number,
  dt: number,
  tMax: number,
): number {
  const q = checkPan(p);
  if (film === null || typeof film !== "object") throw new TypeError("film must be a WaterFilm object");
  const mw = requirePositive("film.m", film.m), cw = requirePositive("film.c", film.c);
  const Lv = requirePositive("film.Lv", film.Lv), Tb = requireCelsius("film.Tboil", film.Tboil ?? 100);
  requireCelsius("T0", T0);
  requireCelsius("target", target);
  if (!(T0 < Tb && Tb < target)) {
    throw new RangeError(`need T0 < film.Tboil < target, got T0 = ${T0}, Tboil = ${Tb}, target = ${target}`);
  }
  const wet = lumpedPanRhs({ ...q, m: 1, c: q.m * q.c + mw * cw });
  const t1 = timeToReach(wet, Float64Array.of(T0), 0, Tb, dt, tMax);
  const net = lumpedNetPower(q, Tb);
  if (!Number.isFinite(t1) || !(net > 0)) return Infinity;
  const t2 = (mw * Lv) / net;
  const t3 = timeToReach(lumpedPanRhs(q), Float64Array.of(Tb), 0, target, dt, tMax);
  return t1 + t2 + t3;
}
