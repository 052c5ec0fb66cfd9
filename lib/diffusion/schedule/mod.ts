/**
 * lib/diffusion/schedule: the schedule ᾱ_t, β̄_t (Su's notation), the sub-trajectories τ of the accelerated
 * samplers and their jump coefficients, the point representation. Other sub-areas import this folder only
 * through this file.
 * @module
 */
export * from "./schedule.ts";
export * from "./trajectory.ts";
export * from "./points.ts";
