import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import {
  additiveDelta,
  blockIdentity,
  gradientSurrogate,
  loraForward,
  loraGradsFromFull,
  loraWeightGradMacs,
  ProjectedSgd,
  randomProjectionUpdate,
  sgdExpansion,
} from "../../lib/train/mod.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

const rnd = (r: Rng, a: number, b: number) => tf.tensor2d(Float32Array.from(r.normals(a * b)), [a, b]);
const arr = (t: tf.Tensor) => Array.from(t.dataSync());

Deno.test("loraForward: merged and factored equal X(W0 + AB) written out; bad shapes throw", () => {
  const r = new Rng(1);
  const x = rnd(r, 3, 4), W0 = rnd(r, 4, 5), A = rnd(r, 4, 2), B = rnd(r, 2, 5);
  const X = x.arraySync(), W = W0.arraySync(), a = A.arraySync(), b = B.arraySync();
  const ref: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 5; j++) {
      let s = 0;
      for (let k = 0; k < 4; k++) {
        let w = W[k][j];
        for (let q = 0; q < 2; q++) w += a[k][q] * b[q][j];
        s += X[i][k] * w;
      }
      ref.push(s);
    }
  }
  assertAllClose(arr(loraForward(x, W0, A, B, "merged")), ref, { abs: 1e-4 });
  assertAllClose(arr(loraForward(x, W0, A, B, "factored")), ref, { abs: 1e-4 });
  assertThrowsWith(() => loraForward(x, W0, B, B, "merged"), RangeError, "A must have");
  assertThrowsWith(() => loraForward(x, W0, A, A, "merged"), RangeError, "B must have");
  assertThrowsWith(() => loraForward(W0, W0, A, B, "merged"), RangeError, "x must have");
  assertThrowsWith(() => loraForward(x, W0, A, B, "other" as "merged"), TypeError, "impl");
  assertThrowsWith(
    () => loraForward(x, tf.tensor1d([1]) as unknown as tf.Tensor2D, A, B, "merged"),
    TypeError,
    "W0",
  );
});

Deno.test("loraGradsFromFull: GBᵀ and AᵀG; shapes checked", () => {
  const G = tf.tensor2d([[1, 2], [3, 4], [5, 6]]),
    A = tf.tensor2d([[1], [0], [2]]),
    B = tf.tensor2d([[1, -1]]);
  const { gA, gB } = loraGradsFromFull(G, A, B);
  assert.deepEqual(arr(gA), [-1, -1, -1]);
  assert.deepEqual(arr(gB), [11, 14]);
  assertThrowsWith(() => loraGradsFromFull(G, B, B), RangeError, "A must have");
});

Deno.test("loraWeightGradMacs: the brief's numbers (b=64, n=m=512, r=8) and validation", () => {
  const c = loraWeightGradMacs(64, 512, 512, 8);
  assert.equal(c.merged, 20971520);
  assert.equal(c.factored, 786432);
  assert.equal(c.mergeForward, 512 * 512 * 8);
  assertThrowsWith(() => loraWeightGradMacs(0, 1, 1, 1), RangeError, "b");
  assertThrowsWith(() => loraWeightGradMacs(1, 1, 1, 1.5), RangeError, "r");
});

Deno.test("sgdExpansion: exact = first + second order; eta validated", () => {
  const r = new Rng(2);
  const G = rnd(r, 6, 5), A = rnd(r, 6, 2), B = rnd(r, 2, 5);
  const { exact, firstOrder, secondOrder } = sgdExpansion(G, A, B, 0.1);
  assertAllClose(arr(exact), arr(tf.add(firstOrder, secondOrder)), { abs: 1e-4 });
  assertThrowsWith(() => sgdExpansion(G, A, B, 0), RangeError, "eta");
});

Deno.test("randomProjectionUpdate: equals u uᵀG + G vᵀv for the same draws; rng validated", () => {
  const G = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
  const r1 = new Rng(3), r2 = new Rng(3);
  const got = arr(randomProjectionUpdate(G, r1));
  const u = r2.normals(2), v = r2.normals(3), g = G.arraySync();
  const ref: number[] = [];
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 2; k++) s += u[i] * u[k] * g[k][j];
      for (let k = 0; k < 3; k++) s += g[i][k] * v[k] * v[j];
      ref.push(s);
    }
  }
  assertAllClose(got, ref, { abs: 1e-4 });
  assertThrowsWith(() => randomProjectionUpdate(G, {} as Rng), TypeError, "rng");
});

Deno.test("blockIdentity and additiveDelta: entries A[i, j mod r] + B[i mod r, j]; r must divide", () => {
  assert.deepEqual(blockIdentity(2, 2, "row").arraySync(), [[1, 0, 1, 0], [0, 1, 0, 1]]);
  assert.deepEqual(blockIdentity(1, 3, "col").arraySync(), [[1], [1], [1]]);
  assertThrowsWith(() => blockIdentity(0, 2, "row"), RangeError, "r");
  assertThrowsWith(() => blockIdentity(2, 2, "diag" as "row"), TypeError, "orientation");
  const r = new Rng(4);
  const A = rnd(r, 4, 2), B = rnd(r, 2, 6), a = A.arraySync(), b = B.arraySync();
  const d = additiveDelta(A, B).arraySync();
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 6; j++) assert.ok(Math.abs(d[i][j] - a[i][j % 2] - b[i % 2][j]) < 1e-5);
  }
  assertThrowsWith(() => additiveDelta(rnd(r, 3, 2), rnd(r, 2, 4)), RangeError, "divide");
  assertThrowsWith(() => additiveDelta(A, rnd(r, 3, 6)), RangeError, "columns");
});

Deno.test("ProjectedSgd: one step applies A − ηGBᵀ, B − ηAᵀG from the old factors; validation", () => {
  const A = tf.variable(tf.tensor2d([[1], [2]])) as tf.Variable<tf.Rank.R2>;
  const B = tf.variable(tf.tensor2d([[1, 0, -1]])) as tf.Variable<tf.Rank.R2>;
  const W0 = tf.zeros([2, 3]) as tf.Tensor2D, G = tf.ones([2, 3]) as tf.Tensor2D;
  const W = new ProjectedSgd(A, B, 0.5).step(W0, G);
  assert.deepEqual(arr(A), [1, 2]); // GBᵀ = 0
  assert.deepEqual(arr(B), [-0.5, -1.5, -2.5]); // AᵀG = [3, 3, 3]
  assert.deepEqual(arr(W), [-0.5, -1.5, -2.5, -1, -3, -5]);
  assertThrowsWith(() => new ProjectedSgd(A, B, -1), RangeError, "eta");
  assertThrowsWith(
    () => new ProjectedSgd(A as unknown as tf.Variable<tf.Rank.R2>, W0 as tf.Variable<tf.Rank.R2>, 1),
    TypeError,
    "tf.Variable",
  );
  assertThrowsWith(
    () => new ProjectedSgd(A, B, 1).step(W0, tf.ones([3, 3]) as tf.Tensor2D),
    RangeError,
    "G must",
  );
});

Deno.test("gradientSurrogate: its gradient is the given constants; validation", () => {
  const v = tf.variable(tf.tensor1d([1, 2])), g = tf.tensor1d([3, -4]);
  const { grads } = tf.variableGrads(() => gradientSurrogate([v], [g]), [v]);
  assert.deepEqual(arr(grads[v.name]), [3, -4]);
  assertThrowsWith(() => gradientSurrogate([], []), TypeError, "vars");
  assertThrowsWith(() => gradientSurrogate([v], [tf.tensor1d([1])]), RangeError, "grads[0]");
});
