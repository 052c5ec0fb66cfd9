/**
 * The fused Adam (+ EMA) update over tensors of the wasm heap, in one pass per variable: the WebAssembly SIMD module
 * of lib/core/adam_wat.ts instantiated on tfjs-backend-wasm's own memory (form "simd"), or the same arithmetic as a
 * plain JS loop over heap views (form "js"). lib/train's `adam` builds the optimizer on the SIMD form. Measured by
 * `deno task bench` (workload adam-mnist: Adam + EMA over the MNIST ε-MLP's 0.79 M parameters, alternating repeats
 * on a loaded machine): SIMD 6.3 ms, tfjs's optimizer (14 XNNPACK kernels per variable) 31 ms, plain JS 42 ms —
 * division and square root four float32 lanes at a time beat V8's scalar float64 code ~7×, so the JS form is kept
 * only as a measured alternative, not as a fallback.
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import { adamWasmBinary } from "./adam_wat.ts";
import { heapF32, heapOffset, type WasmBackend } from "./wasm_heap.ts";

/** The scalars of one Adam step (tfjs 4.22's AdamOptimizer): β₁, β₂, ε, the learning rate, 1−β₁ᵗ, 1−β₂ᵗ. */
export interface AdamScalars {
  beta1: number;
  beta2: number;
  epsilon: number;
  lr: number;
  /** 1 − β₁ᵗ at this step t (t ≥ 1). */
  oneMinusAccBeta1: number;
  /** 1 − β₂ᵗ at this step t. */
  oneMinusAccBeta2: number;
  /** EMA decay d in [0, 1) (used only when the update has an EMA). */
  emaDecay: number;
}

/** The tensors of one variable's update; `m`, `v` are updated in place, `out` (and `emaOut`) must be fresh. */
export interface AdamTensors {
  w: tf.TensorInfo;
  g: tf.TensorInfo;
  m: tf.TensorInfo;
  v: tf.TensorInfo;
  out: tf.TensorInfo;
  ema?: { e: tf.TensorInfo; out: tf.TensorInfo };
}

/** One fused update: which form it is, and the function that applies it. */
export interface AdamKernel {
  readonly form: "simd" | "js";
  update(backend: WasmBackend, t: AdamTensors, s: AdamScalars): void;
}

type AdamExport = (...args: number[]) => void;

/** The "simd" form: instantiates the assembled module on `memory` (tfjs-backend-wasm's heap). */
export function simdAdamKernel(bytes: Uint8Array<ArrayBuffer>, memory: WebAssembly.Memory): AdamKernel {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("bytes must be the module's Uint8Array");
  if (!(memory instanceof WebAssembly.Memory)) throw new TypeError("memory must be a WebAssembly.Memory");
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  const fn = inst.exports.adam as AdamExport;
  return {
    form: "simd",
    update(backend, t, s) {
      const off = (x: tf.TensorInfo) => heapOffset(backend, x);
      const n = t.w.shape.reduce((a, b) => a * b, 1);
      const e = t.ema ? off(t.ema.e) : 0, eo = t.ema ? off(t.ema.out) : 0;
      fn(
        off(t.w),
        off(t.g),
        off(t.m),
        off(t.v),
        off(t.out),
        e,
        eo,
        t.ema ? 1 : 0,
        n,
        s.beta1,
        1 - s.beta1,
        s.beta2,
        1 - s.beta2,
        s.oneMinusAccBeta1,
        s.oneMinusAccBeta2,
        -s.lr,
        s.epsilon,
        s.emaDecay,
        1 - s.emaDecay,
      );
    },
  };
}

/** The "js" form: the same update as a JS loop over heap views (float64 arithmetic, float32 storage). */
export const jsAdamKernel: AdamKernel = {
  form: "js",
  update(backend, t, s) {
    const [w, g, m, v, out] = [t.w, t.g, t.m, t.v, t.out].map((x) => heapF32(backend, x));
    const e = t.ema ? heapF32(backend, t.ema.e) : null, eo = t.ema ? heapF32(backend, t.ema.out) : null;
    const { beta1: b1, beta2: b2, epsilon: eps, lr } = s;
    const c1 = s.oneMinusAccBeta1, c2 = s.oneMinusAccBeta2, d = s.emaDecay;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i];
      const mi = m[i] * b1 + gi * (1 - b1), vi = v[i] * b2 + gi * gi * (1 - b2);
      m[i] = mi;
      v[i] = vi;
      const wi = (mi / c1) / (Math.sqrt(vi / c2) + eps) * -lr + w[i];
      out[i] = wi;
      if (e !== null) eo![i] = e[i] * d + wi * (1 - d);
    }
  },
};

/**
 * The SIMD form on `memory` from the assembled module (built by setup, or now), or null with the reason it could
 * not be had. There is no JS fallback by default: the plain-JS loop is slower than tfjs's own optimizer (see the
 * module note), so without the module lib/train's Adam runs tfjs's.
 */
export async function loadAdamKernel(
  memory: WebAssembly.Memory,
): Promise<{ kernel: AdamKernel | null; note: string | null }> {
  if (!(memory instanceof WebAssembly.Memory)) throw new TypeError("memory must be a WebAssembly.Memory");
  try {
    const { bytes } = await adamWasmBinary();
    return { kernel: simdAdamKernel(bytes, memory), note: null };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      kernel: null,
      note: `the fused Adam's SIMD module failed (${why}): Adam runs as tfjs's optimizer`,
    };
  }
}
