import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { fitLeastSquares, type LeastSquaresBatch, Mlp, predictRows } from "../../lib/train/mod.ts";
import { assert, assertClose, assertRejectsWith } from "../_assert.ts";

await initBackend();

/** y = 2a − b₁ + 3b₂ + 0.5 on two input blocks a (width 1) and b (width 2), n rows. */
function linearBatch(rng: Rng, n: number): LeastSquaresBatch {
  const a = new Float32Array(n), b = new Float32Array(2 * n), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = rng.normal();
    b[2 * i] = rng.normal();
    b[2 * i + 1] = rng.normal();
    y[i] = 2 * a[i] - b[2 * i] + 3 * b[2 * i + 1] + 0.5;
  }
  return { inputs: [a, b], target: y };
}

Deno.test("fitLeastSquares: a linear net on two input blocks recovers the coefficients; afterStep counts; no tensor leaks", async () => {
  const net = new Mlp({ inputs: [1, 2], outDim: 1, hidden: [], rng: new Rng(1) });
  const rng = new Rng(2);
  let done = 0;
  const log = await fitLeastSquares(net, () => linearBatch(rng, 64), {
    steps: 1500,
    lr: (i) => (i < 1000 ? 0.05 : 0.01),
    label: null,
    afterStep: (k) => (done = k),
  });
  assert(done === 1500, `afterStep saw the last step, got ${done}`);
  assert(log.loss[1499] < 1e-4, `final loss ${log.loss[1499]}`);
  assert(log.numTensors[1499] === log.numTensors[100], "tensor count flat");
  // The fitted map on unit inputs, read through the net (not the loss): coefficients and intercept.
  const probe = (a: number, b1: number, b2: number) =>
    tf.tidy(() => net.predict([tf.tensor2d([[a]]), tf.tensor2d([[b1, b2]])]).dataSync()[0]);
  const c0 = probe(0, 0, 0);
  assertClose(c0, 0.5, { abs: 0.01 });
  assertClose(probe(1, 0, 0) - c0, 2, { abs: 0.01 });
  assertClose(probe(0, 1, 0) - c0, -1, { abs: 0.01 });
  assertClose(probe(0, 0, 1) - c0, 3, { abs: 0.01 });
  net.dispose();
});

Deno.test("fitLeastSquares: the first logged loss is the squared error of the initial net, reduced as asked", async () => {
  const rng = new Rng(3);
  const n = 32, outDim = 3;
  const x = new Float32Array(n * 2).map(() => rng.normal());
  const y = new Float32Array(n * outDim).map(() => rng.normal());
  for (const reduce of ["mean", "row-sum"] as const) {
    const net = new Mlp({ inputs: 2, outDim, hidden: [8], rng: new Rng(4) });
    const f = predictRows(Float64Array.from(x), 2, outDim, 1024, (xs) => net.predict([xs]));
    let sq = 0;
    for (let i = 0; i < f.length; i++) sq += (f[i] - y[i]) ** 2;
    const expected = reduce === "mean" ? sq / (n * outDim) : sq / n;
    const log = await fitLeastSquares(net, () => ({ inputs: [x], target: y }), {
      steps: 1,
      lr: 1e-3,
      reduce,
      label: null,
    });
    assertClose(log.loss[0], expected, { rel: 1e-5 });
    net.dispose();
  }
});

Deno.test("fitLeastSquares: the EMA net trails the trained net and ends near it", async () => {
  const net = new Mlp({ inputs: [1, 2], outDim: 1, hidden: [], rng: new Rng(5) });
  const ema = net.clone();
  const rng = new Rng(6);
  await fitLeastSquares(net, () => linearBatch(rng, 64), {
    steps: 1200,
    lr: 0.05,
    ema: { decay: 0.99, net: ema },
    label: null,
  });
  const a = tf.tensor2d([[1]]), b = tf.tensor2d([[0, 1]]);
  const [pNet, pEma] = tf.tidy(() => [net, ema].map((m) => m.predict([a, b]).dataSync()[0]));
  assertClose(pNet, 5.5, { abs: 0.02 }); // 2·1 − 0 + 3·1 + 0.5
  assertClose(pEma, 5.5, { abs: 0.05 });
  tf.dispose([a, b]);
  net.dispose();
  ema.dispose();
});

Deno.test("fitLeastSquares: bad inputs throw, naming the argument", async () => {
  const net = new Mlp({ inputs: [1, 2], outDim: 1, hidden: [4], rng: new Rng(1) });
  const ok = () => ({ inputs: [Float32Array.of(1), Float32Array.of(1, 2)], target: Float32Array.of(1) });
  const base = { steps: 2, lr: 0.1, label: null };
  await assertRejectsWith(() => fitLeastSquares({} as never, ok, base), TypeError, "net");
  await assertRejectsWith(() => fitLeastSquares(net, 3 as never, base), TypeError, "draw");
  await assertRejectsWith(() => fitLeastSquares(net, ok, null as never), TypeError, "opts");
  await assertRejectsWith(() => fitLeastSquares(net, ok, { ...base, steps: 0 }), RangeError, "opts.steps");
  await assertRejectsWith(() => fitLeastSquares(net, ok, { ...base, lr: 0 }), RangeError, "opts.lr");
  await assertRejectsWith(
    () => fitLeastSquares(net, ok, { ...base, lr: (i) => (i === 0 ? 0.1 : -1) }),
    RangeError,
    "step 1",
  );
  await assertRejectsWith(
    () => fitLeastSquares(net, ok, { ...base, reduce: "sum" as never }),
    TypeError,
    "opts.reduce",
  );
  await assertRejectsWith(
    () => fitLeastSquares(net, ok, { ...base, ema: { decay: 0.9, net } }),
    TypeError,
    "opts.ema.net",
  );
  const other = new Mlp({ inputs: [1, 2], outDim: 1, hidden: [5], rng: new Rng(1) });
  await assertRejectsWith(
    () => fitLeastSquares(net, ok, { ...base, ema: { decay: 0.9, net: other } }),
    TypeError,
    "same architecture",
  );
  const twin = net.clone();
  await assertRejectsWith(
    () => fitLeastSquares(net, ok, { ...base, ema: { decay: 1.5, net: twin } }),
    RangeError,
    "opts.ema.decay",
  );
  twin.dispose();
  await assertRejectsWith(
    () => fitLeastSquares(net, ok, { ...base, afterStep: 1 as never }),
    TypeError,
    "opts.afterStep",
  );
  await assertRejectsWith(
    () => fitLeastSquares(net, () => ({ inputs: [Float32Array.of(1)], target: Float32Array.of(1) }), base),
    RangeError,
    "2 input block(s)",
  );
  await assertRejectsWith(
    () =>
      fitLeastSquares(
        net,
        () => ({ inputs: [Float32Array.of(1), Float32Array.of(1, 2, 3)], target: Float32Array.of(1) }),
        base,
      ),
    RangeError,
    "input block 1",
  );
  await assertRejectsWith(
    () =>
      fitLeastSquares(
        net,
        () => ({ inputs: [Float32Array.of(1), Float32Array.of(1, 2)], target: [1] }) as never,
        base,
      ),
    TypeError,
    "draw(0)",
  );
  await assertRejectsWith(
    () =>
      fitLeastSquares(
        net,
        () => ({ inputs: [Float32Array.of(1), Float32Array.of(1, 2)], target: Float32Array.of(NaN) }),
        base,
      ),
    RangeError,
    "diverged",
  );
  other.dispose();
  net.dispose();
});
