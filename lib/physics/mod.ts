/**
 * lib/physics: small float64 models for the life-physics articles (integrators come from lib/numerics) — units, exact cost arithmetic,
 * water properties, pipe conductances, the hot-water front in a pipe, lumped heat balances, the zero-cold-water
 * schemes (notebook 19), materials and the conduction in a pan bottom (notebook 32).
 * @module
 */
export * from "./units.ts";
export * from "./cost.ts";
export * from "./water.ts";
export * from "./pipe.ts";
export * from "./pipe_front.ts";
export * from "./heat.ts";
export * from "./zcw.ts";
export * from "./materials.ts";
export * from "./disk.ts";
export * from "./sensitivity.ts";
export * from "./pipe_front_exact.ts";
export * from "./laplace_linear.ts";
