/**
 * lib/numerics: the shared numerical methods of lib/physics and lib/diffusion, in float64 — fixed-step ODE schemes
 * (Euler, Heun, RK4) and their events, the adaptive reference solver (ODEX, npm `odex`), Euler–Maruyama, central
 * finite differences (derivative, gradient, Jacobian, divergence, Laplacian), quadrature (trapezoid, Simpson,
 * Gauss–Hermite) and a 1-D Fokker–Planck / heat grid solver. A scheme that is itself the subject of a notebook (DDIM
 * as Euler) may be written out there for teaching, but exists once here.
 * @module
 */
export * from "./steppers.ts";
export * from "./events.ts";
export * from "./adaptive.ts";
export * from "./sde.ts";
export * from "./finite_diff.ts";
export * from "./quadrature.ts";
export * from "./fokker_planck.ts";
