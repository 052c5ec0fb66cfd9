import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import {
  lossTargets,
  makeParaphrasePairs,
  MatchCrossEncoder,
  pairScores,
  spearman,
  trainPairModel,
} from "../../lib/retrieval/mod.ts";
import { assert, assertAllClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend();

const data = makeParaphrasePairs({ task: "lexical", n: 2000, rng: new Rng(1) });
const test = makeParaphrasePairs({ task: "lexical", n: 500, rng: new Rng(2) });
const model = (heads: 1 | 2, seed = 0) =>
  new MatchCrossEncoder({ vocab: data.vocabSize, seqLen: 6, dim: 8, hidden: 16, heads, rng: new Rng(seed) });

Deno.test("MatchCrossEncoder: interaction equals e(a)e(b)ᵀ/√d from its own tables; logits shape", () => {
  const m = model(2);
  const [E, P] = m.params.slice(0, 2).map((v) => v.arraySync() as number[][]);
  const a = [[5, 6, 7, 1, 8, 0]], b = [[40, 6, 2, 7, 9, 0]];
  const M =
    tf.tidy(() =>
      m.interaction(tf.tensor2d(a, [1, 6], "int32"), tf.tensor2d(b, [1, 6], "int32")).arraySync()
    )[0];
  const e = (t: number, p: number) => E[t].map((v, k) => v + P[p][k]);
  const expected: number[] = [];
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j < 6; j++) {
      expected.push(e(a[0][i], i).reduce((s, v, k) => s + v * e(b[0][j], j)[k], 0) / Math.sqrt(8));
    }
  }
  assertAllClose(M.flat(), expected, { abs: 1e-5 });
  const z = tf.tidy(() => m.logits(tf.tensor2d(a, [1, 6], "int32"), tf.tensor2d(b, [1, 6], "int32")).shape);
  assert.deepEqual(z, [1, 2]);
  assert.equal(m.numParams, 65 * 8 + 6 * 8 + 36 * 16 + 16 + 16 * 2 + 2);
  // same seed, same initial weights
  const m2 = model(2);
  assert.deepEqual(m2.params[2].arraySync(), m.params[2].arraySync());
  m.dispose();
  m2.dispose();
});

Deno.test("trainPairModel: CE and CoSENT both learn a small lexical task; no tensor leaks; deterministic", async () => {
  const before = tf.memory().numTensors;
  const run = async (loss: "ce" | "cosent") => {
    const m = model(loss === "ce" ? 2 : 1, 3);
    const r = await trainPairModel(m, data, {
      loss,
      steps: 250,
      batch: 64,
      lr: 3e-3,
      rng: new Rng(4),
      label: null,
    });
    const s = pairScores(m, test, loss);
    m.dispose();
    return { r, s };
  };
  for (const loss of ["ce", "cosent"] as const) {
    const { r, s } = await run(loss);
    const rho = spearman(s, test.label);
    // an untrained model has |ρ| of order 1/√500 ≈ 0.045
    assert.ok(rho > 0.3, `${loss}: test Spearman ${rho} after 250 steps`);
    const nt = r.numTensors.subarray(1);
    assert.ok(nt.every((v) => v === nt[0]), `${loss}: numTensors not flat`);
    if (loss === "ce") assert.ok(s.every((v) => v >= 0 && v <= 1), "CE scores are probabilities");
    const again = await run(loss);
    assert.deepEqual(again.r.loss, r.loss);
  }
  assert.equal(tf.memory().numTensors, before, "everything released");
});

Deno.test("lossTargets: binary for CE, labels for CoSENT, rescaled labels for MSE", () => {
  const g = makeParaphrasePairs({ task: "graded", n: 50, rng: new Rng(5) });
  assert.deepEqual(Array.from(lossTargets(g, "ce")), Array.from(g.binary));
  assert.deepEqual(Array.from(lossTargets(g, "cosent")), Array.from(g.label));
  assert.deepEqual(Array.from(lossTargets(g, "mse")), Array.from(g.label, (v) => v / 4));
});

Deno.test("bad inputs name the argument", async () => {
  const rng = new Rng(0);
  assertThrowsWith(
    () => new MatchCrossEncoder({ vocab: 1, seqLen: 6, dim: 4, heads: 1, rng }),
    RangeError,
    "opts.vocab",
  );
  assertThrowsWith(
    () => new MatchCrossEncoder({ vocab: 9, seqLen: 6, dim: 4, heads: 3 as never, rng }),
    RangeError,
    "opts.heads",
  );
  assertThrowsWith(
    () => new MatchCrossEncoder({ vocab: 9, seqLen: 6, dim: 4, heads: 1, rng: {} as never }),
    TypeError,
    "opts.rng",
  );
  const m = model(1);
  assertThrowsWith(() => pairScores(m, data, "ce"), RangeError, "heads");
  assertThrowsWith(() => pairScores(m, data, "x" as never), TypeError, "loss");
  tf.tidy(() => {
    assertThrowsWith(
      () => m.logits(tf.tensor2d([[1, 2]], [1, 2], "int32"), tf.tensor2d([[1, 2]], [1, 2], "int32")),
      RangeError,
      "a must",
    );
  });
  const base = { loss: "cosent" as const, steps: 1, batch: 4, lr: 1e-3, rng, label: null };
  await assertRejectsWith(() => trainPairModel(m, data, { ...base, steps: 0 }), RangeError, "opts.steps");
  await assertRejectsWith(() => trainPairModel(m, data, { ...base, batch: 1 }), RangeError, "opts.batch");
  await assertRejectsWith(() => trainPairModel(m, data, { ...base, lr: -1 }), RangeError, "opts.lr");
  await assertRejectsWith(() => trainPairModel(m, data, { ...base, lambda: 0 }), RangeError, "opts.lambda");
  const wide = makeParaphrasePairs({ task: "lexical", n: 10, seqLen: 8, rng });
  await assertRejectsWith(() => trainPairModel(m, wide, base), RangeError, "seqLen");
  m.dispose();
  assertThrowsWith(() => m.params, Error, "disposed");
});
