import { matFromRows, Rng } from "../../lib/core/mod.ts";
import { kmeansAnchors, sampleAnchors } from "../../lib/retrieval/anchors.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("sampleAnchors: k distinct sorted indices, seeded, roughly uniform", () => {
  const a = sampleAnchors(100, 10, new Rng(1));
  assert.equal(new Set(a).size, 10);
  assert.deepEqual(Array.from(a), Array.from(a).sort((x, y) => x - y));
  assert.deepEqual(Array.from(sampleAnchors(100, 10, new Rng(1))), Array.from(a));
  assert.deepEqual(Array.from(sampleAnchors(5, 5, new Rng(2))), [0, 1, 2, 3, 4]);
  const hits = new Int32Array(10);
  const rng = new Rng(3);
  for (let t = 0; t < 5000; t++) for (const i of sampleAnchors(10, 3, rng)) hits[i]++;
  for (const h of hits) assert.ok(Math.abs(h - 1500) < 150, `count ${h}`);
  assertThrowsWith(() => sampleAnchors(3, 4, new Rng(0)), RangeError, "k");
});

Deno.test("kmeansAnchors: one medoid per well-separated cluster", () => {
  const rng = new Rng(4);
  const dirs = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [-1, 0, 0]];
  const rows: number[][] = [], label: number[] = [];
  for (let c = 0; c < dirs.length; c++) {
    for (let i = 0; i < 25; i++) {
      rows.push(dirs[c].map((v) => 3 * v + 0.1 * rng.normal()));
      label.push(c);
    }
  }
  const idx = kmeansAnchors(matFromRows(rows), 4, new Rng(5));
  assert.equal(idx.length, 4);
  assert.deepEqual(new Set(Array.from(idx, (i) => label[i])), new Set([0, 1, 2, 3]));
  assert.deepEqual(Array.from(kmeansAnchors(matFromRows(rows), 4, new Rng(5))), Array.from(idx));
  assert.equal(new Set(kmeansAnchors(matFromRows(rows), 30, new Rng(6))).size, 30);
  assertThrowsWith(() => kmeansAnchors(matFromRows(rows), 0, new Rng(0)), RangeError, "k");
});
