import { determinant } from "ml-matrix";
import { eigenvaluesGeneral, matmul, Matrix, Rng } from "../../lib/core/mod.ts";
import {
  blockGenerator,
  logOrthogonal,
  maxAbsDiff,
  offBlockMax,
  orthogonalCanonicalForm,
  randomOrthogonal,
  randomSkew,
  rotationBlocks,
  skewCanonicalForm,
} from "../../lib/attention/mod.ts";
import { expm } from "../../lib/math/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const I = (d: number) => Matrix.eye(d, d);

Deno.test("blockGenerator and rotationBlocks place 2×2 blocks", () => {
  assert.deepEqual(blockGenerator([2]).to2DArray(), [[0, -2], [2, 0]]);
  const r = rotationBlocks([Math.PI / 2], [-1]);
  assertClose(r.get(1, 0), 1, { abs: 1e-15 });
  assert.equal(r.get(2, 2), -1);
  assert.equal(offBlockMax(new Matrix([[1, 2, 0, 0], [3, 4, 0, 0], [0, 0, 5, 6], [0, 0, 7, 8]])), 0);
  assert.equal(offBlockMax(new Matrix([[1, 0, 9, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])), 9);
});

Deno.test("randomSkew is skew; randomOrthogonal is orthogonal with the requested determinant", () => {
  const r = new Rng(1);
  const b = randomSkew(r, 6, 2);
  assert.equal(maxAbsDiff(b, b.transpose().mul(-1)), 0);
  for (const det of [1, -1] as const) {
    const o = randomOrthogonal(r, 7, det);
    assert.ok(maxAbsDiff(matmul(o.transpose(), o), I(7)) < 1e-13);
    assertClose(determinant(o), det, { abs: 1e-12 });
  }
});

Deno.test("skewCanonicalForm recovers planted frequencies, including repeated and zero ones", () => {
  const r = new Rng(2);
  for (const thetas of [[3, 1, 0.5, 0.01], [1, 1, 0.2, 0], [0, 0]]) {
    const p0 = randomOrthogonal(r, 2 * thetas.length);
    const b = matmul(matmul(p0, blockGenerator(thetas)), p0.transpose());
    const { p, thetas: got } = skewCanonicalForm(b);
    assert.ok(maxAbsDiff(matmul(p.transpose(), p), I(b.rows)) < 1e-12);
    const pbp = matmul(matmul(p.transpose(), b), p);
    assert.ok(offBlockMax(pbp) < 1e-12);
    assert.ok(maxAbsDiff(pbp, blockGenerator(got)) < 1e-12);
    const want = [...thetas].sort((x, y) => y - x);
    want.forEach((t, i) => assertClose(got[i], t, { abs: 1e-12 }));
  }
});

Deno.test("orthogonalCanonicalForm reconstructs O; logOrthogonal inverts expm", () => {
  const r = new Rng(4);
  for (const det of [1, -1] as const) {
    const o = randomOrthogonal(r, 8, det);
    const { q, angles, signs } = orthogonalCanonicalForm(o);
    assert.ok(maxAbsDiff(matmul(matmul(q, rotationBlocks(angles, signs)), q.transpose()), o) < 1e-12);
    assert.equal(signs.reduce((p, s) => p * s, 1), det);
    if (det === 1) assert.ok(maxAbsDiff(expm(logOrthogonal(o)), o) < 1e-12);
  }
  // a rotation by π in a plane: two −1 eigenvalues paired into J_π
  const flip = Matrix.diag([-1, -1, 1]);
  assert.ok(maxAbsDiff(expm(logOrthogonal(flip)), flip) < 1e-12);
});

Deno.test("eigenvaluesGeneral: a rotation has e^{±iθ}", () => {
  const { re, im } = eigenvaluesGeneral(rotationBlocks([0.3]));
  assertClose(re[0], Math.cos(0.3), { abs: 1e-14 });
  assertClose(Math.abs(im[0]), Math.sin(0.3), { abs: 1e-14 });
});

Deno.test("bad inputs throw, naming the argument", () => {
  const r = new Rng(0);
  assertThrowsWith(() => blockGenerator([]), RangeError, "thetas");
  assertThrowsWith(() => blockGenerator([NaN]), RangeError, "thetas[0]");
  assertThrowsWith(() => randomSkew(r, 0), RangeError, "d");
  assertThrowsWith(() => randomSkew(r, 3, -1), RangeError, "scale");
  assertThrowsWith(() => randomOrthogonal(r, 3, 2 as never), RangeError, "det");
  assertThrowsWith(() => skewCanonicalForm(new Matrix([[0, 1], [1, 0]])), RangeError, "skew");
  assertThrowsWith(() => skewCanonicalForm(Matrix.zeros(3, 3)), RangeError, "even");
  assertThrowsWith(() => skewCanonicalForm(Matrix.zeros(2, 2), 0), RangeError, "tol");
  assertThrowsWith(() => orthogonalCanonicalForm(new Matrix([[2, 0], [0, 1]])), RangeError, "orthogonal");
  assertThrowsWith(() => logOrthogonal(Matrix.diag([-1, 1])), RangeError, "determinant");
  assertThrowsWith(() => rotationBlocks([], []), RangeError, "empty");
  assertThrowsWith(() => offBlockMax(Matrix.eye(3)), RangeError, "even");
  assertThrowsWith(() => eigenvaluesGeneral(new Matrix([[1, 2]])), RangeError, "square");
});
