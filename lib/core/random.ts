/**
 * Seeded random numbers. Every random draw in the project comes from a {@link Rng}, so two runs of a notebook
 * give the same numbers. The generator is xoshiro128** (32-bit state words, period 2^128 - 1) seeded through
 * splitmix32; normals use the polar Box–Muller method with the second value cached.
 * @module
 */
import { requireFinite, requireInt, requirePositive } from "./validate.ts";

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** A seeded pseudo-random generator (xoshiro128**). Not for cryptography. */
export class Rng {
  #s = new Uint32Array(4);
  #spare: number | null = null;
  /** The seed this generator was made from (for display and provenance). */
  readonly seed: number;

  /** @param seed a non-negative integer below 2^32. */
  constructor(seed: number) {
    requireInt("seed", seed, 0, 0xffffffff);
    this.seed = seed;
    const sm = splitmix32(seed);
    for (let i = 0; i < 4; i++) this.#s[i] = sm();
  }

  /** The next 32-bit unsigned integer. */
  nextU32(): number {
    const s = this.#s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A standard normal draw N(0, 1). */
  normal(): number {
    if (this.#spare !== null) {
      const v = this.#spare;
      this.#spare = null;
      return v;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spare = v * f;
    return u * f;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    requireInt("n", n, 1, 0x100000000);
    // rejection sampling avoids modulo bias
    const limit = Math.floor(0x100000000 / n) * n;
    let x: number;
    do x = this.nextU32(); while (x >= limit);
    return x % n;
  }

  /** A Float64Array of `n` draws N(mean, std^2). */
  normals(n: number, mean = 0, std = 1): Float64Array {
    requireInt("n", n, 0);
    requireFinite("mean", mean);
    requirePositive("std", std, true);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = mean + std * this.normal();
    return out;
  }

  /** A Float64Array of `n` uniform draws in [lo, hi). */
  uniforms(n: number, lo = 0, hi = 1): Float64Array {
    requireInt("n", n, 0);
    requireFinite("lo", lo);
    requireFinite("hi", hi);
    if (!(hi > lo)) throw new RangeError(`hi must exceed lo, got lo=${lo}, hi=${hi}`);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * this.uniform();
    return out;
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** A uniform permutation of 0..n-1. */
  permutation(n: number): number[] {
    requireInt("n", n, 0);
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /**
   * An independent child generator named by `label`: the same parent seed and label always give the same child,
   * and drawing from the child does not move the parent. Use one child per purpose (data, init, noise...).
   */
  fork(label: string): Rng {
    return new Rng((hashLabel(label) ^ Math.imul(this.seed, 0x9e3779b1)) >>> 0);
  }

  /** A fresh integer seed for a tfjs random op (`tf.randomNormal(shape, 0, 1, "float32", rng.tfSeed())`). */
  tfSeed(): number {
    return this.nextU32() % 2147483647;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
