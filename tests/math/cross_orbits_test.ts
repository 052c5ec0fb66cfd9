import { colourOrbits, colourPermutations } from "../../lib/math/cross_orbits.ts";
import { countBruteForce3, crossGeometry, isValidColouring } from "../../lib/math/cross.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("colourPermutations: q! distinct permutations", () => {
  assert.deepEqual(colourPermutations(2), [[0, 1], [1, 0]]);
  const p3 = colourPermutations(3);
  assert.equal(p3.length, 6);
  assert.equal(new Set(p3.map((p) => p.join())).size, 6);
  assertThrowsWith(() => colourPermutations(0), RangeError, "q");
});

Deno.test("colourOrbits: sizes, closure and freeness on small hand-made sets", () => {
  // two segments, two colours: codes 0 = (0,0), 1 = (1,0), 2 = (0,1), 3 = (1,1)
  const all = colourOrbits([0, 1, 2, 3], 2, 2);
  assert.equal(all.closed, true);
  assert.equal(all.orbits, 2); // {00, 11} and {10, 01}
  assert.deepEqual([...all.sizes.entries()], [[2, 2]]);
  const part = colourOrbits([1], 2, 2); // (1,0) maps to (0,1), which is missing
  assert.equal(part.closed, false);
  // a monochrome colouring with three colours has an orbit of 3, not 6: the action is not free
  const mono = colourOrbits([0, 1 + 3 + 9, 2 * (1 + 3 + 9)], 3, 3);
  assert.equal(mono.closed, true);
  assert.deepEqual([...mono.sizes.entries()], [[3, 1]]);
});

Deno.test("colourOrbits: the valid cross colourings form 4,536 free orbits of 6 (brute force)", () => {
  const g = crossGeometry();
  const codes: number[] = [];
  const r = countBruteForce3(g, (c) => codes.push(c));
  assert.equal(codes.length, r.valid);
  assert.equal(r.valid, 27216);
  // the codes decode to valid colourings (digit k = segment k's colour)
  for (const c of codes.slice(0, 50)) {
    const colours = Array.from({ length: 16 }, (_, k) => Math.floor(c / 3 ** k) % 3);
    assert.ok(isValidColouring(colours, g));
  }
  const o = colourOrbits(codes, 3, 16);
  assert.equal(o.closed, true);
  assert.equal(o.orbits, 4536);
  assert.deepEqual([...o.sizes.entries()], [[6, 4536]]);
});

Deno.test("colourOrbits: bad inputs throw", () => {
  assertThrowsWith(() => colourOrbits([0], 1, 2), RangeError, "q");
  assertThrowsWith(() => colourOrbits([0], 2, 0), RangeError, "length");
  assertThrowsWith(() => colourOrbits([4], 2, 2), RangeError, "codes[0]");
  assertThrowsWith(() => colourOrbits([1, 1], 2, 2), RangeError, "duplicate");
  assertThrowsWith(() => colourOrbits([0.5], 2, 2), RangeError, "codes[0]");
  assertThrowsWith(() => colourOrbits([0], 8, 40), RangeError, "exact integer range");
  assertThrowsWith(
    () => countBruteForce3(crossGeometry(), 3 as unknown as (c: number) => void),
    TypeError,
    "onValid",
  );
});
