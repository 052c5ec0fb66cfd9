/**
 * Weight initialisation from the project's seeded Rng (so two runs build the same net). Each builds its tensor inside
 * tf.tidy: `tf.variable(x)` would otherwise keep `x` alive as a second tensor and tf.memory().numTensors would count it.
 * @module
 */
import { requireFinite, requireInt, requirePositive, type Rng, tf } from "../core/mod.ts";

/**
 * A rows×cols weight variable with He-normal entries N(0, (scale·√(2/fanIn))²), drawn row-major in one
 * `rng.normals` call (fanIn defaults to rows; scale < 1 shrinks e.g. an output layer so it starts near 0).
 */
export function heNormalVariable(
  rng: Rng,
  rows: number,
  cols: number,
  fanIn = rows,
  scale = 1,
): tf.Variable<tf.Rank.R2> {
  if (!rng || typeof rng.normals !== "function") throw new TypeError("rng must be an Rng");
  requireInt("rows", rows, 1);
  requireInt("cols", cols, 1);
  requireInt("fanIn", fanIn, 1);
  requirePositive("scale", scale, true);
  const std = scale * Math.sqrt(2 / fanIn);
  return tf.tidy(() =>
    tf.variable(tf.tensor2d(Float32Array.from(rng.normals(rows * cols, 0, std)), [rows, cols]))
  ) as tf.Variable<tf.Rank.R2>;
}

/** A length-n bias variable filled with `value` (default 0). */
export function constantVariable(n: number, value = 0): tf.Variable<tf.Rank.R1> {
  requireInt("n", n, 1);
  requireFinite("value", value);
  return tf.tidy(() => tf.variable(tf.fill([n], value))) as tf.Variable<tf.Rank.R1>;
}
