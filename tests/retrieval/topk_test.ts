import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { knnBrute, knnIndices, rankOrder, rerank, topK, topKRecallAtM } from "../../lib/retrieval/topk.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("topK: largest first, ties by index, validated k", () => {
  assert.deepEqual(Array.from(topK([0.1, 0.9, 0.5, 0.9], 3)), [1, 3, 2]);
  assert.deepEqual(Array.from(rankOrder([2, 2, 2])), [0, 1, 2]);
  assertThrowsWith(() => topK([1, 2], 3), RangeError, "k");
  assertThrowsWith(() => topK([1, Number.NaN], 1), RangeError, "scores[1]");
});

Deno.test("topK equals the first k of the full rank order, with many ties and signed zeros, for every k", () => {
  const rng = new Rng(5);
  const cases = [
    Array.from({ length: 300 }, () => rng.normal()),
    Array.from({ length: 300 }, () => rng.int(7) - 3), // heavy ties
    Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : rng.int(3) - 1)), // ±0 ties
  ];
  for (const scores of cases) {
    const full = rankOrder(scores);
    for (let k = 1; k <= scores.length; k++) {
      const top = topK(scores, k);
      if (top.length !== k || top.some((v, i) => v !== full[i])) {
        throw new Error(`topK differs from rankOrder at k = ${k}`);
      }
    }
  }
  assertThrowsWith(() => topK([], 1), RangeError, "scores must not be empty");
});

Deno.test("topKRecallAtM: exact cases, monotone in m, equals |top_k ∩ top_m| / k", () => {
  const exact = [5, 4, 3, 2, 1, 0];
  assert.equal(topKRecallAtM(exact, exact, 3, 3), 1);
  const approx = [0, 1, 2, 3, 4, 5]; // the reverse order
  assert.equal(topKRecallAtM(exact, approx, 2, 2), 0);
  assert.equal(topKRecallAtM(exact, approx, 2, 5), 0.5);
  assert.equal(topKRecallAtM(exact, approx, 2, 6), 1);
  const rng = new Rng(7);
  for (let trial = 0; trial < 20; trial++) {
    const e = rng.normals(200), a = e.map((v) => v + 2 * rng.normal());
    let prev = 0;
    for (const m of [1, 5, 10, 20, 50, 100, 200]) {
      const r = topKRecallAtM(e, a, 10, m);
      assert.ok(r >= prev, `recall fell from ${prev} to ${r} at m=${m}`);
      prev = r;
      const truth = new Set(topK(e, 10));
      const inter = Array.from(topK(a, m)).filter((i) => truth.has(i)).length;
      assert.equal(r, inter / 10);
    }
    assert.equal(prev, 1);
  }
  assertThrowsWith(() => topKRecallAtM([1, 2], [1], 1, 1), RangeError, "same items");
  assertThrowsWith(() => topKRecallAtM([1, 2], [1, 2], 1, 3), RangeError, "m");
});

Deno.test("rerank: keeps the best candidates by the exact score", () => {
  assert.deepEqual(Array.from(rerank([1, 9, 3, 7], [0, 2, 3], 2)), [3, 2]);
  assert.deepEqual(Array.from(rerank([1, 9, 3, 7], [0], 2)), [0]);
  assertThrowsWith(() => rerank([1, 2], [5], 1), RangeError, "cand[0]");
});

Deno.test("knnIndices (tfjs, chunked) equals the float64 brute force; self is never a neighbour", async () => {
  await initBackend("wasm");
  const rng = new Rng(8);
  for (const [n, d, k, chunk] of [[300, 20, 5, 64], [120, 3, 10, 1000], [50, 100, 1, 7]]) {
    const rows = Array.from({ length: n }, () => rng.normals(d));
    const x = tf.tensor2d(rows.map((r) => Array.from(r)));
    const before = tf.memory().numTensors;
    const fast = knnIndices(x, k, { chunk });
    assert.equal(tf.memory().numTensors, before, "knnIndices leaks tensors");
    const ref = knnBrute(rows, k);
    assert.deepEqual(Array.from(fast.idx), Array.from(ref.idx), `n=${n} d=${d} k=${k}`);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) assert.notEqual(fast.idx[i * k + j], i);
    }
    x.dispose();
  }
});

Deno.test("knnIndices: a duplicated point is the nearest neighbour of its twin, never of itself", async () => {
  await initBackend("wasm");
  const x = tf.tensor2d([[0, 0], [1, 1], [1, 1], [5, 5]]);
  const r = knnIndices(x, 1);
  // point 3's nearest is a tie between the twins 1 and 2: tfjs's topk takes the lower index
  assert.deepEqual(Array.from(r.idx), [1, 2, 1, 1]);
  x.dispose();
  assertThrowsWith(() => knnIndices(tf.zeros([3]) as unknown as tf.Tensor2D, 1), TypeError, "rank-2");
  const y = tf.zeros([3, 2]) as tf.Tensor2D;
  assertThrowsWith(() => knnIndices(y, 3), RangeError, "k");
  y.dispose();
  assertThrowsWith(() => knnBrute([[1]], 1), RangeError, "points");
});
