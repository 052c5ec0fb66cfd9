import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { adam, type AdamForm, minimizeStep } from "../../lib/train/mod.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

/** A small ReLU MLP regression problem with fixed data; `weights()` are fresh variables with the same values. */
function problem(seed: number) {
  const rng = new Rng(seed);
  const t = (n: number, shape: number[], s = 1) => tf.tensor(Float32Array.from(rng.normals(n, 0, s)), shape);
  const x = t(32 * 5, [32, 5]), y = t(32 * 3, [32, 3]);
  const init = [t(5 * 16, [5, 16], 0.5), t(16, [16], 0.1), t(16 * 3, [16, 3], 0.5), t(3, [3], 0.1)];
  const weights = () => init.map((w, i) => tf.variable(w.clone(), true, `p${seed}-${i}-${Math.random()}`));
  const loss = (v: tf.Variable[]) => () =>
    tf.tidy(() => {
      const h = tf.relu(tf.add(tf.matMul(x, v[0] as tf.Tensor2D), v[1]));
      return tf.mean(
        tf.square(tf.sub(tf.add(tf.matMul(h as tf.Tensor2D, v[2] as tf.Tensor2D), v[3]), y)),
      ) as tf.Scalar;
    });
  const dispose = () => tf.dispose([x, y, ...init]);
  return { weights, loss, dispose };
}

const lrAt = (i: number) => 0.02 * (1 + Math.cos(i / 10)) / 2 + 1e-3; // a schedule, set before each step

/** 100 steps of lib/train's adam (form `form`, EMA decay 0.9) and of tf.train.adam + the EMA in tf ops. */
async function compare(form: AdamForm, backend: "wasm" | "cpu") {
  await initBackend(backend);
  const p = problem(3);
  const mine = p.weights(), ref = p.weights();
  const emaMine = mine.map((w) => tf.variable(w.clone())), emaRef = ref.map((w) => tf.variable(w.clone()));
  const opt = adam(0.01, { form, ema: { decay: 0.9, targets: emaMine } });
  const tfOpt = tf.train.adam(0.01);
  assert.equal(opt.form, form);
  const counts: number[] = [];
  for (let i = 0; i < 100; i++) {
    opt.learningRate = lrAt(i);
    (tfOpt as unknown as { learningRate: number }).learningRate = lrAt(i);
    minimizeStep(opt, p.loss(mine), mine);
    minimizeStep(tfOpt, p.loss(ref), ref);
    tf.tidy(() => emaRef.forEach((e, j) => e.assign(tf.add(tf.mul(e, 0.9), tf.mul(ref[j], 1 - 0.9)))));
    counts.push(tf.memory().numTensors);
  }
  const moved = Math.abs(mine[0].dataSync()[0] - p.weights()[0].dataSync()[0]);
  // the SIMD kernel does tfjs's float32 operations in tfjs's order: bit for bit the same; JS rounds differently
  const same = (a: tf.Variable, b: tf.Variable, what: string) =>
    form === "js"
      ? assertAllClose(a.dataSync(), b.dataSync(), { abs: 2e-5, rel: 1e-4 }, what)
      : assert.deepEqual(Array.from(a.dataSync()), Array.from(b.dataSync()), what);
  mine.forEach((w, j) => same(w, ref[j], `${form} w${j}`));
  emaMine.forEach((e, j) => same(e, emaRef[j], `${form} ema${j}`));
  assert.ok(counts.slice(1).every((c) => c === counts[1]), `numTensors not flat: ${counts.slice(0, 5)}...`);
  opt.dispose();
  tfOpt.dispose();
  tf.dispose([...mine, ...ref, ...emaMine, ...emaRef]);
  p.dispose();
  return moved;
}

Deno.test("adam: the fused forms equal tf.train.adam (+ EMA in tf ops) over 100 steps (SIMD: bit for bit)", async () => {
  for (const form of ["simd", "js"] as const) {
    const moved = await compare(form, "wasm");
    assert.ok(moved > 1e-3, `${form}: the weights did not move (${moved})`);
  }
});

Deno.test("adam: on the cpu backend it is tfjs's optimizer (form tfjs), same results", async () => {
  await compare("tfjs", "cpu");
  await initBackend("wasm");
});

Deno.test("adam: 'auto' picks the fused SIMD form on wasm and tfjs on cpu", async () => {
  await initBackend("wasm");
  const a = adam(1e-3);
  assert.equal(a.form, "simd");
  a.dispose();
  await initBackend("cpu");
  const b = adam(1e-3);
  assert.equal(b.form, "tfjs");
  b.dispose();
  await initBackend("wasm");
});

Deno.test("adam: EMA targets that share buffers with the trained variables stay correct", async () => {
  await initBackend("wasm");
  const p = problem(5);
  const w = p.weights(), ref = p.weights();
  const shared = w.map((v) => tf.variable(v.clone()));
  shared.forEach((s, j) => s.assign(w[j])); // what a cloned net does: both variables point at one buffer
  const separate = ref.map((v) => tf.variable(v.clone()));
  const a = adam(0.01, { ema: { decay: 0.5, targets: shared } }),
    b = adam(0.01, { ema: { decay: 0.5, targets: separate } });
  for (let i = 0; i < 5; i++) {
    minimizeStep(a, p.loss(w), w);
    minimizeStep(b, p.loss(ref), ref);
  }
  shared.forEach((s, j) => assertAllClose(s.dataSync(), separate[j].dataSync(), { abs: 1e-7 }, `ema${j}`));
  a.dispose();
  b.dispose();
  tf.dispose([...w, ...ref, ...shared, ...separate]);
  p.dispose();
});

Deno.test("adam: bad arguments name themselves", async () => {
  await initBackend("wasm");
  const v = [tf.variable(tf.zeros([2]))];
  assertThrowsWith(() => adam(0), RangeError, "learningRate");
  assertThrowsWith(() => adam(1e-3, { beta1: 1 }), RangeError, "opts.beta1");
  assertThrowsWith(() => adam(1e-3, { beta2: -0.1 }), RangeError, "opts.beta2");
  assertThrowsWith(() => adam(1e-3, { epsilon: 0 }), RangeError, "opts.epsilon");
  assertThrowsWith(() => adam(1e-3, { form: "sse" as never }), TypeError, "opts.form");
  assertThrowsWith(() => adam(1e-3, { ema: { decay: 1, targets: v } }), RangeError, "opts.ema.decay");
  assertThrowsWith(
    () => adam(1e-3, { ema: { decay: 0.5, targets: [tf.zeros([2])] as never } }),
    TypeError,
    "targets",
  );
  assertThrowsWith(() => adam(1e-3, null as never), TypeError, "opts");
  const a = adam(1e-3, { ema: { decay: 0.5, targets: [tf.variable(tf.zeros([3]))] } });
  assertThrowsWith(() => (a.learningRate = -1), RangeError, "learningRate");
  const loss = () => tf.sum(tf.square(v[0])) as tf.Scalar;
  assertThrowsWith(() => a.minimize(loss, true, []), TypeError, "varList");
  assertThrowsWith(() => a.minimize(loss, true, v), RangeError, "opts.ema.targets[0] must have shape [2]");
  assertThrowsWith(() => a.minimize(null as never, true, v), TypeError, "f must be");
  a.dispose();
  tf.dispose(v);
});
