/**
 * Unit conversions used by the life-physics notebooks (19: flows in L/min, energy in MJ and kWh, gas in m³), each
 * validated. The gas conversion is the bookkeeping of notebook 19 §5: volume = heat / (heating value × efficiency).
 * @module
 */
import { requireFinite, requireInRange, requirePositive } from "../core/mod.ts";

/** Joules per kilowatt-hour (exact: 3.6 MJ). */
export const J_PER_KWH = 3.6e6;
/** Seconds per day. */
export const S_PER_DAY = 86_400;
/** 0 °C in kelvin (exact). */
export const ZERO_CELSIUS_K = 273.15;

/** Flow in L/min → m³/s (article 19: the measured 8 L/min). */
export function litresPerMinuteToM3PerS(q: number): number {
  return requirePositive("q", q, true) / 60_000;
}

/** Flow in m³/s → L/min. */
export function m3PerSToLitresPerMinute(q: number): number {
  return requirePositive("q", q, true) * 60_000;
}

/** Energy in J → kWh. */
export function joulesToKWh(e: number): number {
  return requireFinite("e", e) / J_PER_KWH;
}

/** Energy in kWh → J. */
export function kWhToJoules(e: number): number {
  return requireFinite("e", e) * J_PER_KWH;
}

/** Throws unless `value` is a finite temperature in °C at or above absolute zero; returns it. */
export function requireCelsius(name: string, value: unknown): number {
  const t = requireFinite(name, value);
  if (t < -ZERO_CELSIUS_K) throw new RangeError(`${name} must be >= -273.15 °C, got ${t}`);
  return t;
}

/** Temperature in °C → K. */
export function celsiusToKelvin(tC: number): number {
  return requireCelsius("tC", tC) + ZERO_CELSIUS_K;
}

/**
 * Gas volume (m³) burnt to deliver `heatJ` of useful heat: heat / (heatingValue · efficiency) (notebook 19 §5).
 * @param heatJ useful heat in J (>= 0)
 * @param heatingValueJPerM3 the gas's heating value in J/m³ (> 0)
 * @param efficiency heater efficiency in (0, 1]
 */
export function gasVolumeForHeat(heatJ: number, heatingValueJPerM3: number, efficiency: number): number {
  requirePositive("heatJ", heatJ, true);
  requirePositive("heatingValueJPerM3", heatingValueJPerM3);
  requireInRange("efficiency", efficiency, Number.MIN_VALUE, 1);
  return heatJ / (heatingValueJPerM3 * efficiency);
}
