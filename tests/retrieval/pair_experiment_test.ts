import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { makeSplits, runPairExperiment } from "../../lib/retrieval/mod.ts";
import { assert, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend();

Deno.test("makeSplits: three independent, deterministic splits of the requested sizes", () => {
  const s = makeSplits("order", { train: 300, valid: 50, test: 80 }, new Rng(1));
  assert.deepEqual([s.train.n, s.valid.n, s.test.n], [300, 50, 80]);
  assert.notDeepEqual(s.valid.a.subarray(0, 30), s.test.a.subarray(0, 30));
  const again = makeSplits("order", { train: 300, valid: 50, test: 80 }, new Rng(1));
  assert.deepEqual(again.test.a, s.test.a);
  const clean = makeSplits("lexical", { train: 10, valid: 10, test: 10 }, new Rng(1), { labelNoise: 0 });
  assert.deepEqual(Array.from(clean.test.label), Array.from(clean.test.grade));
  assertThrowsWith(
    () => makeSplits("lexical", { train: 1, valid: 10, test: 10 }, new Rng(1)),
    RangeError,
    "sizes.train",
  );
  assertThrowsWith(
    () => makeSplits("lexical", { train: 10, valid: 10, test: 10 }, 3 as never),
    TypeError,
    "rng",
  );
});

Deno.test("runPairExperiment: protocol fields, paired init, no leaks, deterministic", async () => {
  const splits = makeSplits("lexical", { train: 1500, valid: 300, test: 400 }, new Rng(2));
  const before = tf.memory().numTensors;
  const opts = { dim: 8, hidden: 16, steps: 200, batch: 64, lr: 3e-3, rng: new Rng(3) };
  const ce = await runPairExperiment(splits, { ...opts, loss: "ce" });
  const co = await runPairExperiment(splits, { ...opts, loss: "cosent" });
  assert.equal(tf.memory().numTensors, before, "models disposed");
  for (const r of [ce, co]) {
    assert.ok(r.testSpearman > 0.2 && r.testSpearman < 1, `${r.loss}: Spearman ${r.testSpearman}`);
    assert.ok(r.validAccuracy > 0.6 && r.testAccuracy > 0.55, `${r.loss}: accuracies`);
    assert.equal(r.testScores.length, 400);
    assert.equal(r.train.loss.length, 200);
  }
  const again = await runPairExperiment(splits, { ...opts, loss: "cosent" });
  assert.deepEqual(again.testScores, co.testScores);
  await assertRejectsWith(
    () => runPairExperiment(splits, { ...opts, loss: "ce", dim: 0 }),
    RangeError,
    "opts.dim",
  );
  await assertRejectsWith(() => runPairExperiment({} as never, { ...opts, loss: "ce" }), TypeError, "splits");
});
