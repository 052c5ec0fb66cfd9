import { matrixExp } from "../../lib/math/mod.ts";
import { assertAllClose, assertThrowsWith } from "../_assert.ts";

Deno.test("matrixExp: diagonal and nilpotent cases", () => {
  const e = matrixExp([[1, 0], [0, -2]]);
  assertAllClose(e.flat(), [Math.E, 0, 0, Math.exp(-2)], { abs: 1e-12 });
  assertAllClose(matrixExp([[0, 3], [0, 0]]).flat(), [1, 3, 0, 1], { abs: 1e-12 });
});

Deno.test("matrixExp: bad inputs name the argument", () => {
  assertThrowsWith(() => matrixExp([]), RangeError, "m must");
  assertThrowsWith(() => matrixExp([[1, 2]]), RangeError, "m must");
  assertThrowsWith(() => matrixExp([[Number.NaN]]), RangeError, "m[0]");
});
