/**
 * lib/attention: softmax and attention variants, RoPE and its general solution exp(nB), real canonical forms of
 * skew and orthogonal matrices, entropy-invariant (log n) scaling, the JL projection dimension.
 * @module
 */
export * from "./softmax.ts";
export * from "./expm.ts";
export * from "./canonical.ts";
export * from "./rope.ts";
export * from "./jl.ts";
export * from "./entropy_scale.ts";
export * from "./noise.ts";
export * from "./temperature.ts";
export * from "./pooling_toy.ts";
