import { initBackend, tf } from "../../lib/core/backend.ts";
import {
  activeWasmBackend,
  allocF32,
  asWasmBackend,
  heapF32,
  heapI32,
  heapOffset,
  tensorFromInfo,
} from "../../lib/core/wasm_heap.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("wasm heap: views see a tensor's data in place; fresh outputs become tensors", async () => {
  await initBackend("wasm");
  const backend = activeWasmBackend()!;
  const t = tf.tensor1d([1, 2, 3]), ids = tf.tensor1d([4, 5], "int32");
  const view = heapF32(backend, t);
  assert.deepEqual(Array.from(view), [1, 2, 3]);
  view[1] = 20; // writes through to the tensor
  assert.deepEqual(Array.from(t.dataSync()), [1, 20, 3]);
  assert.deepEqual(Array.from(heapI32(backend, ids)), [4, 5]);
  assert.equal(heapOffset(backend, t) % 4, 0);
  const out = allocF32(backend, [2, 2]);
  heapF32(backend, out).set([1, 2, 3, 4]);
  const o = tensorFromInfo(out);
  assert.deepEqual(o.shape, [2, 2]);
  assert.deepEqual(Array.from(o.dataSync()), [1, 2, 3, 4]);
  tf.dispose([t, ids, o]);
});

Deno.test("wasm heap: wrong dtypes, disposed tensors and other backends are refused", async () => {
  await initBackend("wasm");
  const backend = activeWasmBackend()!;
  const f = tf.tensor1d([1]), i = tf.tensor1d([1], "int32");
  assertThrowsWith(() => heapF32(backend, i), TypeError, "must be float32");
  assertThrowsWith(() => heapI32(backend, f), TypeError, "must be int32");
  f.dispose();
  assertThrowsWith(() => heapOffset(backend, f), RangeError, "no data on the wasm backend");
  assertThrowsWith(() => asWasmBackend({}), TypeError, "backend must be");
  assertThrowsWith(() => allocF32(backend, [2, -1]), RangeError, "shape");
  assertThrowsWith(() => tensorFromInfo(null as never), TypeError, "info");
  assertThrowsWith(() => asWasmBackend({ wasm: {}, dataIdMap: {}, makeOutput() {} }), TypeError, "memory");
  i.dispose();
  await initBackend("cpu");
  assert.equal(activeWasmBackend(), null);
  await initBackend("wasm");
});
