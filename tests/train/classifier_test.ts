import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { crossEntropy, type LabelledSet, trainClassifier } from "../../lib/train/mod.ts";
import { assert, assertRejectsWith } from "../_assert.ts";

await initBackend("wasm");

/** Two separable Gaussian blobs in 4-d. */
function blobs(seed: number, n: number): LabelledSet {
  const r = new Rng(seed);
  const x = new Float64Array(n * 4), y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    for (let j = 0; j < 4; j++) x[i * 4 + j] = r.normal() * 0.5 + (y[i] === 1 ? 1.5 : -1.5);
  }
  return { x, y, n, d: 4 };
}

function base0(train: LabelledSet, test: LabelledSet) {
  return {
    train,
    test,
    classes: 2,
    hidden: [8],
    epochs: 4,
    batch: 32,
    lr: 5e-2,
    loss: crossEntropy,
    rng: new Rng(0),
    label: null,
  };
}

Deno.test("trainClassifier: learns separable blobs, records per-epoch metrics, memorisation, no tensor leak", async () => {
  const train = blobs(1, 128), test = blobs(2, 64);
  const flipped = new Uint8Array(128);
  flipped[0] = 1; // pretend the first label was corrupted: memorisation is defined
  const before = tf.memory().numTensors;
  const h = await trainClassifier({ ...base0(train, test), flipped });

  assert.equal(tf.memory().numTensors, before);
  assert.equal(h.testAccuracy.length, 4);
  assert.equal(h.loss.length, 16);
  assert.ok(h.testAccuracy[3] > 0.95, `accuracy ${h.testAccuracy}`);
  assert.ok(h.confidence.every((c) => c >= 0.5 && c <= 1));
  assert.ok(h.memorised.every((m) => m === 0 || m === 1));
  assert.equal(h.finalConf.length, 64);
  const again = await trainClassifier(base0(train, test));

  assert.deepEqual(again.testAccuracy, h.testAccuracy, "seeded: same run, same numbers");
  assert.deepEqual(h.epochs, [1, 2, 3, 4]);
  const sparse = await trainClassifier({ ...base0(train, test), evalEvery: 3 });
  assert.deepEqual(sparse.epochs, [3, 4]);
  assert.equal(sparse.testAccuracy.length, 2);
  assert.ok(again.memorised.every(Number.isNaN), "no flips: memorisation undefined");
});

Deno.test("trainClassifier: bad inputs name the argument", async () => {
  const train = blobs(1, 16), test = blobs(2, 8);
  const base = { ...base0(train, test), batch: 4 };

  await assertRejectsWith(() => trainClassifier({ ...base, classes: 1 }), RangeError, "classes");
  await assertRejectsWith(() => trainClassifier({ ...base, epochs: 0 }), RangeError, "epochs");
  await assertRejectsWith(() => trainClassifier({ ...base, evalEvery: 0 }), RangeError, "evalEvery");
  await assertRejectsWith(() => trainClassifier({ ...base, batch: 17 }), RangeError, "batch");
  await assertRejectsWith(() => trainClassifier({ ...base, lr: -1 }), RangeError, "lr");
  await assertRejectsWith(() => trainClassifier({ ...base, loss: 3 as never }), TypeError, "loss");
  await assertRejectsWith(() => trainClassifier({ ...base, rng: 0 as never }), TypeError, "rng");
  await assertRejectsWith(
    () => trainClassifier({ ...base, flipped: new Uint8Array(3) }),
    RangeError,
    "flipped",
  );
  await assertRejectsWith(
    () => trainClassifier({ ...base, train: { ...train, n: 5 } }),
    RangeError,
    "train",
  );
  await assertRejectsWith(
    () => trainClassifier({ ...base, test: { ...test, y: new Uint8Array(8).fill(3) } }),
    RangeError,
    "test.y[0]",
  );
  await assertRejectsWith(() => trainClassifier({ ...base, test: null as never }), TypeError, "test");
});
