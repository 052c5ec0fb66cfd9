import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { LoraFactor, makeAdapters, makeLora, makePrompt, ResMlp } from "../../lib/train/mod.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

const arr = (t: tf.Tensor) => Array.from(t.dataSync());

Deno.test("LoraFactor: merged = factored = x(W₀ + Δ) for every init; Δ has the right form", () => {
  const r = new Rng(1);
  const x = tf.tensor2d(Float32Array.from(r.normals(3 * 8)), [3, 8]);
  const W0 = tf.tensor2d(Float32Array.from(r.normals(8 * 4)), [8, 4]);
  for (const init of ["zeroB", "symmetric", "additive"] as const) {
    const f = new LoraFactor(8, 4, 2, init, "factored", new Rng(2));
    f.A.assign(tf.tensor2d(Float32Array.from(r.normals(16)), [8, 2]));
    f.B.assign(tf.tensor2d(Float32Array.from(r.normals(8)), [2, 4]));
    const g = new LoraFactor(8, 4, 2, init, "merged", new Rng(2));
    g.A.assign(f.A);
    g.B.assign(f.B);
    const ref = arr(tf.matMul(x, tf.add(W0, f.delta())));
    assertAllClose(arr(f.apply(x, W0)), ref, { abs: 1e-4 }, init);
    assertAllClose(arr(g.apply(x, W0)), ref, { abs: 1e-4 }, init);
    assert.equal(f.numParams, 2 * 12);
    f.dispose();
    g.dispose();
  }
  const z = new LoraFactor(8, 4, 2, "zeroB", "factored", new Rng(3));
  assert.ok(arr(z.delta()).every((v) => v === 0));
  const s = new LoraFactor(8, 4, 2, "symmetric", "factored", new Rng(3));
  assert.ok(arr(s.delta()).every((v) => Math.abs(v) < 1e-6) && arr(s.B).some((v) => v !== 0));
  const a = new LoraFactor(4, 4, 2, "additive", "factored", new Rng(3));
  a.A.assign(tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]));
  assert.deepEqual(a.delta().arraySync()[2], [5, 6, 5, 6]); // A[i, j mod r]
  assertThrowsWith(() => new LoraFactor(8, 4, 3, "additive", "merged", new Rng(1)), RangeError, "divide");
  assertThrowsWith(() => new LoraFactor(8, 4, 0, "zeroB", "merged", new Rng(1)), RangeError, "rank");
  assertThrowsWith(
    () => new LoraFactor(8, 4, 1, "zeroB", "other" as "merged", new Rng(1)),
    TypeError,
    "impl",
  );
  assertThrowsWith(() => z.apply(W0, W0), RangeError, "x must have");
});

Deno.test("makeLora / makeAdapters / makePrompt: counts of brief 01 (H=64, L=4), identity at start, no leaks", () => {
  const net = new ResMlp({ inDim: 784, width: 64, depth: 4, classes: 5, rng: new Rng(0) });
  const x = tf.tensor2d(Float32Array.from(new Rng(1).normals(2 * 784)), [2, 784]);
  const base = arr(net.features(x));
  const n0 = tf.memory().numTensors;
  const lora = makeLora(net, { rank: 4, rng: new Rng(2) });
  assert.equal(lora.numParams + 325, 10565);
  const ad = makeAdapters(net, 8, new Rng(3));
  assert.equal(ad.numParams + 325, 4421);
  const pr = makePrompt(net);
  assert.equal(pr.numParams + 325, 389);
  for (const set of [lora, ad, pr]) {
    const y = tf.tidy(() => net.features(x, set.hooks));
    assertAllClose(arr(y), base, { abs: 1e-5 });
    y.dispose();
  }
  lora.dispose();
  ad.dispose();
  pr.dispose();
  assert.equal(tf.memory().numTensors, n0);
  assertThrowsWith(() => makeAdapters(net, 7, new Rng(1)), RangeError, "divide");
  assertThrowsWith(() => makeLora({} as ResMlp, { rank: 1, rng: new Rng(1) }), TypeError, "ResMlp");
  assertThrowsWith(() => makePrompt(null as unknown as ResMlp), TypeError, "ResMlp");
  net.dispose();
});
