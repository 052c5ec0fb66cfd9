import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import {
  hubFilterSample,
  hubnessStats,
  kOccurrence,
  kOccurrenceBrute,
  kOccurrenceFromKnn,
  rowNorms,
} from "../../lib/retrieval/hubness.ts";
import { knnIndices } from "../../lib/retrieval/topk.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("kOccurrence (tfjs) matches the float64 brute force exactly for N = 300", async () => {
  await initBackend("wasm");
  const rng = new Rng(9);
  for (const d of [2, 30, 200]) {
    const rows = Array.from({ length: 300 }, () => rng.normals(d));
    const x = tf.tensor2d(rows.map((r) => Array.from(r)));
    const fast = kOccurrence(x, 5, { chunk: 128 });
    x.dispose();
    const ref = kOccurrenceBrute(rows, 5);
    assert.deepEqual(Array.from(fast), Array.from(ref), `d=${d}`);
    assert.equal(ref.reduce((s, v) => s + v, 0), 300 * 5);
  }
});

Deno.test("k-occurrence: Σ N_k = N·k and mean N_k = k exactly, whatever the data and the prefix k", async () => {
  // (was the ledger's kocc-mean-is-k: true by construction, every k-NN list has k entries)
  await initBackend("wasm");
  const rng = new Rng(12);
  for (const [n, d] of [[200, 2], [500, 50], [301, 512]]) {
    const x = tf.tensor2d(Float32Array.from(rng.normals(n * d)), [n, d]);
    const knn = knnIndices(x, 10, { chunk: 97 });
    x.dispose();
    for (const k of [1, 5, 10]) {
      const idx = new Int32Array(n * k);
      for (let i = 0; i < n; i++) idx.set(knn.idx.subarray(i * 10, i * 10 + k), i * k);
      const counts = kOccurrenceFromKnn({ n, k, idx });
      assert.equal(counts.reduce((s, v) => s + v, 0), n * k, `n=${n} d=${d} k=${k}`);
      assert.equal(hubnessStats(counts).mean, k);
    }
  }
});

Deno.test("hubnessStats: mean k, skewness, anti-hubs, max and corr with norms", () => {
  const counts = Int32Array.from([0, 0, 1, 2, 12]); // sum 15 = 5 points × k 3
  const s = hubnessStats(counts, [3, 2, 2, 1, 0.5]);
  assert.equal(s.mean, 3);
  assert.equal(s.antiHubFrac, 0.4);
  assert.equal(s.max, 12);
  assert.ok(s.skewness > 1);
  assert.ok(s.corrNorm !== undefined && s.corrNorm < -0.5);
  assert.equal(hubnessStats([1, 2]).corrNorm, undefined);
  assertThrowsWith(() => hubnessStats([1]), RangeError, "counts");
  assertThrowsWith(() => hubnessStats([1, -1]), RangeError, "counts[1]");
  assertThrowsWith(() => hubnessStats([1, 2], [1]), RangeError, "norms");
});

Deno.test("hubness grows with dimension and hubs are central (N = 600, k = 5)", async () => {
  await initBackend("wasm");
  const rng = new Rng(10);
  const stats = [2, 100].map((d) => {
    const flat = Float32Array.from(rng.normals(600 * d));
    const x = tf.tensor2d(flat, [600, d]);
    const c = kOccurrence(x, 5);
    x.dispose();
    return hubnessStats(c, rowNorms(flat, d));
  });
  assert.ok(Math.abs(stats[0].skewness) < 0.5, `d=2 skewness ${stats[0].skewness}`);
  assert.ok(stats[1].skewness > 1.5, `d=100 skewness ${stats[1].skewness}`);
  assert.ok(stats[1].antiHubFrac > stats[0].antiHubFrac + 0.1);
  assert.ok(stats[1].corrNorm! < -0.4);
});

Deno.test("rowNorms: Euclidean norms of a flat row-major array", () => {
  assert.deepEqual(Array.from(rowNorms([3, 4, 0, 0], 2)), [5, 0]);
  assertThrowsWith(() => rowNorms([1, 2, 3], 2), RangeError, "multiple");
});

Deno.test("hubFilterSample: keeps central latents, is seeded, and stops at maxRounds", async () => {
  await initBackend("wasm");
  const opts = { pool: 800, k: 5, threshold: 20, want: 5, maxRounds: 3, seed: 1 };
  const a = hubFilterSample(64, opts);
  const b = hubFilterSample(64, opts);
  assert.deepEqual(a.z.map((z) => Array.from(z)), b.z.map((z) => Array.from(z)));
  assert.ok(a.passed > 0 && a.z.length <= 5);
  assert.equal(a.counts.length, a.drawn);
  assert.equal(a.counts.reduce((s, v) => s + v, 0), 5 * a.drawn);
  assertClose(a.acceptance, a.passed / a.drawn, { abs: 1e-15 });
  const meanNorm = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
  assert.ok(meanNorm(a.normsPassed) < meanNorm(a.normsAll));
  // nothing passes an impossible threshold: the loop ends after maxRounds
  const none = hubFilterSample(4, { ...opts, threshold: 700, maxRounds: 2 });
  assert.equal(none.rounds, 2);
  assert.equal(none.z.length, 0);
  assert.equal(none.acceptance, 0);
  assertThrowsWith(() => hubFilterSample(4, { ...opts, k: 800 }), RangeError, "opts.k");
  const before = tf.memory().numTensors;
  hubFilterSample(8, { ...opts, maxRounds: 1 });
  assert.equal(tf.memory().numTensors, before);
});
