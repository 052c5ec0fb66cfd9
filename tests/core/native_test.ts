import { initBackend, tf } from "../../lib/core/backend.ts";
import { adamKernelOf, blasActive, blasWanted, nativeStatus, useBlas } from "../../lib/core/native.ts";
import { findOpenBlas, loadOpenBlas } from "../../lib/core/openblas.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

Deno.test("blasWanted reads NB_BLAS: on by default, off by 'off' or '0', anything else is an error", () => {
  assert.equal(blasWanted(undefined), true);
  assert.equal(blasWanted(""), true);
  assert.equal(blasWanted("ON"), true);
  assert.equal(blasWanted("off"), false);
  assert.equal(blasWanted("0"), false);
  assertThrowsWith(() => blasWanted("maybe"), TypeError, "NB_BLAS");
});

Deno.test("useBlas switches the wasm matmul and says what runs", async () => {
  const info = await initBackend("wasm");
  assert.equal(info.matmul, "openblas");
  assert.equal(info.matmulNote, null);
  assert.equal(blasActive(), true);
  const off = useBlas(false);
  assert.deepEqual([off.matmul, off.blasNote, blasActive()], ["wasm", "NB_BLAS=off", false]);
  const on = useBlas(true);
  assert.equal(on.matmul, "openblas");
  assert.match(on.blas!.config, /OpenBLAS/);
  assert.equal(on.adam, "simd");
  assertThrowsWith(() => useBlas("yes" as never), TypeError, "on must be a boolean");
  await initBackend("cpu");
  assert.equal(nativeStatus().matmul, "cpu");
  assert.equal(blasActive(), false);
  await initBackend("wasm");
  assert.throws(() => adamKernelOf("avx" as never), TypeError);
  assert.equal(adamKernelOf("js").form, "js");
});

Deno.test("OpenBLAS: found in the project venv; a missing library is a reason, not a crash", async () => {
  const path = findOpenBlas();
  assert.ok(path !== null && path.includes("scipy_openblas32"), `OpenBLAS not found in .venv: ${path}`);
  const tmp = await Deno.makeTempDir();
  assert.equal(findOpenBlas(tmp), null);
  await Deno.remove(tmp);
  const missing = loadOpenBlas("/nonexistent/libscipy_openblas.so");
  assert.equal(missing.ok, false);
  assert.match((missing as { reason: string }).reason, /nonexistent/);
  assertThrowsWith(() => loadOpenBlas(""), TypeError, "path");
  assertThrowsWith(() => findOpenBlas(""), TypeError, "root");
});

Deno.test("OpenBLAS sgemm on plain arrays: all four transpose flags against float64 sums", () => {
  const got = loadOpenBlas();
  assert.ok(got.ok, "OpenBLAS must load");
  const blas = (got as { blas: import("../../lib/core/openblas.ts").OpenBlas }).blas;
  const m = 3, n = 4, k = 5;
  const A = Array.from({ length: m * k }, (_, i) => Math.sin(i + 1)),
    B = Array.from({ length: k * n }, (_, i) => Math.cos(i));
  const ref = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) for (let q = 0; q < k; q++) ref[i * n + j] += A[i * k + q] * B[q * n + j];
  }
  for (const ta of [false, true]) {
    for (const tb of [false, true]) {
      const a = new Float32Array(m * k), b = new Float32Array(k * n), c = new Float32Array(m * n);
      for (let i = 0; i < m; i++) for (let q = 0; q < k; q++) a[ta ? q * m + i : i * k + q] = A[i * k + q];
      for (let q = 0; q < k; q++) for (let j = 0; j < n; j++) b[tb ? j * k + q : q * n + j] = B[q * n + j];
      blas.sgemm(ta, tb, m, n, k, a, ta ? m : k, b, tb ? k : n, c, n);
      assertAllClose(c, ref, { abs: 1e-5 }, `ta=${ta} tb=${tb}`);
    }
  }
});

Deno.test("NB_BLAS=off: initBackend falls back to the wasm matmul and says so on stderr", async () => {
  const code = `import { initBackend, tf } from "${new URL("../../lib/core/mod.ts", import.meta.url).href}";
const info = await initBackend();
const y = tf.matMul(tf.ones([2, 3]), tf.ones([3, 2]), true, true).dataSync();
console.log(JSON.stringify({ matmul: info.matmul, note: info.matmulNote, y: Array.from(y) }));`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", code],
    env: { NB_BLAS: "off", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout), stderr = new TextDecoder().decode(out.stderr);
  assert.ok(out.success, stderr);
  const last = JSON.parse(stdout.trim().split("\n").at(-1)!);
  assert.deepEqual(last, { matmul: "wasm", note: "NB_BLAS=off", y: new Array(9).fill(2) });
  assert.match(stderr, /NB_BLAS=off: matmul runs on tfjs-backend-wasm's own kernel/);
  assert.ok(tf.getBackend() !== undefined);
});
