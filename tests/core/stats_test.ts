import { kahanSum, mean, median, quantile, stdError, variance } from "../../lib/core/stats.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("stats: exact values on small inputs", () => {
  assert.equal(mean([1, 2, 3, 4]), 2.5);
  assertClose(variance([1, 2, 3, 4]), 5 / 3, { abs: 1e-15 });
  assertClose(variance([1, 2, 3, 4], 0), 1.25, { abs: 1e-15 });
  assertClose(stdError([1, 2, 3, 4]), Math.sqrt(5 / 3 / 4), { abs: 1e-15 });
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(quantile([0, 10], 0.25), 2.5);
});

Deno.test("stats: compensated sum keeps what a naive sum loses", () => {
  const xs = [1e16, 1, -1e16, 1];
  assert.equal(kahanSum(xs), 2);
});

Deno.test("stats: empty, non-finite and out-of-range inputs throw", () => {
  assertThrowsWith(() => mean([]), RangeError, "xs");
  assertThrowsWith(() => mean([1, Number.NaN]), RangeError, "xs[1]");
  assertThrowsWith(() => variance([1]), RangeError, "ddof");
  assertThrowsWith(() => quantile([1, 2], 1.5), RangeError, "q");
});
