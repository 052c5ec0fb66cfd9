/**
 * lib/diffusion: the diffusion area, in sub-areas by idea, each a folder whose mod.ts is its only door:
 * schedule/ (schedule and sub-trajectories), forward/ (forward processes), oracle/ (the exact oracle: Gaussian
 * mixtures, scores, posteriors, moments), reverse/ (the one reverse process: step rules and their one loop), flows/
 * (ODE step rules; the ODE family), models/ (learned models on lib/train's Mlp, their trainers and the weight cache),
 * figures/ (plots). Arrows between sub-areas run one way: schedule ← forward ← oracle ← reverse ← flows, and models and
 * figures on top. Float64 for everything a derivation checks; float32 tfjs only for learned nets.
 * @module
 */
export * from "./schedule/mod.ts";
export * from "./forward/mod.ts";
export * from "./oracle/mod.ts";
export * from "./reverse/mod.ts";
export * from "./flows/mod.ts";
export * from "./models/mod.ts";
export * from "./figures/mod.ts";
