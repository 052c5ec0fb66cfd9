/**
 * lib/diffusion/forward: forward processes x_t = F_t(x₀, ε): Gaussian (noisy batches), uniform, blur (DCT),
 * mask, token. Other sub-areas import this folder only through this file.
 * @module
 */
export * from "./forward.ts";
export * from "./forward_process.ts";
export * from "./dct.ts";
