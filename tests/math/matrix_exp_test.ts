import { type Mat, Matrix, Rng } from "../../lib/core/mod.ts";
import { expm } from "../../lib/math/mod.ts";
import { assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

const rot = (t: number) => new Matrix([[Math.cos(t), -Math.sin(t)], [Math.sin(t), Math.cos(t)]]);
const gen = (t: number) => new Matrix([[0, -t], [t, 0]]);
const maxAbsDiff = (a: Mat, b: Mat) => Math.max(...Matrix.sub(a, b).abs().to1DArray());

Deno.test("expm of a 2×2 rotation generator is the rotation (closed form), small and large angles", () => {
  for (const t of [0, 1e-8, 0.3, 2, 17.5, 200]) {
    assertClose(maxAbsDiff(expm(gen(t)), rot(t)), 0, { abs: 1e-12 });
  }
});

Deno.test("expm: diagonal, nilpotent, and e^{A}e^{-A} = I on a random 6×6 matrix", () => {
  const e = expm(Matrix.diag([1, -2, 0.5]));
  assertClose(e.get(0, 0), Math.E, { rel: 1e-14 });
  assertClose(e.get(1, 1), Math.exp(-2), { rel: 1e-14 });
  assertClose(e.get(0, 1), 0, { abs: 1e-15 });
  assertAllClose(expm(new Matrix([[0, 3], [0, 0]])).to1DArray(), [1, 3, 0, 1], { abs: 1e-14 });
  const r = new Rng(3);
  const a = new Matrix(Array.from({ length: 6 }, () => Array.from(r.normals(6))));
  const prod = expm(a).mmul(expm(Matrix.mul(a, -1)));
  assertClose(maxAbsDiff(prod, Matrix.eye(6)), 0, { abs: 1e-12 });
});

Deno.test("expm: bad inputs name the argument", () => {
  assertThrowsWith(() => expm([[1]] as never), TypeError, "a");
  assertThrowsWith(() => expm(new Matrix([[1, 2]])), RangeError, "square");
  assertThrowsWith(() => expm(new Matrix([[Number.NaN]])), RangeError, "a");
});
