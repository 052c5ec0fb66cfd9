import { initBackend, tf } from "../../lib/core/mod.ts";
import {
  adam,
  countMatMulMacs,
  kernelCounts,
  measureRetained,
  optimizerStateBytes,
  peakStepBytes,
  tapeSavedBytes,
} from "../../lib/train/mod.ts";
import { assert, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

Deno.test("tapeSavedBytes: counts what relu/exp save, not the variables; outside a closure it throws", () => {
  const w = tf.variable(tf.ones([10, 10]));
  let probe = { bytes: -1, buffers: -1, copyBytes: -1, nodes: -1 };
  tf.variableGrads(() => {
    const y = tf.relu(tf.mul(w, 2)); // Mul saves w (a variable, excluded) and the scalar 2; Relu saves its input
    const z = tf.exp(y); // Exp saves its output
    probe = tapeSavedBytes();
    return tf.sum(z) as tf.Scalar;
  }, [w]);
  // saved non-variable buffers: the scalar 2 (4 bytes), mul's output (400), exp's output (400)
  assert.equal(probe.bytes, 804);
  assert.equal(probe.buffers, 3);
  assert.ok(probe.copyBytes >= probe.bytes);
  assertThrowsWith(() => tapeSavedBytes(), Error, "gradient closure");
  w.dispose();
});

Deno.test("measureRetained: a deeper chain keeps more; tensor count restored; validation", () => {
  const w = tf.variable(tf.ones([64, 64]));
  const x = tf.ones([32, 64]) as tf.Tensor2D;
  const chain = (k: number) => () => {
    let h = x;
    for (let i = 0; i < k; i++) h = tf.relu(tf.matMul(h, w));
    return tf.mean(h) as tf.Scalar;
  };
  const before = tf.memory().numTensors;
  const one = measureRetained(chain(1), [w]), four = measureRetained(chain(4), [w]);
  assert.equal(tf.memory().numTensors, before);
  assert.ok(four.bytes > 2.5 * one.bytes, `${one.bytes} vs ${four.bytes}`);
  assert.ok(four.aliveBytes >= four.bytes);
  assertThrowsWith(() => measureRetained(chain(1), []), TypeError, "vars");
  assertThrowsWith(() => measureRetained(null as unknown as () => tf.Scalar, [w]), TypeError, "lossFn");
  assertThrowsWith(() => measureRetained(chain(1), [w], NaN), RangeError, "since");
  tf.dispose([w, x]);
});

Deno.test("peakStepBytes: at least the largest temporary; validation", async () => {
  const peak = await peakStepBytes(() => {
    tf.tidy(() => tf.sum(tf.ones([1000])));
  });
  assert.ok(peak >= 4000, `${peak}`);
  await assertRejectsWith(() => peakStepBytes(null as unknown as () => void), TypeError, "step");
});

Deno.test("optimizerStateBytes / Adam.stateSize: 2 floats per stepped parameter; 0 before; validation", () => {
  const a = tf.variable(tf.ones([3, 4])), b = tf.variable(tf.ones([5]));
  for (const form of ["auto", "tfjs"] as const) {
    const opt = adam(0.1, { form });
    assert.equal(optimizerStateBytes(opt), 0);
    opt.minimize(() => tf.add(tf.sum(tf.square(a)), tf.sum(b)) as tf.Scalar, false, [a, b]);
    assert.equal(opt.stateSize, 2 * 17);
    assert.equal(optimizerStateBytes(opt), 8 * 17);
    opt.dispose();
  }
  assertThrowsWith(() => optimizerStateBytes({} as never), TypeError, "Adam");
  tf.dispose([a, b]);
});

Deno.test("kernelCounts / countMatMulMacs: kernels and multiply-adds of known products; validation", async () => {
  const a = tf.ones([8, 5]) as tf.Tensor2D,
    b = tf.ones([5, 3]) as tf.Tensor2D,
    c = tf.ones([3, 7]) as tf.Tensor2D;
  // (8×5)(5×3): 8·3·5 = 120; then (8×3)(3×7): 8·7·3 = 168; one relu in between
  const f = () =>
    tf.tidy(() => {
      tf.matMul(tf.relu(tf.matMul(a, b)), c);
    });
  const k = await kernelCounts(f);
  assert.equal(k.matMulMacs, 120 + 168);
  assert.equal(k.kernels, 3);
  assert.equal(await countMatMulMacs(f), 288);
  // transposed operand: aᵀ (5×8) · 1 (8×2): 5·2·8 = 80
  const d = tf.ones([8, 2]) as tf.Tensor2D;
  assert.equal(await countMatMulMacs(() => tf.tidy(() => void tf.matMul(a, d, true, false))), 80);
  assert.ok(k.matMulMs >= 0 && k.wallMs >= k.matMulMs, `matMulMs ${k.matMulMs} within wallMs ${k.wallMs}`);
  const none = await kernelCounts(() => {});
  assert.deepEqual([none.kernels, none.matMulMacs, none.matMulMs], [0, 0, 0]);
  await assertRejectsWith(() => kernelCounts(3 as unknown as () => void), TypeError, "f must");
  await assertRejectsWith(() => countMatMulMacs(null as unknown as () => void), TypeError, "f must");
  tf.dispose([a, b, c, d]);
});
