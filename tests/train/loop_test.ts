import { initBackend, tf } from "../../lib/core/mod.ts";
import { minimizeStep, runSteps } from "../../lib/train/loop.ts";
import { assert, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

Deno.test("runSteps + minimizeStep: fits a line, loss falls, tensor count stays flat", async () => {
  await initBackend("wasm");
  const w = tf.variable(tf.scalar(0)), b = tf.variable(tf.scalar(0));
  const x = tf.tensor1d([0, 1, 2, 3]), y = tf.tensor1d([1, 3, 5, 7]); // y = 2x + 1
  const opt = tf.train.adam(0.1);
  const log = await runSteps(
    200,
    () =>
      minimizeStep(opt, () => tf.mean(tf.square(tf.sub(tf.add(tf.mul(x, w), b), y))) as tf.Scalar, [w, b]),
    {
      label: null,
    },
  );
  assert.equal(log.loss.length, 200);
  assert.ok(log.loss[199] < 0.05 * log.loss[0], `loss ${log.loss[0]} -> ${log.loss[199]}`);
  // after Adam has created its slots (first step), nothing accumulates
  assert.equal(log.numTensors[199], log.numTensors[1]);
  assert.ok(log.msPerStep > 0);
  opt.dispose();
  tf.dispose([w, b, x, y]);
});

Deno.test("runSteps: a non-finite loss stops the run naming the step; bad arguments are rejected", async () => {
  await assertRejectsWith(
    () => runSteps(5, (i) => (i === 2 ? NaN : 1), { label: null }),
    RangeError,
    "step 3",
  );
  await assertRejectsWith(() => runSteps(0, () => 1), RangeError, "steps");
  // deno-lint-ignore no-explicit-any
  await assertRejectsWith(() => runSteps(3, null as any), TypeError, "step");
  const w = tf.variable(tf.scalar(1));
  // deno-lint-ignore no-explicit-any
  assertThrowsWith(() => minimizeStep({} as any, () => tf.scalar(0), [w]), TypeError, "optimizer");
  assertThrowsWith(() => minimizeStep(tf.train.sgd(0.1), () => tf.scalar(0), []), TypeError, "vars");
  w.dispose();
});
