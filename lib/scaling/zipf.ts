/**
 * Zipf-distributed quanta (article step 1): quantum k is needed with frequency p_k = k^{−γ−1}/Z_γ, Z_γ = ζ(γ+1), γ > 0.
 * The tail Σ_{k>n} p_k is the loss of a model holding the n most frequent quanta (a = 0, b = 1); its asymptotic law is
 * n^{−γ}/(γ Z_γ) (article step 3). Float64 throughout. The exact tail is a direct sum up to a cut-off M plus the
 * Euler–Maclaurin remainder beyond M, an independent route from mathjs's ζ.
 * @module
 */
import { zeta } from "mathjs";
import { requireInt, requirePositive } from "../core/mod.ts";

/** Z_γ = ζ(γ+1) = Σ_{k≥1} k^{−γ−1} (mathjs's ζ), the Zipf normaliser of article step 1; γ > 0. */
export function zipfNormalizer(gamma: number): number {
  requirePositive("gamma", gamma);
  const z = zeta(gamma + 1) as number;
  if (!Number.isFinite(z)) throw new RangeError(`zeta(${gamma + 1}) is not finite (gamma too close to 0?)`);
  return z;
}

/**
 * Σ_{k>n} k^{−s} for s > 1: the direct sum for n < k <= M plus the Euler–Maclaurin remainder of Σ_{k>M}
 * (M^{1−s}/(s−1) − M^{−s}/2 − s·M^{−s−1}/12 + s(s+1)(s+2)·M^{−s−3}/720 − …, truncation error O(M^{−s−5})).
 * `M` (default max(n, 1000)) must be >= n. With n = 0 this is ζ(s) by a route independent of mathjs.
 */
export function powerSumTail(n: number, s: number, M?: number): number {
  requireInt("n", n, 0);
  requirePositive("s", s);
  if (!(s > 1)) throw new RangeError(`s must be > 1 for the sum to converge, got ${s}`);
  const m = M === undefined ? Math.max(n, 1000) : requireInt("M", M, Math.max(n, 1));
  let sum = 0;
  for (let k = m; k > n; k--) sum += Math.pow(k, -s); // small terms first
  const em = Math.pow(m, 1 - s) / (s - 1) - Math.pow(m, -s) / 2 + (s * Math.pow(m, -s - 1)) / 12 -
    (s * (s + 1) * (s + 2) * Math.pow(m, -s - 3)) / 720 +
    (s * (s + 1) * (s + 2) * (s + 3) * (s + 4) * Math.pow(m, -s - 5)) / 30240;
  return sum + em;
}

/**
 * The Zipf frequencies p_1..p_M = k^{−γ−1}/Z (index 0 holds p_1). Z = ζ(γ+1) (the infinite family: the M entries sum
 * to 1 − tail(M)) unless `finite` is true, which renormalises over the M quanta (Σ = 1).
 */
export function zipfProbs(M: number, gamma: number, finite = false): Float64Array {
  requireInt("M", M, 1);
  requirePositive("gamma", gamma);
  const w = new Float64Array(M);
  for (let i = 0; i < M; i++) w[i] = Math.pow(i + 1, -gamma - 1);
  let z: number;
  if (finite) {
    z = 0;
    for (let i = M - 1; i >= 0; i--) z += w[i];
  } else z = zipfNormalizer(gamma);
  for (let i = 0; i < M; i++) w[i] /= z;
  return w;
}

/**
 * The exact tail Σ_{k>n} p_k = Σ_{k>n} k^{−γ−1} / ζ(γ+1) (article step 2 with a = 0, b = 1): the direct sum up to
 * `opts.M` (default max(n, 1000)) plus the Euler–Maclaurin remainder (see {@link powerSumTail}).
 */
export function tailMassExact(n: number, gamma: number, opts: { M?: number } = {}): number {
  requireInt("n", n, 0);
  requirePositive("gamma", gamma);
  return powerSumTail(n, gamma + 1, opts.M) / zipfNormalizer(gamma);
}

/** The asymptotic tail n^{−γ}/(γ Z_γ) of article step 3 (from ∫_n^∞ x^{−γ−1} dx = n^{−γ}/γ); n > 0. */
export function tailMassAsymptotic(n: number, gamma: number): number {
  requirePositive("n", n);
  requirePositive("gamma", gamma);
  return Math.pow(n, -gamma) / (gamma * zipfNormalizer(gamma));
}

/**
 * The γ = 1 tail Σ_{k>n} p_k = 1 − H_n^{(2)}/ζ(2) = 1 − 6·H_n^{(2)}/π², with H_n^{(2)} = Σ_{k≤n} 1/k² summed as an
 * exact BigInt fraction (no floating-point summation at all): an independent route to {@link tailMassExact}(n, 1).
 */
export function tailMassGamma1Exact(n: number): number {
  requireInt("n", n, 0, 20000);
  let num = 0n, den = 1n;
  for (let k = 1n; k <= BigInt(n); k++) {
    const d = k * k; // num/den + 1/d
    num = num * d + den;
    den = den * d;
    const g = gcd(num, den);
    num /= g;
    den /= g;
  }
  const SCALE = 10n ** 30n;
  const h = Number((num * SCALE) / den) / 1e30;
  return 1 - (6 * h) / (Math.PI * Math.PI);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
