/**
 * The orthonormal DCT-II and the heat equation in its basis (unified diffusion, applications: the "blur"
 * degradation of Cold Diffusion written as heat diffusion). For an n×n image with Neumann boundaries the DCT-II
 * cosines are the Laplacian's eigenvectors, so the heat flow u_τ = Δu over time τ is
 * F_τ(x) = Vᵀ diag(e^{−ω_k τ}) V x with ω_k = π²(k_x² + k_y²)/n² (unit grid spacing). Plain float64.
 * @module
 */
import { requireAllFinite, requireInt, requirePositive } from "../../core/mod.ts";

/** The orthonormal 1-D DCT-II matrix C (n×n, row-major): C[k][j] = c_k cos(π(j + ½)k/n), c_0 = √(1/n), else √(2/n). */
export function dctMatrix(n: number): Float64Array {
  requireInt("n", n, 1);
  const c = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const ck = k === 0 ? Math.sqrt(1 / n) : Math.sqrt(2 / n);
    for (let j = 0; j < n; j++) c[k * n + j] = ck * Math.cos((Math.PI * (j + 0.5) * k) / n);
  }
  return c;
}

/**
 * The orthonormal 2-D DCT-II of side×side images as one d×d matrix V = C ⊗ C (d = side², pixels row-major):
 * row (k_y·side + k_x) is the basis image C[k_y]ᵀ C[k_x].
 */
export function dct2Matrix(side: number): Float64Array {
  const c = dctMatrix(requireInt("side", side, 1));
  const d = side * side, v = new Float64Array(d * d);
  for (let ky = 0; ky < side; ky++) {
    for (let kx = 0; kx < side; kx++) {
      const row = (ky * side + kx) * d;
      for (let i = 0; i < side; i++) {
        for (let j = 0; j < side; j++) v[row + i * side + j] = c[ky * side + i] * c[kx * side + j];
      }
    }
  }
  return v;
}

/** The heat-equation frequencies ω_k = π²(k_x² + k_y²)/side², in the order of {@link dct2Matrix}'s rows. */
export function heatFrequencies(side: number): Float64Array {
  requireInt("side", side, 1);
  const w = new Float64Array(side * side);
  for (let ky = 0; ky < side; ky++) {
    for (let kx = 0; kx < side; kx++) w[ky * side + kx] = (Math.PI ** 2 * (kx * kx + ky * ky)) / side ** 2;
  }
  return w;
}

/** The d×d heat-blur operator B_τ = Vᵀ diag(e^{−ω τ}) V (symmetric; B_0 = I; B_∞ = projection on the mean). */
export function heatBlurMatrix(side: number, tau: number): Float64Array {
  requirePositive("tau", tau, true);
  const v = dct2Matrix(side), w = heatFrequencies(side), d = side * side;
  const g = w.map((o) => Math.exp(-o * tau));
  const b = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    if (g[k] === 0) continue;
    const row = v.subarray(k * d, (k + 1) * d);
    for (let i = 0; i < d; i++) {
      const a = g[k] * row[i];
      if (a === 0) continue;
      for (let j = 0; j < d; j++) b[i * d + j] += a * row[j];
    }
  }
  return b;
}

/** y = x Bᵀ for row-major n×d images x and a d×d matrix B (B is symmetric for heat blur). */
export function applyRows(m: Float64Array, x: Float64Array, d: number): Float64Array {
  requireInt("d", d, 1);
  if (!(m instanceof Float64Array) || m.length !== d * d) {
    throw new RangeError(`m must be a Float64Array of ${d}×${d} values, got length ${m?.length}`);
  }
  if (!(x instanceof Float64Array) || x.length % d !== 0) {
    throw new RangeError(`x must be a Float64Array with a length divisible by ${d}, got ${x?.length}`);
  }
  requireAllFinite("x", x);
  const n = x.length / d, y = new Float64Array(n * d);
  for (let r = 0; r < n; r++) {
    const xr = x.subarray(r * d, (r + 1) * d);
    for (let i = 0; i < d; i++) {
      let s = 0;
      const mi = i * d;
      for (let j = 0; j < d; j++) s += m[mi + j] * xr[j];
      y[r * d + i] = s;
    }
  }
  return y;
}

/** F_τ(x) for row-major n×side² images: heat flow for time τ (one call; use {@link heatBlurMatrix} to reuse B_τ). */
export function heatBlur(x: Float64Array, side: number, tau: number): Float64Array {
  return applyRows(heatBlurMatrix(side, tau), x, side * side);
}
