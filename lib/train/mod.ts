/**
 * lib/train: what every learned model shares — the one MLP, the training loop (steps, loss and tensor-count logs, divergence
 * check, progress), the optimizer (Adam + EMA, fused on the wasm backend) and the least-squares fit of an Mlp.
 * @module
 */
export * from "./loop.ts";
export * from "./init.ts";
export * from "./rows.ts";
export * from "./adam.ts";
export * from "./mlp.ts";
export * from "./losses.ts";
export * from "./calibration.ts";
export * from "./divergence_fit.ts";
export * from "./classifier.ts";
export * from "./qbheat.ts";
export * from "./masked_patches.ts";
export * from "./lora.ts";
export * from "./memory.ts";
export * from "./backbone.ts";
export * from "./adapters.ts";
export * from "./ladder.ts";
export * from "./adafactor.ts";
export * from "./conv.ts";
export * from "./interp_fill.ts";
export * from "./least_squares.ts";
