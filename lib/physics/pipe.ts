/**
 * Pipe geometry and heat-transfer conductances per metre of a round pipe (notebook 19 §2–§4): the volume per metre
 * π d²/4, the Dittus–Boelter turbulent film coefficient, and the series conductance of cylindrical layers
 * (ln(r_out/r_in)/(2πk) each) with optional inner and outer films.
 * @module
 */
import { requirePositive } from "../core/mod.ts";

/** Volume per metre of a pipe of inner diameter d (m): π d²/4 in m³/m (notebook 19 §2, v = π d_i²/4). */
export function pipeVolumePerMetre(innerDiameter_m: number): number {
  const d = requirePositive("innerDiameter_m", innerDiameter_m);
  return (Math.PI * d * d) / 4;
}

/** Mean flow speed u = Q / (π d²/4) in m/s for a volume flow Q in m³/s (notebook 19 §3). */
export function flowSpeed(Q_m3s: number, innerDiameter_m: number): number {
  return requirePositive("Q_m3s", Q_m3s, true) / pipeVolumePerMetre(innerDiameter_m);
}

/** Reynolds number u d / ν. */
export function reynolds(u: number, d: number, nu: number): number {
  return (requirePositive("u", u, true) * requirePositive("d", d)) / requirePositive("nu", nu);
}

/**
 * Dittus–Boelter film coefficient for turbulent pipe flow being heated: h = 0.023 Re^0.8 Pr^0.4 k / d
 * (notebook 19 §3). Meant for Re ≳ 10⁴ and 0.6 ≤ Pr ≤ 160; throws below Re = 2300 (laminar: the correlation does
 * not apply).
 */
export function dittusBoelterH(Re: number, Pr: number, k: number, d: number): number {
  requirePositive("Re", Re);
  if (Re < 2300) throw new RangeError(`Re must be turbulent (>= 2300) for Dittus–Boelter, got ${Re}`);
  requirePositive("Pr", Pr);
  requirePositive("k", k);
  requirePositive("d", d);
  return (0.023 * Re ** 0.8 * Pr ** 0.4 * k) / d;
}

/** One cylindrical layer of a pipe wall or insulation. */
export interface CylLayer {
  /** inner radius, m */
  rIn: number;
  /** outer radius, m (> rIn) */
  rOut: number;
  /** conductivity, W/(m·K) */
  k: number;
}

/**
 * Conductance per metre (W/(m·K)) of heat flowing radially through `layers` (consecutive, innermost first) in
 * series with an outer film hOut on the outermost radius and, if given, an inner film hIn on the innermost radius:
 * (UA)' = [1/(h_in 2π r_1) + Σ ln(r_out/r_in)/(2π k) + 1/(h_out 2π r_N)]⁻¹ (notebook 19 §3 and §4).
 * hOut = Infinity means no outer film resistance (e.g. a conductance to the wall's mid-radius).
 */
export function cylinderLossConductance(layers: CylLayer[], hOut: number, hIn?: number): number {
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new TypeError("layers must be a non-empty array of { rIn, rOut, k }");
  }
  let R = 0;
  layers.forEach((l, i) => {
    const rIn = requirePositive(`layers[${i}].rIn`, l?.rIn);
    const rOut = requirePositive(`layers[${i}].rOut`, l?.rOut);
    const k = requirePositive(`layers[${i}].k`, l?.k);
    if (!(rOut > rIn)) {
      throw new RangeError(`layers[${i}].rOut must be > rIn, got rIn = ${rIn}, rOut = ${rOut}`);
    }
    if (i > 0 && Math.abs(rIn - layers[i - 1].rOut) > 1e-12) {
      throw new RangeError(`layers[${i}].rIn must equal layers[${i - 1}].rOut, got ${rIn}`);
    }
    R += Math.log(rOut / rIn) / (2 * Math.PI * k);
  });
  if (hOut !== Infinity) {
    R += 1 / (requirePositive("hOut", hOut) * 2 * Math.PI * layers[layers.length - 1].rOut);
  }
  if (hIn !== undefined) R += 1 / (requirePositive("hIn", hIn) * 2 * Math.PI * layers[0].rIn);
  return 1 / R;
}
