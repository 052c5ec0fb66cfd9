/**
 * lib/core: the foundation every area and notebook builds on — backend, seeded randomness, profile, claims,
 * display (figures, tables, progress), stats, validation, the fast dense op and float64 linear algebra (ml-matrix).
 * lib/core imports no area.
 * @module
 */
export * from "./validate.ts";
export * from "./random.ts";
export * from "./stats.ts";
export * from "./profile.ts";
export * from "./paths.ts";
export * from "./format.ts";
export * from "./jupyter.ts";
export * from "./table.ts";
export * from "./figure.ts";
export * from "./progress.ts";
export * from "./claim_kinds.ts";
export * from "./claims.ts";
export * from "./backend.ts";
export * from "./dense.ts";
export * from "./linalg.ts";
export * from "./ks.ts";
export * from "./model_cache.ts";
export * from "./wasm_heap.ts";
export * from "./openblas.ts";
export * from "./blas_matmul.ts";
export * from "./adam_wat.ts";
export * from "./adam_kernel.ts";
export * from "./grad_kernels.ts";
export * from "./native.ts";
export * from "./line_fit.ts";
export * from "./timing.ts";
export * from "./wasserstein.ts";
export * from "./sliced_ks.ts";
export * from "./linalg_blas.ts";
export * from "./matmul_grad.ts";
