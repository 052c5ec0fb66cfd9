import { matFromRows, type Matrix, type Rng } from "../lib/core/mod.ts";

/** An r×c float64 matrix of standard normals from `rng` (the test matrices of linalg and retrieval). */
export function randn(rng: Rng, r: number, c: number): Matrix {
  return matFromRows(Array.from({ length: r }, () => rng.normals(c)));
}
