/**
 * Su's 1-D (text) variant of QB-Heat (kexue.fm/archives/9359, last section, untested in the article): in a sequence
 * of feature vectors z_1..z_T with a random subset masked, fill each masked z_i by linear interpolation between its
 * nearest visible neighbours z_a (a < i) and z_b (b > i),
 *
 *   ẑ_i = ((b − i)/(b − a))·z_a + ((i − a)/(b − a))·z_b,
 *
 * copying the nearest visible vector where there is a neighbour on one side only (the ends). Float64, plain arrays.
 * @module
 */
import { requireAllFinite, requireInt } from "../core/mod.ts";

/**
 * Interpolation fill of one sequence: `seq` holds T vectors of width d row-major (T·d values), `visible[i]` is 1 for a
 * visible position, 0 for a masked one (at least one visible). Returns a new T·d array: visible vectors copied,
 * masked ones interpolated as in the module documentation.
 */
export function interpolationFill(
  seq: ArrayLike<number>,
  d: number,
  visible: ArrayLike<number>,
): Float64Array {
  requireInt("d", d, 1);
  const T = visible.length;
  if (T === 0) throw new RangeError("visible must not be empty");
  if (seq.length !== T * d) throw new RangeError(`seq must have T·d = ${T * d} values, got ${seq.length}`);
  requireAllFinite("seq", seq);
  for (let i = 0; i < T; i++) {
    if (visible[i] !== 0 && visible[i] !== 1) {
      throw new RangeError(`visible[${i}] must be 0 or 1, got ${visible[i]}`);
    }
  }
  const shown = Array.from({ length: T }, (_, i) => i).filter((i) => visible[i] === 1);
  if (shown.length === 0) throw new RangeError("visible must mark at least one position");
  const out = Float64Array.from(seq);
  let k = 0; // shown[k - 1] < i <= shown[k]
  for (let i = 0; i < T; i++) {
    while (k < shown.length && shown[k] < i) k++;
    if (visible[i] === 1) continue;
    const a = k > 0 ? shown[k - 1] : -1, b = k < shown.length ? shown[k] : -1;
    const wa = a < 0 ? 0 : b < 0 ? 1 : (b - i) / (b - a);
    for (let j = 0; j < d; j++) {
      out[i * d + j] = (a < 0 ? 0 : wa * seq[a * d + j]) + (b < 0 ? 0 : (1 - wa) * seq[b * d + j]);
    }
  }
  return out;
}
