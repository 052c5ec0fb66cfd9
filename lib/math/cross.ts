/**
 * The "cross" colouring problem (kexue.fm/archives/9291): the five unit squares of a plus-pentomino, drawn with 16
 * unit segments, each segment coloured with one of q colours. A square is i-dominant when its sides are
 * {i, i, a, b} with a ≠ b and a, b ≠ i. A colouring is valid when all five squares are dominant and the squares of
 * each bar (left-centre-right, top-centre-bottom) have pairwise different dominant colours.
 *
 * Three counts: the article's centre-first enumeration (exact, any q), a brute force over all 3^16 colourings
 * (q = 3), and the closed form N(q) = 162 q (q−1) (q−2)^7 (3q−5)(4q−5) (the notebook's own generalisation).
 * @module
 */
import { requireInt, type Rng } from "../core/mod.ts";

/** The squares of the cross. */
export type SquareName = "C" | "T" | "B" | "L" | "R";
/** The square names in the order used everywhere here. */
export const SQUARES: readonly SquareName[] = ["C", "T", "B", "L", "R"];

/** A unit segment: horizontal from (x,y) to (x+1,y) or vertical from (x,y) to (x,y+1). */
export interface Segment {
  dir: "h" | "v";
  x: number;
  y: number;
}

/** The cross's 16 segments and, per square, its 4 segment indices in cyclic order (top, left, bottom, right). */
export interface CrossGeometry {
  segments: Segment[];
  squareSides: Record<SquareName, [number, number, number, number]>;
}

const CELLS: Record<SquareName, [number, number]> = {
  C: [0, 0],
  T: [0, 1],
  B: [0, -1],
  L: [-1, 0],
  R: [1, 0],
};

/** Builds the geometry: square (x,y) = [x,x+1]×[y,y+1]; shared sides are one segment. */
export function crossGeometry(): CrossGeometry {
  const segments: Segment[] = [];
  const index = new Map<string, number>();
  const seg = (dir: "h" | "v", x: number, y: number) => {
    const key = `${dir}:${x},${y}`;
    if (!index.has(key)) {
      index.set(key, segments.length);
      segments.push({ dir, x, y });
    }
    return index.get(key)!;
  };
  const squareSides = {} as CrossGeometry["squareSides"];
  for (const name of SQUARES) {
    const [x, y] = CELLS[name];
    squareSides[name] = [seg("h", x, y + 1), seg("v", x, y), seg("h", x, y), seg("v", x + 1, y)];
  }
  return { segments, squareSides };
}

/** The dominant colour of a square with side colours `sides` (4 values in [0, q)), or −1 if it has none. */
export function dominant(sides: ArrayLike<number>, q: number): number {
  requireInt("q", q, 3, 127);
  if (sides.length !== 4) throw new RangeError(`sides must have 4 colours, got ${sides.length}`);
  const counts = new Map<number, number>();
  for (let k = 0; k < 4; k++) {
    const c = sides[k];
    if (!Number.isInteger(c) || c < 0 || c >= q) {
      throw new RangeError(`sides[${k}] must be a colour in [0, ${q}), got ${c}`);
    }
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  // {i, i, a, b} with a ≠ b, both ≠ i: three distinct colours with counts 2, 1, 1
  if (counts.size !== 3) return -1;
  for (const [c, n] of counts) if (n === 2) return c;
  return -1;
}

/** f(x, d): the completions of an arm's 3 free sides that make it d-dominant, given its shared side has colour x. */
export function armCompletionTable(q: number): number[][] {
  requireInt("q", q, 3, 127);
  const f = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  const sides = [0, 0, 0, 0];
  for (let x = 0; x < q; x++) {
    sides[0] = x;
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) {
        for (let c = 0; c < q; c++) {
          sides[1] = a, sides[2] = b, sides[3] = c;
          const d = dominant(sides, q);
          if (d >= 0) f[x][d] += 1;
        }
      }
    }
  }
  return f;
}

/** One dominant centre colouring and what it contributes. */
export interface CentreCase {
  /** Side colours in cyclic order top, left, bottom, right. */
  sides: [number, number, number, number];
  dominant: number;
  /** Whether the two dominant-colour sides are adjacent or opposite. */
  kind: "adjacent" | "opposite";
  /** Σ over the top/bottom arms' dominant pairs of f·f; likewise left/right. */
  topBottom: bigint;
  leftRight: bigint;
  /** topBottom × leftRight. */
  count: bigint;
}

/** The result of the centre-first enumeration. */
export interface CentreFirstCount {
  q: number;
  total: bigint;
  adjacent: bigint;
  opposite: bigint;
  cases: CentreCase[];
}

/**
 * The article's reduced enumeration: every dominant centre colouring, times the independent completions of the
 * arms. Given the centre (dominant m), the arms interact only through "all different" on each bar, so
 * N = Σ_centres [Σ_{t≠b, t,b≠m} f(c_T,t) f(c_B,b)] · [Σ_{l≠r, l,r≠m} f(c_L,l) f(c_R,r)].
 */
export function countCentreFirst(q: number): CentreFirstCount {
  requireInt("q", q, 3, 40);
  const f = armCompletionTable(q);
  const pairSum = (xa: number, xb: number, m: number) => {
    let s = 0n;
    for (let a = 0; a < q; a++) {
      if (a === m) continue;
      for (let b = 0; b < q; b++) if (b !== m && b !== a) s += BigInt(f[xa][a] * f[xb][b]);
    }
    return s;
  };
  const cases: CentreCase[] = [];
  let adjacent = 0n, opposite = 0n;
  const sides: [number, number, number, number] = [0, 0, 0, 0];
  for (let code = 0; code < q ** 4; code++) {
    for (let k = 0, r = code; k < 4; k++, r = Math.floor(r / q)) sides[3 - k] = r % q;
    const m = dominant(sides, q);
    if (m < 0) continue;
    const at = sides.flatMap((c, k) => (c === m ? [k] : []));
    const kind = (at[1] - at[0]) % 2 === 0 ? "opposite" : "adjacent";
    const topBottom = pairSum(sides[0], sides[2], m), leftRight = pairSum(sides[1], sides[3], m);
    const count = topBottom * leftRight;
    if (kind === "adjacent") adjacent += count;
    else opposite += count;
    cases.push({ sides: [...sides], dominant: m, kind, topBottom, leftRight, count });
  }
  return { q, total: adjacent + opposite, adjacent, opposite, cases };
}

/** The closed form N(q) = 162 q (q−1) (q−2)^7 (3q−5)(4q−5) (the notebook's generalisation; N(3) = 27,216). */
export function crossClosedForm(q: number): bigint {
  requireInt("q", q, 3, 1_000_000);
  const Q = BigInt(q);
  return 162n * Q * (Q - 1n) * (Q - 2n) ** 7n * (3n * Q - 5n) * (4n * Q - 5n);
}

/** True when the colouring `colours` (16 segment colours in [0, 3)) satisfies every rule (q = 3). */
export function isValidColouring(
  colours: ArrayLike<number>,
  geometry: CrossGeometry = crossGeometry(),
): boolean {
  if (colours.length !== geometry.segments.length) {
    throw new RangeError(`colours must have ${geometry.segments.length} entries, got ${colours.length}`);
  }
  const dom = {} as Record<SquareName, number>;
  for (const name of SQUARES) {
    const d = dominant(geometry.squareSides[name].map((s) => colours[s]), 3);
    if (d < 0) return false;
    dom[name] = d;
  }
  const distinct = (a: number, b: number, c: number) => a !== b && b !== c && a !== c;
  return distinct(dom.L, dom.C, dom.R) && distinct(dom.T, dom.C, dom.B);
}

/**
 * Counts valid 3-colourings by visiting all 3^16 = 43,046,721 of them (no pruning). An odometer over the 16
 * segment colours keeps each square's base-3 side code up to date incrementally, and a 81-entry table gives the
 * dominant colour of a code, so each colouring costs a handful of integer operations. Returns the count and the
 * number of colourings visited. `onValid`, if given, receives the base-3 code Σ_k colour_k·3^k of every valid
 * colouring (segment k's colour is its k-th digit), in the order visited.
 */
export function countBruteForce3(
  geometry: CrossGeometry = crossGeometry(),
  onValid?: (code: number) => void,
): { valid: number; visited: number } {
  if (onValid !== undefined && typeof onValid !== "function") {
    throw new TypeError("onValid must be a function when given");
  }
  const n = geometry.segments.length;
  const domOf = new Int8Array(81);
  for (let code = 0; code < 81; code++) {
    domOf[code] = dominant([
      code % 3,
      Math.floor(code / 3) % 3,
      Math.floor(code / 9) % 3,
      Math.floor(code / 27),
    ], 3);
  }
  // for each segment: the (square, weight) pairs it contributes to; squares indexed as in SQUARES
  const touch: [number, number][][] = Array.from({ length: n }, () => []);
  SQUARES.forEach((name, s) => geometry.squareSides[name].forEach((seg, k) => touch[seg].push([s, 3 ** k])));
  const digits = new Int8Array(n);
  const codes = new Int32Array(5);
  const weight = Array.from({ length: n }, (_, k) => 3 ** k);
  let valid = 0, visited = 0, code = 0;
  while (true) {
    visited += 1;
    const c = domOf[codes[0]],
      t = domOf[codes[1]],
      b = domOf[codes[2]],
      l = domOf[codes[3]],
      r = domOf[codes[4]];
    if (
      c >= 0 && t >= 0 && b >= 0 && l >= 0 && r >= 0 && t !== c && b !== c && t !== b && l !== c && r !== c &&
      l !== r
    ) {
      valid += 1;
      onValid?.(code);
    }
    let i = n - 1;
    while (i >= 0 && digits[i] === 2) {
      digits[i] = 0;
      code -= 2 * weight[i];
      for (const [s, w] of touch[i]) codes[s] -= 2 * w;
      i -= 1;
    }
    if (i < 0) break;
    digits[i] += 1;
    code += weight[i];
    for (const [s, w] of touch[i]) codes[s] += w;
  }
  return { valid, visited };
}

/** Monte Carlo estimate of P(valid) for uniform random 3-colourings: the estimate and its standard error. */
export function estimateValidProbability(n: number, rng: Rng): { p: number; stdError: number; hits: number } {
  requireInt("n", n, 1);
  const geometry = crossGeometry();
  const colours = new Int8Array(geometry.segments.length);
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < colours.length; k++) colours[k] = rng.int(3);
    if (isValidColouring(colours, geometry)) hits += 1;
  }
  const p = hits / n;
  return { p, stdError: Math.sqrt(Math.max(p * (1 - p), 1 / n) / n), hits };
}
