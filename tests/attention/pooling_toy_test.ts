import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { poolingData, softmax, stepsToReach, trainQueryPooling } from "../../lib/attention/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

await initBackend();

Deno.test("poolingData: targets are the values of the w*-argmax keys", () => {
  const data = poolingData(new Rng(1), { n: 5, d: 3, batch: 2, steps: 2 });
  const { K, V, target } = data.batches[1];
  for (let b = 0; b < 2; b++) {
    const scores = Array.from(
      { length: 5 },
      (_, i) => [0, 1, 2].reduce((a, c) => a + K[(b * 5 + i) * 3 + c] * data.wStar[c], 0),
    );
    const t = scores.indexOf(Math.max(...scores));
    for (let c = 0; c < 3; c++) assert.equal(target[b * 3 + c], V[(b * 5 + t) * 3 + c]);
  }
  assertClose(Math.hypot(...data.qDirection), 1, { abs: 1e-6 });
});

Deno.test("trainQueryPooling: first loss and entropy match a float64 recomputation; no tensor leaks", async () => {
  const data = poolingData(new Rng(2), { n: 6, d: 4, batch: 3, steps: 5 });
  const before = tf.memory().numTensors;
  const run = await trainQueryPooling(data, { scale: 2, lr: 0.1 });
  assert.equal(tf.memory().numTensors, before);
  const q = Array.from(data.qDirection, (x) => 2 * x);
  const { K, V, target } = data.batches[0];
  let loss = 0, H = 0;
  for (let b = 0; b < 3; b++) {
    const s = Array.from(
      { length: 6 },
      (_, i) => [0, 1, 2, 3].reduce((a, c) => a + K[(b * 6 + i) * 4 + c] * q[c], 0),
    );
    const p = softmax(s);
    H -= p.reduce((a, v) => a + v * Math.log(v), 0) / 3;
    for (let c = 0; c < 4; c++) {
      const o = p.reduce((a, v, i) => a + v * V[(b * 6 + i) * 4 + c], 0);
      loss += (o - target[b * 4 + c]) ** 2 / 3;
    }
  }
  assertClose(run.losses[0], loss, { rel: 1e-5 });
  assertClose(run.entropy0, H, { rel: 1e-5 });
  assert.ok(run.grad0 > 0);
  await trainQueryPooling(data, { scale: 2, lr: 0.01, optimizer: "adam" });
  assert.equal(tf.memory().numTensors, before);
});

Deno.test("bad inputs throw, naming the argument", async () => {
  assertThrowsWith(() => poolingData(new Rng(0), { n: 1, d: 2, batch: 1, steps: 1 }), RangeError, "sizes.n");
  assertThrowsWith(
    () => poolingData(new Rng(0), { n: 2, d: 2, batch: 0, steps: 1 }),
    RangeError,
    "sizes.batch",
  );
  const data = poolingData(new Rng(0), { n: 2, d: 2, batch: 1, steps: 1 });
  await assert.rejects(() => trainQueryPooling(data, { scale: 0, lr: 1 }), /opts.scale/);
  await assert.rejects(
    () => trainQueryPooling(data, { scale: 1, lr: 1, optimizer: "sgdx" as never }),
    /opts.optimizer/,
  );
  await assert.rejects(() => trainQueryPooling({} as never, { scale: 1, lr: 1 }), /data/);
});

Deno.test("stepsToReach: first trailing mean at or below the threshold; censored when never", () => {
  const l = [9, 9, 9, 5, 1, 1, 1];
  assert.deepEqual(stepsToReach(l, 3, 2), { steps: 5, reached: true }); // mean(5, 1) = 3
  assert.deepEqual(stepsToReach(l, 0.5, 2), { steps: 7, reached: false });
  assert.deepEqual(stepsToReach(l, 9, 1), { steps: 1, reached: true });
  assertThrowsWith(() => stepsToReach([], 1), RangeError, "losses");
  assertThrowsWith(() => stepsToReach([1], NaN), RangeError, "threshold");
  assertThrowsWith(() => stepsToReach([1, 2], 1, 3), RangeError, "window");
});
