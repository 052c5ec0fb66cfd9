import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { applyActivation, Mlp, MLP_ACTIVATIONS, type MlpActivation } from "../../lib/train/mod.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

/** Float64 reference of an activation. */
function act64(x: number, a: MlpActivation): number {
  switch (a) {
    case "relu":
      return Math.max(0, x);
    case "silu":
      return x / (1 + Math.exp(-x));
    case "tanh":
      return Math.tanh(x);
    case "sigmoid":
      return 1 / (1 + Math.exp(-x));
    case "softplus":
      return Math.log1p(Math.exp(x));
    case "linear":
      return x;
  }
}

/** The MLP's formula written out in float64 from the net's variables (an independent route to its output). */
function reference(net: Mlp, blocks: number[][][]): number[][] {
  const vals = net.variables.map((v) => Array.from(v.dataSync()));
  const shapes = net.variables.map((v) => v.shape);
  const k = net.config.inputs.length;
  const n = Math.max(...blocks.map((b) => b.length));
  const row = (b: number[][], i: number) => b.length === 1 ? b[0] : b[i];
  const mul = (x: number[], w: number[], shape: number[]) => {
    const out = new Array(shape[1]).fill(0);
    for (let c = 0; c < shape[1]; c++) {
      for (let r = 0; r < shape[0]; r++) out[c] += x[r] * w[r * shape[1] + c];
    }
    return out;
  };
  const res: number[][] = [];
  for (let i = 0; i < n; i++) {
    let z = vals[k].slice();
    for (let j = 0; j < k; j++) {
      const p = mul(row(blocks[j], i), vals[j], shapes[j]);
      z = z.map((v, c) => v + p[c]);
    }
    for (let l = k + 1; l < vals.length; l += 2) {
      const h = z.map((v) => act64(v, net.config.activation));
      const p = mul(h, vals[l], shapes[l]);
      z = p.map((v, c) => v + vals[l + 1][c]);
    }
    res.push(z.map((v) => act64(v, net.config.outActivation)));
  }
  return res;
}

function randomBlock(rng: Rng, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => Array.from(rng.normals(cols, 0, 1)));
}

Deno.test("Mlp: the output equals the formula in float64, for every activation, with a batch-shared block", () => {
  const rng = new Rng(11);
  for (const act of MLP_ACTIVATIONS) {
    const net = new Mlp({
      inputs: [3, 4],
      outDim: 2,
      hidden: [8, 5],
      activation: act,
      outActivation: act,
      rng,
    });
    const blocks = [randomBlock(rng, 6, 3), randomBlock(rng, 1, 4)];
    const got = tf.tidy(() => net.predict(blocks.map((b) => tf.tensor2d(b))).arraySync());
    const want = reference(net, blocks);
    assertAllClose(got.flat(), want.flat(), { abs: 1e-5, rel: 1e-5 });
    net.dispose();
  }
});

Deno.test("Mlp: no hidden layer is an affine map; features are the last hidden layer", () => {
  const rng = new Rng(3);
  const lin = new Mlp({ inputs: 4, outDim: 3, hidden: [], rng });
  const x = randomBlock(rng, 5, 4);
  const got = tf.tidy(() => lin.predict([tf.tensor2d(x)]).arraySync());
  assertAllClose(got.flat(), reference(lin, [x]).flat(), { abs: 1e-5, rel: 1e-5 });
  assert(lin.variables.length === 2 && lin.numParams === 4 * 3 + 3, "one weight and one bias");
  const net = new Mlp({ inputs: 4, outDim: 2, hidden: [7, 6], rng });
  const f = tf.tidy(() => net.forward([tf.tensor2d(x)]).features.shape);
  assert(f[0] === 5 && f[1] === 6, `features are [5, 6], got [${f}]`);
  assert(net.numParams === 4 * 7 + 7 + 7 * 6 + 6 + 6 * 2 + 2, "parameter count");
  lin.dispose();
  net.dispose();
});

Deno.test("Mlp: seeded — the same seed gives the same weights; clone copies, assignFrom checks the shape", () => {
  const a = new Mlp({ inputs: [2, 3], outDim: 2, hidden: [4], outScale: 0.1, rng: new Rng(5) });
  const b = new Mlp({ inputs: [2, 3], outDim: 2, hidden: [4], outScale: 0.1, rng: new Rng(5) });
  a.variables.forEach((v, i) => assertAllClose(v.dataSync(), b.variables[i].dataSync(), { abs: 1e-30 }));
  const c = a.clone();
  c.variables.forEach((v, i) => assertAllClose(v.dataSync(), a.variables[i].dataSync(), { abs: 1e-30 }));
  assert(c.variables[0] !== a.variables[0], "a clone owns its variables");
  const other = new Mlp({ inputs: [2, 3], outDim: 2, hidden: [5], rng: new Rng(5) });
  assertThrowsWith(() => a.assignFrom(other), RangeError, "same architecture");
  assertThrowsWith(() => a.assignFrom({} as Mlp), TypeError, "must be an Mlp");
  const before = tf.memory().numTensors;
  c.dispose();
  assert(tf.memory().numTensors === before - c.config.inputs.length - 3, "dispose releases the variables");
  assertThrowsWith(() => c.variables, Error, "disposed");
  c.dispose(); // twice is harmless
  [a, b, other].forEach((n) => n.dispose());
});

Deno.test("Mlp: the output layer's scale shrinks its initial weights", () => {
  const big = new Mlp({ inputs: 8, outDim: 8, hidden: [64], rng: new Rng(1) });
  const small = new Mlp({ inputs: 8, outDim: 8, hidden: [64], outScale: 0.1, rng: new Rng(1) });
  const std = (v: tf.Variable) => Math.sqrt(Array.from(v.dataSync()).reduce((s, x) => s + x * x, 0) / v.size);
  const r = std(small.variables[2]) / std(big.variables[2]);
  assert(Math.abs(r - 0.1) < 1e-6, `output weights scale by 0.1, got ${r}`);
  big.dispose();
  small.dispose();
});

Deno.test("Mlp: biasInit fills the hidden biases, outBiasInit the output bias (default: biasInit)", () => {
  const m = new Mlp({
    inputs: [2, 1],
    outDim: 3,
    hidden: [4, 5],
    biasInit: 0.5,
    outBiasInit: -2,
    rng: new Rng(3),
  });
  const v = m.variables; // W₀, W₁, b₁, W₂, b₂, W_out, b_out
  const vals = (i: number) => Array.from(v[i].dataSync());
  assert(vals(2).every((x) => x === 0.5) && vals(4).every((x) => x === 0.5), "hidden biases = biasInit");
  assert(vals(6).length === 3 && vals(6).every((x) => x === -2), "output bias = outBiasInit");
  const d = new Mlp({ inputs: 2, outDim: 2, hidden: [3], biasInit: 0.25, rng: new Rng(3) });
  assert(Array.from(d.variables[3].dataSync()).every((x) => x === 0.25), "outBiasInit defaults to biasInit");
  // the option changes no weight draw: the same seed gives the same matrices
  const w = new Mlp({ inputs: [2, 1], outDim: 3, hidden: [4, 5], rng: new Rng(3) });
  [0, 1, 3, 5].forEach((i) => {
    const a = w.variables[i].dataSync(), b = v[i].dataSync();
    assert(a.length === b.length && a.every((x, j) => x === b[j]), `weights ${i}`);
  });
  [m, d, w].forEach((n) => n.dispose());
});

Deno.test("Mlp: bad options and bad inputs throw, naming the argument", () => {
  const rng = new Rng(0);
  assertThrowsWith(() => new Mlp(null as never), TypeError, "opts");
  assertThrowsWith(() => new Mlp({ inputs: [], outDim: 1, rng }), TypeError, "opts.inputs");
  assertThrowsWith(() => new Mlp({ inputs: [2, 0], outDim: 1, rng }), RangeError, "opts.inputs[1]");
  assertThrowsWith(() => new Mlp({ inputs: 2, outDim: 0, rng }), RangeError, "opts.outDim");
  assertThrowsWith(
    () => new Mlp({ inputs: 2, outDim: 1, hidden: [3, 1.5], rng }),
    RangeError,
    "opts.hidden[1]",
  );
  assertThrowsWith(
    () => new Mlp({ inputs: 2, outDim: 1, activation: "gelu" as MlpActivation, rng }),
    TypeError,
    "opts.activation",
  );
  assertThrowsWith(() => new Mlp({ inputs: 2, outDim: 1, outScale: 0, rng }), RangeError, "opts.outScale");
  assertThrowsWith(() => new Mlp({ inputs: 2, outDim: 1, biasInit: NaN, rng }), RangeError, "opts.biasInit");
  assertThrowsWith(
    () => new Mlp({ inputs: 2, outDim: 1, outBiasInit: Infinity, rng }),
    RangeError,
    "opts.outBiasInit",
  );
  assertThrowsWith(() => new Mlp({ inputs: 2, outDim: 1, rng: {} as Rng }), TypeError, "opts.rng");
  const net = new Mlp({ inputs: [2, 3], outDim: 1, hidden: [4], rng });
  tf.tidy(() => {
    assertThrowsWith(() => net.predict([tf.zeros([3, 2])] as tf.Tensor2D[]), RangeError, "2 tensors");
    assertThrowsWith(
      () => net.predict([tf.zeros([3, 2]), tf.zeros([3, 4])] as tf.Tensor2D[]),
      RangeError,
      "blocks[1]",
    );
    assertThrowsWith(
      () => net.predict([tf.zeros([3, 2]), tf.zeros([4, 3])] as tf.Tensor2D[]),
      RangeError,
      "one row count",
    );
    assertThrowsWith(() => applyActivation(tf.zeros([1, 1]), "swish" as MlpActivation), TypeError, "act");
  });
  net.dispose();
});
