/**
 * Running a model on float64 rows: the float64 samplers and metrics hold points as row-major Float64Arrays, the nets
 * run in float32 tensors. {@link predictRows} bridges the two in chunks (bounded memory), inside tf.tidy (no tensor
 * survives), and returns float64.
 * @module
 */
import { requireInt, tf } from "../core/mod.ts";

/** Throws unless `x` is a Float64Array of whole rows of `inDim` values; returns the row count. */
export function requireRows(x: unknown, inDim: number, name = "x"): number {
  requireInt("inDim", inDim, 1);
  if (!(x instanceof Float64Array) || x.length % inDim !== 0) {
    const len = (x as { length?: unknown } | null)?.length;
    throw new RangeError(`${name} must be a Float64Array with a length divisible by ${inDim}, got ${len}`);
  }
  return x.length / inDim;
}

/** The rows s..e−1 of a per-row value (Int32Array), or the value itself when it is shared (a number or undefined). */
export function rowSlice<V extends number | undefined>(
  v: V | Int32Array,
  s: number,
  e: number,
): V | Int32Array {
  return v instanceof Int32Array ? v.subarray(s, e) : v;
}

/**
 * `run` applied to x (n×inDim float64 rows) in chunks of `chunk` rows: `run(xs, s, e)` gets rows s..e−1 as a float32
 * [e − s, inDim] tensor and returns [e − s, outDim]. Returns the n×outDim results as float64.
 */
export function predictRows(
  x: Float64Array,
  inDim: number,
  outDim: number,
  chunk: number,
  run: (xs: tf.Tensor2D, s: number, e: number) => tf.Tensor,
): Float64Array {
  const n = requireRows(x, inDim);
  requireInt("outDim", outDim, 1);
  requireInt("chunk", chunk, 1);
  const out = new Float64Array(n * outDim);
  for (let s = 0; s < n; s += chunk) {
    const e = Math.min(n, s + chunk);
    const y = tf.tidy(() =>
      run(tf.tensor2d(Float32Array.from(x.subarray(s * inDim, e * inDim)), [e - s, inDim]), s, e).dataSync()
    );
    if (y.length !== (e - s) * outDim) {
      throw new RangeError(
        `run must return ${(e - s) * outDim} values for rows ${s}..${e - 1}, got ${y.length}`,
      );
    }
    out.set(y, s * outDim);
  }
  return out;
}
