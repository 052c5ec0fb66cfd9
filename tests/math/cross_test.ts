import { Rng } from "../../lib/core/random.ts";
import {
  armCompletionTable,
  countCentreFirst,
  crossClosedForm,
  crossGeometry,
  dominant,
  estimateValidProbability,
  isValidColouring,
} from "../../lib/math/cross.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("cross geometry: 16 segments, 4 shared by the centre and one arm each", () => {
  const g = crossGeometry();
  assert.equal(g.segments.length, 16);
  const all = Object.values(g.squareSides).flat();
  assert.equal(all.length, 20);
  const centre = new Set(g.squareSides.C);
  for (const arm of ["T", "B", "L", "R"] as const) {
    assert.equal(g.squareSides[arm].filter((s) => centre.has(s)).length, 1, `${arm} shares one side`);
  }
  // cyclic order top, left, bottom, right: T's bottom is C's top, L's right is C's left
  assert.equal(g.squareSides.T[2], g.squareSides.C[0]);
  assert.equal(g.squareSides.L[3], g.squareSides.C[1]);
});

Deno.test("dominant: {i,i,j,k} only", () => {
  assert.equal(dominant([0, 0, 1, 2], 3), 0);
  assert.equal(dominant([2, 1, 2, 0], 3), 2);
  assert.equal(dominant([0, 0, 1, 1], 3), -1, "two pairs: no dominant");
  assert.equal(dominant([0, 0, 0, 1], 3), -1, "three of a kind");
  assert.equal(dominant([3, 3, 0, 1], 4), 3);
  assertThrowsWith(() => dominant([0, 0, 1], 3), RangeError, "sides");
  assertThrowsWith(() => dominant([0, 0, 1, 3], 3), RangeError, "sides[3]");
  assertThrowsWith(() => dominant([0, 0, 1, 2], 2), RangeError, "q");
});

Deno.test("arm completions: f(x,d) = 6 if x = d else 3, and A = 3(q-1)(q-2), B = 3(q-2) for q colours", () => {
  assert.deepEqual(armCompletionTable(3), [[6, 3, 3], [3, 6, 3], [3, 3, 6]]);
  for (const q of [4, 5, 6]) {
    const f = armCompletionTable(q);
    for (let x = 0; x < q; x++) {
      for (let d = 0; d < q; d++) assert.equal(f[x][d], x === d ? 3 * (q - 1) * (q - 2) : 3 * (q - 2));
    }
  }
});

Deno.test("centre-first count: the article's 27,216 with its 24/12 split and per-case factors", () => {
  const r = countCentreFirst(3);
  assert.equal(r.total, 27216n);
  assert.equal(r.adjacent, 17496n);
  assert.equal(r.opposite, 9720n);
  assert.equal(r.cases.length, 36);
  const adj = r.cases.filter((c) => c.kind === "adjacent"),
    opp = r.cases.filter((c) => c.kind === "opposite");
  assert.equal(adj.length, 24);
  assert.ok(adj.every((c) => c.topBottom === 27n && c.leftRight === 27n && c.count === 729n));
  // opposite: the bar whose sides are both dominant gives 18, the other 45
  assert.ok(opp.every((c) => c.count === 810n && [c.topBottom, c.leftRight].sort().join() === "18,45"));
  // the other published answer, 54,432, is exactly twice the count (was the ledger's wrong-answer-ratio: a
  // relation between two constants, so it lives here)
  assert.equal(2n * r.total, 54432n);
});

Deno.test("centre-first count equals the closed form for q = 3..7; closed form values", () => {
  for (let q = 3; q <= 7; q++) assert.equal(countCentreFirst(q).total, crossClosedForm(q), `q=${q}`);
  assert.equal(crossClosedForm(4), 19160064n);
  assert.equal(crossClosedForm(20), 155464093825920000n);
  assertThrowsWith(() => countCentreFirst(2), RangeError, "q");
  assertThrowsWith(() => crossClosedForm(2.5), RangeError, "q");
});

Deno.test("isValidColouring agrees with the centre-first cases, and rejects bad input", () => {
  const g = crossGeometry();
  const rng = new Rng(11);
  // build valid colourings from the centre cases by completing arms at random until valid
  let found = 0;
  const colours = new Int8Array(16);
  for (let trial = 0; trial < 200_000 && found < 5; trial++) {
    for (let k = 0; k < 16; k++) colours[k] = rng.int(3);
    if (isValidColouring(colours, g)) {
      found += 1;
      // swapping two colour names keeps it valid (S3 symmetry)
      const swapped = colours.map((c) => (c === 0 ? 1 : c === 1 ? 0 : c));
      assert.ok(isValidColouring(swapped, g));
    }
  }
  assert.ok(found > 0);
  assert.equal(isValidColouring(new Int8Array(16), g), false);
  assertThrowsWith(() => isValidColouring([0, 1], g), RangeError, "colours");
});

Deno.test("Monte Carlo estimate is within 4 standard errors of 27216/3^16 and validates n", () => {
  const { p, stdError } = estimateValidProbability(100_000, new Rng(0));
  assert.ok(Math.abs(p - 27216 / 3 ** 16) <= 4 * stdError, `p=${p} se=${stdError}`);
  assertThrowsWith(() => estimateValidProbability(0, new Rng(0)), RangeError, "n");
});

Deno.test("crossFigure: one line per segment in its colour, plus the labels; bad colours rejected", async () => {
  const { crossFigure, CROSS_PALETTE } = await import("../../lib/math/cross_plot.ts");
  const colours = Array.from({ length: 16 }, (_, k) => k % 3);
  const fig = crossFigure(colours, "example");
  assert.equal(fig.data.length, 17);
  const first = fig.data[0] as { line: { color: string }; x: number[]; y: number[] };
  assert.equal(first.line.color, CROSS_PALETTE[0]);
  assert.equal(Math.abs(first.x[1] - first.x[0]) + Math.abs(first.y[1] - first.y[0]), 1, "unit segment");
  assertThrowsWith(() => crossFigure([0, 1], "x"), RangeError, "colours");
  assertThrowsWith(() => crossFigure(colours.map((c) => c + 1), "x"), RangeError, "colours[2]");
});
