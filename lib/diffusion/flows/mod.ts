/**
 * lib/diffusion/flows: the one vector-field type and transport with log-density (field.ts), probability-flow ODE step
 * rules of the reverse process (Euler = DDIM, Heun); the ODE
 * family of samplers, fields, PFGM and rectified flow goes here. Other sub-areas import this folder only
 * through this file.
 * @module
 */
export * from "./pf_ode.ts";
export * from "./field.ts";
export * from "./rectified.ts";
export * from "./flow_metrics.ts";
export * from "./time_net.ts";
export * from "./gravity.ts";
export * from "./pfgm_field.ts";
export * from "./pfgm_prior.ts";
