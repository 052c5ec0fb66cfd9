import { figureSummary } from "../../lib/core/mod.ts";
import { imageGridFigure, scatter2d, scatterGridFigure, trajectoryFigure } from "../../lib/diffusion/mod.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("scatter2d: splits x/y and caps the number of points", () => {
  const t = scatter2d(Float64Array.from([1, 2, 3, 4, 5, 6]), "pts", { max: 2 }) as {
    x: number[];
    y: number[];
  };
  assert.deepEqual(t.x, [1, 3]);
  assert.deepEqual(t.y, [2, 4]);
  assertThrowsWith(() => scatter2d(new Float64Array(3), "bad"), RangeError, "points");
});

Deno.test("imageGridFigure: tiles images with gaps into one heatmap", () => {
  const imgs = new Float64Array(3 * 4).map((_, i) => (i % 4) / 4);
  const f = imageGridFigure(imgs, 2, { cols: 2, title: "grid" });
  const z = (f.data[0] as { z: (number | null)[][] }).z;
  assert.equal(z.length, 2 * 3 - 1);
  assert.equal(z[0].length, 2 * 3 - 1);
  assert.equal(z[0][2], null);
  assert.equal(z[1][1], 0.75);
  assert.match(figureSummary(f), /grid/);
  assertThrowsWith(() => imageGridFigure(new Float64Array(5), 2), RangeError, "images");
  assertThrowsWith(() => imageGridFigure(imgs, 2, { range: [1, 0] }), RangeError, "opts.range");
});

Deno.test("trajectoryFigure: one frame per recorded step, descending, with a slider", () => {
  const snaps = new Map([[0, Float64Array.from([0, 0])], [10, Float64Array.from([1, 1])], [
    5,
    Float64Array.from([2, 2]),
  ]]);
  const f = trajectoryFigure(snaps, { background: Float64Array.from([0, 1]) });
  assert.deepEqual(f.frames!.map((fr) => fr.name), ["t=10", "t=5", "t=0"]);
  assert.equal(f.data.length, 2);
  assert.equal((f.layout!.sliders as unknown[]).length, 1);
  assertThrowsWith(() => trajectoryFigure(new Map()), TypeError, "snapshots");
});

Deno.test("scatterGridFigure: one axis pair per panel, traces anchored to their panel", () => {
  const p = Float64Array.from([0, 0, 1, 1]);
  const f = scatterGridFigure([[{ title: "a", traces: [{ name: "d", points: p }] }, {
    title: "b",
    traces: [{ name: "e", points: p }, { name: "f", points: p }],
  }]]);
  assert.equal(f.data.length, 3);
  assert.equal((f.data[2] as { xaxis: string }).xaxis, "x2");
  assert.ok("xaxis2" in f.layout!);
  assertThrowsWith(() => scatterGridFigure([]), TypeError, "panels");
});
