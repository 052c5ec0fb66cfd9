/**
 * One LRU layer as float32 tfjs ops (article "Resurrecting RNNs"; Su's bojone/rnn LRU layer), real and imaginary
 * parts as separate tensors:
 *
 *   x_t = λ ⊙ x_{t−1} + γ ⊙ (B u_t),   B = B_re + i·B_im ∈ ℂ^{H×N},   λ = exp(−e^{ν^log} + i·e^{θ^log}),  γ = e^{γ^log};
 *
 * or, with `param: "direct"`, λ = a + ib stored as two free variables (what the exponential parameterisation
 * replaces: nothing keeps |λ| < 1). The final state has the closed form
 *   x_{L−1} = γ ⊙ Σ_t λ^{L−1−t} ⊙ (B u_t) = γ ⊙ Σ_h B_h ⊙ (Σ_t u_{t,h} λ^{L−1−t}),
 * one [B·H, L]×[L, N] product with the powers λ^p = e^{p log|λ|}(cos pθ + i sin pθ) (decaying only): no scan needed.
 * B is initialised N(0, 1/(2H)) in real and imaginary parts (the reference implementations' choice).
 * @module
 */
import { matMulFast, requireInt, requireOneOf, type Rng, tf } from "../core/mod.ts";
import { type LruInit, lruLogParams, requireLruInit, sampleRing } from "./lru_init.ts";
import { complexPowersTf, linearRecurrenceScanTf } from "./scan_tf.ts";

/** How λ is stored: "exp" (ν^log, θ^log) or "direct" (Re λ, Im λ). */
export type LambdaParam = "exp" | "direct";

/** Options of {@link LruLayer}. */
export interface LruLayerOptions {
  /** Input width H. */
  inDim: number;
  /** Number of complex states N. */
  states: number;
  /** Ring (or disk) initialisation of the eigenvalues. */
  init: LruInit;
  /** "exp" (default) or "direct". */
  param?: LambdaParam;
  /** Learnable γ normalisation initialised to √(1 − |λ|²) (default true); false fixes γ = 1. */
  gamma?: boolean;
  rng: Rng;
}

const f32 = (a: ArrayLike<number>) => Float32Array.from(a);
/** A variable built inside tf.tidy, so that its initial tensor is not kept alive beside it. */
const vec = (a: ArrayLike<number>) =>
  tf.tidy(() => tf.variable(tf.tensor1d(f32(a)))) as tf.Variable<tf.Rank.R1>;
const mat = (a: ArrayLike<number>, rows: number, cols: number) =>
  tf.tidy(() => tf.variable(tf.tensor2d(f32(a), [rows, cols]))) as tf.Variable<tf.Rank.R2>;

/** The LRU recurrence layer; see the module documentation. */
export class LruLayer {
  readonly inDim: number;
  readonly states: number;
  readonly param: LambdaParam;
  readonly useGamma: boolean;
  /** exp: [ν^log, θ^log]; direct: [Re λ, Im λ]. */
  readonly #lam: [tf.Variable<tf.Rank.R1>, tf.Variable<tf.Rank.R1>];
  readonly #gammaLog: tf.Variable<tf.Rank.R1> | null;
  readonly #bRe: tf.Variable<tf.Rank.R2>;
  readonly #bIm: tf.Variable<tf.Rank.R2>;

  constructor(opts: LruLayerOptions) {
    if (!opts || typeof opts !== "object") throw new TypeError("opts must be LruLayerOptions");
    this.inDim = requireInt("opts.inDim", opts.inDim, 1);
    this.states = requireInt("opts.states", opts.states, 1);
    const init = requireLruInit(opts.init);
    this.param = requireOneOf("opts.param", opts.param ?? "exp", ["exp", "direct"] as const);
    if (opts.gamma !== undefined && typeof opts.gamma !== "boolean") {
      throw new TypeError("opts.gamma must be a boolean");
    }
    this.useGamma = opts.gamma ?? true;
    const rng = opts.rng;
    if (!rng || typeof rng.normals !== "function") throw new TypeError("opts.rng must be an Rng");
    const n = this.states;
    const p = lruLogParams(rng.fork("lambda"), n, init);
    if (this.param === "exp") {
      this.#lam = [vec(p.nuLog), vec(p.thetaLog)];
    } else {
      const { r, theta } = sampleRing(rng.fork("lambda"), n, init); // the same draws as lruLogParams
      this.#lam = [
        vec(r.map((v, j) => v * Math.cos(theta[j]))),
        vec(r.map((v, j) => v * Math.sin(theta[j]))),
      ];
    }
    this.#gammaLog = this.useGamma ? vec(p.gammaLog) : null;
    const std = 1 / Math.sqrt(2 * this.inDim);
    const rb = rng.fork("B");
    this.#bRe = mat(rb.normals(this.inDim * n, 0, std), this.inDim, n);
    this.#bIm = mat(rb.normals(this.inDim * n, 0, std), this.inDim, n);
  }

  /** The trainable variables: λ's two, γ^log (if used), B_re, B_im. */
  get variables(): tf.Variable[] {
    return [...this.#lam, ...(this.#gammaLog ? [this.#gammaLog] : []), this.#bRe, this.#bIm];
  }

  /** log|λ| and arg λ as [N] tensors (call inside tf.tidy). */
  polar(): { logR: tf.Tensor1D; theta: tf.Tensor1D } {
    const [a, b] = this.#lam;
    if (this.param === "exp") return { logR: tf.neg(tf.exp(a)), theta: tf.exp(b) };
    return {
      logR: tf.mul(0.5, tf.log(tf.add(tf.square(a), tf.square(b)))) as tf.Tensor1D,
      theta: tf.atan2(b, a),
    };
  }

  /** The current |λ_j| (float32 values read back). */
  lambdaAbs(): Float32Array {
    return tf.tidy(() => tf.exp(this.polar().logR).dataSync() as Float32Array);
  }

  /** The current γ (ones when the layer has no γ). */
  gammaValues(): Float32Array {
    if (!this.#gammaLog) return new Float32Array(this.states).fill(1);
    return tf.tidy(() => tf.exp(this.#gammaLog!).dataSync() as Float32Array);
  }

  #checkInput(u: tf.Tensor3D): [number, number] {
    if (!(u instanceof tf.Tensor) || u.rank !== 3 || u.shape[2] !== this.inDim) {
      throw new RangeError(`u must have shape [B, L, ${this.inDim}], got [${(u as tf.Tensor)?.shape}]`);
    }
    return [u.shape[0], u.shape[1]];
  }

  /** The final state x_{L−1} as [B, 2N] = [Re x ‖ Im x], by the closed form (call inside tf.tidy). */
  finalState(u: tf.Tensor3D): tf.Tensor2D {
    const [B, L] = this.#checkInput(u);
    const H = this.inDim, N = this.states;
    const { logR, theta } = this.polar();
    const pw = complexPowersTf(logR, theta, tf.range(L - 1, -1, -1, "float32") as tf.Tensor1D); // λ^{L−1−t}
    const ut = tf.reshape(tf.transpose(u, [0, 2, 1]), [B * H, L]) as tf.Tensor2D;
    const zr = tf.reshape(matMulFast(ut, pw.re), [B, H, N]),
      zi = tf.reshape(matMulFast(ut, pw.im), [B, H, N]);
    let xr: tf.Tensor = tf.sum(tf.sub(tf.mul(zr, this.#bRe), tf.mul(zi, this.#bIm)), 1);
    let xi: tf.Tensor = tf.sum(tf.add(tf.mul(zi, this.#bRe), tf.mul(zr, this.#bIm)), 1);
    if (this.#gammaLog) {
      const g = tf.exp(this.#gammaLog);
      xr = tf.mul(xr, g);
      xi = tf.mul(xi, g);
    }
    return tf.concat([xr, xi], 1) as tf.Tensor2D;
  }

  /** Every state x_0..x_{L−1} by the Upper/Lower scan, as two [B, L, N] tensors (call inside tf.tidy). */
  allStates(u: tf.Tensor3D): { re: tf.Tensor3D; im: tf.Tensor3D } {
    const [B, L] = this.#checkInput(u);
    const H = this.inDim, N = this.states;
    const flat = tf.reshape(u, [B * L, H]) as tf.Tensor2D;
    let vr: tf.Tensor = tf.reshape(matMulFast(flat, this.#bRe), [B, L, N]);
    let vi: tf.Tensor = tf.reshape(matMulFast(flat, this.#bIm), [B, L, N]);
    if (this.#gammaLog) {
      const g = tf.exp(this.#gammaLog);
      vr = tf.mul(vr, g);
      vi = tf.mul(vi, g);
    }
    const { logR, theta } = this.polar();
    const r = tf.exp(logR);
    const lamRe = tf.mul(r, tf.cos(theta)) as tf.Tensor1D, lamIm = tf.mul(r, tf.sin(theta)) as tf.Tensor1D;
    const s = linearRecurrenceScanTf(lamRe, lamIm, vr as tf.Tensor3D, vi as tf.Tensor3D);
    return { re: s.re, im: s.im };
  }

  /** Releases the variables. */
  dispose(): void {
    tf.dispose(this.variables);
  }
}
