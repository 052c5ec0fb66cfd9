import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { DISK_INIT, LruLayer, RING_DEFAULT } from "../../lib/attention/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

Deno.test("LruLayer: closed-form final state equals the last state of the scan; γ and |λ| as initialised", () => {
  for (const param of ["exp", "direct"] as const) {
    for (const gamma of [true, false]) {
      const layer = new LruLayer({ inDim: 3, states: 4, init: RING_DEFAULT, param, gamma, rng: new Rng(5) });
      const rng = new Rng(6);
      const [fin, last] = tf.tidy(() => {
        const u = tf.tensor3d(Float32Array.from(rng.normals(2 * 9 * 3)), [2, 9, 3]);
        const f = layer.finalState(u);
        const s = layer.allStates(u);
        const lr = tf.slice(s.re, [0, 8, 0], [2, 1, 4]).reshape([2, 4]);
        const li = tf.slice(s.im, [0, 8, 0], [2, 1, 4]).reshape([2, 4]);
        return [f.dataSync(), tf.concat([lr, li], 1).dataSync()];
      });
      fin.forEach((v, i) => assertClose(v, last[i], { abs: 2e-5 }, `${param} γ=${gamma} [${i}]`));
      const abs = layer.lambdaAbs();
      assert.ok(abs.every((v) => v >= 0.9 - 1e-6 && v <= 0.999 + 1e-6));
      const g = layer.gammaValues();
      g.forEach((v, j) => assertClose(v, gamma ? Math.sqrt(1 - abs[j] ** 2) : 1, { rel: 1e-3 }));
      assert.equal(layer.variables.length, gamma ? 5 : 4);
      layer.dispose();
    }
  }
});

Deno.test("LruLayer: exp and direct share their initial eigenvalues; gradients reach every variable", () => {
  const a = new LruLayer({ inDim: 2, states: 3, init: DISK_INIT, rng: new Rng(1) });
  const b = new LruLayer({ inDim: 2, states: 3, init: DISK_INIT, param: "direct", rng: new Rng(1) });
  const x = a.lambdaAbs(), y = b.lambdaAbs();
  x.forEach((v, i) => assertClose(v, y[i], { rel: 1e-5 }));
  const before = tf.memory().numTensors;
  tf.tidy(() => {
    const u = tf.ones([1, 4, 2]) as tf.Tensor3D;
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(a.finalState(u))) as tf.Scalar, a.variables);
    for (const v of a.variables) assert.ok(tf.sum(tf.abs(grads[v.name])).dataSync()[0] > 0, v.name);
  });
  assert.equal(tf.memory().numTensors, before);
  a.dispose();
  b.dispose();
});

Deno.test("LruLayer: bad options and inputs throw naming the argument", () => {
  const ok = { inDim: 2, states: 3, init: RING_DEFAULT, rng: new Rng(1) };
  assertThrowsWith(() => new LruLayer({ ...ok, inDim: 0 }), RangeError, "opts.inDim");
  assertThrowsWith(() => new LruLayer({ ...ok, states: 1.5 }), RangeError, "opts.states");
  assertThrowsWith(() => new LruLayer({ ...ok, param: "polar" as never }), TypeError, "opts.param");
  assertThrowsWith(() => new LruLayer({ ...ok, gamma: 1 as never }), TypeError, "opts.gamma");
  assertThrowsWith(() => new LruLayer({ ...ok, rng: {} as never }), TypeError, "opts.rng");
  assertThrowsWith(
    () => new LruLayer({ ...ok, init: { rMin: 1, rMax: 0.5, maxPhase: 1 } }),
    RangeError,
    "init.rMin",
  );
  assertThrowsWith(() => new LruLayer(null as never), TypeError, "opts");
  const layer = new LruLayer(ok);
  tf.tidy(() => {
    assertThrowsWith(() => layer.finalState(tf.zeros([1, 4, 3]) as tf.Tensor3D), RangeError, "u");
    assertThrowsWith(() => layer.allStates(tf.zeros([4, 2]) as never), RangeError, "u");
  });
  layer.dispose();
});
