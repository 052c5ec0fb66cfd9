import * as math from "mathjs";
import { Matrix, Rng } from "../../lib/core/mod.ts";
import { expm, matPow, maxAbsDiff, requireSquare, scaled } from "../../lib/attention/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const rot = (t: number) => new Matrix([[Math.cos(t), -Math.sin(t)], [Math.sin(t), Math.cos(t)]]);
const gen = (t: number) => new Matrix([[0, -t], [t, 0]]);

Deno.test("expm of a 2×2 rotation generator is the rotation (closed form), small and large angles", () => {
  for (const t of [0, 1e-8, 0.3, 2, 17.5, 200]) {
    assertClose(maxAbsDiff(expm(gen(t)), rot(t)), 0, { abs: 1e-12 });
  }
});

Deno.test("expm matches mathjs's expm on random matrices and exp of a diagonal", () => {
  const r = new Rng(3);
  for (const s of [0.1, 1, 8]) {
    const a = new Matrix(Array.from({ length: 6 }, () => Array.from(r.normals(6, 0, s))));
    const ref = new Matrix(math.expm(math.matrix(a.to2DArray())).toArray() as number[][]);
    assert.ok(maxAbsDiff(expm(a), ref) <= 1e-12 * Math.max(1, ref.max()), `scale ${s}`);
  }
  const e = expm(Matrix.diag([1, -2, 0.5]));
  assertClose(e.get(0, 0), Math.E, { rel: 1e-14 });
  assertClose(e.get(1, 1), Math.exp(-2), { rel: 1e-14 });
  assertClose(e.get(0, 1), 0, { abs: 1e-15 });
});

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
  assertThrowsWith(() => expm([[1]] as never), TypeError, "a");
  assertThrowsWith(() => expm(new Matrix([[1, 2]])), RangeError, "square");
  assertThrowsWith(() => expm(new Matrix([[NaN]])), RangeError, "a");
  assertThrowsWith(() => matPow(Matrix.eye(2), 1.5), RangeError, "n");
  assertThrowsWith(() => maxAbsDiff(Matrix.eye(2), Matrix.eye(3)), RangeError, "shape");
  assertThrowsWith(() => maxAbsDiff([[1]] as never, Matrix.eye(1)), TypeError, "a");
  assertThrowsWith(() => scaled(Matrix.eye(2), Infinity), RangeError, "c");
  assertThrowsWith(() => requireSquare("x", new Matrix(0, 0)), RangeError, "x");
});
