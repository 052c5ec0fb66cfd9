import { densityContour, quiverTrace } from "../../lib/diffusion/mod.ts";
import { GaussianMixture } from "../../lib/diffusion/mod.ts";
import { tri3 } from "../../lib/diffusion/mod.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("densityContour and quiverTrace: shapes and validation", () => {
  const c = densityContour(tri3().conditional(2), { res: 10, extent: 2 }) as { z: number[][]; x: number[] };
  assert.equal(c.z.length, 10);
  assert.equal(c.z[0].length, 10);
  assert.equal(c.x[0], -2);
  assertThrowsWith(() => densityContour(new GaussianMixture({ means: [[0]], stds: [1] })), RangeError, "gmm");
  assertThrowsWith(() => densityContour(tri3().mixture, { res: 1 }), RangeError, "opts.res");
  const q = quiverTrace(Float64Array.of(0, 0, 1, 1), [3, 4, 0, 0], { scale: 1 }) as {
    x: number[];
    y: number[];
  };
  assert.deepEqual(q.x, [0, 0.6, null, 1, 1, null]);
  assert.deepEqual(q.y, [0, 0.8, null, 1, 1, null]);
  assertThrowsWith(() => quiverTrace(Float64Array.of(0, 0), [1]), RangeError, "vectors");
  assertThrowsWith(() => quiverTrace(Float64Array.of(0), [1]), RangeError, "points");
  assertThrowsWith(() => quiverTrace(Float64Array.of(0, 0), [1, 1], { scale: 0 }), RangeError, "opts.scale");
});
