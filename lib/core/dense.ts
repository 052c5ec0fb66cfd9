/**
 * A matmul whose gradient is fast on whichever matmul kernel runs. With OpenBLAS (lib/core/native.ts) it is plain
 * tf.matMul: sgemm takes the transpose flags of tfjs's gradient natively. Without it, tfjs-backend-wasm 4.22 has a
 * fast path for matMul only without the transposeA/transposeB flags (1024² transposed: seconds instead of ~90 ms),
 * and tfjs's own gradient of matMul uses those flags, so plain autodiff trains 5-10x slower than it should; then
 * {@link matMulFast} has the same value and gradient as tf.matMul(a, b) but computes dA = dY·Bᵀ and dB = Aᵀ·dY with
 * tf.transpose first.
 * @module
 */
import { tf } from "./backend.ts";
import { blasActive } from "./native.ts";

// customGrad passes the inputs then the save function as one rest list
const fastMatMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)];
    },
  };
});

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
 * a·b for 2-D tensors, with a fast gradient: tf.matMul when OpenBLAS runs the matmul, else a custom gradient that
 * avoids the slow transposed-matmul kernels of wasm.
 */
export function matMulFast(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  checkShapes(a, b);
  return blasActive() ? tf.matMul(a, b) : fastMatMul(a, b) as tf.Tensor2D;
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
