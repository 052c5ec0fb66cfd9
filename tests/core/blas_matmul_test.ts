import { initBackend, tf } from "../../lib/core/backend.ts";
import { blasBatchMatMul, planMatMul } from "../../lib/core/blas_matmul.ts";
import { nativeStatus, useBlas } from "../../lib/core/native.ts";
import { activeWasmBackend } from "../../lib/core/wasm_heap.ts";
import { Rng } from "../../lib/core/random.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

type Case = { a: number[]; b: number[]; ta: boolean; tb: boolean };

function values(n: number, seed: number): Float32Array {
  return Float32Array.from(new Rng(seed).normals(n));
}

/** C = matmul on the given backend ("wasm" with BLAS on or off, or "cpu"), from the same float32 inputs. */
async function product(c: Case, on: "blas" | "wasm" | "cpu", seed: number): Promise<Float32Array> {
  await initBackend(on === "cpu" ? "cpu" : "wasm");
  if (on !== "cpu") useBlas(on === "blas");
  const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
  const a = tf.tensor(values(size(c.a), seed), c.a), b = tf.tensor(values(size(c.b), seed + 1), c.b);
  const y = tf.matMul(a, b, c.ta, c.tb);
  const out = y.dataSync() as Float32Array;
  tf.dispose([a, b, y]);
  return out;
}

/** Float32 round-off of a K-term dot product of unit normals: a few ulps times √K. */
const tol = (k: number) => ({ abs: 2e-6 * Math.sqrt(k) * 4 });

const shapes: [number, number, number][] = [[1, 1, 1], [7, 13, 5], [64, 33, 128], [3, 200, 2]];
const batches: [number[], number[]][] = [[[], []], [[3], [3]], [[1], [4]], [[4], [1]], [[2, 3], [2, 3]], [
  [],
  [2],
]];

Deno.test("BLAS BatchMatMul equals the wasm and cpu kernels for every transpose flag, batch and shape", async () => {
  let seed = 1, cases = 0;
  for (const [m, k, n] of shapes) {
    for (const [ba, bb] of batches) {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          const c: Case = {
            a: [...ba, ...(ta ? [k, m] : [m, k])],
            b: [...bb, ...(tb ? [n, k] : [k, n])],
            ta,
            tb,
          };
          const blas = await product(c, "blas", seed), wasm = await product(c, "wasm", seed);
          const cpu = await product(c, "cpu", seed);
          const what = `a [${c.a}] b [${c.b}] ta=${ta} tb=${tb}`;
          assertAllClose(blas, cpu, tol(k), `BLAS vs cpu, ${what}`);
          assertAllClose(blas, wasm, tol(k), `BLAS vs wasm, ${what}`);
          seed += 2;
          cases++;
        }
      }
    }
  }
  assert.equal(cases, shapes.length * batches.length * 4);
  await initBackend("wasm");
  assert.equal(nativeStatus().matmul, "openblas");
});

Deno.test("BLAS BatchMatMul: k = 0 gives zeros, general batch broadcasting goes to the stock kernel", async () => {
  const zero = await product({ a: [2, 3, 0], b: [2, 0, 4], ta: false, tb: false }, "blas", 5);
  assert.deepEqual(Array.from(zero), new Array(24).fill(0));
  const c: Case = { a: [2, 1, 4, 3], b: [1, 3, 3, 5], ta: false, tb: false };
  const blas = await product(c, "blas", 9), cpu = await product(c, "cpu", 9);
  assertAllClose(blas, cpu, tol(3), "broadcast [2,1] x [1,3]");
  await initBackend("wasm");
});

Deno.test("BLAS BatchMatMul: correct across a heap growth in the middle of the call", async () => {
  await initBackend("wasm");
  useBlas(true);
  const backend = activeWasmBackend()!;
  const heapBytes = backend.wasm.HEAPU8.buffer.byteLength;
  // an output larger than the whole heap cannot fit in its free space: allocating it must grow the heap
  const m = 64, k = 16, n = Math.ceil((heapBytes + (1 << 20)) / 4 / m);
  const av = values(m * k, 31), bv = values(k * n, 32);
  const a = tf.tensor2d(av, [m, k]), b = tf.tensor2d(bv, [k, n]);
  const before = backend.wasm.HEAPU8.buffer;
  const y = tf.matMul(a, b);
  assert.notEqual(backend.wasm.HEAPU8.buffer, before, "the heap did not grow during the call");
  const got = y.dataSync();
  // check a sample of entries against float64 sums
  for (const idx of [0, n - 1, 17 * n + 12345 % n, (m - 1) * n + (n >> 1), m * n - 1]) {
    const i = Math.floor(idx / n), j = idx % n;
    let s = 0;
    for (let q = 0; q < k; q++) s += av[i * k + q] * bv[q * n + j];
    assertAllClose([got[idx]], [s], tol(k), `entry (${i}, ${j})`);
  }
  tf.dispose([a, b, y]);
});

Deno.test("planMatMul: shapes of the product and bad inputs", () => {
  const p = planMatMul([2, 5, 3], [3, 4], false, false);
  assert.deepEqual([p.m, p.n, p.k, p.batchA, p.batchB, p.blasable], [5, 4, 3, 2, 1, true]);
  assert.deepEqual(p.outShape, [2, 5, 4]);
  assert.deepEqual(planMatMul([3, 5], [4, 3], true, true).outShape, [5, 4]);
  assert.equal(planMatMul([2, 1, 4, 3], [1, 3, 3, 5], false, false).blasable, false);
  assertThrowsWith(() => planMatMul([3], [3, 4], false, false), RangeError, "a must have rank >= 2");
  assertThrowsWith(() => planMatMul([2, 3], [4], false, false), RangeError, "b must have rank >= 2");
  assertThrowsWith(() => planMatMul([2, 3], [4, 5], false, false), RangeError, "inner shapes (3) and (4)");
  assertThrowsWith(() => blasBatchMatMul({} as never, () => ({}) as never), TypeError, "blas");
  assertThrowsWith(() => blasBatchMatMul({ sgemm() {} } as never, null as never), TypeError, "stock");
});
