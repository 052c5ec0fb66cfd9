/**
 * Exact posterior sampling of x₀ given x = a·x₀ + b·ε for a Gaussian mixture (unified diffusion, brief 07 step 7):
 * x₀ | x is again a mixture — pick component k with the responsibility r_k(x) (computed in log space by
 * {@link GaussianMixture.responsibilities}), then draw x₀ ~ N(m_k + g_k(x − a m_k), s_k² b²/v_k · I) with
 * v_k = a²s_k² + b², g_k = a s_k²/v_k. And the same for uniform noise ε ~ U[−√3, √3]^d (brief 07 step 2's second
 * example): x constrains x₀ to a box, so x₀ | x, k is a product of truncated normals (diagonal components) and the
 * component is picked with weight w_k·Π_q P_k(box_q). Float64.
 * @module
 */
import { normalCdf, requireFinite, requirePositive, type Rng } from "../../core/mod.ts";
import type { GaussianMixture, Points } from "./gmm.ts";

/** One draw x₀ ~ p(x₀ | x) per row of x (row-major n×d), with scalar coefficients a and b (b ≥ 0). */
export function posteriorSampleX0(gmm: GaussianMixture, x: Points, a: number, b: number, rng: Rng): Points {
  requireFinite("a", a);
  requirePositive("b", b, true);
  if (!rng || typeof rng.uniform !== "function") throw new TypeError("rng must be an Rng");
  const resp = gmm.responsibilities(x, a, b); // validates x
  const { d, k } = gmm, n = x.length / d, out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    let j = 0, c = resp[i * k];
    while (j < k - 1 && u >= c) c += resp[i * k + ++j];
    const s2 = gmm.stds[j] ** 2, v = a * a * s2 + b * b;
    if (!(v > 0)) throw new RangeError(`a²s² + b² must be > 0 for component ${j}: a=${a}, b=${b}`);
    const g = (a * s2) / v, sd = Math.sqrt((s2 * b * b) / v);
    for (let q = 0; q < d; q++) {
      const m = gmm.means[j * d + q];
      out[i * d + q] = m + g * (x[i * d + q] - a * m) + sd * rng.normal();
    }
  }
  return out;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log P(Z > z) for Z ~ N(0, 1); accurate in the far upper tail (Mills-ratio series beyond z = 30). */
export function logNormalTail(z: number): number {
  requireFinite("z", z);
  if (z < 30) return Math.log(normalCdf(-z)); // erfc of a positive argument: relative accuracy in the tail
  const r = 1 / (z * z);
  return -0.5 * z * z - Math.log(z) - LOG_SQRT_2PI + Math.log1p(-r + 3 * r * r);
}

/** log P(lo ≤ Z ≤ hi) for Z ~ N(0, 1) and lo < hi (either may be ±Infinity); stable in both tails. */
export function logNormalMass(lo: number, hi: number): number {
  if (typeof lo !== "number" || Number.isNaN(lo)) throw new TypeError(`lo must be a number, got ${lo}`);
  if (typeof hi !== "number" || Number.isNaN(hi)) throw new TypeError(`hi must be a number, got ${hi}`);
  if (!(hi > lo)) throw new RangeError(`hi must exceed lo, got lo=${lo}, hi=${hi}`);
  if (hi - lo < 1e-6 * (1 + Math.abs(lo))) {
    const m = (lo + hi) / 2; // a sliver: density × width
    return -0.5 * m * m - LOG_SQRT_2PI + Math.log(hi - lo);
  }
  const tail = (z: number) => (z === Infinity ? -Infinity : logNormalTail(z));
  const diff = (la: number, lb: number) => la + Math.log1p(-Math.exp(lb - la)); // log(e^la − e^lb), la > lb
  if (lo >= 0) return diff(tail(lo), tail(hi));
  if (hi <= 0) return diff(tail(-hi), tail(-lo));
  const out = (lo === -Infinity ? 0 : normalCdf(lo)) + (hi === Infinity ? 0 : normalCdf(-hi));
  return Math.log1p(-out);
}

/**
 * One draw of Z ~ N(0, 1) conditioned on lo ≤ Z ≤ hi (lo < hi; infinite ends allowed). Rejection from N(0, 1), a
 * uniform proposal, or Robert's (1995) shifted exponential in a tail; every branch accepts with probability ≥ 1/3.
 */
export function truncatedNormal(rng: Rng, lo: number, hi: number): number {
  if (!rng || typeof rng.uniform !== "function") throw new TypeError("rng must be an Rng");
  if (typeof lo !== "number" || Number.isNaN(lo)) throw new TypeError(`lo must be a number, got ${lo}`);
  if (typeof hi !== "number" || Number.isNaN(hi)) throw new TypeError(`hi must be a number, got ${hi}`);
  if (!(hi > lo)) throw new RangeError(`hi must exceed lo, got lo=${lo}, hi=${hi}`);
  if (lo >= 0) return oneSided(rng, lo, hi);
  if (hi <= 0) return -oneSided(rng, -hi, -lo);
  for (let k = 0; k < 100_000; k++) {
    if (hi - lo >= 2.5) {
      const z = rng.normal();
      if (z >= lo && z <= hi) return z;
    } else {
      const z = lo + (hi - lo) * rng.uniform();
      if (rng.uniform() < Math.exp(-0.5 * z * z)) return z;
    }
  }
  throw new RangeError(`truncatedNormal: no draw accepted on [${lo}, ${hi}]`);
}

/** N(0, 1) on [a, b] with 0 ≤ a < b. */
function oneSided(rng: Rng, a: number, b: number): number {
  const uniform = b * b - a * a <= 2; // then exp((a² − z²)/2) ≥ e^{−1} on [a, b]
  const lambda = (a + Math.sqrt(a * a + 4)) / 2;
  for (let k = 0; k < 100_000; k++) {
    if (uniform) {
      const z = a + (b - a) * rng.uniform();
      if (rng.uniform() < Math.exp(0.5 * (a * a - z * z))) return z;
    } else {
      const z = a - Math.log(1 - rng.uniform()) / lambda;
      if (z <= b && rng.uniform() < Math.exp(-0.5 * (z - lambda) ** 2)) return z;
    }
  }
  throw new RangeError(`truncatedNormal: no draw accepted on [${a}, ${b}]`);
}

/**
 * One draw x₀ ~ p(x₀ | x) per row of x (row-major n×d) when x = a·x₀ + b·u with u ~ U[−√3, √3]^d (unit variance, not
 * Gaussian), a > 0, b > 0. Per row: x₀ lies in the box [(x − b√3)/a, (x + b√3)/a]; component k is picked with weight
 * w_k·Π_q P(box_q | k) (log space), then each coordinate is a normal N(m_kq, s_kq²) truncated to the box (a point
 * mass s = 0 is kept iff it lies in the box). Works for isotropic and diagonal mixtures.
 */
export function posteriorSampleX0Uniform(
  gmm: GaussianMixture,
  x: Points,
  a: number,
  b: number,
  rng: Rng,
): Points {
  requirePositive("a", a);
  requirePositive("b", b);
  if (!rng || typeof rng.uniform !== "function") throw new TypeError("rng must be an Rng");
  const { d, k } = gmm;
  if (!(x instanceof Float64Array) || x.length % d !== 0) {
    throw new RangeError(`x must be a Float64Array of n×${d} values, got length ${x?.length}`);
  }
  const n = x.length / d, half = (b * Math.sqrt(3)) / a, sd = gmm.diagStds, out = new Float64Array(n * d);
  const logW = new Float64Array(k), lo = new Float64Array(d), hi = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < d; q++) {
      const c = requireFinite(`x[${i * d + q}]`, x[i * d + q]) / a;
      lo[q] = c - half;
      hi[q] = c + half;
    }
    let max = -Infinity;
    for (let j = 0; j < k; j++) {
      let l = Math.log(gmm.weights[j]);
      for (let q = 0; q < d && l > -Infinity; q++) {
        const m = gmm.means[j * d + q], s = sd[j * d + q];
        l += s === 0
          ? (m >= lo[q] && m <= hi[q] ? 0 : -Infinity)
          : logNormalMass((lo[q] - m) / s, (hi[q] - m) / s);
      }
      logW[j] = l;
      if (l > max) max = l;
    }
    if (max === -Infinity) {
      throw new RangeError(`row ${i} of x is impossible under the mixture (every weight is 0)`);
    }
    let total = 0;
    for (let j = 0; j < k; j++) total += logW[j] = Math.exp(logW[j] - max);
    let u = rng.uniform() * total, j = 0;
    while (j < k - 1 && (u -= logW[j]) >= 0) j++;
    while (logW[j] === 0) j--; // round-off can step past the last positive weight
    for (let q = 0; q < d; q++) {
      const m = gmm.means[j * d + q], s = sd[j * d + q];
      out[i * d + q] = s === 0 ? m : m + s * truncatedNormal(rng, (lo[q] - m) / s, (hi[q] - m) / s);
    }
  }
  return out;
}
