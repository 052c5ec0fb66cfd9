/**
 * The native-speed kernels of the wasm backend and which of them run: the OpenBLAS BatchMatMul (lib/core/
 * blas_matmul.ts) when the library is there and NB_BLAS is not "off", else tfjs-backend-wasm's own kernel; the fused
 * Adam kernel (the SIMD module, else tfjs's optimizer); the gradient kernels wasm lacks (always). {@link initBackend}
 * installs them and says loudly when the matmul falls back.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { type AdamKernel, jsAdamKernel, loadAdamKernel } from "./adam_kernel.ts";
import { blasBatchMatMul } from "./blas_matmul.ts";
import { loadOpenBlas, type OpenBlas } from "./openblas.ts";
import { registerGradKernels } from "./grad_kernels.ts";
import { requireOneOf } from "./validate.ts";
import { activeWasmBackend } from "./wasm_heap.ts";

/** Which matmul kernel runs: OpenBLAS sgemm, tfjs-backend-wasm's own, or the cpu backend's. */
export type MatMulKind = "openblas" | "wasm" | "cpu";

/** What runs, and why the matmul is not OpenBLAS when it is not (null when it is). */
export interface NativeStatus {
  matmul: MatMulKind;
  /** The OpenBLAS in use (its file, build and CPU kernel), or null. */
  blas: OpenBlas | null;
  /** Why OpenBLAS is not in use, or null. */
  blasNote: string | null;
  /** "simd" when the fused Adam's SIMD module runs on the wasm heap, else null (Adam is then tfjs's). */
  adam: AdamKernel["form"] | null;
  /** Why the fused Adam's SIMD module is not in use, or null. */
  adamNote: string | null;
}

/** True unless the environment variable NB_BLAS is "off" (or "0"); any other value than on/off/1/0 throws. */
export function blasWanted(value: string | undefined = readEnv("NB_BLAS")): boolean {
  if (value === undefined || value === "") return true;
  const v = value.toLowerCase();
  if (v === "on" || v === "1") return true;
  if (v === "off" || v === "0") return false;
  throw new TypeError(`NB_BLAS must be "on" or "off", got ${JSON.stringify(value)}`);
}

function readEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

let stockMatMul: tf.KernelConfig | null = null;
let blasInUse: OpenBlas | null = null;
let blasNote: string | null = "not set up yet (call initBackend)";
let adamKernel: AdamKernel | null = null;
let adamMemory: WebAssembly.Memory | null = null; // the heap the SIMD module was instantiated on
let adamNote: string | null = null;

function registerMatMul(kernelFunc: tf.KernelFunc): void {
  tf.unregisterKernel("BatchMatMul", "wasm");
  tf.registerKernel({ ...stockMatMul!, kernelFunc });
}

/**
 * Switches the wasm backend's BatchMatMul between OpenBLAS (`on` = true, if the library can be opened) and
 * tfjs-backend-wasm's own kernel. Returns the status; `blasNote` says why OpenBLAS is off when it is.
 */
export function useBlas(on: boolean): NativeStatus {
  if (typeof on !== "boolean") throw new TypeError(`on must be a boolean, got ${String(on)}`);
  if (stockMatMul === null) {
    const stock = tf.getKernel("BatchMatMul", "wasm");
    if (!stock) throw new Error("tfjs-backend-wasm registered no BatchMatMul kernel");
    stockMatMul = stock;
  }
  if (!on) {
    registerMatMul(stockMatMul.kernelFunc);
    blasInUse = null;
    blasNote = "NB_BLAS=off";
    return nativeStatus();
  }
  const found = loadOpenBlas();
  if (!found.ok) {
    registerMatMul(stockMatMul.kernelFunc);
    blasInUse = null;
    blasNote = found.reason;
    return nativeStatus();
  }
  registerMatMul(blasBatchMatMul(found.blas, stockMatMul.kernelFunc));
  blasInUse = found.blas;
  blasNote = null;
  return nativeStatus();
}

/** What runs now (see {@link NativeStatus}). */
export function nativeStatus(): NativeStatus {
  const wasm = tf.getBackend() === "wasm";
  return {
    matmul: !wasm ? "cpu" : blasInUse ? "openblas" : "wasm",
    blas: wasm ? blasInUse : null,
    blasNote: wasm ? blasNote : `the ${tf.getBackend()} backend is active`,
    adam: adamKernel?.form ?? null,
    adamNote,
  };
}

/** True when matmuls on the active backend run through OpenBLAS. */
export function blasActive(): boolean {
  return tf.getBackend() === "wasm" && blasInUse !== null;
}

/** The fused Adam's SIMD kernel on the active wasm heap, or null (not wasm, not set up, or the module failed). */
export function fusedAdamKernel(): AdamKernel | null {
  const backend = activeWasmBackend();
  if (backend === null || adamKernel === null) return null;
  return backend.wasm.asm.memory === adamMemory ? adamKernel : null;
}

/**
 * The fused Adam kernel of a given form on the wasm backend: "simd" (needs the module loaded by {@link setupNative};
 * throws a RangeError saying why when it is not) or "js". For tests and the bench, which compare the forms.
 */
export function adamKernelOf(form: AdamKernel["form"]): AdamKernel {
  requireOneOf("form", form, ["simd", "js"] as const);
  if (form === "js") return jsAdamKernel;
  const simd = fusedAdamKernel();
  if (simd === null) {
    throw new RangeError(`form "simd" is not available: ${adamNote ?? "the wasm backend is not set up"}`);
  }
  return simd;
}

/**
 * Sets up every native kernel on the active wasm backend: the gradient kernels, the fused Adam kernel, and the
 * OpenBLAS matmul unless `blas` is false (default: {@link blasWanted}, i.e. NB_BLAS). Does nothing off wasm.
 */
export async function setupNative(blas: boolean = blasWanted()): Promise<NativeStatus> {
  const backend = activeWasmBackend();
  if (backend === null) return nativeStatus();
  registerGradKernels();
  if (adamMemory !== backend.wasm.asm.memory) {
    const loaded = await loadAdamKernel(backend.wasm.asm.memory);
    adamKernel = loaded.kernel;
    adamMemory = backend.wasm.asm.memory;
    adamNote = loaded.note;
  }
  return useBlas(blas);
}
