/**
 * Properties of liquid water at 1 atm, 0–100 °C, by linear interpolation in a 10 K table. Values are standard
 * handbook figures quoted from memory (approximate, unverified here; good to ~1 %): they feed the Reynolds/Prandtl
 * numbers and the heat capacity per metre C_w = ρ c_p π d²/4 of notebook 19 §3. Pr is derived as ν ρ c_p / k so the
 * four values stay consistent.
 * @module
 */
import { requireInRange } from "../core/mod.ts";

/** [T °C, ρ kg/m³, c_p J/(kg·K), k W/(m·K), ν m²/s] — handbook values from memory (approximate). */
export const WATER_TABLE: readonly (readonly [number, number, number, number, number])[] = [
  [0, 999.8, 4217, 0.561, 1.792e-6],
  [10, 999.7, 4192, 0.580, 1.307e-6],
  [20, 998.2, 4182, 0.598, 1.004e-6],
  [30, 995.7, 4178, 0.615, 0.801e-6],
  [40, 992.2, 4179, 0.631, 0.658e-6],
  [50, 988.0, 4181, 0.644, 0.553e-6],
  [60, 983.2, 4185, 0.654, 0.474e-6],
  [70, 977.8, 4190, 0.663, 0.413e-6],
  [80, 971.8, 4197, 0.670, 0.365e-6],
  [90, 965.3, 4205, 0.675, 0.326e-6],
  [100, 958.4, 4216, 0.679, 0.295e-6],
];

/** Water properties at one temperature. */
export interface WaterProps {
  /** density, kg/m³ */
  rho: number;
  /** specific heat, J/(kg·K) */
  cp: number;
  /** thermal conductivity, W/(m·K) */
  k: number;
  /** kinematic viscosity, m²/s */
  nu: number;
  /** Prandtl number ν ρ c_p / k */
  Pr: number;
}

/** Water properties at T_C ∈ [0, 100] °C (linear interpolation in {@link WATER_TABLE}). */
export function waterProps(T_C: number): WaterProps {
  requireInRange("T_C", T_C, 0, 100);
  const i = Math.min(Math.floor(T_C / 10), WATER_TABLE.length - 2);
  const a = WATER_TABLE[i], b = WATER_TABLE[i + 1];
  const w = (T_C - a[0]) / (b[0] - a[0]);
  const lerp = (j: number) => a[j] + w * (b[j] - a[j]);
  const rho = lerp(1), cp = lerp(2), k = lerp(3), nu = lerp(4);
  return { rho, cp, k, nu, Pr: (nu * rho * cp) / k };
}
