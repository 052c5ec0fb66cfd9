/**
 * lib/attention: softmax and attention variants, RoPE and its general solution exp(nB), real canonical forms of
 * skew and orthogonal matrices, entropy-invariant (log n) scaling, the JL projection dimension; linear recurrences
 * (the LRU: ring initialisation, dense and diagonal complex recurrences, parallel scans, the recall task); naive
 * Bayes context extension (NBCE: a windowed n-gram LM and its oracle, pooling rules, Top-P, PCW, cloze sweeps).
 * @module
 */
export * from "./softmax.ts";
export * from "./matpow.ts";
export * from "./canonical.ts";
export * from "./rope.ts";
export * from "./jl.ts";
export * from "./entropy_scale.ts";
export * from "./noise.ts";
export * from "./temperature.ts";
export * from "./pooling_toy.ts";
export * from "./lru_init.ts";
export * from "./circular_law.ts";
export * from "./recurrence.ts";
export * from "./scan.ts";
export * from "./scan_tf.ts";
export * from "./lru_variance.ts";
export * from "./impulse_fit.ts";
export * from "./lru_tf.ts";
export * from "./recall_task.ts";
export * from "./ngram_lm.ts";
export * from "./nbce.ts";
export * from "./pcw.ts";
export * from "./cloze.ts";
export * from "./cloze_sweep.ts";
export * from "./nbce_generate.ts";
export * from "./toy_corpora.ts";
export * from "./overlap.ts";
export * from "./kv_lm.ts";
