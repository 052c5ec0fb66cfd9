/**
 * The diagonal complex recurrence x_t = λ ⊙ x_{t−1} + u_t as float32 tfjs ops (article, 并行化), real and imaginary
 * parts as separate tensors (a complex product is four real element-wise products):
 *
 * - {@link linearRecurrenceScanTf}: the Upper/Lower scan — per level, reshape the sequence into blocks of 2s steps,
 *   and add λ^j·(last state of the left half) to position j of the right half (j = 1..s), ⌈log₂ L⌉ levels;
 * - {@link naiveCumsumTf}: x_t = λ^t ⊙ cumsum_k(λ^{−k} ⊙ u_k), whose λ^{−k} overflows float32 at k > 128/log₂(1/r).
 *
 * Shapes: λ is [N]; u is [B, L, N] (B sequences of L steps of N channels).
 * @module
 */
import { tf } from "../core/mod.ts";

function checkShapes(lamRe: tf.Tensor1D, lamIm: tf.Tensor1D, uRe: tf.Tensor3D, uIm: tf.Tensor3D): void {
  for (
    const [name, t, rank] of [["lamRe", lamRe, 1], ["lamIm", lamIm, 1], ["uRe", uRe, 3], [
      "uIm",
      uIm,
      3,
    ]] as const
  ) {
    if (!(t instanceof tf.Tensor) || t.rank !== rank) {
      throw new TypeError(`${name} must be a rank-${rank} tensor`);
    }
  }
  const n = lamRe.shape[0];
  if (lamIm.shape[0] !== n) throw new RangeError(`lamIm must have shape [${n}], got [${lamIm.shape}]`);
  if (uRe.shape[2] !== n) throw new RangeError(`uRe must be [B, L, ${n}], got [${uRe.shape}]`);
  if (uIm.shape.join() !== uRe.shape.join()) throw new RangeError(`uIm must have uRe's shape [${uRe.shape}]`);
}

/** log|λ| and arg λ of a complex vector given as two tensors. */
function polarOf(lamRe: tf.Tensor1D, lamIm: tf.Tensor1D): { logR: tf.Tensor1D; theta: tf.Tensor1D } {
  return {
    logR: tf.mul(0.5, tf.log(tf.add(tf.square(lamRe), tf.square(lamIm)))) as tf.Tensor1D,
    theta: tf.atan2(lamIm, lamRe),
  };
}

/** λ^p for the exponents `p` (float32 [P]) in polar form: two [P, N] tensors (only decaying powers when |λ| < 1). */
export function complexPowersTf(
  logR: tf.Tensor1D,
  theta: tf.Tensor1D,
  p: tf.Tensor1D,
): { re: tf.Tensor2D; im: tf.Tensor2D } {
  if (logR.rank !== 1 || theta.rank !== 1 || p.rank !== 1 || logR.shape[0] !== theta.shape[0]) {
    throw new RangeError("logR and theta must be [N] tensors and p a [P] tensor");
  }
  const pc = tf.reshape(p, [-1, 1]);
  const mag = tf.exp(tf.mul(pc, tf.reshape(logR, [1, -1])));
  const ang = tf.mul(pc, tf.reshape(theta, [1, -1]));
  return { re: tf.mul(mag, tf.cos(ang)) as tf.Tensor2D, im: tf.mul(mag, tf.sin(ang)) as tf.Tensor2D };
}

/**
 * Every state of x_t = λ ⊙ x_{t−1} + u_t (x_{−1} = 0) by the Upper/Lower scan in float32 tfjs ops, with the number
 * of levels run. Differentiable. Call inside tf.tidy (intermediates are not released here).
 */
export function linearRecurrenceScanTf(
  lamRe: tf.Tensor1D,
  lamIm: tf.Tensor1D,
  uRe: tf.Tensor3D,
  uIm: tf.Tensor3D,
): { re: tf.Tensor3D; im: tf.Tensor3D; levels: number } {
  checkShapes(lamRe, lamIm, uRe, uIm);
  const [B, L, N] = uRe.shape;
  let Lp = 1;
  while (Lp < L) Lp *= 2;
  const pad = (x: tf.Tensor3D) => (Lp === L ? x : tf.pad(x, [[0, 0], [0, Lp - L], [0, 0]]));
  let xr: tf.Tensor = pad(uRe), xi: tf.Tensor = pad(uIm);
  const { logR, theta } = polarOf(lamRe, lamIm);
  let levels = 0;
  for (let s = 1; s < Lp; s *= 2) {
    levels++;
    const nb = Lp / (2 * s);
    const pw = complexPowersTf(logR, theta, tf.range(1, s + 1, 1, "float32") as tf.Tensor1D);
    const pr = tf.reshape(pw.re, [1, 1, s, N]), pi = tf.reshape(pw.im, [1, 1, s, N]);
    const split = (x: tf.Tensor) => {
      const x4 = tf.reshape(x, [B * nb, 2, s, N]);
      const left = tf.slice(x4, [0, 0, 0, 0], [-1, 1, s, N]);
      const right = tf.slice(x4, [0, 1, 0, 0], [-1, 1, s, N]);
      const last = tf.slice(left, [0, 0, s - 1, 0], [-1, 1, 1, N]);
      return { left, right, last };
    };
    const a = split(xr), b = split(xi);
    const rightRe = tf.add(a.right, tf.sub(tf.mul(pr, a.last), tf.mul(pi, b.last)));
    const rightIm = tf.add(b.right, tf.add(tf.mul(pr, b.last), tf.mul(pi, a.last)));
    xr = tf.reshape(tf.concat([a.left, rightRe], 1), [B, Lp, N]);
    xi = tf.reshape(tf.concat([b.left, rightIm], 1), [B, Lp, N]);
  }
  const cut = (x: tf.Tensor) => (Lp === L ? x : tf.slice(x, [0, 0, 0], [B, L, N])) as tf.Tensor3D;
  return { re: cut(xr), im: cut(xi), levels };
}

/**
 * The naive form x_t = λ^t ⊙ cumsum_{k≤t}(λ^{−k} ⊙ u_k) in float32 tfjs ops, returned as computed (non-finite once
 * |λ|^{−k} overflows float32). Call inside tf.tidy.
 */
export function naiveCumsumTf(
  lamRe: tf.Tensor1D,
  lamIm: tf.Tensor1D,
  uRe: tf.Tensor3D,
  uIm: tf.Tensor3D,
): { re: tf.Tensor3D; im: tf.Tensor3D } {
  checkShapes(lamRe, lamIm, uRe, uIm);
  const L = uRe.shape[1];
  const { logR, theta } = polarOf(lamRe, lamIm);
  const k = tf.range(0, L, 1, "float32") as tf.Tensor1D;
  const inv = complexPowersTf(logR, theta, tf.neg(k) as tf.Tensor1D); // λ^{−k}: grows
  const fwd = complexPowersTf(logR, theta, k);
  const wr = tf.sub(tf.mul(inv.re, uRe), tf.mul(inv.im, uIm));
  const wi = tf.add(tf.mul(inv.re, uIm), tf.mul(inv.im, uRe));
  const sr = tf.cumsum(wr, 1), si = tf.cumsum(wi, 1);
  return {
    re: tf.sub(tf.mul(fwd.re, sr), tf.mul(fwd.im, si)) as tf.Tensor3D,
    im: tf.add(tf.mul(fwd.re, si), tf.mul(fwd.im, sr)) as tf.Tensor3D,
  };
}
