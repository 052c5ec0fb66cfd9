/**
 * Colour-permutation orbits (notebook 10, §7). The symmetric group on the q colour names acts on colourings of a
 * figure's segments by renaming colours. For a set of colourings given as base-q codes (segment k's colour is the
 * k-th digit, code = Σ_k colour_k·q^k), {@link colourOrbits} enumerates every orbit: whether the set is closed
 * under renaming, how many orbits it splits into, and their sizes. The action is free exactly when every orbit
 * has q! elements (no renaming but the identity fixes a colouring).
 * @module
 */
import { requireInt } from "../core/mod.ts";
import { product } from "./combinatorics.ts";

/** What {@link colourOrbits} finds. */
export interface ColourOrbits {
  /** number of distinct orbits met by the set */
  orbits: number;
  /** orbit size → how many orbits have it */
  sizes: Map<number, number>;
  /** true when every renamed image of every colouring is again in the set */
  closed: boolean;
}

/** All permutations of 0..q−1 (as arrays p with colour c renamed to p[c]), in lexicographic order. */
export function colourPermutations(q: number): number[][] {
  requireInt("q", q, 1, 8);
  const out: number[][] = [];
  for (const t of product(q, q)) if (new Set(t).size === q) out.push(Array.from(t));
  return out;
}

/**
 * The orbits of the colourings `codes` (distinct base-q codes of `length` digits) under all q! renamings of the
 * colours.
 */
export function colourOrbits(codes: ArrayLike<number>, q: number, length: number): ColourOrbits {
  requireInt("q", q, 2, 8);
  requireInt("length", length, 1);
  if (q ** length > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`q^length = ${q}^${length} exceeds the exact integer range of doubles`);
  }
  const top = q ** length;
  const set = new Set<number>();
  for (let i = 0; i < codes.length; i++) {
    requireInt(`codes[${i}]`, codes[i], 0, top - 1);
    if (set.has(codes[i])) throw new RangeError(`codes[${i}] = ${codes[i]} is a duplicate`);
    set.add(codes[i]);
  }
  const perms = colourPermutations(q);
  const pow = Array.from({ length }, (_, k) => q ** k);
  const digits = new Int8Array(length);
  const seen = new Set<number>();
  const sizes = new Map<number, number>();
  let closed = true;
  for (let i = 0; i < codes.length; i++) {
    if (seen.has(codes[i])) continue;
    for (let k = 0, r = codes[i]; k < length; k++, r = Math.floor(r / q)) digits[k] = r % q;
    const images = new Set<number>();
    for (const p of perms) {
      let img = 0;
      for (let k = 0; k < length; k++) img += p[digits[k]] * pow[k];
      images.add(img);
    }
    for (const img of images) {
      if (!set.has(img)) closed = false;
      seen.add(img);
    }
    sizes.set(images.size, (sizes.get(images.size) ?? 0) + 1);
  }
  let orbits = 0;
  for (const v of sizes.values()) orbits += v;
  return { orbits, sizes, closed };
}
