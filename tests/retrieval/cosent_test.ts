import fc from "fast-check";
import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import {
  aucBinary,
  cosentLoss,
  cosentLossBinary,
  cosentLossRef,
  logSumExp,
  sigmoid,
  sigmoidMSE,
  softmax2,
  softplus,
  twoClassCE,
} from "../../lib/retrieval/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

await initBackend();

/** The article's definition written out literally: log(1 + Σ_{y_a<y_b} exp(λ(s_a − s_b))). */
function literal(s: number[], y: number[], lambda: number): number {
  let sum = 0;
  for (let a = 0; a < s.length; a++) {
    for (let b = 0; b < s.length; b++) if (y[a] < y[b]) sum += Math.exp(lambda * (s[a] - s[b]));
  }
  return Math.log(1 + sum);
}

const tfLoss = (s: ArrayLike<number>, y: ArrayLike<number>, lambda = 1) =>
  tf.tidy(() =>
    cosentLoss(tf.tensor1d(Float32Array.from(s)), tf.tensor1d(Float32Array.from(y)), lambda).arraySync()
  );

Deno.test("logSumExp, sigmoid, softplus, softmax2: exact values and no overflow", () => {
  assertClose(logSumExp([0, 0]), Math.LN2, { abs: 1e-15 });
  assertClose(logSumExp([1000, 1000]), 1000 + Math.LN2, { abs: 1e-12 });
  assertClose(sigmoid(0), 0.5, { abs: 1e-16 });
  assertClose(sigmoid(-800), 0, { abs: 1e-300 });
  assertClose(sigmoid(800), 1, { abs: 1e-16 });
  assertClose(softplus(1000), 1000, { abs: 1e-12 });
  assertClose(softplus(-1000), 0, { abs: 1e-300 });
  assertClose(softplus(0), Math.LN2, { abs: 1e-16 });
  assertClose(softmax2(700, -700), 0, { abs: 1e-300 });
  const r = new Rng(1);
  for (let i = 0; i < 200; i++) {
    const a = 10 * r.normal(), b = 10 * r.normal();
    assertClose(softmax2(a, b), sigmoid(b - a), { abs: 1e-15 });
  }
  assertThrowsWith(() => logSumExp([]), RangeError, "xs");
  assertThrowsWith(() => sigmoid(NaN), RangeError, "x");
  assertThrowsWith(() => softmax2(1, Infinity), RangeError, "b");
});

Deno.test("cosentLossRef equals the literal definition, and tfjs agrees in float32", () => {
  const r = new Rng(2);
  for (let trial = 0; trial < 20; trial++) {
    const n = 2 + r.int(10);
    const s = Array.from(r.normals(n)), y = Array.from({ length: n }, () => r.int(4));
    for (const lambda of [1, 5]) {
      const ref = cosentLossRef(s, y, lambda);
      assertClose(ref, literal(s, y, lambda), { rel: 1e-13, abs: 1e-15 });
      assertClose(tfLoss(s, y, lambda), ref, { rel: 1e-5, abs: 1e-6 });
    }
  }
  // all labels equal: no ordered pair, L = log 1 = 0
  assert.equal(cosentLossRef([1, 2, 3], [1, 1, 1]), 0);
  assertClose(tfLoss([1, 2, 3], [1, 1, 1]), 0, { abs: 1e-7 });
  // huge score gaps: the f64 reference stays finite (log-sum-exp), the f32 tensor version too
  assertClose(cosentLossRef([500, -500], [0, 1]), 1000, { rel: 1e-12 });
  assertClose(tfLoss([50, -50], [0, 1], 20), 2000, { rel: 1e-5 });
});

Deno.test("CoSENT identities: shift, label monotonicity, binary factorisation, two-point softplus", () => {
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.integer({ min: 0, max: 3 })), {
      minLength: 2,
      maxLength: 12,
    }),
    fc.double({ min: -10, max: 10, noNaN: true }),
    (rows, c) => {
      const s = rows.map((r) => r[0]), y = rows.map((r) => r[1]);
      const L = cosentLossRef(s, y, 2);
      assertClose(cosentLossRef(s.map((v) => v + c), y, 2), L, { abs: 1e-10 });
      assertClose(cosentLossRef(s, y.map(Math.exp), 2), L, { abs: 1e-12 });
      assertClose(cosentLossRef(s, y.map((v) => 3 * v + 1), 2), L, { abs: 1e-12 });
      const yb: number[] = y.map((v) => (v >= 2 ? 1 : 0));
      assertClose(cosentLossBinary(s, yb, 2), cosentLossRef(s, yb, 2), { rel: 1e-10, abs: 1e-14 });
      // AUC bound (step 4f): L >= log(1 + n0 n1 (1 − AUC))
      const n1 = yb.reduce((p, v) => p + v, 0), n0 = yb.length - n1;
      if (n0 > 0 && n1 > 0) {
        const bound = Math.log1p(n0 * n1 * (1 - aucBinary(s, yb)));
        assert.ok(cosentLossRef(s, yb, 2) >= bound - 1e-12);
      }
    },
  ));
  const r = new Rng(3);
  for (let i = 0; i < 100; i++) {
    const sn = 3 * r.normal(), sp = 3 * r.normal();
    assertClose(cosentLossRef([sn, sp], [0, 1], 1.5), softplus(1.5 * (sn - sp)), { abs: 1e-12 });
  }
  assert.equal(cosentLossBinary([1, 2], [1, 1]), 0);
});

Deno.test("cosentLoss: gradient sums to zero over the batch; shift invariance in float32", () => {
  const r = new Rng(4);
  const s = Float32Array.from(r.normals(32)), y = Float32Array.from({ length: 32 }, () => r.int(3));
  const g = tf.tidy(() => {
    const f = (x: tf.Tensor) => cosentLoss(x as tf.Tensor1D, tf.tensor1d(y), 1);
    return tf.grad(f)(tf.tensor1d(s)).arraySync() as number[];
  });
  assertClose(g.reduce((p, v) => p + v, 0), 0, { abs: 1e-5 });
  assert.ok(g.some((v) => Math.abs(v) > 1e-3), "gradient is not trivially zero");
  const L = tfLoss(s, y), Ls = tfLoss(s.map((v) => v + 3.7), y);
  assertClose(Ls, L, { rel: 1e-4 });
});

Deno.test("twoClassCE and sigmoidMSE equal their float64 formulas", () => {
  const r = new Rng(5);
  const z = Array.from(r.normals(16)), y = Array.from({ length: 8 }, () => r.int(2));
  const ce = tf.tidy(() => twoClassCE(tf.tensor2d(z, [8, 2]), tf.tensor1d(y)).arraySync());
  let ref = 0;
  for (let i = 0; i < 8; i++) {
    ref -= Math.log(y[i] === 1 ? softmax2(z[2 * i], z[2 * i + 1]) : softmax2(z[2 * i + 1], z[2 * i]));
  }
  assertClose(ce, ref / 8, { rel: 1e-5 });
  const t = y.map((v, i) => (v + i / 8) / 2);
  const mse = tf.tidy(() => sigmoidMSE(tf.tensor2d(z.slice(0, 8), [8, 1]), tf.tensor1d(t)).arraySync());
  const mref = z.slice(0, 8).reduce((p, v, i) => p + (sigmoid(v) - t[i]) ** 2, 0) / 8;
  assertClose(mse, mref, { rel: 1e-5 });
});

Deno.test("bad inputs name the argument", () => {
  assertThrowsWith(() => cosentLossRef([1, 2], [1]), RangeError, "labels");
  assertThrowsWith(() => cosentLossRef([], []), RangeError, "scores");
  assertThrowsWith(() => cosentLossRef([1, NaN], [0, 1]), RangeError, "scores[1]");
  assertThrowsWith(() => cosentLossRef([1, 2], [0, 1], 0), RangeError, "lambda");
  assertThrowsWith(() => cosentLossBinary([1, 2], [0, 2]), RangeError, "labels[1]");
  tf.tidy(() => {
    assertThrowsWith(
      () => cosentLoss(tf.tensor2d([1, 2], [1, 2]) as never, tf.tensor1d([0])),
      RangeError,
      "scores",
    );
    assertThrowsWith(() => cosentLoss(tf.tensor1d([1, 2]), tf.tensor1d([0])), RangeError, "labels");
    assertThrowsWith(() => cosentLoss(tf.tensor1d([1, 2]), tf.tensor1d([0, 1]), -1), RangeError, "lambda");
    assertThrowsWith(
      () => twoClassCE(tf.tensor2d([1, 2, 3], [1, 3]), tf.tensor1d([0])),
      RangeError,
      "logits",
    );
    assertThrowsWith(
      () => twoClassCE(tf.tensor2d([1, 2], [1, 2]), tf.tensor1d([0, 1])),
      RangeError,
      "labels",
    );
    assertThrowsWith(() => sigmoidMSE(tf.tensor2d([1, 2], [1, 2]), tf.tensor1d([0])), RangeError, "logits");
    assertThrowsWith(() => sigmoidMSE(tf.tensor2d([1, 2], [2, 1]), tf.tensor1d([0])), RangeError, "targets");
  });
});
