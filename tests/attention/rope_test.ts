import { Matrix, Rng } from "../../lib/core/mod.ts";
import {
  applyRope,
  blockGenerator,
  elu1,
  generalRope,
  maxAbsDiff,
  positionalLogits,
  randomSkew,
  relativeResidual,
  ropeBlockMatrix,
  ropeFrequencies,
  rotateBy,
} from "../../lib/attention/mod.ts";
import { expm } from "../../lib/math/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("ropeFrequencies: θ_i = 10000^(−2i/d)", () => {
  const t = ropeFrequencies(8);
  assert.equal(t.length, 4);
  assert.equal(t[0], 1);
  assertClose(t[2], 0.01, { rel: 1e-14 });
  assertClose(ropeFrequencies(4, 100)[1], 0.1, { rel: 1e-14 });
});

Deno.test("ropeBlockMatrix = exp(n·diag(J_θ)); applyRope = the matrix times x", () => {
  const th = ropeFrequencies(6), r = new Rng(1);
  for (const n of [0, 1, -3, 40]) {
    assert.ok(maxAbsDiff(ropeBlockMatrix(n, th), expm(blockGenerator(th).mul(n))) < 1e-12);
    const x = r.normals(6);
    const mx = ropeBlockMatrix(n, th).mmul(Matrix.columnVector(Array.from(x))).getColumn(0);
    applyRope(x, n, th).forEach((v, i) => assertClose(v, mx[i], { abs: 1e-14 }));
  }
});

Deno.test("relativeResidual: 0 for skew B, large for a non-skew matrix", () => {
  const b = randomSkew(new Rng(2), 4);
  assert.ok(relativeResidual((n) => generalRope(n, b), [-2, 0, 1, 3]) < 1e-13);
  const c = new Matrix([[0.5, 1], [0, 0.2]]);
  assert.ok(relativeResidual((n) => generalRope(n, c), [-2, 0, 1, 3]) > 0.1);
});

Deno.test("positionalLogits: block RoPE logits depend on n − m only; rotateBy agrees with the closed form", () => {
  const th = ropeFrequencies(4), r = new Rng(3);
  const q = r.normals(4), k = r.normals(4);
  const L = 5;
  const s = positionalLogits(Array(L).fill(q), Array(L).fill(k), (x, n) => applyRope(x, n, th));
  for (let m = 1; m < L; m++) assertClose(s[m][m - 1], s[1][0], { abs: 1e-14 });
  const s2 = positionalLogits([q], [k], rotateBy((n) => ropeBlockMatrix(n, th)));
  assertClose(s2[0][0], q.reduce((a, v, i) => a + v * k[i], 0) / 2, { abs: 1e-14 });
});

Deno.test("elu1 is positive and equals x + 1 for x > 0", () => {
  assert.deepEqual(Array.from(elu1([1, 0, -50])).slice(0, 2), [2, 1]);
  assert.ok(elu1([-50])[0] > 0);
});

Deno.test("bad inputs throw, naming the argument", () => {
  assertThrowsWith(() => ropeFrequencies(5), RangeError, "d");
  assertThrowsWith(() => ropeFrequencies(4, 0), RangeError, "base");
  assertThrowsWith(() => ropeBlockMatrix(NaN, [1]), RangeError, "n");
  assertThrowsWith(() => ropeBlockMatrix(1, []), RangeError, "thetas");
  assertThrowsWith(() => applyRope([1, 2, 3], 0, [1]), RangeError, "x");
  assertThrowsWith(() => generalRope(1, new Matrix([[1, 2]])), RangeError, "b");
  assertThrowsWith(() => relativeResidual((n) => Matrix.eye(2).mul(n), []), RangeError, "positions");
  assertThrowsWith(() => relativeResidual((n) => Matrix.eye(2).mul(n), [0.5]), RangeError, "positions[0]");
  assertThrowsWith(() => relativeResidual(null as never, [1]), TypeError, "r");
  assertThrowsWith(() => positionalLogits([[1]], [], (x) => x), RangeError, "q and k");
  assertThrowsWith(() => rotateBy(1 as never), TypeError, "r");
  assertThrowsWith(() => elu1([NaN]), RangeError, "x");
});
