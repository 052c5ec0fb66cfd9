/**
 * lib/retrieval: similarity search and its statistics — hubness (k-occurrence), exact top-k and recall metrics,
 * CUR factorisation of score matrices and ANNCUR retrieval, synthetic cross-encoder scorers and dual-encoder
 * baselines, and the CoSENT loss with ranking metrics for cross-encoders.
 * @module
 */
export * from "./topk.ts";
export * from "./hubness.ts";
export * from "./cosent.ts";
export * from "./rank_metrics.ts";
export * from "./pairs.ts";
export * from "./cross_encoder.ts";
export * from "./pair_experiment.ts";
export * from "./cur.ts";
export * from "./anchors.ts";
export * from "./anncur.ts";
export * from "./scorers.ts";
