/**
 * lib/diffusion: schedules, the forward process, Gaussian mixtures with exact scores, ε-prediction MLPs and their
 * training, the DDPM sampler, sample metrics and figures. Float64 for everything a derivation checks; float32
 * tfjs only for learned nets.
 * @module
 */
export * from "./schedule.ts";
export * from "./gmm.ts";
export * from "./forward.ts";
export * from "./nets.ts";
export * from "./train.ts";
export * from "./sampler.ts";
export * from "./metrics.ts";
export * from "./plots.ts";
export * from "./labelled_gmm.ts";
export * from "./guidance.ts";
