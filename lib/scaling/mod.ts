/**
 * lib/scaling: scaling laws from the quantization hypothesis (notebook 29) — power-law fits with uncertainty, Zipf
 * quanta and their exact and asymptotic tails, the loss-vs-parameters/data/steps model, and the multitask
 * sparse-parity task with its trainer (lib/train's Mlp, runSteps, adam).
 * @module
 */
export * from "./powerlaw.ts";
export * from "./zipf.ts";
export * from "./quanta.ts";
export * from "./sparse_parity.ts";
export * from "./parity_train.ts";
export * from "./parity_fits.ts";
