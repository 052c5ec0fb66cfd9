/**
 * The circular law behind the LRU's ring initialisation (article, 初始化): a d×d matrix with i.i.d. entries of
 * variance 1/d (Glorot-style) has eigenvalues approximately uniform in the unit disk, i.e. θ ~ U[0, 2π] and
 * r² ~ U[0, 1] (dx dy = ½ d(r²) dθ) — so E|λ|² → ½ and P(|λ| < ρ) → ρ². Eigenvalues come from ml-matrix's general
 * (non-symmetric) eigenvalue decomposition in float64.
 * @module
 */
import { Matrix, requireFinite, requireInt, requirePositive, type Rng } from "../core/mod.ts";
import { type ComplexArray, requireComplexArray } from "../math/mod.ts";

/** A d×d matrix with i.i.d. N(0, 1/d) entries (the variance Glorot initialisation gives a square layer). */
export function glorotMatrix(rng: Rng, d: number): Matrix {
  requireInt("d", d, 1);
  if (!rng || typeof rng.normals !== "function") throw new TypeError("rng must be an Rng");
  const rows = Array.from({ length: d }, () => rng.normals(d, 0, 1 / Math.sqrt(d)));
  return new Matrix(rows.map((r) => Array.from(r)));
}

/** Statistics of eigenvalues against the uniform-disk law: mean |λ|² (→ ½), the fraction with |λ| < ρ (→ ρ²), max |λ|. */
export function diskStatistics(
  eigs: ComplexArray,
  rho = 0.5,
): { meanAbs2: number; fractionInside: number; maxAbs: number } {
  const n = requireComplexArray("eigs", eigs);
  if (n === 0) throw new RangeError("eigs must not be empty");
  requirePositive("rho", rho, true);
  let s = 0, inside = 0, maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const a2 = eigs.re[i] * eigs.re[i] + eigs.im[i] * eigs.im[i];
    requireFinite(`|eigs[${i}]|²`, a2);
    s += a2;
    if (a2 < rho * rho) inside++;
    maxAbs = Math.max(maxAbs, Math.sqrt(a2));
  }
  return { meanAbs2: s / n, fractionInside: inside / n, maxAbs };
}
