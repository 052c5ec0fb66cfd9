import { Rng } from "../../lib/core/mod.ts";
import { logNormalize, pcwJointSoftmax, pcwSingleLayer, singleLayerLogits } from "../../lib/attention/mod.ts";
import { assertAllClose, assertThrowsWith } from "../_assert.ts";

const r = new Rng(5);
const mat = (a: number, b: number) => Array.from({ length: a }, () => Array.from(r.normals(b)));

Deno.test("singleLayerLogits: softmax(Kq/√d)·V·W by hand", () => {
  const q = [1, -1], K = [[1, 0], [0, 1], [1, 1]], V = [[1, 0], [0, 2], [1, 1]], W = [[1, 0, 2], [0, 1, -1]];
  const s = K.map((k) => (k[0] * q[0] + k[1] * q[1]) / Math.SQRT2);
  const a = Array.from(logNormalize(s), Math.exp);
  const o = [0, 1].map((j) => a.reduce((acc, w, i) => acc + w * V[i][j], 0));
  assertAllClose(singleLayerLogits(q, K, V, W), [0, 1, 2].map((t) => o[0] * W[0][t] + o[1] * W[1][t]), {
    abs: 1e-15,
  });
});

Deno.test("pcwSingleLayer: one context = the model itself; joint softmax = a/n when contexts repeat", () => {
  const q = Array.from(r.normals(4)), K = mat(5, 4), V = mat(5, 3), W = mat(3, 7);
  assertAllClose(pcwSingleLayer(q, [K], [V], W), logNormalize(singleLayerLogits(q, K, V, W)), { abs: 1e-14 });
  assertAllClose(pcwJointSoftmax(q, [K], [V], W), logNormalize(singleLayerLogits(q, K, V, W)), {
    abs: 1e-14,
  });
  // the same context twice: both readings equal the single context
  assertAllClose(pcwJointSoftmax(q, [K, K], [V, V], W), pcwSingleLayer(q, [K], [V], W), { abs: 1e-14 });
  assertAllClose(pcwSingleLayer(q, [K, K], [V, V], W), pcwSingleLayer(q, [K], [V], W), { abs: 1e-14 });
});

Deno.test("pcw: bad shapes name the argument", () => {
  const q = [1, 2], K = [[1, 2]], V = [[1]], W = [[1, 2, 3]];
  assertThrowsWith(() => pcwSingleLayer([], [K], [V], W), RangeError, "q");
  assertThrowsWith(() => pcwSingleLayer(q, [], [], W), RangeError, "keys");
  assertThrowsWith(() => pcwSingleLayer(q, [K], [V, V], W), RangeError, "values");
  assertThrowsWith(() => pcwSingleLayer(q, [[[1]]], [V], W), RangeError, "keys[0][0]");
  assertThrowsWith(() => pcwSingleLayer(q, [K], [[[1], [2]]], W), RangeError, "values[0]");
  assertThrowsWith(() => pcwSingleLayer(q, [K], [V], [[1], [2]]), RangeError, "w");
  assertThrowsWith(() => singleLayerLogits([NaN, 1], K, V, W), RangeError, "q");
  assertThrowsWith(() => pcwJointSoftmax(q, [K], [V], []), RangeError, "w");
});
