import { initBackend, mean, Rng, tf } from "../../lib/core/mod.ts";
import {
  bayesEpsLoss,
  drawTrainingSteps,
  EpsNet,
  learningRateAt,
  movingAverage,
  ring8,
  rowSampler,
  suLinearSchedule,
  trainDenoiser,
} from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend();
const S = suLinearSchedule(100);

Deno.test("trainDenoiser: loss decreases on ring8, numTensors flat, deterministic, EMA returned", async () => {
  const g = ring8();
  const run = async () => {
    const net = new EpsNet({ dim: 2, T: 100, hidden: 64, layers: 2, embDim: 16, rng: new Rng(0) });
    const r = await trainDenoiser(net, (n, rng) => g.sample(n, rng), S, {
      steps: 200,
      batch: 128,
      lr: 5e-3,
      warmup: 10,
      ema: 0.9,
      rng: new Rng(1),
      label: null,
    });
    const out = net.predictArray(Float64Array.from([1, 1]), 50);
    net.dispose();
    r.ema!.dispose();
    return { r, out };
  };
  // with T = 100 the Bayes loss is higher than at T = 1000 (ᾱ_T² ≈ 0.36: x_T still carries the data)
  const bayes = bayesEpsLoss(g, S, 5000, new Rng(7));
  const before = tf.memory().numTensors;
  const { r, out } = await run();
  assert.equal(tf.memory().numTensors, before, "everything released after training and disposal");
  assert.equal(r.loss.length, 200);
  const first = mean(r.loss.subarray(0, 20)), last = mean(r.loss.subarray(150));
  assert.ok(
    last < 0.85 * first && last > bayes.mean - 0.05,
    `loss should fall: first ${first}, last ${last}`,
  );
  const nt = r.numTensors.subarray(1);
  assert.ok(nt.every((v) => v === nt[0]), `numTensors not flat: ${Math.min(...nt)}..${Math.max(...nt)}`);
  assert.ok(r.msPerStep > 0);
  const again = await run();
  assert.deepEqual(again.r.loss, r.loss);
  assert.deepEqual(again.out, out);
});

Deno.test("trainDenoiser: bad options name the argument", async () => {
  const net = new EpsNet({ dim: 2, T: 100, hidden: 4, layers: 1, rng: new Rng(0) });
  const f = (n: number, rng: Rng) => rng.normals(2 * n);
  const base = { steps: 2, batch: 4, lr: 1e-3, rng: new Rng(0), label: null };
  await assertRejectsWith(() => trainDenoiser(net, f, S, { ...base, steps: 0 }), RangeError, "opts.steps");
  await assertRejectsWith(() => trainDenoiser(net, f, S, { ...base, lr: 0 }), RangeError, "opts.lr");
  await assertRejectsWith(() => trainDenoiser(net, f, S, { ...base, ema: 1 }), RangeError, "opts.ema");
  await assertRejectsWith(() => trainDenoiser(net, f, S, { ...base, tPower: 0 }), RangeError, "opts.tPower");
  await assertRejectsWith(
    () => trainDenoiser(net, f, S, { ...base, decay: "step" as never }),
    TypeError,
    "opts.decay",
  );
  await assertRejectsWith(() => trainDenoiser(net, f, suLinearSchedule(10), base), RangeError, "schedule.T");
  await assertRejectsWith(
    () => trainDenoiser(net, (n, rng) => rng.normals(n), S, base),
    RangeError,
    "sampleX0",
  );
  net.dispose();
});

Deno.test("learningRateAt: warm-up then constant or cosine", () => {
  const o = { steps: 100, lr: 1, warmup: 10 };
  assertClose(learningRateAt(0, o), 0.1, { abs: 1e-15 });
  assertClose(learningRateAt(9, o), 1, { abs: 1e-15 });
  assertClose(learningRateAt(50, o), 1, { abs: 1e-15 });
  const c = { ...o, decay: "cosine" as const };
  assertClose(learningRateAt(10, c), 1, { abs: 1e-15 });
  assertClose(learningRateAt(55, c), 0.5, { abs: 1e-12 });
  assert.ok(learningRateAt(99, c) < 0.01);
});

Deno.test("rowSampler / movingAverage", () => {
  const data = Float64Array.from([1, 1, 2, 2, 3, 3]);
  const s = rowSampler(data, 2)(50, new Rng(0));
  for (let i = 0; i < 50; i++) assert.equal(s[2 * i], s[2 * i + 1]);
  assert.ok(new Set(s).size === 3);
  assertThrowsWith(() => rowSampler(data, 4), RangeError, "data");
  assertThrowsWith(() => rowSampler([1] as unknown as Float64Array, 1), TypeError, "data");
  assertAllClose(movingAverage([1, 3, 5, 7], 2), [1, 2, 4, 6], { abs: 1e-15 });
  assertThrowsWith(() => movingAverage([1], 0), RangeError, "w");
});

Deno.test("drawTrainingSteps: p = 1 uniform, p = 2 has P(t <= T/5) = √(1/5); bad inputs named", () => {
  const n = 200_000, T = 1000;
  for (const [p, share] of [[1, 0.2], [2, Math.sqrt(0.2)]] as const) {
    const ts = drawTrainingSteps(n, T, p, new Rng(3));
    assert.ok(ts.every((t) => Number.isInteger(t) && t >= 1 && t <= T));
    const low = ts.filter((t) => t <= T / 5).length / n;
    assertClose(low, share, { abs: 5 * Math.sqrt(share * (1 - share) / n) });
  }
  assert.deepEqual(drawTrainingSteps(10, T, 2, new Rng(5)), drawTrainingSteps(10, T, 2, new Rng(5)));
  assertThrowsWith(() => drawTrainingSteps(0, T, 1, new Rng(0)), RangeError, "n");
  assertThrowsWith(() => drawTrainingSteps(5, 0, 1, new Rng(0)), RangeError, "T");
  assertThrowsWith(() => drawTrainingSteps(5, T, -1, new Rng(0)), RangeError, "power");
  assertThrowsWith(() => drawTrainingSteps(5, T, 1, {} as Rng), TypeError, "rng");
});

Deno.test("trainDenoiser: tPower = 1 is the default stream; tPower = 2 trains deterministically", async () => {
  const g = ring8();
  const run = async (tPower?: number) => {
    const net = new EpsNet({ dim: 2, T: 100, hidden: 16, layers: 1, embDim: 8, rng: new Rng(0) });
    const r = await trainDenoiser(net, (n, rng) => g.sample(n, rng), S, {
      steps: 20,
      batch: 32,
      lr: 1e-3,
      rng: new Rng(1),
      label: null,
      tPower,
    });
    net.dispose();
    return r.loss;
  };
  assert.deepEqual(await run(1), await run());
  const two = await run(2);
  assert.deepEqual(await run(2), two);
  assert.notDeepEqual(two, await run());
});
