import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { accuracy, layerNorm, ResMlp } from "../../lib/train/mod.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

const small = () => new ResMlp({ inDim: 6, width: 8, depth: 2, classes: 3, rng: new Rng(1) });

Deno.test("ResMlp: parameter count 784H + H + L(8H² + 5H) (brief 01: 182,592 at H = 64, L = 4)", () => {
  const net = new ResMlp({ inDim: 784, width: 64, depth: 4, classes: 5, rng: new Rng(0) });
  assert.equal(net.numBackboneParams, 182592);
  assert.equal(net.variables.length - net.backboneVariables.length, 2);
  net.dispose();
});

Deno.test("ResMlp: forward equals the block formula written out; states match; hooks apply", () => {
  const net = small();
  const x = tf.tensor2d(Float32Array.from(new Rng(2).normals(4 * 6)), [4, 6]);
  const ref = tf.tidy(() => {
    let b = net.embed.predict([x]);
    for (const blk of net.blocks) {
      const [W1, c1, W2, c2] = blk.variables as tf.Tensor2D[];
      b = tf.add(b, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(layerNorm(b), W1), c1)), W2), c2));
    }
    return Array.from(layerNorm(b).dataSync());
  });
  assertAllClose(Array.from(net.features(x).dataSync()), ref, { abs: 1e-5 });
  const states = net.states(x);
  assert.equal(states.length, 3);
  const last = net.states(x, "last");
  assert.equal(last.length, 1);
  assertAllClose(Array.from(last[0].dataSync()), ref, { abs: 1e-5 });
  const p = tf.tensor1d([1, -1, 2, 0, 0, 3, -2, 1]); // not a uniform shift (LN would remove that)
  const withPrompt = net.features(x, { prompt: p, after: (_l, b) => b }).dataSync();
  assert.ok(Math.abs(withPrompt[0] - ref[0]) > 1e-6);
  assert.equal(net.logits(x).shape.join(), "4,3");
  assertThrowsWith(() => net.features(tf.ones([2, 5]) as tf.Tensor2D), RangeError, "x must have shape");
  assertThrowsWith(() => net.states(x, "some" as "all"), RangeError, "keep");
  net.dispose();
});

Deno.test("ResMlp: clone copies the weights; bad options throw", () => {
  const net = small(), c = net.clone();
  assertAllClose(Array.from(c.variables[0].dataSync()), Array.from(net.variables[0].dataSync()), {
    abs: 0 + 1e-12,
  });
  assertThrowsWith(
    () => new ResMlp({ inDim: 6, width: 0, depth: 2, classes: 3, rng: new Rng(1) }),
    RangeError,
    "width",
  );
  assertThrowsWith(
    () => new ResMlp({ inDim: 6, width: 8, depth: 2, classes: 3, rng: {} as Rng }),
    TypeError,
    "rng",
  );
  net.dispose();
  c.dispose();
});

Deno.test("layerNorm: zero mean, unit variance per row; accuracy: counts argmax hits; validation", () => {
  const y = layerNorm(tf.tensor2d([[1, 2, 3, 4], [2, 2, 2, 6]])).arraySync();
  for (const row of y) {
    const m = row.reduce((s, v) => s + v, 0) / 4;
    const v = row.reduce((s, x) => s + (x - m) ** 2, 0) / 4;
    assert.ok(Math.abs(m) < 1e-6 && Math.abs(v - 1) < 1e-3);
  }
  assertThrowsWith(() => layerNorm(tf.ones([3]) as unknown as tf.Tensor2D), TypeError, "x");
  const x = tf.tensor2d([[1, 0], [0, 1], [1, 0]]);
  assert.equal(accuracy((t) => t, x, Int32Array.from([0, 1, 1]), 2), 2 / 3);
  assertThrowsWith(() => accuracy((t) => t, x, Int32Array.from([0])), RangeError, "labels");
  assertThrowsWith(() => accuracy((t) => t, x, Int32Array.from([0, 1, 1]), 0), RangeError, "chunk");
});
