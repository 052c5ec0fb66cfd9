/**
 * lib/attention: softmax/attention variants, RoPE, entropy-invariant scaling, linear recurrences and naive
 * Bayes-based context extension (NBCE). A plain list of exports; each module documents its article.
 * @module
 */
export * from "./ngram_lm.ts";
export * from "./nbce.ts";
export * from "./pcw.ts";
export * from "./cloze.ts";
export * from "./cloze_sweep.ts";
export * from "./nbce_generate.ts";
export * from "./toy_corpora.ts";
export * from "./overlap.ts";
export * from "./kv_lm.ts";
