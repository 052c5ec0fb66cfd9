import { initBackend, tf } from "../../lib/core/backend.ts";
import {
  bestRankError,
  bestRankErrors,
  frobNorm,
  fromTensor,
  gramEigenvalues,
  matFromRows,
  matmul,
  Matrix,
  matRows,
  matVec,
  penroseResiduals,
  pinvRcond,
  relFrobError,
  requireSquare,
  selectCols,
  selectRows,
  singularValues,
  solveSpd,
  symmetricEigen,
  toTensor,
  truncatedSvd,
} from "../../lib/core/linalg.ts";
import { Rng } from "../../lib/core/random.ts";
import { assert, assertAllClose, assertClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";
import { randn } from "../_matrices.ts";

/** A random matrix of exact rank `k`: (r×k)(k×c). */
function lowRank(rng: Rng, r: number, c: number, k: number): Matrix {
  return matmul(randn(rng, r, k), randn(rng, k, c));
}

Deno.test("linalg: selectRows / selectCols pick and order, and reject bad indices", () => {
  const a = matFromRows([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(selectRows(a, [1, 0, 1]).to2DArray(), [[4, 5, 6], [1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(selectCols(a, Int32Array.from([2, 0])).to2DArray(), [[3, 1], [6, 4]]);
  assertThrowsWith(() => selectRows(a, [2]), RangeError, "idx[0]");
  assertThrowsWith(() => selectCols(a, [0, 1.5]), RangeError, "idx[1]");
  assertThrowsWith(() => selectCols(a, []), RangeError, "idx");
  assertThrowsWith(() => matFromRows([[1, 2], [3]]), RangeError, "rows[1]");
  assertThrowsWith(() => matFromRows([[1, Number.NaN]]), RangeError, "rows[0][1]");
  assertThrowsWith(() => selectRows([[1]] as unknown as Matrix, [0]), TypeError, "a");
});

Deno.test("linalg: matmul equals ml-matrix mmul and checks shapes", () => {
  const rng = new Rng(1);
  const a = randn(rng, 7, 5), b = randn(rng, 5, 9);
  assertAllClose(matmul(a, b).to1DArray(), a.mmul(b).to1DArray(), { abs: 1e-12 });
  assertThrowsWith(() => matmul(a, a), RangeError, "a's columns (5)");
  assert.deepEqual(matRows(a)[2], Float64Array.from(a.getRow(2)));
});

Deno.test("linalg: relFrobError and frobNorm", () => {
  const a = matFromRows([[3, 0], [0, 4]]);
  assert.equal(frobNorm(a), 5);
  const b = matFromRows([[3, 0], [0, 5]]);
  assertClose(relFrobError(b, a), 1 / 5, { abs: 1e-15 });
  assertThrowsWith(() => relFrobError(a, Matrix.zeros(2, 2)), RangeError, "exact");
  assertThrowsWith(() => relFrobError(a, Matrix.zeros(2, 3)), RangeError, "one shape");
});

Deno.test("linalg: pinvRcond satisfies the Penrose conditions (full rank and rank-deficient, tall and wide)", () => {
  const rng = new Rng(2);
  for (
    const a of [randn(rng, 40, 25), randn(rng, 25, 40), lowRank(rng, 40, 25, 6), lowRank(rng, 12, 30, 4)]
  ) {
    const p = pinvRcond(a, 1e-10);
    assert.equal(p.rows, a.columns);
    assert.equal(p.columns, a.rows);
    for (const r of penroseResiduals(a, p)) assert.ok(r < 1e-10, `Penrose residual ${r}`);
  }
  // square invertible: the pseudo-inverse is the inverse
  const s = randn(rng, 10, 10);
  const g = pinvRcond(s);
  assert.ok(relFrobError(matmul(matmul(s, g), s), s) < 1e-10);
  assertAllClose(matmul(s, g).to1DArray(), Matrix.eye(10).to1DArray(), { abs: 1e-9 });
});

Deno.test("linalg: pinvRcond follows numpy's rcond·σ_max rule", () => {
  // diag(1, 1e-3, 1e-8): rcond 1e-5 drops only the last, rcond 1e-2 drops the last two
  const a = matFromRows([[1, 0, 0], [0, 1e-3, 0], [0, 0, 1e-8]]);
  assertAllClose(pinvRcond(a, 1e-5).to1DArray(), [1, 0, 0, 0, 1e3, 0, 0, 0, 0], { abs: 1e-6 });
  assertAllClose(pinvRcond(a, 1e-2).to1DArray(), [1, 0, 0, 0, 0, 0, 0, 0, 0], { abs: 1e-9 });
  assertClose(pinvRcond(a, 1e-15).get(2, 2), 1e8, { rel: 1e-8 });
  // a cut at exactly rcond·σ_max (1e-3 here) drops that value, as numpy's strict ">" does
  assertAllClose(pinvRcond(a, 1e-3).to1DArray(), [1, 0, 0, 0, 0, 0, 0, 0, 0], { abs: 1e-6 });
  assertThrowsWith(() => pinvRcond(a, -1), RangeError, "rcond");
  assert.deepEqual(pinvRcond(Matrix.zeros(2, 3)).to2DArray(), Matrix.zeros(3, 2).to2DArray());
});

Deno.test("linalg: Penrose residuals detect a wrong inverse", () => {
  const rng = new Rng(3);
  const a = randn(rng, 6, 4);
  const wrong = pinvRcond(a).mul(1.01);
  assert.ok(penroseResiduals(a, wrong)[0] > 1e-3);
  assertThrowsWith(() => penroseResiduals(a, a), RangeError, "p must be [4x6]");
});

Deno.test("linalg: singular values, Gram eigenvalues and the Eckart–Young error agree", () => {
  const rng = new Rng(4);
  for (const a of [randn(rng, 20, 50), randn(rng, 50, 20)]) {
    const s = singularValues(a);
    const ev = gramEigenvalues(a);
    assert.equal(s.length, 20);
    assertAllClose(Array.from(ev), Array.from(s, (v) => v * v), { rel: 1e-10, abs: 1e-10 });
    for (const r of [0, 5, 19, 20]) {
      let tail = 0;
      for (let i = r; i < s.length; i++) tail += s[i] * s[i];
      assertClose(bestRankError(a, r), Math.sqrt(tail), { rel: 1e-9, abs: 1e-7 });
    }
    assertClose(bestRankError(a, 0), frobNorm(a), { rel: 1e-12 });
    const many = bestRankErrors(a, [19, 0, 5]);
    assertAllClose(many, [bestRankError(a, 19), bestRankError(a, 0), bestRankError(a, 5)], { rel: 1e-12 });
  }
  // an exact rank-3 matrix has (numerically) no error at rank 3
  const l = lowRank(rng, 30, 40, 3);
  assert.ok(bestRankError(l, 3) / frobNorm(l) < 1e-6);
  assertThrowsWith(() => bestRankError(l, 31), RangeError, "rank");
});

Deno.test("linalg: tensor round trip keeps float32 precision", async () => {
  await initBackend("wasm");
  const a = matFromRows([[1, 2.5], [-3, 1 / 3]]);
  const t = toTensor(a);
  assert.deepEqual(t.shape, [2, 2]);
  const back = await fromTensor(t);
  assertAllClose(back.to1DArray(), a.to1DArray(), { rel: 1e-7 });
  t.dispose();
  const v = tf.tensor1d([1, 2]);
  await assertRejectsWith(() => fromTensor(v as unknown as tf.Tensor2D), TypeError, "rank-2");
  v.dispose();
});

Deno.test("linalg: truncatedSvd matches the singular values and reconstructs the best rank-r approximation", () => {
  const rng = new Rng(5);
  for (const a of [randn(rng, 15, 40), randn(rng, 40, 15)]) {
    const s = singularValues(a);
    const t = truncatedSvd(a, 6);
    assertAllClose(Array.from(t.s), Array.from(s.subarray(0, 6)), { rel: 1e-9 });
    assert.equal(t.U.rows, a.rows);
    assert.equal(t.V.rows, a.columns);
    // orthonormal columns on both sides
    assertAllClose(matmul(t.U.transpose(), t.U).to1DArray(), Matrix.eye(6).to1DArray(), { abs: 1e-9 });
    assertAllClose(matmul(t.V.transpose(), t.V).to1DArray(), Matrix.eye(6).to1DArray(), { abs: 1e-9 });
    const approx = matmul(matmul(t.U, Matrix.diag(Array.from(t.s))), t.V.transpose());
    assertClose(frobNorm(Matrix.sub(a, approx)), bestRankError(a, 6), { rel: 1e-8 });
  }
  const l = lowRank(rng, 10, 20, 2);
  assert.equal(truncatedSvd(l, 5).s.length, 2); // numerically zero singular values are dropped
  assertThrowsWith(() => truncatedSvd(l, 0), RangeError, "rank");
  assertThrowsWith(() => truncatedSvd(Matrix.zeros(3, 3), 1), RangeError, "zero matrix");
});

Deno.test("linalg: solveSpd solves symmetric positive definite systems and rejects others", () => {
  const rng = new Rng(6);
  const m = randn(rng, 8, 5);
  const a = matmul(m.transpose(), m).add(Matrix.eye(5).mul(0.1));
  const b = randn(rng, 5, 3);
  const x = solveSpd(a, b);
  assertAllClose(matmul(a, x).to1DArray(), b.to1DArray(), { abs: 1e-10 });
  assertThrowsWith(
    () => solveSpd(matFromRows([[1, 2], [2, 1]]), Matrix.ones(2, 1)),
    RangeError,
    "positive definite",
  );
  assertThrowsWith(() => solveSpd(Matrix.eye(2), Matrix.ones(3, 1)), RangeError, "b must have 2 rows");
});

Deno.test("linalg: symmetricEigen — ascending values, unit eigenvectors, A v = λ v; bad input", () => {
  const a = [[2, 1, 0], [1, 3, 1], [0, 1, 4]];
  const { values, vectors } = symmetricEigen(a);
  for (let k = 1; k < 3; k++) assert.ok(values[k] > values[k - 1]);
  for (let k = 0; k < 3; k++) {
    const v = [0, 1, 2].map((i) => vectors[i][k]);
    const av = a.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
    av.forEach((x, i) => assert.ok(Math.abs(x - values[k] * v[i]) < 1e-12));
    assert.ok(Math.abs(v.reduce((s, x) => s + x * x, 0) - 1) < 1e-12);
  }
  assertThrowsWith(() => symmetricEigen([[1, 2, 3]]), RangeError, "square");
  assertThrowsWith(() => symmetricEigen([[NaN]]), RangeError, "a");
});

Deno.test("matVec and requireSquare: values, and bad inputs name the argument", () => {
  assert.deepEqual(Array.from(matVec(new Matrix([[1, 2], [3, 4], [5, 6]]), [1, -1])), [-1, -1, -1]);
  assertThrowsWith(() => matVec([[1]] as never, [1]), TypeError, "w");
  assertThrowsWith(() => matVec(Matrix.eye(2), [1]), RangeError, "x");
  assertThrowsWith(() => matVec(Matrix.eye(2), [1, Number.NaN]), RangeError, "x");
  assert.equal(requireSquare("m", Matrix.eye(3)).rows, 3);
  assertThrowsWith(() => requireSquare("m", [[1]]), TypeError, "m");
  assertThrowsWith(() => requireSquare("m", new Matrix(0, 0)), RangeError, "m");
  assertThrowsWith(() => requireSquare("m", new Matrix([[1, 2]])), RangeError, "square");
  assertThrowsWith(() => requireSquare("m", new Matrix([[Number.POSITIVE_INFINITY]])), RangeError, "m");
});
