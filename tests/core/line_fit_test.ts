import { linearFit } from "../../lib/core/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("linearFit: exact line, R² = 1; a textbook data set", () => {
  const f = linearFit([0, 1, 2, 3], [1, 3, 5, 7]);
  assertClose(f.slope, 2, { abs: 1e-14 });
  assertClose(f.intercept, 1, { abs: 1e-14 });
  assertClose(f.r2, 1, { abs: 1e-14 });
  assertClose(f.slopeSE, 0, { abs: 1e-14 });
  // x = 1..5, y = [2, 4, 5, 4, 5]: slope 0.6, intercept 2.2, R² = 0.6, SE(slope) = sqrt(2.4/3/10)
  const g = linearFit([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
  assertClose(g.slope, 0.6, { abs: 1e-14 });
  assertClose(g.intercept, 2.2, { abs: 1e-14 });
  assertClose(g.r2, 0.6, { abs: 1e-14 });
  assertClose(g.slopeSE, Math.sqrt(0.08), { abs: 1e-14 });
  assertClose(g.interceptSE, Math.sqrt(0.8 * (1 / 5 + 9 / 10)), { abs: 1e-14 });
  assert.equal(g.n, 5);
});

Deno.test("linearFit: bad inputs throw, naming the argument", () => {
  assertThrowsWith(() => linearFit([1, 2], [1]), RangeError, "x and y");
  assertThrowsWith(() => linearFit([1], [1]), RangeError, "x");
  assertThrowsWith(() => linearFit([1, NaN], [1, 2]), RangeError, "x");
  assertThrowsWith(() => linearFit([1, 2], [1, Infinity]), RangeError, "y");
  assertThrowsWith(() => linearFit([2, 2, 2], [1, 2, 3]), RangeError, "constant");
});
