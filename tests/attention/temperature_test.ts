import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import {
  entropy,
  minEntropyFloor,
  minimiseEntropyBox,
  softmax,
  twoLevelEntropyGap,
  twoLevelMinimum,
} from "../../lib/attention/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

await initBackend();

Deno.test("twoLevelEntropyGap equals the entropy of the explicit configuration", () => {
  for (const [m, n, tau] of [[3, 10, 1], [1, 8, 0.2], [5, 7, 2], [7, 7, 1]]) {
    const s = Array.from({ length: n }, (_, i) => (i < m ? 1 : -1) / tau);
    assertClose(twoLevelEntropyGap(m / n, tau), entropy(softmax(s)) - Math.log(n), { abs: 1e-12 });
  }
});

Deno.test("minEntropyFloor searches m = 1..n−1; twoLevelMinimum brackets it from below", () => {
  const f = minEntropyFloor(50, 1);
  assert.ok(f.m >= 1 && f.m < 50);
  const best = twoLevelMinimum(1);
  assert.ok(-f.gap >= best.gap - 1e-12);
  assertClose(twoLevelEntropyGap(best.a, 1), best.gap, { abs: 1e-15 });
  assertClose(minEntropyFloor(10, 1e-3).gap, Math.log(10), { abs: 1e-9 });
});

Deno.test("minimiseEntropyBox ends at a two-level vertex with no tensor left behind", async () => {
  const before = tf.memory().numTensors;
  const r = await minimiseEntropyBox(new Rng(1), 40, 300, { initStd: 0.5 });
  assert.equal(tf.memory().numTensors, before);
  assert.equal(r.fractionAtBounds, 1);
  assertClose(r.gap, twoLevelEntropyGap(r.fractionAtTop, 1), { abs: 1e-4 });
  assert.equal(r.losses.length, 300);
});

Deno.test("bad inputs throw, naming the argument", async () => {
  assertThrowsWith(() => twoLevelEntropyGap(0, 1), RangeError, "a");
  assertThrowsWith(() => twoLevelEntropyGap(1.5, 1), RangeError, "a");
  assertThrowsWith(() => twoLevelEntropyGap(0.5, 0), RangeError, "tau");
  assertThrowsWith(() => minEntropyFloor(1, 1), RangeError, "n");
  assertThrowsWith(() => twoLevelMinimum(-1), RangeError, "tau");
  await assert.rejects(() => minimiseEntropyBox(new Rng(0), 1, 10), /n/);
  await assert.rejects(() => minimiseEntropyBox(new Rng(0), 5, 10, { initStd: 0 }), /opts.initStd/);
});
