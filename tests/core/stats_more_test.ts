import { histogram, maxRelDiff, pearson, skewness } from "../../lib/core/stats.ts";
import { Rng } from "../../lib/core/random.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("skewness: population formula on small inputs, sign and symmetry", () => {
  // [0, 0, 3]: mean 1, m2 = (1+1+4)/3 = 2, m3 = (-1-1+8)/3 = 2, g1 = 2/2^1.5
  assertClose(skewness([0, 0, 3]), 2 / 2 ** 1.5, { abs: 1e-15 });
  assertClose(skewness([1, 2, 3, 4, 5]), 0, { abs: 1e-15 });
  assert.ok(skewness([0, 0, 0, 10]) > 0);
  assert.ok(skewness([0, 10, 10, 10]) < 0);
  assertClose(skewness([2, 4, 4, 10].map((v) => 3 * v + 7)), skewness([2, 4, 4, 10]), { abs: 1e-12 });
});

Deno.test("skewness: an exponential sample has skewness near 2", () => {
  const rng = new Rng(5);
  const xs = Array.from({ length: 200_000 }, () => -Math.log(1 - rng.uniform()));
  assertClose(skewness(xs), 2, { abs: 0.1 });
});

Deno.test("pearson: exact cases and range", () => {
  assertClose(pearson([1, 2, 3], [2, 4, 6]), 1, { abs: 1e-15 });
  assertClose(pearson([1, 2, 3], [3, 2, 1]), -1, { abs: 1e-15 });
  assertClose(pearson([1, 2, 3, 4], [1, 3, 2, 4]), 0.8, { abs: 1e-15 });
  const rng = new Rng(6);
  const x = rng.normals(50_000), y = x.map((v) => v + rng.normal());
  assertClose(pearson(x, y), Math.SQRT1_2, { abs: 0.01 });
});

Deno.test("histogram: edges, counts, the closed right edge and an explicit range", () => {
  const h = histogram([0, 0.1, 0.5, 0.99, 1], 2);
  assert.deepEqual(Array.from(h.edges), [0, 0.5, 1]);
  assert.deepEqual(Array.from(h.counts), [2, 3]);
  const r = histogram([-1, 0, 1, 2, 3, 9], 3, { lo: 0, hi: 3 });
  assert.deepEqual(Array.from(r.counts), [1, 1, 2]);
  assert.deepEqual(Array.from(histogram([4, 4], 1).counts), [2]);
});

Deno.test("skewness, pearson, histogram: bad inputs throw", () => {
  assertThrowsWith(() => skewness([]), RangeError, "xs");
  assertThrowsWith(() => skewness([1, 1, 1]), RangeError, "constant");
  assertThrowsWith(() => pearson([1, 2], [1, 2, 3]), RangeError, "length");
  assertThrowsWith(() => pearson([1, 1], [1, 2]), RangeError, "xs is constant");
  assertThrowsWith(() => pearson([1, 2], [Number.NaN, 2]), RangeError, "ys[0]");
  assertThrowsWith(() => histogram([1, 2], 0), RangeError, "bins");
  assertThrowsWith(() => histogram([1, 2], 2, { lo: 1, hi: 1 }), RangeError, "range");
});

Deno.test("maxRelDiff: relative above 1, absolute below; bad inputs", () => {
  assertClose(maxRelDiff([10.5, 0.001], [10, 0]), 0.05, { abs: 1e-15 });
  assertClose(maxRelDiff([0.3], [0.1]), 0.2, { abs: 1e-15 }, "absolute where |b| < 1");
  assert.equal(maxRelDiff([], []), 0);
  assertThrowsWith(() => maxRelDiff([1], [1, 2]), RangeError, "equal length");
  assertThrowsWith(() => maxRelDiff([NaN], [1]), RangeError, "NaN");
});
