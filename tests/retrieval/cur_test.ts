import {
  bestRankError,
  frobNorm,
  matmul,
  Matrix,
  relFrobError,
  Rng,
  selectCols,
  selectRows,
} from "../../lib/core/mod.ts";
import { curDecompose, curItemFactor, curReconstruct } from "../../lib/retrieval/cur.ts";
import { assert, assertThrowsWith } from "../_assert.ts";
import { randn } from "../_matrices.ts";

Deno.test("CUR: exact for a rank-r matrix when the anchor block has rank r", () => {
  const rng = new Rng(11);
  const S = matmul(randn(rng, 60, 8), randn(rng, 8, 80));
  const rows = [0, 5, 9, 13, 21, 30, 33, 41, 47, 50, 55, 59],
    cols = [1, 4, 8, 15, 22, 29, 37, 44, 52, 61, 70, 79];
  const f = curDecompose(S, rows, cols, 1e-10);
  assert.ok(relFrobError(curReconstruct(f), S) < 1e-9);
  assert.equal(curItemFactor(f).rows, 12);
  assert.equal(curItemFactor(f).columns, 80);
  // reconstructing some rows equals the same rows of the full reconstruction
  const part = curReconstruct(f, [3, 7]);
  assert.ok(relFrobError(part, selectRows(curReconstruct(f), [3, 7])) < 1e-12);
});

Deno.test("CUR: with more anchor rows than columns the anchor columns are reproduced exactly", () => {
  const rng = new Rng(12);
  const S = randn(rng, 50, 70); // full rank: no exact CUR, but W⁺W = I when W has full column rank
  const rows = Array.from({ length: 30 }, (_, i) => i), cols = [2, 9, 17, 33, 48, 61];
  const approx = curReconstruct(curDecompose(S, rows, cols));
  const diff = Matrix.sub(selectCols(approx, cols), selectCols(S, cols));
  assert.ok(diff.abs().max() / S.clone().abs().max() < 1e-9);
  // anchor rows are reproduced too only when |U| >= |V|; here they are not, and the error obeys Eckart–Young
  const err = frobNorm(Matrix.sub(approx, S));
  assert.ok(err >= bestRankError(S, cols.length) - 1e-9);
});

Deno.test("CUR: validates its anchors", () => {
  const S = Matrix.ones(4, 5);
  assertThrowsWith(() => curDecompose(S, [0, 0], [1]), RangeError, "rowIdx");
  assertThrowsWith(() => curDecompose(S, [0], [1, 7]), RangeError, "idx[1]");
});
