/**
 * Exact combinatorics: tuple odometers, counting, and binomials/factorials in BigInt (exact at any size).
 * @module
 */
import { requireInt } from "../core/mod.ts";

/**
 * All base-`alphabet` tuples of `length` in lexicographic order (the last position moves fastest). The same
 * Int8Array buffer is yielded each time and changed in place: copy it if you keep it.
 */
export function* product(alphabet: number, length: number): Generator<Int8Array> {
  requireInt("alphabet", alphabet, 1, 127);
  requireInt("length", length, 0, 64);
  const digits = new Int8Array(length);
  while (true) {
    yield digits;
    let i = length - 1;
    while (i >= 0 && digits[i] === alphabet - 1) digits[i--] = 0;
    if (i < 0) return;
    digits[i] += 1;
  }
}

/** How many items of `xs` satisfy `pred`. */
export function countBy<T>(xs: Iterable<T>, pred: (x: T) => boolean): number {
  let n = 0;
  for (const x of xs) if (pred(x)) n += 1;
  return n;
}

/** n! as a BigInt. */
export function factorialBig(n: number): bigint {
  requireInt("n", n, 0);
  let f = 1n;
  for (let i = 2n; i <= BigInt(n); i++) f *= i;
  return f;
}

/** The binomial coefficient C(n, k) as a BigInt (0 when k > n). */
export function binomialBig(n: number, k: number): bigint {
  requireInt("n", n, 0);
  requireInt("k", k, 0);
  if (k > n) return 0n;
  const kk = Math.min(k, n - k);
  let c = 1n;
  for (let i = 1; i <= kk; i++) c = (c * BigInt(n - kk + i)) / BigInt(i);
  return c;
}
