/**
 * Gravity of point sources in d dimensions (kexue.fm/archives/9305, "gravitation to diffusion", step 1): a unit mass at
 * y pulls x with
 *   F(x) = −(1/S_d(1)) (x − y)/‖x − y‖^d,   S_d(1) = 2π^{d/2}/Γ(d/2) the area of the unit sphere of R^d,
 * the gradient of the Green's function of the Poisson equation (hence "Poisson flow"): divergence-free away from the
 * sources, with unit flux through any sphere around one source. Fields of several sources (masses m_j) add. PFGM's
 * field in d + 1 dimensions is this field with every source on the plane t = 0 (see pfgm_field.ts). Float64.
 * @module
 */
import { requireAllFinite, requireInt, requirePositive } from "../../core/mod.ts";
import type { Points } from "../oracle/mod.ts";

/** S_d(1) = 2π^{d/2}/Γ(d/2), the (d−1)-dimensional area of the unit sphere in R^d: 2, 2π, 4π, 2π², … (S_{d+2} = 2πS_d/d). */
export function unitSphereArea(d: number): number {
  requireInt("d", d, 1, 340);
  let s = d % 2 === 1 ? 2 : 2 * Math.PI;
  for (let k = d % 2 === 1 ? 1 : 2; k < d; k += 2) s *= (2 * Math.PI) / k;
  return s;
}

/** The gravity field of point sources: evaluate it with {@link GravityField.at}. */
export interface GravityField {
  dim: number;
  /** F(x) for every row of x (row-major n×dim). */
  at(x: Points): Float64Array;
}

/**
 * The field F(x) = −Σ_j m_j (x − y_j) / (S_d(1) ‖x − y_j‖^d) of sources y_j (row-major K×dim) with masses m_j (default
 * 1 each). At a source the field is undefined: a point on one gives a RangeError.
 */
export function gravityField(sources: Points, dim: number, masses?: ArrayLike<number>): GravityField {
  requireInt("dim", dim, 1);
  if (!(sources instanceof Float64Array) || sources.length === 0 || sources.length % dim !== 0) {
    throw new RangeError(`sources must be a non-empty Float64Array of whole rows of ${dim}`);
  }
  requireAllFinite("sources", sources);
  const k = sources.length / dim;
  const m = masses === undefined ? new Float64Array(k).fill(1) : Float64Array.from(masses);
  if (m.length !== k) throw new RangeError(`masses must have ${k} entries, got ${m.length}`);
  m.forEach((v, j) => requirePositive(`masses[${j}]`, v));
  const c = 1 / unitSphereArea(dim);
  return {
    dim,
    at(x: Points): Float64Array {
      if (!(x instanceof Float64Array) || x.length % dim !== 0) {
        throw new RangeError(`x must be a Float64Array of whole rows of ${dim}`);
      }
      requireAllFinite("x", x);
      const n = x.length / dim, out = new Float64Array(n * dim);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < k; j++) {
          let r2 = 0;
          for (let q = 0; q < dim; q++) r2 += (x[i * dim + q] - sources[j * dim + q]) ** 2;
          if (!(r2 > 0)) throw new RangeError(`x row ${i} sits on source ${j}: the field is undefined there`);
          const f = (c * m[j]) / Math.pow(r2, dim / 2);
          for (let q = 0; q < dim; q++) out[i * dim + q] -= f * (x[i * dim + q] - sources[j * dim + q]);
        }
      }
      return out;
    },
  };
}
