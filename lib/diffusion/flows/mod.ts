/**
 * lib/diffusion/flows: the one vector-field type and transport with log-density (field.ts), probability-flow ODE step
 * rules of the reverse process (Euler = DDIM, Heun); the ODE
 * family of samplers, fields, PFGM and rectified flow goes here. Other sub-areas import this folder only
 * through this file.
 * @module
 */
export * from "./pf_ode.ts";
export * from "./field.ts";
export * from "./heat_blur.ts";
export * from "./pde_residuals.ts";
export * from "./weak_form.ts";
export * from "./ou.ts";
export * from "./w2_bound.ts";
export * from "./time_change.ts";
export * from "./green.ts";
export * from "./radial_cdf.ts";
export * from "./kernels.ts";
export * from "./kernel_mixture.ts";
export * from "./prior_law.ts";
export * from "./paths.ts";
export * from "./marginal.ts";
export * from "./basins.ts";
export * from "./rectified.ts";
export * from "./flow_metrics.ts";
export * from "./time_net.ts";
export * from "./gravity.ts";
export * from "./pfgm_field.ts";
export * from "./pfgm_prior.ts";
