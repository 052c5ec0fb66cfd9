import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import {
  adaptBackbone,
  BACKBONE_SMALL,
  epochBatches,
  gatherBatch,
  METHOD_KINDS,
  mnistTransferTasks,
  pretrainedBackbone,
  sgdFineTune,
} from "../../lib/finetune/mod.ts";
import { assert, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

Deno.test("epochBatches / gatherBatch: every row once per epoch, one-hot targets; validation", () => {
  const b = epochBatches(10, 4, 2, new Rng(1));
  assert.equal(b.length, 6);
  assert.deepEqual([...b[0], ...b[1], ...b[2]].sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assertThrowsWith(() => epochBatches(10, 0, 1, new Rng(1)), RangeError, "batch");
  assertThrowsWith(() => epochBatches(10, 2, 1, {} as Rng), TypeError, "rng");
  const set = { x: tf.tensor2d([[1], [2], [3]]), labels: Int32Array.from([0, 2, 1]), n: 3 };
  const { x, y } = gatherBatch(set, Int32Array.from([2, 0]), 3);
  assert.deepEqual(x.arraySync(), [[3], [1]]);
  assert.deepEqual(y.arraySync(), [[0, 1, 0], [1, 0, 0]]);
  assertThrowsWith(() => gatherBatch(set, Int32Array.from([3]), 3), RangeError, "outside");
  assertThrowsWith(() => gatherBatch(set, Int32Array.from([]), 3), TypeError, "idx");
  assertThrowsWith(
    () => gatherBatch({ ...set, x: tf.ones([3]) as unknown as tf.Tensor2D }, Int32Array.from([0]), 3),
    TypeError,
    "set",
  );
  // the host copy equals tfjs's gather, bit for bit
  const big = {
    x: tf.randomNormal([50, 7], 0, 1, "float32", 3) as tf.Tensor2D,
    labels: new Int32Array(50),
    n: 50,
  };
  const pick = Int32Array.from([49, 0, 7, 7, 23]);
  assert.deepEqual(
    gatherBatch(big, pick, 2).x.dataSync(),
    tf.gather(big.x, tf.tensor1d(pick, "int32")).dataSync(),
  );
});

Deno.test("mnistTransferTasks + pretrainedBackbone (cache in a temp dir: trained, then hit) + adaptBackbone", async () => {
  await assertRejectsWith(() => mnistTransferTasks(0), RangeError, "perClass");
  const tasks = await mnistTransferTasks(20);
  assert.equal(tasks.adapt.train.n, 100);
  assert.ok(tasks.adapt.train.labels.every((l) => l >= 0 && l < 5));
  assert.equal(tasks.pre.train.n + tasks.pre.test.n, 5131);
  const dir = await Deno.makeTempDir();
  const cfg = { ...BACKBONE_SMALL, width: 16, depth: 2 };
  const a = await pretrainedBackbone(cfg, tasks, { label: null, dir });
  assert.equal(a.cache.status, "trained");
  assert.ok(a.preAccuracy > 0.5, `${a.preAccuracy}`);
  const b = await pretrainedBackbone(cfg, tasks, { label: null, dir });
  assert.equal(b.cache.status, "hit");
  assert.equal(b.preAccuracy, a.preAccuracy);
  const n0 = tf.memory().numTensors;
  for (const kind of METHOD_KINDS) {
    const r = await adaptBackbone(b.net, tasks, { kind, lr: 1e-3, rank: 2, reduction: 4 }, {
      epochs: 1,
      rng: new Rng(1),
      label: null,
    });
    assert.ok(
      r.trainable > 0 && r.tapeBytes > 0 && r.peakBytes > 0 && r.stateBytes === 8 * r.trainable,
      kind,
    );
    assert.ok(r.accNew >= 0 && r.accNew <= 1 && r.accOld >= 0 && r.accOld <= 1);
  }
  assert.equal(tf.memory().numTensors, n0);
  // keepStep: the trained method stays alive for a later timed step, then releases everything
  const kept = await adaptBackbone(b.net, tasks, { kind: "lst", lr: 1e-3, reduction: 4 }, {
    epochs: 1,
    rng: new Rng(1),
    label: null,
    keepStep: true,
  });
  assert.ok(kept.stepper);
  const n1 = tf.memory().numTensors;
  assert.ok(n1 > n0);
  kept.stepper!.step();
  kept.stepper!.step();
  assert.equal(tf.memory().numTensors, n1);
  kept.stepper!.dispose();
  kept.stepper!.dispose();
  assert.equal(tf.memory().numTensors, n0);
  assertThrowsWith(() => kept.stepper!.step(), RangeError, "disposed");
  await assertRejectsWith(
    () =>
      adaptBackbone(b.net, tasks, { kind: "head", lr: 1e-3 }, {
        epochs: 1,
        rng: new Rng(1),
        keepStep: "yes" as unknown as boolean,
      }),
    TypeError,
    "opts.keepStep",
  );
  await assertRejectsWith(
    () => adaptBackbone(b.net, tasks, { kind: "nope" as "head", lr: 1e-3 }, { epochs: 1, rng: new Rng(1) }),
    TypeError,
    "spec.kind",
  );
  await assertRejectsWith(
    () => adaptBackbone(b.net, tasks, { kind: "head", lr: 1e-3 }, { epochs: 0, rng: new Rng(1) }),
    RangeError,
    "opts.epochs",
  );
  await assertRejectsWith(() => pretrainedBackbone({ ...cfg, width: 0 }, tasks), RangeError, "cfg.width");
  // sgdFineTune: a copy is trained (the net is unchanged), one accuracy per epoch, nothing left alive
  const w0 = b.net.variables.map((v) => Array.from(v.dataSync()));
  const n2 = tf.memory().numTensors;
  for (const update of ["sgd", "random-projection"] as const) {
    const r = await sgdFineTune(b.net, tasks, { update, eta: 0.01, epochs: 2, rng: new Rng(3), label: null });
    assert.equal(r.loss.length, 2);
    assert.equal(r.accNew.length, 2);
    assert.equal(r.accOld.length, 2);
    assert.ok([...r.accNew, ...r.accOld].every((a) => a >= 0 && a <= 1));
    assert.ok(r.loss.every((v) => Number.isFinite(v)));
  }
  assert.equal(tf.memory().numTensors, n2);
  b.net.variables.forEach((v, i) => assert.deepEqual(Array.from(v.dataSync()), w0[i]));
  // the same seed gives the same projected run; the plain run differs from it
  const p1 = await sgdFineTune(b.net, tasks, {
    update: "random-projection",
    eta: 0.01,
    epochs: 2,
    rng: new Rng(4),
    label: null,
  });
  const p2 = await sgdFineTune(b.net, tasks, {
    update: "random-projection",
    eta: 0.01,
    epochs: 2,
    rng: new Rng(4),
    label: null,
  });
  const s1 = await sgdFineTune(b.net, tasks, {
    update: "sgd",
    eta: 0.02,
    epochs: 2,
    rng: new Rng(4),
    label: null,
  });
  assert.deepEqual(Array.from(p1.loss), Array.from(p2.loss));
  assert.equal(p1.loss[0], s1.loss[0]); // the first loss is taken before any update
  assert.notEqual(p1.loss[1], s1.loss[1]);
  const ok = { update: "sgd" as const, eta: 0.01, epochs: 1, rng: new Rng(1), label: null };
  await assertRejectsWith(
    () => sgdFineTune(b.net, tasks, { ...ok, update: "adam" as "sgd" }),
    TypeError,
    "opts.update",
  );
  await assertRejectsWith(() => sgdFineTune(b.net, tasks, { ...ok, eta: 0 }), RangeError, "opts.eta");
  await assertRejectsWith(() => sgdFineTune(b.net, tasks, { ...ok, epochs: 0 }), RangeError, "opts.epochs");
  await assertRejectsWith(() => sgdFineTune(b.net, tasks, { ...ok, rng: {} as Rng }), TypeError, "opts.rng");
  await assertRejectsWith(() => sgdFineTune({} as never, tasks, ok), TypeError, "net");
  a.net.dispose();
  b.net.dispose();
  tasks.dispose();
  await Deno.remove(dir, { recursive: true });
});
