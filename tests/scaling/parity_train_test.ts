import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { Mlp } from "../../lib/train/mod.ts";
import {
  bceWithLogits,
  crossingSteps,
  evaluateParity,
  makeParityEvalSet,
  makeSparseParityTasks,
  type ParityCheckpoint,
  trainSparseParity,
} from "../../lib/scaling/mod.ts";
import { assert, assertClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");
const spec = { nTasks: 4, nBits: 6, k: 2, gamma: 0.4 };

Deno.test("makeParityEvalSet: perTask contiguous rows per task; bad inputs", () => {
  const t = makeSparseParityTasks(spec, new Rng(1));
  const e = makeParityEvalSet(new Rng(2), t, 5);
  assert.equal(e.n, 20);
  assert.deepEqual(Array.from(e.task), [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
  assertThrowsWith(() => makeParityEvalSet(new Rng(2), t, 0), RangeError, "perTask");
});

Deno.test("bceWithLogits: equals −y log σ(z) − (1−y) log(1−σ(z)); bad inputs", () => {
  const z = [-3, -0.5, 0, 2, 5], y = [0, 1, 1, 0, 1];
  const got = tf.tidy(() => Array.from(bceWithLogits(tf.tensor1d(z), tf.tensor1d(y)).dataSync()));
  z.forEach((v, i) => {
    const s = 1 / (1 + Math.exp(-v));
    assertClose(got[i], -(y[i] * Math.log(s) + (1 - y[i]) * Math.log(1 - s)), { rel: 1e-5, abs: 1e-6 });
  });
  assertThrowsWith(() => bceWithLogits(tf.zeros([2]), tf.zeros([3])), RangeError, "shape");
  assertThrowsWith(() => bceWithLogits([1] as unknown as tf.Tensor, tf.zeros([1])), TypeError, "tensors");
});

Deno.test("evaluateParity: a zero net is at chance (ln 2 per task, p-weighted mean ln 2)", () => {
  const t = makeSparseParityTasks(spec, new Rng(1));
  const e = makeParityEvalSet(new Rng(2), t, 20);
  const net = new Mlp({ inputs: [4, 6], hidden: [3], outDim: 1, rng: new Rng(3) });
  for (const v of net.variables) v.assign(tf.zerosLike(v));
  const c = evaluateParity(net, t, e, 7);
  assert.equal(c.step, 7);
  c.perTaskLoss.forEach((l) => assertClose(l, Math.LN2, { rel: 1e-6 }));
  assertClose(c.meanLoss, Math.LN2, { rel: 1e-6 });
  net.dispose();
  assertThrowsWith(() => evaluateParity({} as Mlp, t, e), TypeError, "net");
});

Deno.test("trainSparseParity: learns the most frequent task, checkpoints where asked, no tensor leak", async () => {
  const t = makeSparseParityTasks({ nTasks: 3, nBits: 4, k: 2, gamma: 1 }, new Rng(1));
  const e = makeParityEvalSet(new Rng(2), t, 100);
  const before = tf.memory().numTensors;
  const run = await trainSparseParity(t, {
    width: 32,
    steps: 300,
    batch: 128,
    lr: 1e-2,
    evalSet: e,
    evalAt: [1, 150, 300],
    rng: new Rng(3),
    label: null,
  });
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(run.checkpoints.map((c) => c.step), [1, 150, 300]);
  assert.equal(run.params, (3 + 4) * 32 + 32 + 32 + 1);
  assert.ok(run.checkpoints[2].perTaskAcc[0] > 0.95, `task 0 accuracy ${run.checkpoints[2].perTaskAcc[0]}`);
  assert.ok(run.checkpoints[2].meanLoss < run.checkpoints[0].meanLoss);
  const fixed = await trainSparseParity(t, {
    width: 8,
    steps: 5,
    batch: 16,
    lr: 1e-3,
    trainSize: 40,
    evalSet: e,
    evalAt: [5],
    rng: new Rng(3),
    label: null,
  });
  assert.equal(fixed.checkpoints.length, 1);
});

Deno.test("trainSparseParity: bad inputs", async () => {
  const t = makeSparseParityTasks(spec, new Rng(1));
  const e = makeParityEvalSet(new Rng(2), t, 5);
  const ok = {
    width: 4,
    steps: 5,
    batch: 8,
    lr: 1e-3,
    evalSet: e,
    evalAt: [5],
    rng: new Rng(3),
    label: null,
  };
  await assertRejectsWith(() => trainSparseParity(t, { ...ok, width: 0 }), RangeError, "opts.width");
  await assertRejectsWith(() => trainSparseParity(t, { ...ok, lr: -1 }), RangeError, "opts.lr");
  await assertRejectsWith(() => trainSparseParity(t, { ...ok, evalAt: [6] }), RangeError, "opts.evalAt[0]");
  await assertRejectsWith(() => trainSparseParity(t, { ...ok, evalAt: [3, 3] }), RangeError, "ascending");
  await assertRejectsWith(() => trainSparseParity(t, { ...ok, trainSize: 0 }), RangeError, "opts.trainSize");
  await assertRejectsWith(() => trainSparseParity(t, { ...ok, rng: {} as Rng }), TypeError, "opts.rng");
  await assertRejectsWith(() => trainSparseParity({} as typeof t, ok), TypeError, "tasks");
});

Deno.test("crossingSteps: log-step interpolation, first checkpoint, never; bad inputs", () => {
  const cp = (step: number, losses: number[]): ParityCheckpoint => ({
    step,
    perTaskLoss: Float64Array.from(losses),
    perTaskAcc: new Float64Array(losses.length),
    meanLoss: 0,
  });
  const c = [cp(10, [0.1, 0.7, 0.7]), cp(100, [0.1, 0.3, 0.7])];
  const s = crossingSteps(c, 0.5);
  assert.equal(s[0], 10);
  assertClose(s[1], Math.exp(Math.log(10) + 0.5 * Math.log(10)), { rel: 1e-12 });
  assert.ok(Number.isNaN(s[2]));
  assertThrowsWith(() => crossingSteps([], 0.5), RangeError, "checkpoints");
  assertThrowsWith(() => crossingSteps(c, 0), RangeError, "threshold");
});
