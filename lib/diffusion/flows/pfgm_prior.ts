/**
 * PFGM's starting law and training points (kexue.fm/archives/9305 steps 6–8). Far away, field lines cross a large
 * hemisphere uniformly; projecting it centrally onto the plane t = T gives the prior
 *   p(x) ∝ (‖x‖² + T²)^{−(d+1)/2},   radius law p(r) ∝ r^{d−1}/(r² + T²)^{(d+1)/2},
 * a multivariate Cauchy (Student-t with ν = 1) of scale T: x = T g/|g_t| with (g, g_t) ~ N(0, I_{d+1}). With
 * r = T tan θ the radius law becomes p(θ) ∝ sin^{d−1}θ on [0, π/2] — the polar angle of a uniform point on the
 * hemisphere, which is the route {@link pfgmPriorRadiusCdf} takes. Float64.
 * @module
 */
import { requireAllFinite, requireInt, requirePositive, type Rng } from "../../core/mod.ts";
import { simpson } from "../../numerics/mod.ts";
import type { Points } from "../oracle/mod.ts";
import { unitSphereArea } from "./gravity.ts";
import { poissonField } from "./pfgm_field.ts";

/** n draws of the prior on the plane t = T in R^d by central projection of the hemisphere: x = centre + T g/|g_t|. */
export function pfgmPriorSample(
  n: number,
  d: number,
  T: number,
  rng: Rng,
  centre?: ArrayLike<number>,
): Points {
  requireInt("n", n, 0);
  requireInt("d", d, 1);
  requirePositive("T", T);
  const c = centre === undefined ? new Float64Array(d) : Float64Array.from(centre);
  if (c.length !== d) throw new RangeError(`centre must have ${d} entries, got ${c.length}`);
  requireAllFinite("centre", c);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < d; q++) out[i * d + q] = rng.normal();
    const gt = Math.abs(rng.normal()) || Number.MIN_VALUE;
    for (let q = 0; q < d; q++) out[i * d + q] = c[q] + (T * out[i * d + q]) / gt;
  }
  return out;
}

/**
 * The CDF of the prior's radius r = ‖x − centre‖ from the article's density p(r) ∝ r^{d−1}/(r² + T²)^{(d+1)/2}, by
 * quadrature in θ = arctan(r/T) (density ∝ sin^{d−1}θ): a table of the cumulative integral by composite Simpson on
 * `intervals` panels of [0, π/2], interpolated linearly in θ. For d = 2 it is 1 − T/√(r² + T²).
 */
export function pfgmPriorRadiusCdf(d: number, T: number, intervals = 4000): (r: number) => number {
  requireInt("d", d, 1);
  requirePositive("T", T);
  requireInt("intervals", intervals, 2);
  const m = intervals, h = Math.PI / 2 / m;
  const f = (th: number) => Math.pow(Math.sin(th), d - 1);
  const cum = new Float64Array(m + 1);
  for (let k = 1; k <= m; k++) cum[k] = cum[k - 1] + simpson(f, (k - 1) * h, k * h, 2);
  const total = cum[m];
  return (r) => {
    if (!(r >= 0)) throw new RangeError(`r must be >= 0, got ${r}`);
    const u = Math.atan(r / T) / h, k = Math.min(m - 1, Math.floor(u));
    return Math.min(1, (cum[k] + (u - k) * (cum[k + 1] - cum[k])) / total);
  };
}

/**
 * n exact draws of the data smoothed by the Poisson kernel of height t (PFGM's law on the plane at height t): a data
 * point chosen uniformly plus a prior draw of scale t.
 */
export function poissonKernelSample(data: Points, d: number, t: number, n: number, rng: Rng): Points {
  requireInt("d", d, 1);
  if (!(data instanceof Float64Array) || data.length === 0 || data.length % d !== 0) {
    throw new RangeError(`data must be a non-empty Float64Array of whole rows of ${d}`);
  }
  const N = data.length / d;
  const noise = pfgmPriorSample(n, d, t, rng);
  for (let i = 0; i < n; i++) {
    const j = rng.int(N);
    for (let q = 0; q < d; q++) noise[i * d + q] += data[j * d + q];
  }
  return noise;
}

/** Options of {@link pfgmPerturb} (the paper's σ, τ, M). */
export interface PfgmPerturbOptions {
  sigma: number;
  tau: number;
  M: number;
}

/**
 * PFGM's training points (article step 7): x = x₀ + ‖ε_x‖(1+τ)^m u, t = |ε_t|(1+τ)^m, with (ε_x, ε_t) ~ N(0, σ²I_{d+1}),
 * m ~ U[0, M], u uniform on the unit sphere of R^d. Returns x (n×d) and t (n).
 */
export function pfgmPerturb(
  x0: Points,
  d: number,
  opts: PfgmPerturbOptions,
  rng: Rng,
): { x: Points; t: Float64Array } {
  requireInt("d", d, 1);
  if (!(x0 instanceof Float64Array) || x0.length % d !== 0) {
    throw new RangeError(`x0 must be a Float64Array of whole rows of ${d}`);
  }
  const sigma = requirePositive("opts.sigma", opts?.sigma), tau = requirePositive("opts.tau", opts?.tau);
  const M = requirePositive("opts.M", opts?.M, true);
  const n = x0.length / d, x = new Float64Array(n * d), t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const scale = Math.pow(1 + tau, rng.uniform() * M);
    let ex2 = 0;
    for (let q = 0; q < d; q++) ex2 += (sigma * rng.normal()) ** 2;
    const u = new Float64Array(d);
    let un = 0;
    for (let q = 0; q < d; q++) {
      u[q] = rng.normal();
      un += u[q] * u[q];
    }
    un = Math.sqrt(un) || 1;
    for (let q = 0; q < d; q++) x[i * d + q] = x0[i * d + q] + (Math.sqrt(ex2) * scale * u[q]) / un;
    t[i] = Math.max(Math.abs(sigma * rng.normal()) * scale, Number.MIN_VALUE);
  }
  return { x, t };
}

/**
 * PFGM's regression target (article step 8): the field E(x, t) = −(1/B) Σ_i (x − x_i, t)/R_i^{d+1} of a batch of B data
 * points, normalised as √(d+1)·E/(‖E‖ + γ) (the official code's form; γ = 0: a direction of length √(d+1)). Rows
 * n×(d+1); t one per row.
 */
export function pfgmNormalizedTarget(
  batch: Points,
  d: number,
  x: Points,
  t: Float64Array,
  gamma = 0,
): Float64Array {
  requireInt("d", d, 1);
  if (!(x instanceof Float64Array) || x.length % d !== 0) {
    throw new RangeError(`x must be whole rows of ${d}`);
  }
  const n = x.length / d, D = d + 1;
  if (!(t instanceof Float64Array) || t.length !== n) {
    throw new RangeError(`t must be a Float64Array of length ${n}`);
  }
  requirePositive("gamma", gamma, true);
  t.forEach((v, i) => requirePositive(`t[${i}]`, v));
  // E = S_{d+1}(1)·F: the field without the article's constant
  const { fx, ft } = poissonField(batch, d, x, t), S = unitSphereArea(D);
  const out = new Float64Array(n * D);
  for (let i = 0; i < n; i++) {
    let norm = ft[i] * ft[i];
    for (let q = 0; q < d; q++) norm += fx[i * d + q] ** 2;
    norm = S * Math.sqrt(norm);
    const c = (Math.sqrt(D) * S) / (norm + gamma);
    for (let q = 0; q < d; q++) out[i * D + q] = c * fx[i * d + q];
    out[i * D + d] = c * ft[i];
  }
  return out;
}
