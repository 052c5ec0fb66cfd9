import { initBackend, pairedRatio, Rng, tf } from "../../lib/core/mod.ts";
import { prepareMethod, stepCost } from "../../lib/finetune/mod.ts";
import { ResMlp } from "../../lib/train/mod.ts";
import { assert, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

Deno.test("prepareMethod: variables, copy or not for full, loss outside/inside the tape; validation", () => {
  const net = new ResMlp({ inDim: 6, width: 8, depth: 2, classes: 3, rng: new Rng(1) });
  const before = tf.memory().numTensors;
  const head = 8 * 5 + 5;
  const lst = prepareMethod(net, { kind: "lst", lr: 1e-3, reduction: 4 }, new Rng(2), { classes: 5 });
  assert.equal(lst.trainable, lst.side!.numParams + head);
  assert.equal(lst.work, net);
  const full = prepareMethod(net, { kind: "full", lr: 1e-3 }, new Rng(2), { classes: 5, copyFull: false });
  assert.equal(full.work, net);
  assert.equal(full.trainable, net.numBackboneParams + head);
  assert.ok(full.vars.includes(net.backboneVariables[0]));
  const copy = prepareMethod(net, { kind: "full", lr: 1e-3, label: "copy" }, new Rng(2), { classes: 5 });
  assert.notEqual(copy.work, net);
  assert.equal(copy.label, "copy");
  // same rng forks → same head; a loss from the same batch agrees between the copy and the original
  const x = tf.ones([4, 6]) as tf.Tensor2D;
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3], "int32"), 5)) as tf.Tensor2D;
  const a = tf.tidy(() => full.loss(x, y)().dataSync()[0]),
    b = tf.tidy(() => copy.loss(x, y)().dataSync()[0]);
  assert.equal(a, b);
  const feats = tf.tidy(() => lst.features(x).shape);
  assert.deepEqual(feats, [4, 8]);
  [lst, full, copy].forEach((m) => m.dispose());
  tf.dispose([x, y]);
  assert.equal(tf.memory().numTensors, before, "dispose releases what prepareMethod made (net kept)");
  assert.ok(!net.blocks[0].variables[0].isDisposed);
  const rng = new Rng(1);
  assertThrowsWith(
    () => prepareMethod({} as ResMlp, { kind: "lst", lr: 1 }, rng, { classes: 5 }),
    TypeError,
    "net",
  );
  assertThrowsWith(
    () => prepareMethod(net, { kind: "x" as "lst", lr: 1 }, rng, { classes: 5 }),
    TypeError,
    "kind",
  );
  assertThrowsWith(
    () => prepareMethod(net, { kind: "lst", lr: 1 }, {} as Rng, { classes: 5 }),
    TypeError,
    "rng",
  );
  assertThrowsWith(
    () => prepareMethod(net, { kind: "lst", lr: 1 }, rng, { classes: 1 }),
    RangeError,
    "classes",
  );
  assertThrowsWith(
    () => prepareMethod(net, { kind: "lst", lr: 1 }, rng, { classes: 5, copyFull: 1 as unknown as boolean }),
    TypeError,
    "copyFull",
  );
  net.dispose();
});

Deno.test("stepCost: counts, shares and interleaved times of a small sweep point; releases everything", async () => {
  const before = tf.memory().numTensors;
  const methods = [
    { kind: "lst" as const, lr: 3e-3, label: "LST" },
    { kind: "full" as const, lr: 3e-4, label: "full" },
    { kind: "prompt" as const, lr: 1e-3, label: "prompt" },
  ];
  const c = await stepCost({
    width: 16,
    depth: 2,
    batch: 8,
    inDim: 12,
    methods,
    rounds: 3,
    warmup: 1,
    rng: new Rng(5),
  });
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(c.methods.map((m) => m.label), ["LST", "full", "prompt"]);
  assert.equal(c.timing.rounds, 3);
  const [lst, full, prompt] = c.methods;
  // full fine-tuning: forward, data gradients and weight gradients of every product: ≥ 3× the forward's MACs
  const fwd = 8 * (12 * 16 + 2 * 2 * 16 * 64);
  assert.ok(full.matMulMacs >= 3 * fwd - 8 * 12 * 16, `full MACs ${full.matMulMacs} vs forward ${fwd}`);
  assert.ok(lst.matMulMacs < full.matMulMacs && prompt.matMulMacs < full.matMulMacs);
  assert.ok(c.methods.every((m) => m.kernels > 0 && m.ms > 0 && m.matMulShare >= 0 && m.matMulShare <= 1));
  assert.equal(prompt.trainable, 16 + 16 * 5 + 5);
  assert.ok(pairedRatio(c.timing, "LST", "full").median > 0);
  // the same seed builds the same backbone and batch: the same counts
  const again = await stepCost({
    width: 16,
    depth: 2,
    batch: 8,
    inDim: 12,
    methods,
    rounds: 1,
    warmup: 0,
    rng: new Rng(5),
  });
  assert.deepEqual(again.methods.map((m) => m.matMulMacs), c.methods.map((m) => m.matMulMacs));
  const ok = { width: 16, depth: 2, batch: 8, inDim: 12, methods, rounds: 1, rng: new Rng(5) };
  await assertRejectsWith(() => stepCost({ ...ok, width: 0 }), RangeError, "width");
  await assertRejectsWith(() => stepCost({ ...ok, rounds: 1.5 }), RangeError, "rounds");
  await assertRejectsWith(() => stepCost({ ...ok, rng: {} as Rng }), TypeError, "rng");
  await assertRejectsWith(() => stepCost({ ...ok, methods: [] }), RangeError, "methods");
  await assertRejectsWith(
    () => stepCost({ ...ok, methods: [methods[0], methods[0]] }),
    RangeError,
    "distinct",
  );
  await assertRejectsWith(
    () => stepCost({ ...ok, methods: [{ kind: "nope" as "lst", lr: 1 }] }),
    TypeError,
    "kind",
  );
  assert.equal(tf.memory().numTensors, before);
});
