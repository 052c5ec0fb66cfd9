import {
  attend,
  effectiveCount,
  entropy,
  entropyOfLogits,
  logSoftmax,
  softmax,
  softmaxJacobian,
  softmaxRows,
} from "../../lib/attention/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("softmax: literal formula, no overflow at large logits, scale acts as inverse temperature", () => {
  const s = [0.3, -1, 2];
  const z = s.reduce((a, v) => a + Math.exp(v), 0);
  softmax(s).forEach((p, i) => assertClose(p, Math.exp(s[i]) / z, { rel: 1e-14 }));
  const big = softmax([1000, 1000]);
  assertClose(big[0], 0.5, { abs: 1e-15 });
  softmax(s, 2).forEach((p, i) => assertClose(p, softmax(s.map((v) => 2 * v))[i], { rel: 1e-14 }));
  logSoftmax(s).forEach((l, i) => assertClose(l, Math.log(softmax(s)[i]), { abs: 1e-14 }));
});

Deno.test("entropy: uniform is log n, one-hot is 0; entropyOfLogits agrees and survives underflow", () => {
  assertClose(entropy([0.25, 0.25, 0.25, 0.25]), Math.log(4), { abs: 1e-15 });
  assert.equal(entropy([1, 0]), 0);
  const s = [0.1, 0.7, -0.4];
  assertClose(entropyOfLogits(s), entropy(softmax(s)), { abs: 1e-14 });
  assertClose(entropyOfLogits([0, -2000]), 0, { abs: 1e-300 + 1e-15 });
});

Deno.test("softmaxRows causal masks the future; Jacobian rows sum to 0; effective count; attend", () => {
  const rows = softmaxRows([[0, 5, 5], [0, 0, 9], [1, 1, 1]], true);
  assert.deepEqual(Array.from(rows[0]), [1, 0, 0]);
  assertClose(rows[1][0], 0.5, { abs: 1e-15 });
  assert.equal(rows[1][2], 0);
  const J = softmaxJacobian([0.2, 0.3, 0.5]);
  for (const r of J) assertClose(r.reduce((a, v) => a + v, 0), 0, { abs: 1e-15 });
  assertClose(J[0][0], 0.2 - 0.04, { abs: 1e-15 });
  assertClose(effectiveCount([0.5, 0.5]), 2, { abs: 1e-15 });
  const o = attend([0, 0], [[1, 2], [3, 4]]);
  assert.deepEqual(Array.from(o), [2, 3]);
});

Deno.test("bad inputs throw, naming the argument", () => {
  assertThrowsWith(() => softmax([]), RangeError, "logits");
  assertThrowsWith(() => softmax([NaN]), RangeError, "logits");
  assertThrowsWith(() => softmax([1], Infinity), RangeError, "scale");
  assertThrowsWith(() => logSoftmax(null as never), TypeError, "logits");
  assertThrowsWith(() => entropy([0.5, 0.6]), RangeError, "sum to 1");
  assertThrowsWith(() => entropy([-0.1, 1.1]), RangeError, "p[0]");
  assertThrowsWith(() => softmaxRows([]), RangeError, "logits");
  assertThrowsWith(
    () => softmaxRows([[1]], false).length === 1 ? softmaxRows([[1], [1]], true) : 0,
    RangeError,
    "causal",
  );
  assertThrowsWith(() => softmaxJacobian([2]), RangeError, "sum to 1");
  assertThrowsWith(() => effectiveCount([]), RangeError, "p");
  assertThrowsWith(() => attend([0, 0], [[1]]), RangeError, "values");
});
