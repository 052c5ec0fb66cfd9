import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { fitScoreNet, scoreNetRows } from "../../lib/diffusion/mod.ts";
import { Mlp } from "../../lib/train/mod.ts";
import { assert, assertClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend();

Deno.test("fitScoreNet: an affine net learns the score −(x − 1)/2 of N(1, 2) from noisy targets; no tensor leaks", async () => {
  const net = new Mlp({ inputs: 1, outDim: 1, hidden: [], rng: new Rng(1) });
  const rng = new Rng(2);
  let checkpoints = 0;
  const log = await fitScoreNet(net, () => {
    const x = rng.normals(128, 1, Math.SQRT2);
    return { x, target: x.map((v) => -(v - 1) / 2 + 0.1 * rng.normal()) };
  }, { steps: 800, lr: 0.02, label: null, every: 200, onCheckpoint: () => checkpoints++ });
  assert(checkpoints === 4, `4 checkpoints, got ${checkpoints}`);
  const y = scoreNetRows(net, Float64Array.of(-1, 1, 3));
  assertClose(y[0], 1, { abs: 0.05 });
  assertClose(y[1], 0, { abs: 0.05 });
  assertClose(y[2], -1, { abs: 0.05 });
  assert(log.numTensors[799] === log.numTensors[100], "tensor count flat");
  net.dispose();
});

Deno.test("fitScoreNet / scoreNetRows: bad inputs throw, naming the argument", async () => {
  const net = new Mlp({ inputs: 1, outDim: 1, hidden: [4], rng: new Rng(1) });
  const two = new Mlp({ inputs: [1, 2], outDim: 1, hidden: [4], rng: new Rng(1) });
  const ok = () => ({ x: Float64Array.of(1), target: Float64Array.of(1) });
  await assertRejectsWith(() => fitScoreNet({} as never, ok, { steps: 1, lr: 1 }), TypeError, "net");
  await assertRejectsWith(() => fitScoreNet(two, ok, { steps: 1, lr: 1 }), RangeError, "one input block");
  await assertRejectsWith(() => fitScoreNet(net, 3 as never, { steps: 1, lr: 1 }), TypeError, "draw");
  await assertRejectsWith(() => fitScoreNet(net, ok, { steps: 0, lr: 1 }), RangeError, "opts.steps");
  await assertRejectsWith(() => fitScoreNet(net, ok, { steps: 1, lr: -1 }), RangeError, "opts.lr");
  await assertRejectsWith(
    () => fitScoreNet(net, ok, { steps: 1, lr: 1, every: 0 }),
    RangeError,
    "opts.every",
  );
  await assertRejectsWith(
    () =>
      fitScoreNet(net, () => ({ x: Float64Array.of(1, 2), target: Float64Array.of(1) }), {
        steps: 1,
        lr: 1,
        label: null,
      }),
    RangeError,
    "whole rows",
  );
  await assertRejectsWith(
    () => fitScoreNet(net, () => ({ x: [1], target: [1] }) as never, { steps: 1, lr: 1, label: null }),
    TypeError,
    "draw(i)",
  );
  assertThrowsWith(() => scoreNetRows(net, Float64Array.of(1), 0), RangeError, "chunk");
  net.dispose();
  two.dispose();
  assert(tf.memory().numTensors >= 0, "alive");
});

Deno.test("fitScoreNet: a cosine schedule and an EMA copy; bad schedule and EMA options throw", async () => {
  const net = new Mlp({ inputs: 1, outDim: 1, hidden: [], rng: new Rng(1) });
  const ema = net.clone();
  const rng = new Rng(3);
  await fitScoreNet(net, () => {
    const x = rng.normals(64);
    return { x, target: x.map((v) => -v) };
  }, { steps: 400, lr: 0.05, decay: "cosine", ema: { decay: 0.9, net: ema }, label: null });
  assertClose(scoreNetRows(net, Float64Array.of(2))[0], -2, { abs: 0.02 });
  assertClose(scoreNetRows(ema, Float64Array.of(2))[0], -2, { abs: 0.05 });
  const ok = () => ({ x: Float64Array.of(1), target: Float64Array.of(1) });
  await assertRejectsWith(
    () => fitScoreNet(net, ok, { steps: 1, lr: 1, decay: "step" as never }),
    TypeError,
    "opts.decay",
  );
  await assertRejectsWith(
    () => fitScoreNet(net, ok, { steps: 1, lr: 1, ema: { decay: 2, net: ema } }),
    RangeError,
    "opts.ema.decay",
  );
  await assertRejectsWith(
    () => fitScoreNet(net, ok, { steps: 1, lr: 1, ema: { decay: 0.9, net } }),
    TypeError,
    "opts.ema.net",
  );
  net.dispose();
  ema.dispose();
});
