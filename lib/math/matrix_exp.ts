/**
 * The matrix exponential e^M of a small dense matrix by mathjs's `expm` (Padé with scaling and squaring), float64:
 * an independent route to e^{xA + yB} of kexue.fm/archives/9359 (the notebook's closed form uses eigenvectors).
 * @module
 */
import { expm, matrix } from "mathjs";
import { requireAllFinite } from "../core/mod.ts";

/** e^M for a square matrix given as rows. */
export function matrixExp(m: number[][]): number[][] {
  if (!Array.isArray(m) || m.length === 0 || m.some((r) => !Array.isArray(r) || r.length !== m.length)) {
    throw new RangeError("m must be a non-empty square array of rows");
  }
  m.forEach((r, i) => requireAllFinite(`m[${i}]`, r));
  return (expm(matrix(m)).toArray() as number[][]).map((r) => r.map(Number));
}
