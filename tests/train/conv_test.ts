import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { conv2dSame, ConvStack } from "../../lib/train/mod.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

/** The stack's filters [k, k, c, out] and biases, read back, applied with tf.conv2d ("same"). */
function viaConv2d(net: ConvStack, x: tf.Tensor4D): tf.Tensor4D {
  const vars = net.variables;
  let h = x, c = net.inChannels;
  net.layers.forEach(({ kernel, out }, i) => {
    const w = tf.reshape(vars[2 * i], [kernel, kernel, c, out]) as tf.Tensor4D;
    const z = tf.add(tf.conv2d(h, w, 1, "same"), vars[2 * i + 1]) as tf.Tensor4D;
    h = i < net.layers.length - 1 ? tf.relu(z) : z;
    c = out;
  });
  return h;
}

Deno.test("ConvStack: layers equal tf.conv2d 'same' (values and gradients), no tensor leak", () => {
  const r = new Rng(5);
  const net = new ConvStack({
    inChannels: 3,
    layers: [{ kernel: 1, out: 4 }, { kernel: 3, out: 5 }, { kernel: 5, out: 2 }],
    rng: r.fork("net"),
  });
  assert.equal(net.outChannels, 2);
  assert.equal(net.parameterCount, 3 * 4 + 4 + 9 * 4 * 5 + 5 + 25 * 5 * 2 + 2);
  const x = tf.tensor4d(Float32Array.from(r.normals(2 * 6 * 7 * 3)), [2, 6, 7, 3]);
  const w = tf.tensor4d(Float32Array.from(r.normals(2 * 6 * 7 * 2)), [2, 6, 7, 2]);
  const before = tf.memory().numTensors;
  const [a, b] = tf.tidy(() => [net.apply(x).arraySync(), viaConv2d(net, x).arraySync()]);
  assertAllClose((a as number[][][][]).flat(3), (b as number[][][][]).flat(3), { abs: 1e-4 });
  const [ga, gb] = tf.tidy(() => {
    const loss = (f: (x: tf.Tensor4D) => tf.Tensor4D) => () => tf.sum(tf.mul(f(x), w)) as tf.Scalar;
    const g1 = tf.variableGrads(loss((v) => net.apply(v)), net.variables as tf.Variable[]).grads;
    const g2 = tf.variableGrads(loss((v) => viaConv2d(net, v)), net.variables as tf.Variable[]).grads;
    return [
      Object.values(g1).map((t) => Array.from(t.dataSync())),
      Object.values(g2).map((t) => Array.from(t.dataSync())),
    ];
  });
  ga.forEach((g, i) => assertAllClose(g, gb[i], { abs: 2e-3, rel: 1e-3 }));
  assert.equal(tf.memory().numTensors, before);
  x.dispose();
  w.dispose();
  net.dispose();
});

Deno.test("ConvStack / conv2dSame: bad inputs name the argument", () => {
  const rng = new Rng(0);
  assertThrowsWith(() => new ConvStack(null as never), TypeError, "opts");
  assertThrowsWith(
    () => new ConvStack({ inChannels: 0, layers: [{ kernel: 1, out: 1 }], rng }),
    RangeError,
    "opts.inChannels",
  );
  assertThrowsWith(() => new ConvStack({ inChannels: 1, layers: [], rng }), TypeError, "opts.layers");
  assertThrowsWith(
    () => new ConvStack({ inChannels: 1, layers: [{ kernel: 2, out: 1 }], rng }),
    RangeError,
    "opts.layers[0].kernel",
  );
  assertThrowsWith(
    () => new ConvStack({ inChannels: 1, layers: [{ kernel: 3, out: 0 }], rng }),
    RangeError,
    "opts.layers[0].out",
  );
  assertThrowsWith(
    () => new ConvStack({ inChannels: 1, layers: [{ kernel: 3, out: 1 }], activation: "tanh" as never, rng }),
    TypeError,
    "opts.activation",
  );
  assertThrowsWith(
    () => new ConvStack({ inChannels: 1, layers: [{ kernel: 3, out: 1 }], rng: 1 as never }),
    TypeError,
    "opts.rng",
  );
  const net = new ConvStack({ inChannels: 2, layers: [{ kernel: 3, out: 1 }], rng });
  assertThrowsWith(
    () => tf.tidy(() => net.apply(tf.zeros([1, 3, 3, 1]) as tf.Tensor4D)),
    RangeError,
    "x must",
  );
  net.dispose();
  const x = tf.zeros([1, 3, 3, 2]) as tf.Tensor4D;
  assertThrowsWith(() => conv2dSame(tf.zeros([3, 3]) as never, x), RangeError, "x must");
  assertThrowsWith(() => conv2dSame(x, tf.zeros([2, 2, 2, 1]) as tf.Tensor4D), RangeError, "w must");
  assertThrowsWith(() => conv2dSame(x, tf.zeros([3, 3, 1, 1]) as tf.Tensor4D), RangeError, "w must");
  x.dispose();
});
