import {
  initBackend,
  matFromRows,
  matmul,
  Matrix,
  relFrobError,
  Rng,
  selectRows,
} from "../../lib/core/mod.ts";
import {
  annCurApprox,
  annCurSearch,
  buildAnnCurIndex,
  matrixScorer,
  meanRecallAtM,
  retrieveRerank,
} from "../../lib/retrieval/anncur.ts";
import { curDecompose, curReconstruct } from "../../lib/retrieval/cur.ts";
import { topK, topKRecallAtM } from "../../lib/retrieval/topk.ts";
import { assert, assertThrowsWith } from "../_assert.ts";
import { randn } from "../_matrices.ts";

Deno.test("ANNCUR index = CUR: approximate scores equal the CUR reconstruction; calls are counted", () => {
  const rng = new Rng(21);
  const S = matmul(randn(rng, 40, 6), randn(rng, 6, 120)).add(randn(rng, 40, 120).mul(0.05));
  const ce = matrixScorer(S);
  const aq = Array.from({ length: 20 }, (_, i) => i), ai = [3, 10, 17, 40, 55, 71, 90, 111];
  const idx = buildAnnCurIndex(ce.score, aq, ai, 120);
  assert.equal(ce.calls(), 20 * 120);
  assert.equal(idx.indexCalls, 20 * 120);
  const cur = curReconstruct(curDecompose(S, aq, ai), [25, 30]);
  const approx = [25, 30].map((q) => annCurApprox(idx, ai.map((i) => S.get(q, i))));
  assert.ok(relFrobError(matFromRows(approx), cur) < 1e-12);

  ce.reset();
  const r = annCurSearch(idx, ce.score, 33, { k: 5, m: 20 });
  assert.equal(r.ceCalls, ai.length + 20);
  assert.equal(ce.calls(), ai.length + 20);
  assert.equal(r.topK.length, 5);
  // the search's recall equals the matrix evaluation of the same approximate scores
  const exact = S.getRow(33);
  const truth = new Set(topK(exact, 5));
  const rec = Array.from(r.topK).filter((i) => truth.has(i)).length / 5;
  assert.equal(rec, topKRecallAtM(exact, r.approx, 5, 20));
  assert.equal(rec, meanRecallAtM(selectRows(S, [33]), matFromRows([r.approx]), 5, [20])[0]);
});

Deno.test("meanRecallAtM equals the mean of topKRecallAtM and is monotone in m", () => {
  const rng = new Rng(22);
  const exact = randn(rng, 30, 200), approx = exact.clone().add(randn(rng, 30, 200));
  const ms = [1, 5, 10, 50, 100, 200];
  const fast = meanRecallAtM(exact, approx, 10, ms);
  ms.forEach((m, i) => {
    let s = 0;
    for (let r = 0; r < 30; r++) s += topKRecallAtM(exact.getRow(r), approx.getRow(r), 10, m);
    assert.ok(Math.abs(fast[i] - s / 30) < 1e-12, `m=${m}`);
    if (i > 0) assert.ok(fast[i] >= fast[i - 1]);
  });
  assert.equal(fast[fast.length - 1], 1);
  assertThrowsWith(() => meanRecallAtM(exact, randn(rng, 3, 200), 10, [5]), RangeError, "one shape");
  assertThrowsWith(() => meanRecallAtM(exact, approx, 10, [500]), RangeError, "ms[0]");
});

Deno.test("retrieveRerank: the best k of the m candidates by the exact score", () => {
  const exact = [5, 1, 9, 3, 7];
  const approx = [0.9, 0.8, 0.1, 0.7, 0.6]; // candidates (m = 3): 0, 1, 3
  const out = retrieveRerank(approx, (items) => Float64Array.from(items, (i) => exact[i]), 2, 3);
  assert.deepEqual(Array.from(out), [0, 3]);
  assertThrowsWith(() => retrieveRerank(approx, () => new Float64Array(0), 1, 6), RangeError, "m");
});

Deno.test("buildAnnCurIndex and the matrix scorer validate their inputs", async () => {
  await initBackend("wasm");
  const S = Matrix.ones(3, 4);
  const ce = matrixScorer(S);
  assertThrowsWith(() => ce.score(3, Int32Array.from([0])), RangeError, "q");
  assertThrowsWith(() => ce.score(0, Int32Array.from([4])), RangeError, "items[0]");
  assertThrowsWith(() => buildAnnCurIndex(ce.score, [0], [1, 1], 4), RangeError, "anchorItems");
  assertThrowsWith(() => buildAnnCurIndex(ce.score, [], [1], 4), RangeError, "anchorQueries");
  const idx = buildAnnCurIndex(ce.score, [0, 1], [0, 2], 4);
  assertThrowsWith(() => annCurApprox(idx, [1]), RangeError, "eq");
});
