import { initBackend, tf } from "../../lib/core/backend.ts";
import { dense, matMulFast } from "../../lib/core/dense.ts";
import { assert, assertAllClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

Deno.test("backend: wasm starts without falling back; a bad name is rejected", async () => {
  const info = await initBackend("wasm");
  assert.equal(info.active, "wasm");
  assert.equal(info.fellBack, false);
  // deno-lint-ignore no-explicit-any
  await assertRejectsWith(() => initBackend("webgpu" as any), TypeError, "name");
});

Deno.test("matMulFast: same value and gradients as tf.matMul", async () => {
  await initBackend("wasm");
  const a = tf.randomNormal([5, 3], 0, 1, "float32", 1) as tf.Tensor2D;
  const b = tf.randomNormal([3, 4], 0, 1, "float32", 2) as tf.Tensor2D;
  const w = tf.randomNormal([5, 4], 0, 1, "float32", 3);
  const lossFast = (x: tf.Tensor, y: tf.Tensor) =>
    tf.sum(tf.mul(matMulFast(x as tf.Tensor2D, y as tf.Tensor2D), w));
  const lossRef = (x: tf.Tensor, y: tf.Tensor) =>
    tf.sum(tf.mul(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D), w));
  assertAllClose(matMulFast(a, b).dataSync(), tf.matMul(a, b).dataSync(), { abs: 1e-5 });
  const [ga, gb] = tf.grads(lossFast)([a, b]);
  const [ra, rb] = tf.grads(lossRef)([a, b]);
  assertAllClose(ga.dataSync(), ra.dataSync(), { abs: 1e-5 });
  assertAllClose(gb.dataSync(), rb.dataSync(), { abs: 1e-5 });
  tf.dispose([a, b, w, ga, gb, ra, rb]);
});

Deno.test("dense: adds the bias and rejects mismatched shapes", async () => {
  await initBackend("wasm");
  const x = tf.tensor2d([[1, 2]]), w = tf.tensor2d([[1, 0, 1], [0, 1, 1]]), b = tf.tensor1d([10, 20, 30]);
  assertAllClose(dense(x, w, b).dataSync(), [11, 22, 33], { abs: 1e-6 });
  assertThrowsWith(
    () => matMulFast(x, tf.tensor2d([[1, 2]])),
    RangeError,
    "a's columns (2) must equal b's rows (1)",
  );
  assertThrowsWith(
    () => matMulFast(tf.tensor1d([1]) as unknown as tf.Tensor2D, w),
    RangeError,
    "a must be rank 2",
  );
  assertThrowsWith(() => dense(x, w, tf.tensor1d([1, 2])), RangeError, "bias must have shape [3]");
});
