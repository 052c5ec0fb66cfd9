/**
 * Two gradient kernels tfjs-backend-wasm 4.22 does not register, so that convolutions and gather-based embeddings
 * can be trained on it:
 * - Conv2DBackpropFilter (the gradient of conv2d with respect to its filter): dW = colsᵀ · dy, with the input laid
 *   out as im2col columns (colsᵀ[K × M], K = fh·fw·inC, M = batch·outH·outW) and the product done by the registered
 *   BatchMatMul kernel (OpenBLAS when active). NHWC only, like the backend's own Conv2D.
 * - UnsortedSegmentSum (the gradient of gather): out[s] = Σ_{i: ids[i] = s} x[i], ids outside [0, numSegments)
 *   dropped, as on the cpu backend; one-dimensional segment ids (what gather's gradient passes).
 * Both are written over views of the wasm heap (allocate first, then view: lib/core/wasm_heap.ts).
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { asWasmBackend, heapF32, heapI32 } from "./wasm_heap.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** UnsortedSegmentSum for the wasm backend (float32 x, int32 one-dimensional segment ids). */
export function unsortedSegmentSumWasm(args: KernelArgs): tf.TensorInfo {
  const { x, segmentIds } = args.inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const { numSegments } = args.attrs as { numSegments: number };
  if (x.dtype !== "float32") {
    throw new TypeError(`x must be float32 for UnsortedSegmentSum on wasm, got ${x.dtype}`);
  }
  if (segmentIds.dtype !== "int32") throw new TypeError(`segmentIds must be int32, got ${segmentIds.dtype}`);
  if (segmentIds.shape.length !== 1 || segmentIds.shape[0] !== x.shape[0]) {
    throw new RangeError(
      `segmentIds must be one-dimensional with x's first dimension (${
        x.shape[0]
      }), got [${segmentIds.shape}]`,
    );
  }
  if (!Number.isInteger(numSegments) || numSegments < 0) {
    throw new RangeError(`numSegments must be an integer >= 0, got ${numSegments}`);
  }
  const backend = asWasmBackend(args.backend);
  const rest = x.shape.slice(1), inner = rest.reduce((a, b) => a * b, 1);
  const out = backend.makeOutput([numSegments, ...rest], "float32");
  const o = heapF32(backend, out), xs = heapF32(backend, x), ids = heapI32(backend, segmentIds);
  o.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner, dst = s * inner;
    for (let j = 0; j < inner; j++) o[dst + j] += xs[src + j];
  }
  return out;
}

/** Conv2DBackpropFilter for the wasm backend (NHWC, dilation 1, as tfjs's conv2d gradient calls it). */
export function conv2dBackpropFilterWasm(args: KernelArgs): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = args.attrs as {
    strides: [number, number] | number;
    pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
    dataFormat: "NHWC" | "NCHW";
    dimRoundingMode?: "floor" | "round" | "ceil";
    filterShape: [number, number, number, number];
  };
  if (x.dtype !== "float32" || dy.dtype !== "float32") {
    throw new TypeError(`x and dy must be float32, got ${x.dtype} and ${dy.dtype}`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    a.filterShape,
    a.strides,
    1,
    a.pad,
    a.dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(a.dataFormat),
  );
  if (info.dataFormat !== "channelsLast") {
    throw new RangeError(`dataFormat must be "NHWC" on the wasm backend, got "${a.dataFormat}"`);
  }
  const backend = asWasmBackend(args.backend);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const M = batchSize * outHeight * outWidth, K = fh * fw * inChannels;
  const colsT = backend.makeOutput([K, M], "float32");
  const c = heapF32(backend, colsT), xs = heapF32(backend, x);
  c.fill(0);
  for (let b = 0, r = 0; b < batchSize; b++) {
    for (let yR = 0; yR < outHeight; yR++) {
      for (let yC = 0; yC < outWidth; yC++, r++) {
        for (let wR = 0; wR < fh; wR++) {
          const xR = yR * sh - info.padInfo.top + wR;
          if (xR < 0 || xR >= inHeight) continue;
          for (let wC = 0; wC < fw; wC++) {
            const xC = yC * sw - info.padInfo.left + wC;
            if (xC < 0 || xC >= inWidth) continue;
            const src = ((b * inHeight + xR) * inWidth + xC) * inChannels;
            const k0 = (wR * fw + wC) * inChannels;
            for (let d = 0; d < inChannels; d++) c[(k0 + d) * M + r] = xs[src + d];
          }
        }
      }
    }
  }
  const matMul = tf.getKernel("BatchMatMul", "wasm");
  if (!matMul) throw new Error("the wasm backend has no BatchMatMul kernel");
  const dy2: tf.TensorInfo = { dataId: dy.dataId, shape: [M, outChannels], dtype: "float32" };
  const out = matMul.kernelFunc({
    inputs: { a: colsT, b: dy2 },
    backend: args.backend,
    attrs: { transposeA: false, transposeB: false },
  }) as tf.TensorInfo;
  backend.disposeData(colsT.dataId);
  return { dataId: out.dataId, shape: [...a.filterShape], dtype: "float32" };
}

/** Registers both kernels for the wasm backend (once; later calls do nothing). */
export function registerGradKernels(): void {
  const kernels: [string, tf.KernelFunc][] = [
    ["UnsortedSegmentSum", unsortedSegmentSumWasm as tf.KernelFunc],
    ["Conv2DBackpropFilter", conv2dBackpropFilterWasm as tf.KernelFunc],
  ];
  for (const [kernelName, kernelFunc] of kernels) {
    if (tf.getKernel(kernelName, "wasm") === undefined) {
      tf.registerKernel({ kernelName, backendName: "wasm", kernelFunc });
    }
  }
}
