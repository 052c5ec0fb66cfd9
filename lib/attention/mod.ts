/**
 * lib/attention: softmax/attention variants, RoPE, entropy-invariant scaling, linear recurrences (LRU), NBCE.
 * @module
 */
export * from "./lru_init.ts";
export * from "./circular_law.ts";
export * from "./recurrence.ts";
export * from "./scan.ts";
export * from "./scan_tf.ts";
export * from "./lru_variance.ts";
export * from "./impulse_fit.ts";
export * from "./lru_tf.ts";
export * from "./recall_task.ts";
