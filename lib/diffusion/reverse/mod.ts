/**
 * lib/diffusion/reverse: the one reverse process: the step-rule interface and its one loop (runReverse), the
 * DDPM, jump (DDIM / η / Analytic-DPM), UDM, cold and masking rules, guidance hooks, the bound of a chain.
 * Other sub-areas import this folder only through this file.
 * @module
 */
export * from "./reverse.ts";
export * from "./sampler_common.ts";
export * from "./sampler.ts";
export * from "./sampler_general.ts";
export * from "./udm.ts";
export * from "./cold.ts";
export * from "./mask_samplers.ts";
export * from "./guidance.ts";
export * from "./elbo.ts";
