/**
 * lib/diffusion/oracle: the exact oracle: Gaussian mixtures with their scores ε*, posteriors p(x₀|x_t) and
 * reverse moments, labelled mixtures and exact guided steps, the Markov language of the masking model,
 * optimal variances, sample measures. Other sub-areas import this folder only through this file.
 * @module
 */
export * from "./gmm.ts";
export * from "./gmm_moments.ts";
export * from "./gmm_posterior.ts";
export * from "./labelled_gmm.ts";
export * from "./guided_step.ts";
export * from "./discrete.ts";
export * from "./posterior_is.ts";
export * from "./variance.ts";
export * from "./variance_imperfect.ts";
export * from "./likelihood_fit.ts";
export * from "./metrics.ts";
