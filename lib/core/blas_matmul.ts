/**
 * tfjs's BatchMatMul kernel for the wasm backend through OpenBLAS sgemm, reading and writing the wasm heap in place.
 * tfjs-backend-wasm 4.22's own kernel runs at 16–25 GFLOP/s without transpose flags and 1–2 GFLOP/s with them (the
 * flags autodiff uses); sgemm takes the flags natively at ~90 GFLOP/s on one core. Float32 inputs whose batch
 * dimensions are equal or 1 go to sgemm (one call per batch entry); anything else (other dtypes, general batch
 * broadcasting) goes to the stock kernel, so results never depend on which shapes are supported.
 *
 * The stock kernel also caches packed copies of `b` by tensor id, which is wrong for weights updated in place; this
 * kernel caches nothing.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { OpenBlas } from "./openblas.ts";
import { asWasmBackend, heapOffset } from "./wasm_heap.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** The shapes of one BatchMatMul: C[batch][m×n] = op(A)[m×k] · op(B)[k×n]. */
export interface MatMulPlan {
  m: number;
  n: number;
  k: number;
  batchA: number;
  batchB: number;
  /** The output shape (broadcast batch dimensions, then m, n). */
  outShape: number[];
  /** True when sgemm can serve it (batches equal or one of them 1). */
  blasable: boolean;
}

/** The plan of a BatchMatMul of shapes `a`, `b` (rank ≥ 2) with transpose flags; throws on mismatched shapes. */
export function planMatMul(a: number[], b: number[], transposeA: boolean, transposeB: boolean): MatMulPlan {
  if (!Array.isArray(a) || a.length < 2) throw new RangeError(`a must have rank >= 2, got shape [${a}]`);
  if (!Array.isArray(b) || b.length < 2) throw new RangeError(`b must have rank >= 2, got shape [${b}]`);
  const ra = a.length, rb = b.length;
  const m = transposeA ? a[ra - 1] : a[ra - 2], k = transposeA ? a[ra - 2] : a[ra - 1];
  const kb = transposeB ? b[rb - 1] : b[rb - 2], n = transposeB ? b[rb - 2] : b[rb - 1];
  if (k !== kb) {
    throw new RangeError(
      `Error in matMul: inner shapes (${k}) and (${kb}) of Tensors with shapes ${a} and ${b} and ` +
        `transposeA=${transposeA} and transposeB=${transposeB} must match.`,
    );
  }
  const outer = tf.backend_util.assertAndGetBroadcastShape(a.slice(0, -2), b.slice(0, -2));
  const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
  const batchA = size(a.slice(0, -2)), batchB = size(b.slice(0, -2));
  const blasable = batchA === batchB || batchA === 1 || batchB === 1;
  return { m, n, k, batchA, batchB, outShape: [...outer, m, n], blasable };
}

/** A BatchMatMul kernel function for the wasm backend on `blas`, deferring to `stock` where sgemm does not apply. */
export function blasBatchMatMul(blas: OpenBlas, stock: tf.KernelFunc): tf.KernelFunc {
  if (!blas || typeof blas.sgemm !== "function") throw new TypeError("blas must be an OpenBlas with sgemm");
  if (typeof stock !== "function") {
    throw new TypeError("stock must be the wasm backend's own kernel function");
  }
  return (args: KernelArgs) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (a.dtype !== "float32" || b.dtype !== "float32") return stock(args);
    const p = planMatMul(a.shape, b.shape, transposeA, transposeB);
    if (!p.blasable) return stock(args);
    const backend = asWasmBackend(args.backend);
    // allocate first: this may grow the heap and detach every view taken before
    const out = backend.makeOutput(p.outShape, "float32");
    const batch = Math.max(p.batchA, p.batchB), mn = p.m * p.n, mk = p.m * p.k, kn = p.k * p.n;
    const heap = backend.wasm.HEAPF32;
    const c0 = heapOffset(backend, out) >> 2;
    if (mn === 0) return out;
    if (p.k === 0) {
      heap.fill(0, c0, c0 + batch * mn);
      return out;
    }
    const a0 = heapOffset(backend, a) >> 2, b0 = heapOffset(backend, b) >> 2;
    const lda = transposeA ? p.m : p.k, ldb = transposeB ? p.k : p.n;
    for (let i = 0; i < batch; i++) {
      const ai = a0 + (p.batchA === 1 ? 0 : i * mk), bi = b0 + (p.batchB === 1 ? 0 : i * kn);
      const ci = c0 + i * mn;
      blas.sgemm(
        transposeA,
        transposeB,
        p.m,
        p.n,
        p.k,
        heap.subarray(ai, ai + mk),
        lda,
        heap.subarray(bi, bi + kn),
        ldb,
        heap.subarray(ci, ci + mn),
        p.n,
      );
    }
    return out;
  };
}
