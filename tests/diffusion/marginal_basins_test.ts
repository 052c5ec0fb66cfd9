import {
  basinBoundaries,
  fractionsByNearest,
  linearFamily,
  marginalField,
  nearestTarget,
  stdNormal,
  straightPath,
  uniformBox,
} from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

Deno.test("marginalField: straight lines with a Gaussian prior = the Gaussian-kernel posterior field of notebook 16", () => {
  // x_t = (1 − t)x₀ + tε: the posterior weights are N(x; (1 − t)x_i, t²), f = Σ w_i (x − x_i)/t
  const data = Float64Array.from([-1, 0.5, 2]), t = 0.4, x = Float64Array.from([-0.3, 0.2, 1.1]);
  const f = marginalField(linearFamily(straightPath(), stdNormal(1)), data).velocity(x, t);
  const expected = Array.from(x, (v) => {
    let num = 0, den = 0;
    for (const m of data) {
      const w = Math.exp(-((v - (1 - t) * m) ** 2) / (2 * t * t));
      num += (w * (v - m)) / t;
      den += w;
    }
    return num / den;
  });
  assertAllClose(f, expected, { abs: 1e-12 });
  // a single point: the marginal is the conditional field
  const one = marginalField(linearFamily(straightPath(), stdNormal(1)), Float64Array.from([0.7]));
  assertAllClose(one.velocity(Float64Array.from([1.5]), 0.5), [(1.5 - 0.7) / 0.5], { abs: 1e-14 });
});

Deno.test("marginalField: zero velocity where no conditional law reaches (uniform prior gap); weights count", () => {
  const f = marginalField(linearFamily(straightPath(), uniformBox(0, 2)), Float64Array.from([0.5, 1.7]), [
    3,
    1,
  ]);
  const v = f.velocity(Float64Array.from([5, 0.6]), 0.1);
  assert.equal(v[0], 0);
  assert.ok(Number.isFinite(v[1]));
});

Deno.test("basins: nearest targets, fractions, boundaries", () => {
  const targets = Float64Array.from([0, 1, 2]);
  assertAllClose(nearestTarget(Float64Array.from([-3, 0.6, 1.4, 9]), targets), [0, 1, 1, 2], { abs: 0.5 });
  assertAllClose(fractionsByNearest(Float64Array.from([0.1, 0.2, 1.9, 1.1]), targets), [0.5, 0.25, 0.25], {
    abs: 1e-15,
  });
  assertAllClose(basinBoundaries([0, 1, 2, 3, 4], [0, 0, 1, 1, 2]), [1.5, 3.5], { abs: 1e-15 });
  assertAllClose(
    nearestTarget(Float64Array.from([0.9, 1, 0, 0]), Float64Array.from([0, 0, 1, 1]), 2),
    [1, 0],
    { abs: 0.5 },
  );
});

Deno.test("marginal/basins: bad inputs throw, naming the argument", () => {
  const fam = linearFamily(straightPath(), stdNormal(1));
  assertThrowsWith(() => marginalField(null as never, new Float64Array(1)), TypeError, "family");
  assertThrowsWith(() => marginalField(fam, new Float64Array(0)), RangeError, "data");
  assertThrowsWith(() => marginalField(fam, Float64Array.from([1, 2]), [1]), RangeError, "weights");
  assertThrowsWith(() => marginalField(fam, Float64Array.from([1, 2]), [1, 0]), RangeError, "weights[1]");
  assertThrowsWith(
    () => marginalField(fam, Float64Array.from([1])).velocity(new Float64Array(1), 0),
    RangeError,
    "t",
  );
  assertThrowsWith(() => nearestTarget(new Float64Array(3), new Float64Array(2), 2), RangeError, "points");
  assertThrowsWith(
    () => fractionsByNearest(new Float64Array(2), Float64Array.from([NaN])),
    RangeError,
    "targets",
  );
  assertThrowsWith(() => basinBoundaries([0], [0]), RangeError, "starts");
  assertThrowsWith(() => basinBoundaries([1, 0], [0, 0]), RangeError, "increasing");
});
