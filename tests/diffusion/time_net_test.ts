import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { TimeNet, trainTimeNet } from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend();

Deno.test("TimeNet: time features on linear and log scales; predict shapes; field(); validation", () => {
  const net = new TimeNet({ dim: 2, freqs: 2, hidden: [16], rng: new Rng(1) });
  assert(net.featureDim === 5, "1 + 2F");
  const f = net.timeFeatures([0, 0.5]);
  assertAllClose(f, [0, 0, 1, 0, 1, 0.5, 1, 0, 0, -1], { abs: 1e-6 });
  const lg = new TimeNet({
    dim: 1,
    outDim: 3,
    freqs: 0,
    time: { kind: "log", lo: 0.01, hi: 100 },
    hidden: [8],
    rng: new Rng(2),
  });
  assertAllClose(lg.timeFeatures([0.01, 1, 100]), [0, 0.5, 1], { abs: 1e-6 });
  assertThrowsWith(() => lg.timeFeatures([0]), RangeError, "t[0]");
  const x = Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
  const y = net.predict(x, 0.3);
  assert(y.length === 6 && y.every(Number.isFinite), "3×2 output");
  assertAllClose(net.predict(x, Float64Array.of(0.3, 0.3, 0.3)), y, { abs: 1e-6 });
  assertAllClose(net.field().velocity(x, 0.3), y, { abs: 1e-7 });
  assert(lg.predict(Float64Array.of(1, 2), 3).length === 6, "outDim 3");
  assertThrowsWith(() => lg.field(), RangeError, "outDim");
  assertThrowsWith(() => net.predict(x, Float64Array.of(0.1)), RangeError, "t");
  assertThrowsWith(() => new TimeNet({ dim: 0, rng: new Rng(0) }), RangeError, "opts.dim");
  assertThrowsWith(
    () => new TimeNet({ dim: 1, time: { kind: "linear", lo: 1, hi: 0 }, rng: new Rng(0) }),
    RangeError,
    "opts.time",
  );
  assertThrowsWith(
    () => new TimeNet({ dim: 1, time: { kind: "log", lo: 0, hi: 1 }, rng: new Rng(0) }),
    RangeError,
    "opts.time.lo",
  );
  net.dispose();
  lg.dispose();
});

Deno.test("trainTimeNet: fits a time-dependent linear target; EMA copied in; no tensor leaks; validation", async () => {
  const net = new TimeNet({ dim: 1, freqs: 1, hidden: [32, 32], rng: new Rng(3) });
  const before = tf.memory().numTensors;
  const log = await trainTimeNet(net, {
    steps: 400,
    lr: (i) => 1e-2 * Math.pow(0.1, i / 400),
    rng: new Rng(4),
    emaDecay: 0.9,
    label: null,
    batch: (_i, r) => {
      const x = r.uniforms(128, -1, 1), t = r.uniforms(128);
      return { x, t, target: x.map((v, j) => v * (1 + t[j])) };
    },
  });
  assert(
    log.loss.length === 400 && log.loss[399] < log.loss[0] / 20,
    `loss ${log.loss[0]} → ${log.loss[399]}`,
  );
  assert(tf.memory().numTensors === before, "tensor count back to the start");
  assertClose(net.predict(Float64Array.of(0.5), 0.5)[0], 0.75, { abs: 0.05 });
  await assertRejectsWith(
    () =>
      trainTimeNet(net, {
        steps: 0,
        lr: 1e-3,
        rng: new Rng(0),
        batch: () => ({ x: new Float64Array(1), t: new Float64Array(1), target: new Float64Array(1) }),
      }),
    RangeError,
    "opts.steps",
  );
  await assertRejectsWith(
    () =>
      trainTimeNet(net, {
        steps: 1,
        lr: -1,
        rng: new Rng(0),
        batch: () => ({ x: new Float64Array(1), t: new Float64Array(1), target: new Float64Array(1) }),
      }),
    RangeError,
    "opts.lr",
  );
  await assertRejectsWith(
    () =>
      trainTimeNet(net, {
        steps: 1,
        lr: 1e-3,
        rng: new Rng(0),
        label: null,
        batch: () => ({ x: new Float64Array(2), t: new Float64Array(1), target: new Float64Array(1) }),
      }),
    RangeError,
    "batch 0",
  );
  await assertRejectsWith(
    () =>
      trainTimeNet({} as TimeNet, {
        steps: 1,
        lr: 1e-3,
        rng: new Rng(0),
        batch: () => ({ x: new Float64Array(1), t: new Float64Array(1), target: new Float64Array(1) }),
      }),
    TypeError,
    "net",
  );
  net.dispose();
});
