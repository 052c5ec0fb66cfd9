/**
 * Direct access to the memory of tfjs-backend-wasm (4.22): every tensor of the wasm backend lives in one
 * WebAssembly heap, at `dataIdMap.get(dataId).memoryOffset`. The native kernels of lib/core (the OpenBLAS matmul,
 * the fused optimizer, the gradient kernels wasm lacks) read and write tensors there without copying.
 *
 * The one rule: allocating (a new output) may grow the heap, and growing replaces its ArrayBuffer, which detaches
 * every view taken before. So allocate first, then take views ({@link heapF32}), then compute, with no allocation
 * in between.
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** The parts of tfjs-backend-wasm's BackendWasm (4.22) that lib/core uses. */
export interface WasmBackend {
  wasm: {
    HEAPU8: Uint8Array;
    HEAPF32: Float32Array;
    HEAP32: Int32Array;
    asm: { memory: WebAssembly.Memory };
  };
  dataIdMap: {
    has(dataId: object): boolean;
    get(dataId: object): { memoryOffset: number; dtype: string; refCount: number } | undefined;
  };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
}

/** The active tfjs backend as a {@link WasmBackend}, or null when the active backend is not wasm. */
export function activeWasmBackend(): WasmBackend | null {
  if (tf.getBackend() !== "wasm") return null;
  return asWasmBackend(tf.backend());
}

/** `backend` as a {@link WasmBackend}; throws a TypeError naming what is missing if it is not one. */
export function asWasmBackend(backend: unknown): WasmBackend {
  const b = backend as Partial<WasmBackend> | null;
  if (!b || typeof b !== "object" || !b.wasm || !b.dataIdMap || typeof b.makeOutput !== "function") {
    throw new TypeError("backend must be tfjs-backend-wasm's BackendWasm (wasm heap, dataIdMap, makeOutput)");
  }
  if (!(b.wasm.asm?.memory instanceof WebAssembly.Memory)) {
    throw new TypeError("backend.wasm.asm.memory must be the WebAssembly.Memory of tfjs-backend-wasm");
  }
  return b as WasmBackend;
}

/** The byte offset of a tensor's data in the wasm heap. */
export function heapOffset(backend: WasmBackend, t: tf.TensorInfo): number {
  // DataStorage.get of an unknown id would try to move the data from another backend: ask first
  const data = backend.dataIdMap.has(t.dataId) ? backend.dataIdMap.get(t.dataId) : undefined;
  if (!data) throw new RangeError(`tensor ${t.dataId} has no data on the wasm backend (disposed?)`);
  return data.memoryOffset;
}

/**
 * A float32 view of a tensor's data in the current heap. Valid only until the next allocation on the backend (see
 * the module note): take views after allocating outputs.
 */
export function heapF32(backend: WasmBackend, t: tf.TensorInfo): Float32Array {
  if (t.dtype !== "float32") throw new TypeError(`tensor must be float32, got ${t.dtype}`);
  const size = t.shape.reduce((a, b) => a * b, 1);
  return new Float32Array(backend.wasm.HEAPU8.buffer, heapOffset(backend, t), size);
}

/** An int32 view of a tensor's data in the current heap (same validity rule as {@link heapF32}). */
export function heapI32(backend: WasmBackend, t: tf.TensorInfo): Int32Array {
  if (t.dtype !== "int32") throw new TypeError(`tensor must be int32, got ${t.dtype}`);
  const size = t.shape.reduce((a, b) => a * b, 1);
  return new Int32Array(backend.wasm.HEAPU8.buffer, heapOffset(backend, t), size);
}

/** A float32 tensor of `shape` freshly allocated in the heap (uninitialised), for kernels to fill. */
export function allocF32(backend: WasmBackend, shape: number[]): tf.TensorInfo {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new RangeError(`shape must be an array of integers >= 0, got [${shape}]`);
  }
  return backend.makeOutput(shape, "float32");
}

/** Wraps a kernel-level TensorInfo of the active backend into a tf.Tensor (the tensor owns the data). */
export function tensorFromInfo<R extends tf.Rank>(info: tf.TensorInfo): tf.Tensor<R> {
  if (!info || typeof info !== "object" || !info.dataId || !Array.isArray(info.shape)) {
    throw new TypeError("info must be a TensorInfo { dataId, shape, dtype }");
  }
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor<R>;
}
