/**
 * lib/math: exact combinatorics (BigInt), symbolic identity checks over mathjs, and the counting problems of the
 * articles built on them.
 * @module
 */
export * from "./combinatorics.ts";
export * from "./polynomial.ts";
export * from "./symbolic.ts";
export * from "./cross.ts";
export * from "./cross_plot.ts";
export * from "./special.ts";
export * from "./bessel.ts";
export * from "./cross_orbits.ts";
export * from "./derivative.ts";
export * from "./matrix_exp.ts";
export * from "./complex.ts";
