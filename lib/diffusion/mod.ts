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
export * from "./dct.ts";
export * from "./forward_process.ts";
export * from "./gmm_posterior.ts";
export * from "./udm.ts";
export * from "./restorer_nets.ts";
export * from "./trajectory.ts";
export * from "./variance.ts";
export * from "./gmm_moments.ts";
export * from "./sampler_common.ts";
export * from "./sampler_general.ts";
export * from "./elbo.ts";
export * from "./cond_nets.ts";
export * from "./cond_train.ts";
export * from "./guidance_plots.ts";
export * from "./cached_training.ts";
export * from "./cold.ts";
export * from "./discrete.ts";
export * from "./mask_samplers.ts";
export * from "./variance_imperfect.ts";
export * from "./variance_head.ts";
export * from "./field_plots.ts";
export * from "./guided_step.ts";
export * from "./likelihood_fit.ts";
export * from "./posterior_is.ts";
export * from "./mnist_denoiser.ts";
export * from "./reverse.ts";
export * from "./pf_ode.ts";
