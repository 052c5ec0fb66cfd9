import { initBackend, tf } from "../../lib/core/mod.ts";
import { predictRows, requireRows, rowSlice } from "../../lib/train/rows.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

Deno.test("predictRows: chunked results equal one pass, rows in order, no tensor left", async () => {
  await initBackend("wasm");
  const x = Float64Array.from({ length: 7 * 3 }, (_, i) => i / 10);
  const w = tf.tensor2d([[1, 0], [0, 1], [1, 1]]);
  const before = tf.memory().numTensors;
  const seen: [number, number][] = [];
  const chunked = predictRows(x, 3, 2, 3, (xs, s, e) => {
    seen.push([s, e]);
    return tf.matMul(xs, w);
  });
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(seen, [[0, 3], [3, 6], [6, 7]]);
  const whole = predictRows(x, 3, 2, 100, (xs) => tf.matMul(xs, w));
  assertAllClose(chunked, whole, { abs: 0 + 1e-12 });
  assertAllClose(chunked.subarray(0, 2), [0 + 0.2, 0.1 + 0.2], { abs: 1e-6 });
  w.dispose();
});

Deno.test("rows helpers: slices per-row values, keeps shared ones; bad input named", () => {
  assert.deepEqual(Array.from(rowSlice(Int32Array.from([5, 6, 7]), 1, 3) as Int32Array), [6, 7]);
  assert.equal(rowSlice(4, 1, 3), 4);
  assert.equal(rowSlice(undefined, 0, 1), undefined);
  assert.equal(requireRows(new Float64Array(6), 3), 2);
  assertThrowsWith(() => requireRows(new Float64Array(5), 3), RangeError, "divisible by 3, got 5");
  assertThrowsWith(() => requireRows([1, 2, 3], 3, "points"), RangeError, "points");
  const t = tf.tensor2d([[1]]);
  assertThrowsWith(() => predictRows(new Float64Array(2), 1, 1, 0, () => t), RangeError, "chunk");
  assertThrowsWith(
    () => predictRows(new Float64Array(2), 1, 3, 5, (xs) => xs),
    RangeError,
    "run must return 6",
  );
  t.dispose();
});
