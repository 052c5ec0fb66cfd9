/**
 * A masked-patch autoencoder for the QB-Heat vs [MASK] comparison of kexue.fm/archives/9359, with the convolutional
 * encoder and decoder of the notebook's brief: encoder E = a 1×1 patch embedding (p² → `embed`) and two 3×3
 * convolutions (→ `width` → d, ReLU between) that see the visible q×q block only; the fill ({@link heatFill} or
 * {@link maskFill}) completes the G×G feature grid and one learned position embedding, the same for both fills, is
 * added to every cell (as MAE's decoder adds position embeddings to all tokens: the two models then differ only in
 * what the masked cells hold); decoder D = two 3×3 convolutions (→ `width` → `width`, ReLU) and
 * a 1×1 read-out (→ p²) predicts every patch. D's receptive field is 5×5 cells; with `context: "mean"` it also gets
 * the grid's mean feature at every cell (a global summary, a crude stand-in for the attention of MAE's decoder).
 * The loss is the MSE on the masked patches. Trained with {@link runSteps} + {@link minimizeStep} and lib/train's
 * {@link adam}. Evaluation: per-cell reconstruction MSE, and pooled encoder features on the full grid for a linear
 * probe.
 * @module
 */
import { requireInt, requireOneOf, requirePositive, Rng, tf } from "../core/mod.ts";
import { adam } from "./adam.ts";
import { ConvStack } from "./conv.ts";
import { minimizeStep, runSteps, type StepLog } from "./loop.ts";
import { heatFill, maskedCells, maskFill } from "./qbheat.ts";

/** Configuration of a {@link MaskedPatchModel}. */
export interface MaskedPatchConfig {
  /** "heat": QB-Heat's linear fill; "mask": a shared [MASK] vector + position embedding. */
  fill: "heat" | "mask";
  /** Patch values (p²), grid side G and visible block side q. */
  patchDim: number;
  grid: number;
  q: number;
  /** Feature width d, channels of the patch embedding and of the hidden conv layers. */
  d: number;
  embed: number;
  width: number;
  /** "local" (default): D sees its 5×5-cell receptive field only; "mean": also the grid's mean feature. */
  context?: "local" | "mean";
  rng: Rng;
}

/** Encoder, fill parameters and decoder; see the module documentation. */
export class MaskedPatchModel {
  readonly config: Required<Omit<MaskedPatchConfig, "rng">>;
  readonly encoder: ConvStack;
  readonly decoder: ConvStack;
  /** heat: [A, B] (d×d, zero at init); mask: [m] (d, zero at init). */
  readonly fillVars: tf.Variable[];
  /** The decoder's position embedding [G², d] (zero at init), added to every cell for both fills. */
  readonly position: tf.Variable;

  constructor(c: MaskedPatchConfig) {
    const fill = requireOneOf("c.fill", c?.fill, ["heat", "mask"] as const);
    const patchDim = requireInt("c.patchDim", c.patchDim, 1);
    const grid = requireInt("c.grid", c.grid, 2);
    const q = requireInt("c.q", c.q, 1, grid - 1);
    const d = requireInt("c.d", c.d, 1);
    const embed = requireInt("c.embed", c.embed, 1), width = requireInt("c.width", c.width, 1);
    const context = requireOneOf("c.context", c.context ?? "local", ["local", "mean"] as const);
    if (!(c.rng instanceof Rng)) throw new TypeError("c.rng must be an Rng");
    this.config = { fill, patchDim, grid, q, d, embed, width, context };
    // the same encoder and decoder init for both fills (forks by name)
    this.encoder = new ConvStack({
      inChannels: patchDim,
      layers: [{ kernel: 1, out: embed }, { kernel: 3, out: width }, { kernel: 3, out: d }],
      rng: c.rng.fork("E"),
    });
    this.decoder = new ConvStack({
      inChannels: context === "mean" ? 2 * d : d,
      layers: [{ kernel: 3, out: width }, { kernel: 3, out: width }, { kernel: 1, out: patchDim }],
      rng: c.rng.fork("D"),
    });
    this.fillVars = fill === "heat"
      ? [tf.variable(tf.zeros([d, d])), tf.variable(tf.zeros([d, d]))]
      : [tf.variable(tf.zeros([d]))];
    this.position = tf.variable(tf.zeros([grid * grid, d]));
  }

  /** All trainable variables. */
  get variables(): tf.Variable[] {
    return [...this.encoder.variables, ...this.fillVars, this.position, ...this.decoder.variables];
  }

  /** Encoder features of a patch grid [n, S, S, p²] (any S; zero padding at the border): [n, S, S, d]. */
  encode(patches: tf.Tensor4D): tf.Tensor4D {
    return this.encoder.apply(patches);
  }

  /** Reconstructed patches [n, G², p²] from full patch grids [n, G, G, p²] (only the visible block is read). */
  reconstruct(patches: tf.Tensor4D): tf.Tensor3D {
    const { q, grid, d, patchDim, context } = this.config;
    const n = patches.shape[0];
    const z = this.encode(tf.slice(patches, [0, 0, 0, 0], [n, q, q, patchDim]) as tf.Tensor4D);
    const [v1, v2] = this.fillVars;
    const filled = this.config.fill === "heat"
      ? heatFill(z, v1 as tf.Tensor2D, v2 as tf.Tensor2D, grid)
      : maskFill(z, v1 as tf.Tensor1D, grid);
    const full = tf.add(filled, this.position) as tf.Tensor3D;
    let input = tf.reshape(full, [n, grid, grid, d]) as tf.Tensor4D;
    if (context === "mean") {
      const pooled = tf.tile(tf.reshape(tf.mean(full, 1), [n, 1, 1, d]), [1, grid, grid, 1]);
      input = tf.concat([input, pooled], 3) as tf.Tensor4D;
    }
    return tf.reshape(this.decoder.apply(input), [n, grid * grid, patchDim]);
  }

  /** Mean squared error per cell [n, G²] of the reconstruction. */
  cellErrors(patches: tf.Tensor4D): tf.Tensor2D {
    const { grid, patchDim } = this.config;
    const target = tf.reshape(patches, [patches.shape[0], grid * grid, patchDim]);
    return tf.mean(tf.square(tf.sub(this.reconstruct(patches), target)), 2) as tf.Tensor2D;
  }

  /** Releases the variables. */
  dispose(): void {
    this.encoder.dispose();
    this.decoder.dispose();
    tf.dispose([...this.fillVars, this.position]);
  }
}

function checkPatches(patches: Float32Array, n: number, grid: number, patchDim: number): void {
  requireInt("n", n, 1);
  if (!(patches instanceof Float32Array) || patches.length !== n * grid * grid * patchDim) {
    throw new RangeError(`patches must be a Float32Array of n·G²·p² = ${n * grid * grid * patchDim} values`);
  }
}

/**
 * Pre-trains the model on patch grids (Float32Array [n, G, G, p²]) by the MSE on the masked patches, with batches
 * drawn from `rng`. Returns the step log.
 */
export async function pretrainMasked(
  model: MaskedPatchModel,
  patches: Float32Array,
  n: number,
  opts: { steps: number; batch: number; lr: number; rng: Rng; label?: string | null },
): Promise<StepLog> {
  if (!(model instanceof MaskedPatchModel)) throw new TypeError("model must be a MaskedPatchModel");
  const { grid, q, patchDim } = model.config;
  checkPatches(patches, n, grid, patchDim);
  const steps = requireInt("opts.steps", opts.steps, 1);
  const batch = requireInt("opts.batch", opts.batch, 1, n);
  requirePositive("opts.lr", opts.lr);
  if (!(opts.rng instanceof Rng)) throw new TypeError("opts.rng must be an Rng");
  const all = tf.tensor4d(patches, [n, grid, grid, patchDim]);
  const weight = tf.tensor2d(maskedCells(q, grid), [1, grid * grid]);
  const masked = grid * grid - q * q;
  const opt = adam(opts.lr);
  try {
    return await runSteps(steps, () =>
      tf.tidy(() => {
        const idx = tf.tensor1d(Int32Array.from({ length: batch }, () => opts.rng.int(n)), "int32");
        const xb = tf.gather(all, idx) as tf.Tensor4D;
        return minimizeStep(
          opt,
          () => tf.div(tf.sum(tf.mul(model.cellErrors(xb), weight)), batch * masked) as tf.Scalar,
          model.variables,
        );
      }), { label: opts.label === undefined ? `pretrain (${model.config.fill})` : opts.label });
  } finally {
    all.dispose();
    weight.dispose();
    opt.dispose();
  }
}

/** Runs `f` on chunks of 256 patch grids [m, G, G, p²] inside tf.tidy; `use(values, first)` takes each chunk's result. */
function chunked(
  model: MaskedPatchModel,
  patches: Float32Array,
  n: number,
  f: (x: tf.Tensor4D) => tf.Tensor,
  use: (values: Float32Array, first: number) => void,
): void {
  const { grid, patchDim } = model.config;
  checkPatches(patches, n, grid, patchDim);
  const per = grid * grid * patchDim;
  for (let i = 0; i < n; i += 256) {
    const m = Math.min(256, n - i);
    const x = patches.subarray(i * per, (i + m) * per);
    use(tf.tidy(() => f(tf.tensor4d(x, [m, grid, grid, patchDim])).dataSync() as Float32Array), i);
  }
}

/** Mean reconstruction MSE per cell (Float64Array G²) over a set of patch grids. */
export function cellMse(model: MaskedPatchModel, patches: Float32Array, n: number): Float64Array {
  const cells = model.config.grid ** 2;
  const sum = new Float64Array(cells);
  chunked(
    model,
    patches,
    n,
    (x) => tf.sum(model.cellErrors(x), 0),
    (e) => e.forEach((v, k) => (sum[k] += v)),
  );
  return sum.map((v) => v / n);
}

/** Encoder features on the full grid, averaged over the cells: Float64Array [n, d] (for a linear probe). */
export function pooledFeatures(model: MaskedPatchModel, patches: Float32Array, n: number): Float64Array {
  const d = model.config.d;
  const out = new Float64Array(n * d);
  chunked(model, patches, n, (x) => tf.mean(model.encode(x), [1, 2]), (f, i) => out.set(f, i * d));
  return out;
}
