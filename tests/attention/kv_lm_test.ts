import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import {
  KvAttentionLM,
  kvTrainingBatch,
  logNormalize,
  sampleKvTask,
  trainKvLm,
} from "../../lib/attention/mod.ts";
import { assert, assertAllClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend();
const cfg = { keys: 40, values: 8, embed: 6, dim: 5 };

Deno.test("sampleKvTask: distinct keys across chunks, values in range, the answer follows the query", () => {
  const r = new Rng(1);
  for (let t = 0; t < 20; t++) {
    const task = sampleKvTask(r, cfg, 3, 4);
    const keys = task.chunks.flatMap((c) => Array.from(c).filter((_, i) => i % 2 === 0));
    assert.equal(new Set(keys).size, 12);
    assert.ok(
      task.chunks.every((c) => Array.from(c).every((x, i) => (i % 2 === 0 ? x < 40 : x >= 40 && x < 48))),
    );
    const c = Array.from(task.chunks[task.target]);
    assert.equal(c[c.indexOf(task.query) + 1], task.answer);
  }
  assertThrowsWith(() => sampleKvTask(r, cfg, 11, 4), RangeError, "n·pairs");
  assertThrowsWith(() => sampleKvTask(r, cfg, 0, 4), RangeError, "n");
});

Deno.test("kvTrainingBatch: shapes, present and absent queries", () => {
  const r = new Rng(2);
  const all = kvTrainingBatch(r, cfg, 16, 3, 5, 0);
  assert.equal(all.seqs.length, 16);
  const L = all.seqs[0].length;
  assert.ok(L >= 7 && L <= 11 && all.seqs.every((s) => s.length === L));
  all.seqs.forEach((s, b) => {
    const a = Array.from(s);
    assert.equal(a[a.indexOf(a[L - 1]) + 1], all.answers[b]);
  });
  const none = kvTrainingBatch(r, cfg, 16, 3, 5, 1);
  none.seqs.forEach((s) => assert.equal(Array.from(s).indexOf(s[s.length - 1]), s.length - 1));
  assertThrowsWith(() => kvTrainingBatch(r, cfg, 4, 3, 5, 2), RangeError, "absentRate");
  assertThrowsWith(() => kvTrainingBatch(r, cfg, 0, 3, 5), RangeError, "batch");
  assertThrowsWith(() => kvTrainingBatch(r, cfg, 4, 6, 5), RangeError, "maxPairs");
});

Deno.test("KvAttentionLM: float64 rows normalised, batch = single, order-free attention, bad inputs", () => {
  const lm = new KvAttentionLM(cfg, new Rng(3));
  const t = sampleKvTask(new Rng(4), cfg, 2, 4);
  const seqs = t.chunks.map((c) => [...c, t.query]);
  const rows = lm.logProbsBatch(seqs);
  assertAllClose(rows[1], lm.logProbs(seqs[1]), { abs: 1e-5 });
  assertAllClose([rows[0].reduce((s, l) => s + Math.exp(l), 0)], [1], { abs: 1e-12 });
  assertAllClose(logNormalize(rows[0]), rows[0], { abs: 1e-12 });
  // the same sequence twice in one batch gives the same row
  const twice = lm.logProbsBatch([seqs[0], seqs[0]]);
  assertAllClose(twice[0], twice[1], { abs: 1e-12 });
  assertThrowsWith(() => lm.logits([]), RangeError, "seqs");
  assertThrowsWith(() => lm.logits([new Int32Array([1, 2]), new Int32Array([1])]), RangeError, "seqs");
  assertThrowsWith(() => lm.logits([new Int32Array([99])]), RangeError, "seqs[0][0]");
  assertThrowsWith(() => new KvAttentionLM({ ...cfg, values: 1 }, new Rng(0)), RangeError, "cfg.values");
  lm.dispose();
});

Deno.test("trainKvLm: the loss falls, no tensor leaks, bad inputs", async () => {
  const lm = new KvAttentionLM(cfg, new Rng(5));
  const before = tf.memory().numTensors;
  const log = await trainKvLm(lm, new Rng(6), {
    steps: 60,
    batch: 16,
    learningRate: 1e-2,
    minPairs: 2,
    maxPairs: 4,
  });
  assert.equal(tf.memory().numTensors, before);
  const head = log.loss.slice(0, 10).reduce((a, b) => a + b) / 10,
    tail = log.loss.slice(-10).reduce((a, b) => a + b) / 10;
  assert.ok(tail < head, `loss ${head} -> ${tail}`);
  await assertRejectsWith(
    () =>
      trainKvLm({} as never, new Rng(0), {
        steps: 1,
        batch: 1,
        learningRate: 1e-3,
        minPairs: 1,
        maxPairs: 1,
      }),
    TypeError,
    "lm",
  );
  await assertRejectsWith(
    () => trainKvLm(lm, new Rng(0), { steps: 0, batch: 1, learningRate: 1e-3, minPairs: 1, maxPairs: 1 }),
    RangeError,
    "o.steps",
  );
  lm.dispose();
});
