/**
 * lib/diffusion/models: learned models, all configurations of lib/train's Mlp: the ε-net, the label/CFG net
 * and noisy classifier, the restorer, the variance head; one trainer per objective, the weight-cached
 * training. Other sub-areas import this folder only through this file.
 * @module
 */
export * from "./nets.ts";
export * from "./cond_nets.ts";
export * from "./restorer_nets.ts";
export * from "./variance_head.ts";
export * from "./train.ts";
export * from "./cond_train.ts";
export * from "./cached_training.ts";
export * from "./mnist_denoiser.ts";
