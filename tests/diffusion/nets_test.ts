import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { EpsNet, sinusoidalTable } from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

await initBackend();

Deno.test("sinusoidalTable: sin/cos halves with geometric frequencies", () => {
  const tab = sinusoidalTable(10, 8);
  assert.equal(tab.length, 11 * 8);
  for (let i = 0; i < 4; i++) {
    assert.equal(tab[i], 0); // sin(0)
    assert.equal(tab[4 + i], 1); // cos(0)
  }
  const t = 7, w2 = Math.pow(10000, -2 / 4);
  assertClose(tab[t * 8 + 2], Math.sin(t * w2), { abs: 1e-6 });
  assertClose(tab[t * 8 + 6], Math.cos(t * w2), { abs: 1e-6 });
  assertThrowsWith(() => sinusoidalTable(0, 8), RangeError, "T");
  assertThrowsWith(() => sinusoidalTable(10, 7), RangeError, "dim");
});

Deno.test("EpsNet: shapes, seeded init, fast and tf matmul give the same output", () => {
  const a = new EpsNet({ dim: 3, T: 50, hidden: 16, layers: 2, rng: new Rng(4) });
  const b = new EpsNet({ dim: 3, T: 50, hidden: 16, layers: 2, rng: new Rng(4), matmul: "tf" });
  const x = new Rng(1).normals(5 * 3);
  const ya = a.predictArray(x, 10), yb = b.predictArray(x, 10);
  assert.equal(ya.length, 15);
  assertAllClose(ya, yb, { abs: 1e-6 });
  // per-row t equal to the shared t gives the same result
  assertAllClose(a.predictArray(x, new Int32Array(5).fill(10)), ya, { abs: 1e-6 });
  // chunking does not change results
  assertAllClose(a.predictArray(x, 10, 2), ya, { abs: 1e-6 });
  assert.equal(a.numParams, 3 * 16 + 64 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3);
  const before = tf.memory().numTensors;
  tf.tidy(() => {
    a.predict(tf.tensor2d(Float32Array.from(x), [5, 3]), 3);
  });
  assert.equal(tf.memory().numTensors, before);
  a.dispose();
  b.dispose();
});

Deno.test("EpsNet: silu and one-hot embeddings, clone/assignFrom, dispose releases every tensor", () => {
  const start = tf.memory().numTensors;
  const n = new EpsNet({
    dim: 2,
    T: 20,
    hidden: 8,
    activation: "silu",
    timeEmbedding: "onehot",
    rng: new Rng(2),
  });
  assert.equal(n.timeFeatureDim, 21);
  const x = Float64Array.from([0.5, -1, 2, 0]);
  const y1 = n.predictArray(x, 3), y2 = n.predictArray(x, 4);
  assert.ok(y1.some((v, i) => v !== y2[i]), "t must change the output");
  const c = n.clone();
  assertAllClose(c.predictArray(x, 3), y1, { abs: 0 + 1e-7 });
  const other = new EpsNet({
    dim: 2,
    T: 20,
    hidden: 8,
    activation: "silu",
    timeEmbedding: "onehot",
    rng: new Rng(9),
  });
  c.assignFrom(other);
  assertAllClose(c.predictArray(x, 3), other.predictArray(x, 3), { abs: 1e-7 });
  for (const m of [n, c, other]) m.dispose();
  assert.equal(tf.memory().numTensors, start);
  assert.throws(() => n.predictArray(x, 3), /disposed/);
});

Deno.test("EpsNet: bad inputs name the argument", () => {
  const rng = new Rng(0);
  assertThrowsWith(() => new EpsNet({ dim: 0, T: 10, rng }), RangeError, "opts.dim");
  assertThrowsWith(() => new EpsNet({ dim: 2, T: 0, rng }), RangeError, "opts.T");
  assertThrowsWith(() => new EpsNet({ dim: 2, T: 10, embDim: 5, rng }), RangeError, "opts.embDim");
  assertThrowsWith(
    () => new EpsNet({ dim: 2, T: 10, activation: "tanh" as never, rng }),
    TypeError,
    "opts.activation",
  );
  assertThrowsWith(
    () => new EpsNet({ dim: 2, T: 10, matmul: "slow" as never, rng }),
    TypeError,
    "opts.matmul",
  );
  assertThrowsWith(() => new EpsNet({ dim: 2, T: 10 } as never), TypeError, "opts.rng");
  const n = new EpsNet({ dim: 2, T: 10, hidden: 4, rng });
  assertThrowsWith(() => n.predictArray(new Float64Array(3), 1), RangeError, "x");
  assertThrowsWith(() => n.predictArray(new Float64Array(4), 11), RangeError, "t");
  assertThrowsWith(() => n.predictArray(new Float64Array(4), new Int32Array(3)), RangeError, "t");
  assertThrowsWith(() => tf.tidy(() => n.predict(tf.zeros([2, 3]), 1)), RangeError, "x");
  const m = new EpsNet({ dim: 3, T: 10, hidden: 4, rng });
  assertThrowsWith(() => n.assignFrom(m), RangeError, "architecture");
  n.dispose();
  m.dispose();
});
