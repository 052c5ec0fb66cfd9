import { initBackend, tf } from "../../lib/core/backend.ts";
import {
  type AdamScalars,
  jsAdamKernel,
  loadAdamKernel,
  simdAdamKernel,
} from "../../lib/core/adam_kernel.ts";
import { adamWasmBinary, adamWasmPath, adamWat, assembleAdamWasm } from "../../lib/core/adam_wat.ts";
import { adamKernelOf } from "../../lib/core/native.ts";
import { activeWasmBackend, allocF32 } from "../../lib/core/wasm_heap.ts";
import { Rng } from "../../lib/core/random.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

const S: AdamScalars = {
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  lr: 0.01,
  oneMinusAccBeta1: 1 - 0.9 ** 3,
  oneMinusAccBeta2: 1 - 0.999 ** 3,
  emaDecay: 0.99,
};

/** One fused update of n elements (with EMA), against the formula in float64. */
async function check(form: "simd" | "js", n: number) {
  await initBackend("wasm");
  const backend = activeWasmBackend()!;
  const rng = new Rng(n);
  const arr = () => Float32Array.from(rng.normals(n));
  const [w0, g0, m0, e0] = [arr(), arr(), arr(), arr()], v0 = Float32Array.from(arr(), (x) => x * x);
  const [w, g, m, v, e] = [w0, g0, m0, v0, e0].map((a) => tf.tensor1d(a));
  const out = allocF32(backend, [n]), eout = allocF32(backend, [n]);
  adamKernelOf(form).update(backend, { w, g, m, v, out, ema: { e, out: eout } }, S);
  const o = tf.engine().makeTensorFromTensorInfo(out), eo = tf.engine().makeTensorFromTensorInfo(eout);
  const mE = new Float64Array(n),
    vE = new Float64Array(n),
    wE = new Float64Array(n),
    eE = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mE[i] = 0.9 * m0[i] + 0.1 * g0[i];
    vE[i] = 0.999 * v0[i] + 0.001 * g0[i] ** 2;
    wE[i] = w0[i] - S.lr * (mE[i] / S.oneMinusAccBeta1) / (Math.sqrt(vE[i] / S.oneMinusAccBeta2) + S.epsilon);
    eE[i] = 0.99 * e0[i] + 0.01 * wE[i];
  }
  const tol = { abs: 1e-6, rel: 1e-5 };
  assertAllClose(m.dataSync(), mE, tol, `${form} m (in place)`);
  assertAllClose(v.dataSync(), vE, tol, `${form} v (in place)`);
  assertAllClose(o.dataSync(), wE, tol, `${form} new w`);
  assertAllClose(eo.dataSync(), eE, tol, `${form} new EMA`);
  assert.deepEqual(w.dataSync(), w0, `${form} w untouched`);
  tf.dispose([w, g, m, v, e, o, eo]);
}

Deno.test("fused Adam kernel: SIMD and JS forms follow the formula, with the scalar tail (n = 1, 7, 1003)", async () => {
  for (const n of [1, 7, 1003]) {
    await check("simd", n);
    await check("js", n);
  }
});

Deno.test("fused Adam kernel: without EMA nothing else is written", async () => {
  await initBackend("wasm");
  const backend = activeWasmBackend()!;
  const [w, g, m, v] = [1, 2, 3, 4].map((s) => tf.fill([5], s));
  const out = allocF32(backend, [5]);
  jsAdamKernel.update(backend, { w, g, m, v, out }, S);
  const o = tf.engine().makeTensorFromTensorInfo(out);
  assert.ok(o.dataSync().every((x) => Number.isFinite(x) && x < 1));
  tf.dispose([w, g, m, v, o]);
});

Deno.test("the SIMD module: WebAssembly text assembled by wabt, cached by a hash of its text", async () => {
  const wat = adamWat();
  assert.match(wat, /\(import "env" "memory"/);
  assert.match(wat, /f32x4\.sqrt/);
  assert.match(wat, /f32\.sqrt/); // the scalar tail
  const bytes = await assembleAdamWasm();
  assert.ok(WebAssembly.validate(bytes));
  const path = await adamWasmPath("/repo");
  assert.match(path, /^\/repo\/\.cache\/wasm\/adam-[0-9a-f]{16}\.wasm$/);
  assert.equal(path, await adamWasmPath("/repo"));
  const tmp = await Deno.makeTempDir();
  const first = await adamWasmBinary(tmp), second = await adamWasmBinary(tmp);
  assert.deepEqual([first.source, second.source], ["assembled", "cache"]);
  assert.deepEqual(second.bytes, bytes);
  await Deno.remove(tmp, { recursive: true });
  assertThrowsWith(
    () => simdAdamKernel("x" as never, new WebAssembly.Memory({ initial: 1 })),
    TypeError,
    "bytes",
  );
  assertThrowsWith(() => simdAdamKernel(bytes, {} as never), TypeError, "memory");
  await assert.rejects(() => loadAdamKernel(null as never), TypeError);
});
