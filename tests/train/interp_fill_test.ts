import { interpolationFill } from "../../lib/train/mod.ts";
import { assertAllClose, assertThrowsWith } from "../_assert.ts";

Deno.test("interpolationFill: linear between visible neighbours, copies at the ends, keeps visible rows", () => {
  // T = 6, d = 2; visible at 1 and 4: position 0 copies 1, 2 and 3 interpolate, 5 copies 4
  const seq = [9, 9, 1, 10, 7, 7, 8, 8, 4, 40, 6, 6];
  const out = interpolationFill(seq, 2, [0, 1, 0, 0, 1, 0]);
  assertAllClose(out, [1, 10, 1, 10, 2, 20, 3, 30, 4, 40, 4, 40], { abs: 1e-13 });
  // a sequence that is linear in i is reproduced exactly between visible points
  const lin = Array.from({ length: 8 }, (_, i) => [2 * i + 1, -i]).flat();
  assertAllClose(interpolationFill(lin, 2, [1, 0, 0, 1, 0, 1, 0, 1]), lin, { abs: 1e-14 });
  // everything visible: a copy
  assertAllClose(interpolationFill([1, 2, 3], 1, [1, 1, 1]), [1, 2, 3], { abs: 0 + 1e-300 });
});

Deno.test("interpolationFill: bad inputs name the argument", () => {
  assertThrowsWith(() => interpolationFill([1, 2], 0, [1, 1]), RangeError, "d");
  assertThrowsWith(() => interpolationFill([], 1, []), RangeError, "visible");
  assertThrowsWith(() => interpolationFill([1, 2, 3], 1, [1, 1]), RangeError, "seq");
  assertThrowsWith(() => interpolationFill([1, NaN], 1, [1, 1]), RangeError, "seq");
  assertThrowsWith(() => interpolationFill([1, 2], 1, [1, 2]), RangeError, "visible[1]");
  assertThrowsWith(() => interpolationFill([1, 2], 1, [0, 0]), RangeError, "at least one");
});
