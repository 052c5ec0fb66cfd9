/**
 * A plain stack of 2-D convolutions over NHWC feature grids (float32 tfjs), for the models whose article is about
 * a convolutional network on a grid: QB-Heat's CNN encoder and decoder over the patch grid (kexue.fm/archives/9359:
 * "the encoder can be a plain CNN" because the visible part is one contiguous block). Layer l maps c_{l−1} → c_l
 * channels with a k_l×k_l kernel, stride 1, "same" zero padding (tfjs-backend-wasm's numeric-pad bug is avoided),
 *
 *   h_l = act(conv(h_{l−1}, W_l) + b_l)   for the hidden layers,   out = conv(h_{L−1}, W_L) + b_L   (linear output).
 *
 * A 1×1 layer is a dense map applied at every cell (a patch embedding, a per-cell read-out). Each layer is
 * {@link conv2dSame}: tf.conv2d forward, with a gradient built from forward convolutions (the wasm backend's own
 * input gradient is slow). Filters are He-normal (fan-in k²·c_{l−1}) from the seeded Rng, drawn layer by layer;
 * biases start at 0. Training goes through lib/train's loop and Adam like every model.
 * @module
 */
import { requireInt, requireOneOf, Rng, tf } from "../core/mod.ts";
import { constantVariable, heNormalVariable } from "./init.ts";

/** One convolution layer: kernel side (odd) and output channels. */
export interface ConvLayer {
  kernel: number;
  out: number;
}

/** Options of {@link ConvStack}. */
export interface ConvStackOptions {
  /** Channels of the input grid. */
  inChannels: number;
  /** The layers, first to last (the last one is linear). */
  layers: readonly ConvLayer[];
  /** Activation of the hidden layers (default "relu"). */
  activation?: "relu" | "linear";
  rng: Rng;
}

/** A stack of "same" convolutions; see the module documentation. */
export class ConvStack {
  readonly inChannels: number;
  readonly layers: readonly ConvLayer[];
  readonly activation: "relu" | "linear";
  readonly #filters: tf.Variable[] = [];
  readonly #biases: tf.Variable[] = [];

  constructor(opts: ConvStackOptions) {
    if (!opts || typeof opts !== "object") throw new TypeError("opts must be a ConvStackOptions object");
    this.inChannels = requireInt("opts.inChannels", opts.inChannels, 1);
    if (!Array.isArray(opts.layers) || opts.layers.length === 0) {
      throw new TypeError("opts.layers must be a non-empty array of { kernel, out }");
    }
    this.layers = opts.layers.map((l, i) => {
      const kernel = requireInt(`opts.layers[${i}].kernel`, l?.kernel, 1);
      if (kernel % 2 !== 1) throw new RangeError(`opts.layers[${i}].kernel must be odd, got ${kernel}`);
      return { kernel, out: requireInt(`opts.layers[${i}].out`, l.out, 1) };
    });
    this.activation = requireOneOf("opts.activation", opts.activation ?? "relu", ["relu", "linear"] as const);
    if (!(opts.rng instanceof Rng)) throw new TypeError("opts.rng must be an Rng");
    let c = this.inChannels;
    for (const { kernel, out } of this.layers) {
      const fanIn = kernel * kernel * c;
      this.#filters.push(heNormalVariable(opts.rng, fanIn, out)); // [k·k·c, out] row-major = [k, k, c, out]
      this.#biases.push(constantVariable(out));
      c = out;
    }
  }

  /** Output channels (the last layer's). */
  get outChannels(): number {
    return this.layers[this.layers.length - 1].out;
  }

  /** Filters and biases, layer by layer. */
  get variables(): tf.Variable[] {
    return this.#filters.flatMap((f, i) => [f, this.#biases[i]]);
  }

  /** The stack applied to x [n, H, W, inChannels]: [n, H, W, outChannels]. Call inside tf.tidy. */
  apply(x: tf.Tensor4D): tf.Tensor4D {
    if (!(x instanceof tf.Tensor) || x.rank !== 4 || x.shape[3] !== this.inChannels) {
      throw new RangeError(
        `x must be a [n, H, W, ${this.inChannels}] tensor, got [${(x as tf.Tensor)?.shape}]`,
      );
    }
    let h: tf.Tensor4D = x;
    this.layers.forEach(({ kernel, out }, i) => {
      const w = tf.reshape(this.#filters[i], [kernel, kernel, h.shape[3], out]) as tf.Tensor4D;
      const z = tf.add(conv2dSame(h, w), this.#biases[i]) as tf.Tensor4D;
      h = i < this.layers.length - 1 && this.activation === "relu" ? tf.relu(z) : z;
    });
    return h;
  }

  /** Number of trainable parameters. */
  get parameterCount(): number {
    return this.variables.reduce((s, v) => s + v.size, 0);
  }

  /** Releases the variables. */
  dispose(): void {
    tf.dispose(this.variables);
  }
}

/**
 * The "same", stride-1 convolution y = conv2d(x, w) (x [n, H, W, c], w [k, k, c, out], k odd) with a gradient made of
 * fast kernels: ∂x = conv2d(∂y, w') with w' the filter flipped in both spatial axes and its channels swapped
 * ([k, k, out, c]) — the adjoint of a "same" stride-1 convolution is the convolution with the flipped filter — and ∂w
 * from the Conv2DBackpropFilter kernel (registered for wasm by lib/core: im2col and the registered matmul). tfjs-backend-wasm's
 * Conv2DBackpropInput is about ten times slower than its forward Conv2D (measured: 961 ms against 96 ms on
 * [64, 8, 8, 64], 3×3, 64 → 64), and every hidden layer needs ∂x. Values equal tf.conv2d's.
 */
export function conv2dSame(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  if (!(x instanceof tf.Tensor) || x.rank !== 4) {
    throw new RangeError(`x must be a [n, H, W, c] tensor, got [${(x as tf.Tensor)?.shape}]`);
  }
  if (
    !(w instanceof tf.Tensor) || w.rank !== 4 || w.shape[0] !== w.shape[1] || w.shape[0] % 2 !== 1 ||
    w.shape[2] !== x.shape[3]
  ) {
    throw new RangeError(
      `w must be a [k, k, ${x.shape[3]}, out] tensor with k odd, got [${(w as tf.Tensor)?.shape}]`,
    );
  }
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const xa = args[0] as tf.Tensor4D, wb = args[1] as tf.Tensor4D;
    (args[2] as tf.GradSaveFunc)([xa, wb]);
    return {
      value: tf.conv2d(xa, wb, 1, "same"),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const flipped = tf.transpose(tf.reverse(ws, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
        const g = dy as tf.Tensor4D;
        const dx = tf.conv2d(g, flipped, 1, "same");
        const dw = tf.engine().runKernel("Conv2DBackpropFilter", { x: xs, dy: g }, {
          strides: 1,
          pad: "same",
          dataFormat: "NHWC",
          dimRoundingMode: undefined,
          filterShape: ws.shape,
        } as never) as tf.Tensor4D;
        return [dx, dw];
      },
    };
  });
  return (f as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor)(x, w) as tf.Tensor4D;
}
