/**
 * Cookware materials (notebook 32 §1): density ρ, specific heat c, conductivity k, an emissivity for a typical
 * surface state and the linear expansion coefficient. **All values are approximate handbook figures quoted from
 * memory (unverified)**; they feed ratios and orderings, not absolute claims. Derived: thermal diffusivity
 * α = k/(ρc) and effusivity e = √(kρc).
 * @module
 */
import { requireInRange, requirePositive } from "../core/mod.ts";

/** A material's thermal properties (SI). */
export interface Material {
  name: string;
  /** density, kg/m³ */
  rho: number;
  /** specific heat, J/(kg·K) */
  c: number;
  /** thermal conductivity, W/(m·K) */
  k: number;
  /** total hemispherical emissivity of a typical cookware surface (0–1), approximate */
  emissivity?: number;
  /** linear thermal expansion coefficient, 1/K */
  alphaLin?: number;
}

/** The material keys. */
export type MaterialKey =
  | "carbonSteel"
  | "castIron"
  | "stainless304"
  | "aluminium"
  | "titanium"
  | "copper"
  | "ptfe";

/** Handbook values from memory (approximate, unverified); emissivities for the surface state named in the comment. */
export const MATERIALS: Record<MaterialKey, Material> = {
  carbonSteel: { name: "carbon steel", rho: 7850, c: 470, k: 50, emissivity: 0.8, alphaLin: 12e-6 }, // seasoned/oxidised
  castIron: { name: "cast iron", rho: 7200, c: 460, k: 50, emissivity: 0.8, alphaLin: 10.5e-6 }, // seasoned
  stainless304: { name: "stainless 304", rho: 8000, c: 500, k: 16, emissivity: 0.2, alphaLin: 17.3e-6 }, // polished
  aluminium: { name: "aluminium", rho: 2700, c: 900, k: 220, emissivity: 0.1, alphaLin: 23e-6 }, // bare
  titanium: { name: "titanium (CP)", rho: 4510, c: 520, k: 20, emissivity: 0.3, alphaLin: 8.6e-6 }, // k ≈ 17–22
  copper: { name: "copper", rho: 8960, c: 385, k: 400, emissivity: 0.1, alphaLin: 17e-6 }, // polished
  ptfe: { name: "PTFE", rho: 2200, c: 1000, k: 0.25, emissivity: 0.8, alphaLin: 1.2e-4 },
};

function checkMaterial(m: Material): Material {
  if (m === null || typeof m !== "object") throw new TypeError("m must be a Material object");
  requirePositive("m.rho", m.rho);
  requirePositive("m.c", m.c);
  requirePositive("m.k", m.k);
  if (m.emissivity !== undefined) requireInRange("m.emissivity", m.emissivity, 0, 1);
  return m;
}

/** Thermal diffusivity α = k/(ρc), m²/s (notebook 32 §1). */
export function diffusivity(m: Material): number {
  checkMaterial(m);
  return m.k / (m.rho * m.c);
}

/** Thermal effusivity e = √(kρc), W·s^{1/2}/(m²·K) (notebook 32 §1): how hot a surface feels on contact. */
export function effusivity(m: Material): number {
  checkMaterial(m);
  return Math.sqrt(m.k * m.rho * m.c);
}

/** Diffusion time ℓ²/α over a length ℓ (through-thickness δ²/α or lateral ℓ²/α), s (notebook 32 §1). */
export function diffusionTime(m: Material, length: number): number {
  const l = requirePositive("length", length);
  return (l * l) / diffusivity(m);
}
