import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { RestorerNet, trainRestorer } from "../../lib/diffusion/mod.ts";
import { assert, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend();

Deno.test("RestorerNet: shapes, time input, validation", () => {
  const net = new RestorerNet({ inDim: 3, outDim: 4, T: 10, hidden: 8, rng: new Rng(1) });
  const y = net.predictArray(new Float64Array(6), Int32Array.from([1, 10]));
  assert(y.length === 8, `length ${y.length}`);
  assertThrowsWith(() => net.predictArray(new Float64Array(5), 1), RangeError, "x");
  assertThrowsWith(() => net.predictArray(new Float64Array(3)), TypeError, "t");
  assertThrowsWith(() => net.predictArray(new Float64Array(3), 11), RangeError, "t");
  assertThrowsWith(
    () => new RestorerNet({ inDim: 0, outDim: 1, T: 0, rng: new Rng(1) }),
    RangeError,
    "opts.inDim",
  );
  net.dispose();
});

Deno.test("trainRestorer: l2 / l1 / xent reduce the loss without leaking tensors", async () => {
  for (const loss of ["l2", "l1", "xent"] as const) {
    const net = new RestorerNet({ inDim: 2, outDim: 4, T: 0, hidden: 32, rng: new Rng(2) });
    const batch = (rng: Rng) => {
      const x = new Float32Array(64 * 2), y = new Float32Array(64 * 4);
      for (let i = 0; i < 64; i++) {
        const c = rng.int(2);
        x[2 * i] = c;
        x[2 * i + 1] = 1;
        if (loss === "xent") y.set(c ? [1, 0, 0, 1] : [0, 1, 1, 0], 4 * i);
        else y.set([c, -c, 2 * c, 0.5], 4 * i);
      }
      return { x, y };
    };
    const r = await trainRestorer(net, batch, {
      steps: 150,
      lr: 1e-2,
      loss,
      groups: 2,
      rng: new Rng(3),
      label: null,
    });
    assert(r.loss[149] < 0.3 * r.loss[0], `${loss}: ${r.loss[0]} -> ${r.loss[149]}`);
    assert(
      r.numTensors[149] === r.numTensors[10],
      `${loss}: tensors ${r.numTensors[10]} -> ${r.numTensors[149]}`,
    );
    net.dispose();
  }
  const net = new RestorerNet({ inDim: 2, outDim: 3, T: 0, rng: new Rng(2) });
  await assertRejectsWith(
    () =>
      trainRestorer(net, () => ({ x: new Float32Array(2), y: new Float32Array(3) }), {
        steps: 1,
        lr: 1e-3,
        loss: "xent",
        groups: 2,
        rng: new Rng(1),
      }),
    RangeError,
    "opts.groups",
  );
  await assertRejectsWith(
    () =>
      trainRestorer(net, () => ({ x: new Float32Array(2), y: new Float32Array(2) }), {
        steps: 1,
        lr: 1e-3,
        loss: "l2",
        rng: new Rng(1),
        label: null,
      }),
    RangeError,
    "makeBatch",
  );
  net.dispose();
  assert(tf.memory().numTensors >= 0, "ok");
});
