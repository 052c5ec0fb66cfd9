/**
 * A learned time-dependent field f_θ(x, t) for the ODE family (rectified flow's velocity v_θ, article 9497 step 3;
 * PFGM's normalised field s_θ, article 9305 step 7), as a configuration of lib/train's one {@link Mlp}: two input
 * blocks, x and the time features φ(t) = [u, sin(πju), cos(πju)]_{j=1..F} of the rescaled time u ∈ [0, 1]
 * (u = (t − lo)/(hi − lo), or (log t − log lo)/(log hi − log lo) on a log scale), hidden layers, a linear output.
 * Trained by least squares on (x, t, target) batches with lib/train's `fitLeastSquares` (the "row-sum" reduction)
 * (optionally with an EMA of the weights, copied into the net at the end). Float32 inside tfjs; float64 in and out.
 * @module
 */
import { requireInt, requireOneOf, requirePositive, type Rng, tf } from "../../core/mod.ts";
import { fitLeastSquares, Mlp, type MlpActivation, predictRows, type StepLog } from "../../train/mod.ts";
import type { Points } from "../oracle/mod.ts";
import type { Field } from "./field.ts";

/** How t is rescaled to u ∈ [0, 1] before the Fourier features. */
export interface TimeScale {
  kind: "linear" | "log";
  lo: number;
  hi: number;
}

/** Options of {@link TimeNet}. */
export interface TimeNetOptions {
  /** Dimension of x. */
  dim: number;
  /** Output width (default dim: a velocity). */
  outDim?: number;
  /** The time rescaling (default linear on [0, 1]). */
  time?: TimeScale;
  /** Number F of sin/cos frequencies (default 4; 0 gives φ(t) = [u]). */
  freqs?: number;
  /** Hidden widths (default [128, 128, 128]). */
  hidden?: number[];
  /** Hidden activation (default "silu", the swish of the papers' toy nets). */
  activation?: MlpActivation;
  rng: Rng;
}

/** f_θ(x, t): lib/train's Mlp on the blocks [x, φ(t)] (see the module note). */
export class TimeNet {
  readonly mlp: Mlp;
  readonly dim: number;
  readonly outDim: number;
  readonly time: Readonly<TimeScale>;
  readonly freqs: number;

  constructor(opts: TimeNetOptions) {
    if (!opts || typeof opts !== "object") throw new TypeError("opts must be a TimeNetOptions object");
    this.dim = requireInt("opts.dim", opts.dim, 1);
    this.outDim = requireInt("opts.outDim", opts.outDim ?? opts.dim, 1);
    const time = opts.time ?? { kind: "linear", lo: 0, hi: 1 };
    requireOneOf("opts.time.kind", time.kind, ["linear", "log"] as const);
    if (!(Number.isFinite(time.lo) && Number.isFinite(time.hi) && time.hi > time.lo)) {
      throw new RangeError(`opts.time must have finite lo < hi, got lo=${time.lo}, hi=${time.hi}`);
    }
    if (time.kind === "log") requirePositive("opts.time.lo", time.lo);
    this.time = { ...time };
    this.freqs = requireInt("opts.freqs", opts.freqs ?? 4, 0);
    this.mlp = new Mlp({
      inputs: [this.dim, this.featureDim],
      outDim: this.outDim,
      hidden: opts.hidden ?? [128, 128, 128],
      activation: opts.activation ?? "silu",
      outScale: 0.1,
      rng: opts.rng,
    });
  }

  /** Width of φ(t): 1 + 2F. */
  get featureDim(): number {
    return 1 + 2 * this.freqs;
  }

  /** φ(t) for each time (row-major n×featureDim, float32). Times must be finite (and > 0 on a log scale). */
  timeFeatures(t: ArrayLike<number>): Float32Array {
    const { kind, lo, hi } = this.time, k = this.featureDim, F = this.freqs;
    const out = new Float32Array(t.length * k);
    for (let i = 0; i < t.length; i++) {
      const ti = t[i];
      if (!Number.isFinite(ti) || (kind === "log" && !(ti > 0))) {
        throw new RangeError(`t[${i}] must be finite${kind === "log" ? " and > 0" : ""}, got ${ti}`);
      }
      const u = kind === "linear" ? (ti - lo) / (hi - lo) : Math.log(ti / lo) / Math.log(hi / lo);
      out[i * k] = u;
      for (let j = 1; j <= F; j++) {
        out[i * k + 2 * j - 1] = Math.sin(Math.PI * j * u);
        out[i * k + 2 * j] = Math.cos(Math.PI * j * u);
      }
    }
    return out;
  }

  /** f_θ on tensors x [n, dim] and φ(t) [n or 1, featureDim] (call inside tf.tidy). */
  apply(x: tf.Tensor2D, phi: tf.Tensor2D): tf.Tensor2D {
    return this.mlp.predict([x, phi]);
  }

  /** f_θ(x, t) on float64 rows x (n×dim), t one time or one per row; float64 n×outDim, in chunks, no tensor kept. */
  predict(x: Points, t: number | Float64Array, chunk = 4096): Float64Array {
    const n = x.length / this.dim;
    if (typeof t !== "number" && (!(t instanceof Float64Array) || t.length !== n)) {
      throw new RangeError(`t must be a number or a Float64Array of length ${n}`);
    }
    const phiAll = typeof t === "number" ? this.timeFeatures([t]) : this.timeFeatures(t);
    const k = this.featureDim;
    return predictRows(x, this.dim, this.outDim, chunk, (xs, s, e) => {
      const phi = typeof t === "number"
        ? tf.tensor2d(phiAll, [1, k])
        : tf.tensor2d(phiAll.subarray(s * k, e * k), [e - s, k]);
      return this.apply(xs, phi);
    });
  }

  /** The net as a {@link Field} (needs outDim = dim): v(x, t) = f_θ(x, t). */
  field(): Field {
    if (this.outDim !== this.dim) {
      throw new RangeError(`field() needs outDim = dim, got ${this.outDim} ≠ ${this.dim}`);
    }
    return { dim: this.dim, velocity: (x, t) => this.predict(x, t) };
  }

  /** Releases the weights. */
  dispose(): void {
    this.mlp.dispose();
  }
}

/** One regression batch: inputs x (n×dim), times t (n), targets (n×outDim), all float64. */
export interface TimedRegressionBatch {
  x: Float64Array;
  t: Float64Array;
  target: Float64Array;
}

/** Options of {@link trainTimeNet}. */
export interface TrainTimeNetOptions {
  steps: number;
  /** The i-th batch, drawn from `rng` (a fork of the caller's generator). */
  batch: (i: number, rng: Rng) => TimedRegressionBatch;
  /** Learning rate, constant or per step. */
  lr: number | ((i: number) => number);
  rng: Rng;
  /** EMA decay of the weights (copied into the net after training); default none. */
  emaDecay?: number;
  /** Progress label (null: none). */
  label?: string | null;
}

/**
 * Fits f_θ by least squares: each step minimises the batch mean of Σ_q (f_θ(x, t)_q − target_q)² (the per-point
 * squared norm, so the loss is on the scale of E‖v − (x₁ − x₀)‖²): lib/train's fitLeastSquares with "row-sum".
 * Returns its step log.
 */
export async function trainTimeNet(net: TimeNet, opts: TrainTimeNetOptions): Promise<StepLog> {
  if (!(net instanceof TimeNet)) throw new TypeError("net must be a TimeNet");
  if (!opts || typeof opts.batch !== "function") {
    throw new TypeError("opts.batch must be a function (i, rng)");
  }
  if (!opts.rng || typeof opts.rng.fork !== "function") throw new TypeError("opts.rng must be an Rng");
  const { dim, outDim } = net, rng = opts.rng;
  const ema = opts.emaDecay === undefined ? null : net.mlp.clone();
  try {
    return await fitLeastSquares(net.mlp, (i) => {
      const b = opts.batch(i, rng);
      const n = b.t.length;
      if (b.x.length !== n * dim || b.target.length !== n * outDim) {
        throw new RangeError(`batch ${i}: x must be ${n}×${dim} and target ${n}×${outDim}`);
      }
      return {
        inputs: [Float32Array.from(b.x), net.timeFeatures(b.t)],
        target: Float32Array.from(b.target),
      };
    }, {
      steps: opts.steps,
      lr: opts.lr,
      reduce: "row-sum",
      ema: ema ? { decay: opts.emaDecay!, net: ema } : undefined,
      label: opts.label === undefined ? "training" : opts.label,
    });
  } finally {
    if (ema) {
      net.mlp.assignFrom(ema);
      ema.dispose();
    }
  }
}
