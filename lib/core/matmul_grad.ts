/**
 * The gradient of tfjs's BatchMatMul, registered once in place of tfjs's own. tfjs's gradient multiplies with the
 * transpose flags (dA = dY·Bᵀ as matMul(dY, B, false, true), ...): OpenBLAS takes the flags natively, but
 * tfjs-backend-wasm's own kernel runs flagged products 5–10× slower than plain ones. This gradient keeps the flags
 * when OpenBLAS runs the matmul (the same products as tfjs's) and otherwise transposes explicitly first (the same
 * values, plain products). Each input's gradient stays lazy as in tfjs: one that no variable needs is not computed.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { blasActive } from "./native.ts";

/** x with its last two axes swapped (batched matrices). */
function swapLast(x: tf.Tensor): tf.Tensor {
  const r = x.rank, perm = Array.from({ length: r }, (_, i) => i);
  perm[r - 2] = r - 1;
  perm[r - 1] = r - 2;
  return tf.transpose(x, perm);
}

/** op(x)·op(y) with op = transpose when the flag is set: by the flags under OpenBLAS, else by explicit transposes. */
function product(x: tf.Tensor, y: tf.Tensor, tx: boolean, ty: boolean): tf.Tensor {
  if (blasActive() || tf.getBackend() !== "wasm") return tf.matMul(x, y, tx, ty);
  return tf.matMul(tx ? swapLast(x) : x, ty ? swapLast(y) : y);
}

/** The gradient config: dA and dB of C = op(A)·op(B) for the four flag combinations (tfjs's formulas). */
export const matMulGradConfig: tf.GradConfig = {
  kernelName: "BatchMatMul",
  inputsToSave: ["a", "b"],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs?: tf.NamedAttrMap) => {
    const g = dy as tf.Tensor, [a, b] = saved;
    const { transposeA, transposeB } = (attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    if (!transposeA && !transposeB) {
      return {
        a: () => product(g, b, false, true),
        b: () => product(a, g, true, false),
      };
    }
    if (!transposeA) return { a: () => product(g, b, false, false), b: () => product(g, a, true, false) };
    if (!transposeB) return { a: () => product(b, g, false, true), b: () => product(a, g, false, false) };
    return { a: () => product(b, g, true, true), b: () => product(g, a, true, true) };
  },
};

let registered = false;

/** Registers {@link matMulGradConfig} for BatchMatMul (once per process; later calls do nothing). */
export function registerMatMulGradient(): void {
  if (registered) return;
  tf.registerGradient(matMulGradConfig);
  registered = true;
}
