/**
 * A matmul whose gradient is fast on whichever matmul kernel runs: plain tf.matMul, since lib/core registers the
 * matmul gradient (lib/core/matmul_grad.ts) that keeps tfjs's transpose flags under OpenBLAS and transposes
 * explicitly on tfjs-backend-wasm's own kernel (whose flagged products are 5–10× slower). Kept as the name the
 * models use; with the registered gradient, tf.matMul anywhere is as fast.
 * @module
 */
import { tf } from "./backend.ts";
import { registerMatMulGradient } from "./matmul_grad.ts";

function checkShapes(a: tf.Tensor, b: tf.Tensor): void {
  if (a.rank !== 2) throw new RangeError(`a must be rank 2, got shape [${a.shape}]`);
  if (b.rank !== 2) throw new RangeError(`b must be rank 2, got shape [${b.shape}]`);
  if (a.shape[1] !== b.shape[0]) {
    throw new RangeError(
      `a's columns (${a.shape[1]}) must equal b's rows (${b.shape[0]}): [${a.shape}] x [${b.shape}]`,
    );
  }
}

/**
 * a·b for 2-D tensors with shape checks; its gradient is lib/core's registered matmul gradient (fast with or
 * without OpenBLAS, and lazy: an input that needs no gradient costs no product).
 */
export function matMulFast(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  checkShapes(a, b);
  registerMatMulGradient();
  return tf.matMul(a, b);
}

/** A dense layer x·W (+ bias) on {@link matMulFast}. x: [n, in], W: [in, out], bias: [out]. */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor2D {
  const y = matMulFast(x, w);
  if (bias === undefined) return y;
  if (bias.rank !== 1 || bias.shape[0] !== w.shape[1]) {
    throw new RangeError(`bias must have shape [${w.shape[1]}], got [${bias.shape}]`);
  }
  return tf.add(y, bias);
}
