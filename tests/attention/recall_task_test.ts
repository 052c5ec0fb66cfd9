import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { makeRecallBatch, RING_DEFAULT, trainRecall } from "../../lib/attention/mod.ts";
import { assert, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

Deno.test("makeRecallBatch: one-hot symbol at t = 0, blank channel afterwards, zeros elsewhere", () => {
  const b = makeRecallBatch(new Rng(1), 5, 4, 3, 6);
  assert.deepEqual(b.shape, [5, 4, 6]);
  for (let i = 0; i < 5; i++) {
    const at = (t: number) => Array.from(b.u.slice((i * 4 + t) * 6, (i * 4 + t + 1) * 6));
    const first = at(0);
    assert.equal(first.reduce((s, v) => s + v, 0), 1);
    assert.equal(first[b.labels[i]], 1);
    for (let t = 1; t < 4; t++) assert.deepEqual(at(t), [0, 0, 0, 1, 0, 0]);
    assert.ok(b.labels[i] >= 0 && b.labels[i] < 3);
  }
});

Deno.test("trainRecall: a short ring run learns a short recall (L = 8) and leaks no tensor", async () => {
  const before = tf.memory().numTensors;
  const res = await trainRecall({
    L: 8,
    batch: 16,
    steps: 60,
    lr: 2e-2,
    states: 8,
    init: RING_DEFAULT,
    K: 4,
    H: 5,
    testSize: 200,
    rng: new Rng(3),
    label: null,
    trackLast: 3,
  });
  assert.equal(tf.memory().numTensors, before);
  assert.equal(res.log.loss.length, 60);
  assert.equal(res.maxAbsLambda.length, 61);
  assert.equal(res.lastAccuracies.length, 3);
  assert.equal(res.lastAccuracies[2], res.testAccuracy);
  assert.ok(res.testAccuracy > 0.9, `accuracy ${res.testAccuracy}`);
  assert.ok(res.log.loss[59] < res.log.loss[0]);
  assert.ok(res.lambdaAbsEnd.every((v) => v < 1));
});

Deno.test("recall task: bad inputs throw naming the argument", async () => {
  assertThrowsWith(() => makeRecallBatch(new Rng(1), 0, 4), RangeError, "batch");
  assertThrowsWith(() => makeRecallBatch(new Rng(1), 2, 1), RangeError, "L");
  assertThrowsWith(() => makeRecallBatch(new Rng(1), 2, 4, 8, 8), RangeError, "H");
  assertThrowsWith(() => makeRecallBatch({} as never, 2, 4), TypeError, "rng");
  const ok = {
    L: 4,
    batch: 2,
    steps: 1,
    lr: 0.01,
    states: 2,
    init: RING_DEFAULT,
    rng: new Rng(1),
    label: null,
  };
  await assertRejectsWith(() => trainRecall({ ...ok, lr: 0 }), RangeError, "opts.lr");
  await assertRejectsWith(() => trainRecall({ ...ok, steps: 0 }), RangeError, "opts.steps");
  await assertRejectsWith(() => trainRecall({ ...ok, rng: {} as never }), TypeError, "opts.rng");
  await assertRejectsWith(() => trainRecall({ ...ok, testSize: 0 }), RangeError, "opts.testSize");
  await assertRejectsWith(() => trainRecall({ ...ok, trackLast: 2 }), RangeError, "opts.trackLast");
  await assertRejectsWith(() => trainRecall(null as never), TypeError, "opts");
});
