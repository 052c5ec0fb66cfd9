import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { EpsNet, suLinearSchedule, trainVarianceHead, VarianceHead } from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend();
const S = suLinearSchedule(50);

Deno.test("EpsNet.predictWithFeatures: eps equals predict, features are the last hidden layer", () => {
  const net = new EpsNet({ dim: 2, T: 50, hidden: 16, layers: 3, embDim: 8, rng: new Rng(1) });
  tf.tidy(() => {
    const x = tf.tensor2d([0.1, -0.3, 2, 1], [2, 2]);
    const { features, eps } = net.predictWithFeatures(x, 7);
    assert.deepEqual(features.shape, [2, 16]);
    assert.deepEqual(Array.from(eps.dataSync()), Array.from(net.predict(x, 7).dataSync()));
    assert.ok(features.min().dataSync()[0] >= 0, "relu features");
  });
  net.dispose();
});

Deno.test("trainVarianceHead: learns a constant target, never changes the frozen net, no tensor leak", async () => {
  // data x0 = 0: ε_θ of an untrained net is ≈ 0, so the SN target ε² has mean 1 and NPR ≈ 1 too
  const net = new EpsNet({ dim: 2, T: 50, hidden: 16, layers: 2, embDim: 8, rng: new Rng(2) });
  const before = net.variables.map((v) => Array.from(v.dataSync()));
  for (const target of ["sn", "npr", "nll"] as const) {
    const head = new VarianceHead({ inDim: 16, outDim: 2, hidden: 8, rng: new Rng(3) });
    const log = await trainVarianceHead(head, net, (n) => new Float64Array(2 * n), S, {
      target,
      steps: 150,
      batch: 256,
      lr: 1e-2,
      rng: new Rng(4),
      label: null,
    });
    assert.equal(log.loss.length, 150);
    assert.equal(log.numTensors[149], log.numTensors[10], "tensor count flat");
    const out = head.predictArray(net, new Rng(5).normals(2 * 500, 0, S.betaBar[20]), 20);
    let m = 0;
    for (const v of out) m += v / out.length;
    assertClose(m, 1, { abs: 0.15 }, `${target}: the head learns E[target] ≈ 1`);
    head.dispose();
  }
  assert.deepEqual(net.variables.map((v) => Array.from(v.dataSync())), before, "the ε-net is frozen");
  const head = new VarianceHead({ inDim: 16, outDim: 2, rng: new Rng(3) });
  assertThrowsWith(() => head.predictArray(net, new Float64Array(3), 1), RangeError, "x");
  await assertRejectsWith(
    () =>
      trainVarianceHead(head, net, (n) => new Float64Array(2 * n), S, {
        target: "x" as "sn",
        steps: 1,
        batch: 1,
        lr: 1,
        rng: new Rng(1),
      }),
    TypeError,
    "opts.target",
  );
  for (const [bad, name] of [[{ warmup: -1 }, "opts.warmup"], [{ decay: "linear" }, "opts.decay"]] as const) {
    await assertRejectsWith(
      () =>
        trainVarianceHead(head, net, (n) => new Float64Array(2 * n), S, {
          target: "sn",
          steps: 1,
          batch: 1,
          lr: 1,
          rng: new Rng(1),
          ...(bad as object),
        }),
      name === "opts.decay" ? TypeError : RangeError,
      name,
    );
  }
  // warm-up and cosine decay: a run with them still learns the constant target
  const annealed = new VarianceHead({ inDim: 16, outDim: 2, hidden: 8, rng: new Rng(3) });
  await trainVarianceHead(annealed, net, (n) => new Float64Array(2 * n), S, {
    target: "nll",
    steps: 150,
    batch: 256,
    lr: 2e-2,
    warmup: 10,
    decay: "cosine",
    rng: new Rng(4),
    label: null,
  });
  {
    const out = annealed.predictArray(net, new Rng(5).normals(2 * 500, 0, S.betaBar[20]), 20);
    let m = 0;
    for (const v of out) m += v / out.length;
    assertClose(m, 1, { abs: 0.15 }, "annealed nll head");
  }
  annealed.dispose();
  const wrong = new VarianceHead({ inDim: 8, outDim: 2, rng: new Rng(3) });
  await assertRejectsWith(
    () =>
      trainVarianceHead(wrong, net, (n) => new Float64Array(2 * n), S, {
        target: "sn",
        steps: 1,
        batch: 1,
        lr: 1,
        rng: new Rng(1),
      }),
    RangeError,
    "does not match",
  );
  assertThrowsWith(
    () => new VarianceHead({ inDim: 0, outDim: 2, rng: new Rng(1) }),
    RangeError,
    "opts.inDim",
  );
  head.dispose();
  wrong.dispose();
  net.dispose();
});
