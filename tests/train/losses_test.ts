import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import {
  crossEntropy,
  labelLogProb,
  labelSmoothingLoss,
  softmaxRow,
  stopGradient,
  tailrLoss,
  tailrLossScalar,
  tailrWeight,
  tailrWeightScalar,
} from "../../lib/train/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

function batch(seed: number, n = 6, k = 5): { s: number[][]; y: number[] } {
  const r = new Rng(seed);
  return {
    s: Array.from({ length: n }, () => Array.from(r.normals(k, 0, 2))),
    y: Array.from({ length: n }, () => r.int(k)),
  };
}

/** float64 reference of the batch-mean TaiLr loss from its definition. */
function refLoss(s: number[][], y: number[], gamma: number, eps = 0): number {
  let tot = 0;
  s.forEach((row, i) => {
    const p = softmaxRow(row);
    const main = tailrLossScalar(p[y[i]], gamma);
    const uni = p.reduce((a, v) => a - Math.log(v), 0) / p.length;
    tot += (1 - eps) * main + eps * uni;
  });
  return tot / s.length;
}

Deno.test("tailrLoss: closed form equals the float64 definition for γ ∈ {0, 0.1, 0.5, 0.8, 1}, with smoothing", () => {
  const { s, y } = batch(1);
  for (const g of [0, 0.1, 0.5, 0.8, 1]) {
    for (const eps of [0, 0.1]) {
      const v = tf.tidy(() =>
        tailrLoss(tf.tensor2d(s), tf.tensor1d(y, "int32"), g, { labelSmoothing: eps }).dataSync()[0]
      );
      assertClose(v, refLoss(s, y, g, eps), { rel: 1e-5 }, `γ=${g} ε=${eps}`);
    }
  }
  const ce = tf.tidy(() => crossEntropy(tf.tensor2d(s), tf.tensor1d(y, "int32")).dataSync()[0]);
  assertClose(ce, refLoss(s, y, 0), { rel: 1e-5 });
  const ls = tf.tidy(() => labelSmoothingLoss(tf.tensor2d(s), tf.tensor1d(y, "int32"), 0.2).dataSync()[0]);
  assertClose(ls, refLoss(s, y, 0, 0.2), { rel: 1e-5 });
  const lp = tf.tidy(() => Array.from(labelLogProb(tf.tensor2d(s), tf.tensor1d(y, "int32")).dataSync()));
  assertAllClose(lp, s.map((row, i) => Math.log(softmaxRow(row)[y[i]])), { abs: 1e-5 });
});

Deno.test("tailrLoss: the stop-gradient form has the closed form's gradient at floor 0, and the floor clamps w", () => {
  const { s, y } = batch(2, 8, 10);
  const grad = (g: number, opts: Parameters<typeof tailrLoss>[3]) =>
    tf.tidy(() =>
      Array.from(
        tf.grad((x: tf.Tensor) => tailrLoss(x as tf.Tensor2D, tf.tensor1d(y, "int32"), g, opts))(
          tf.tensor2d(s),
        )
          .dataSync(),
      )
    );
  for (const g of [0.1, 0.5, 0.8, 1]) {
    assertAllClose(grad(g, { form: "stopgrad" }), grad(g, { form: "closed" }), { abs: 1e-6 }, `γ=${g}`);
  }
  // with a floor b = 1 the weight is 1 everywhere: the gradient is cross-entropy's
  assertAllClose(grad(0.8, { floor: 1 }), grad(0, {}), { abs: 1e-6 });
  // the expected gradient w·(softmax − e_y)/n per row, with w = max(b, w_γ)
  const b = 0.3, g = 0.8;
  const got = grad(g, { floor: b });
  s.forEach((row, i) => {
    const p = softmaxRow(row);
    const w = Math.max(b, tailrWeightScalar(p[y[i]], g));
    for (let c = 0; c < 10; c++) {
      assertClose(got[i * 10 + c], (w * (p[c] - (c === y[i] ? 1 : 0))) / s.length, { abs: 1e-6 });
    }
  });
});

Deno.test("stopGradient: value passes, gradient is zero", () => {
  const x = tf.tensor1d([1, 2, 3]);
  const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(stopGradient(tf.square(t)), t)))(x);
  assertAllClose(g.dataSync(), [1, 4, 9], { abs: 1e-6 }); // d/dt [sg(t²)·t] = t²
  assertAllClose(stopGradient(x).dataSync(), [1, 2, 3], { abs: 0 + 1e-12 });
  tf.dispose([x, g]);
});

Deno.test("tailrWeight: tensor equals scalar, floor, limits", () => {
  const ps = [0, 0.01, 0.3, 0.7, 1];
  for (const g of [0, 0.5, 1]) {
    const w = tf.tidy(() => Array.from(tailrWeight(tf.tensor1d(ps), g, 0.2).dataSync()));
    assertAllClose(w, ps.map((p) => Math.max(0.2, tailrWeightScalar(p, g))), { abs: 1e-7 });
  }
  assert.equal(tailrWeightScalar(0.3, 0), 1);
  assertClose(tailrWeightScalar(0.3, 1), 0.3, { abs: 1e-15 });
  assertClose(tailrLossScalar(0.3, 0), -Math.log(0.3), { abs: 1e-15 });
  assertClose(tailrLossScalar(0.3, 1), 0.7, { abs: 1e-15 });
  assert.equal(tailrLossScalar(0, 0), Infinity);
  assertClose(tailrLossScalar(0, 0.5), 2 * Math.log(2), { abs: 1e-15 });
  assertAllClose(softmaxRow([0, Math.log(3)]), [0.25, 0.75], { abs: 1e-15 });
});

Deno.test("losses: bad inputs name the argument", () => {
  const s = tf.tensor2d([[1, 2], [3, 4]]), y = tf.tensor1d([0, 1], "int32");
  assertThrowsWith(() => tailrLoss(s, y, 1.5), RangeError, "gamma");
  assertThrowsWith(() => tailrLoss(s, y, 0.5, { floor: -1 }), RangeError, "opts.floor");
  assertThrowsWith(() => tailrLoss(s, y, 0.5, { labelSmoothing: 2 }), RangeError, "opts.labelSmoothing");
  assertThrowsWith(() => tailrLoss(s, y, 0.5, { form: "x" as never }), TypeError, "opts.form");
  assertThrowsWith(() => tailrLoss(s, y, 0.5, { form: "closed", floor: 0.2 }), RangeError, "opts.form");
  assertThrowsWith(() => tailrLoss(tf.tensor1d([1]) as never, y, 0.5), RangeError, "logits");
  assertThrowsWith(() => tailrLoss(tf.tensor2d([[1], [2]]), y, 0.5), RangeError, "logits");
  assertThrowsWith(() => crossEntropy(s, tf.tensor1d([0, 1, 1], "int32")), RangeError, "labels");
  assertThrowsWith(() => crossEntropy(s, tf.tensor1d([0, 1])), TypeError, "labels");
  assertThrowsWith(() => labelSmoothingLoss(s, y, -0.1), RangeError, "epsilon");
  assertThrowsWith(() => tailrWeight(s, 2), RangeError, "gamma");
  assertThrowsWith(() => tailrWeight(s, 0.5, 3), RangeError, "floor");
  assertThrowsWith(() => tailrWeight([0.5] as never, 0.5), TypeError, "p");
  assertThrowsWith(() => tailrLossScalar(1.2, 0.5), RangeError, "p");
  assertThrowsWith(() => tailrLossScalar(0.5, -0.1), RangeError, "gamma");
  assertThrowsWith(() => tailrWeightScalar(Number.NaN, 0.5), RangeError, "p");
  assertThrowsWith(() => tailrWeightScalar(0.5, 2), RangeError, "gamma");
  assertThrowsWith(() => softmaxRow([]), RangeError, "logits");
  assertThrowsWith(() => softmaxRow([1, Number.NaN]), RangeError, "logits[1]");
  tf.dispose([s, y]);
});
