import { Matrix } from "../../lib/core/mod.ts";
import { matPow, maxAbsDiff, scaled } from "../../lib/attention/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const rot = (t: number) => new Matrix([[Math.cos(t), -Math.sin(t)], [Math.sin(t), Math.cos(t)]]);

Deno.test("matPow: integer powers, zero, negative via the inverse (not the transpose)", () => {
  const a = new Matrix([[2, 1], [0, 3]]);
  assertClose(maxAbsDiff(matPow(a, 3), new Matrix([[8, 19], [0, 27]])), 0, { abs: 1e-12 });
  assertClose(maxAbsDiff(matPow(a, 0), Matrix.eye(2)), 0, { abs: 0 + 1e-300 });
  const inv = new Matrix([[0.5, -1 / 6], [0, 1 / 3]]);
  assertClose(maxAbsDiff(matPow(a, -2), inv.mmul(inv)), 0, { abs: 1e-14 });
  assertClose(maxAbsDiff(matPow(rot(0.4), 5), rot(2)), 0, { abs: 1e-14 });
});

Deno.test("maxAbsDiff and scaled", () => {
  assert.equal(maxAbsDiff(new Matrix([[1, 2]]), new Matrix([[1, -1]])), 3);
  assert.deepEqual(scaled(new Matrix([[1, 2]]), -2).to2DArray(), [[-2, -4]]);
});

Deno.test("bad inputs throw, naming the argument", () => {
  assertThrowsWith(() => matPow([[1]] as never, 2), TypeError, "a");
  assertThrowsWith(() => matPow(new Matrix([[1, 2]]), 2), RangeError, "square");
  assertThrowsWith(() => matPow(Matrix.eye(2), 1.5), RangeError, "n");
  assertThrowsWith(() => maxAbsDiff(Matrix.eye(2), Matrix.eye(3)), RangeError, "shape");
  assertThrowsWith(() => maxAbsDiff([[1]] as never, Matrix.eye(1)), TypeError, "a");
  assertThrowsWith(() => scaled(Matrix.eye(2), Infinity), RangeError, "c");
});
