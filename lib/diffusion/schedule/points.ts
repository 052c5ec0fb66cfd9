/**
 * The one representation of a batch of points in lib/diffusion: a row-major Float64Array of n×d values. It lives
 * in its own module so that the forward process and the mixtures can both name it without importing each other;
 * the area exports it through gmm.ts.
 * @module
 */

/** Row-major n×d float64 points. */
export type Points = Float64Array;
