import { grid2d, heatmapPanels } from "../../lib/diffusion/mod.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("grid2d: axes and row-major points (y outer, x inner)", () => {
  const g = grid2d([-1, 1, 0, 2], 3);
  assert.deepEqual(g.xs, [-1, 0, 1]);
  assert.deepEqual(g.ys, [0, 1, 2]);
  assert.deepEqual(Array.from(g.points.subarray(0, 6)), [-1, 0, 0, 0, 1, 0]);
  assert.deepEqual(Array.from(g.points.subarray(10, 12)), [1, 1]); // index 5 = (i=1, j=2) = (xs[2], ys[1])
  assertThrowsWith(() => grid2d([1, -1, 0, 1], 3), RangeError, "box");
  assertThrowsWith(() => grid2d([0, 1, 0, 1], 1), RangeError, "res");
});

Deno.test("heatmapPanels: one heatmap per panel on its own axes, NaN as holes, validation", () => {
  const g = grid2d([0, 1, 0, 1], 2);
  const fig = heatmapPanels(g, [
    { title: "a", values: [1, 2, 3, 4] },
    { title: "b", values: [NaN, 0.123456, 1, 2], range: [0, 1] },
  ], { title: "t" });
  assert.equal(fig.data.length, 2);
  const z = (fig.data[1] as unknown as { z: (number | null)[][] }).z;
  assert.deepEqual(z, [[null, 0.1235], [1, 2]]);
  assert.equal((fig.data[1] as unknown as { xaxis: string }).xaxis, "x2");
  assertThrowsWith(() => heatmapPanels(g, [{ title: "a", values: [1] }]), RangeError, "panels[0].values");
  assertThrowsWith(() => heatmapPanels(g, []), TypeError, "panels");
});
