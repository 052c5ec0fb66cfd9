/**
 * An ε-MLP trained by {@link trainDenoiser}, through lib/core's weight cache: the first run trains and stores the
 * weights in data/models/, later runs load them — but only when the net options, the seeds, the training options,
 * the schedule, the caller's description of the data and the source files of the model and its training are all
 * unchanged (any change retrains, and the result says why). Used by the notebooks that reuse a model which takes
 * minutes to train (04 reuses notebook 03's MNIST ε-MLP; 05 caches its two training stages).
 * @module
 */
import { cachedModel, type Json, type ModelCacheResult, sha256Hex } from "../../core/mod.ts";
import { EpsNet, type EpsNetOptions } from "./nets.ts";
import type { DiscreteSchedule } from "../schedule/mod.ts";
import { trainDenoiser, type TrainOptions, type X0Sampler } from "./train.ts";
import {
  type HeadTrainOptions,
  trainVarianceHead,
  VarianceHead,
  type VarianceHeadOptions,
} from "./variance_head.ts";

/** The files whose content decides what {@link trainDenoiser} produces (any edit to them invalidates the cache). */
export const DENOISER_SOURCES: readonly string[] = [
  "lib/diffusion/models/nets.ts",
  "lib/diffusion/models/train.ts",
  "lib/diffusion/forward/forward.ts",
  "lib/diffusion/schedule/schedule.ts",
  "lib/train/loop.ts",
  "lib/train/mlp.ts",
  "lib/train/init.ts",
  "lib/core/dense.ts",
  "lib/core/random.ts",
];

/** Options of {@link cachedDenoiser}. */
export interface CachedDenoiserOptions {
  /** Cache entry name (file-name safe). */
  name: string;
  /** The net to build (its rng's seed enters the key). */
  net: EpsNetOptions;
  /** Training options (the rng's seed enters the key). */
  train: TrainOptions;
  /** Draws training data. */
  sampleX0: X0Sampler;
  /** A JSON description of what sampleX0 draws (data set, split, seed…): it enters the key. */
  data: Json;
  /** More source files that decide the data (e.g. "lib/data/mnist.ts", "lib/diffusion/oracle/gmm.ts"). */
  dataSources?: string[];
  /** Cache folder (tests); default data/models. */
  dir?: string;
}

/** What {@link cachedDenoiser} returns. */
export interface CachedDenoiser {
  /** The trained net (the last iterate). */
  net: EpsNet;
  /** The EMA copy when train.ema > 0, else null. */
  ema: EpsNet | null;
  /** What the cache did and why. */
  cache: ModelCacheResult;
  /** The training loss, averaged in at most 500 blocks (kept in the cache so a hit can still plot it). */
  lossCurve: { step: number[]; loss: number[] };
  /** Milliseconds per training step of the run that made the weights. */
  msPerStep: number;
}

/** Block means of a loss trace: at most `blocks` points (step = the block's last step). */
function downsample(loss: Float64Array, blocks: number): { step: number[]; loss: number[] } {
  const w = Math.max(1, Math.ceil(loss.length / blocks));
  const step: number[] = [], out: number[] = [];
  for (let i = 0; i < loss.length; i += w) {
    const e = Math.min(loss.length, i + w);
    let s = 0;
    for (let j = i; j < e; j++) s += loss[j];
    step.push(e);
    out.push(Math.round((s / (e - i)) * 1e6) / 1e6);
  }
  return { step, loss: out };
}

/**
 * Builds the ε-MLP and loads it from the cache, or trains it with {@link trainDenoiser} and caches it. The key covers
 * net options + init seed, training options + training seed, a hash of the schedule's tables, `data`, and the
 * sources. The caller disposes the returned nets.
 */
export async function cachedDenoiser(
  schedule: DiscreteSchedule,
  opts: CachedDenoiserOptions,
): Promise<CachedDenoiser> {
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be CachedDenoiserOptions");
  if (typeof opts.sampleX0 !== "function") {
    throw new TypeError("opts.sampleX0 must be a function (n, rng) => points");
  }
  if (!opts.net?.rng || !opts.train?.rng) {
    throw new TypeError("opts.net.rng and opts.train.rng must be seeded Rngs");
  }
  const net = new EpsNet(opts.net);
  const emaDecay = opts.train.ema ?? 0;
  const ema = emaDecay > 0 ? net.clone() : null;
  const { rng: _netRng, ...netRest } = opts.net;
  const { rng: _trainRng, label: _label, ...trainRest } = opts.train;
  const tables = new Float64Array([...schedule.alpha, ...schedule.alphaBar]);
  const config: Json = {
    net: { ...(netRest as Record<string, Json>), initSeed: opts.net.rng.seed },
    train: { ...(trainRest as Record<string, Json>), trainSeed: opts.train.rng.seed },
    schedule: { T: schedule.T, sha256: await sha256Hex(new Uint8Array(tables.buffer)) },
    data: opts.data,
  };
  let lossCurve = { step: [] as number[], loss: [] as number[] }, msPerStep = NaN;
  const cache = await cachedModel({
    name: opts.name,
    config,
    sources: [...DENOISER_SOURCES, ...(opts.dataSources ?? [])],
    dir: opts.dir,
    variables: () => [...net.variables, ...(ema?.variables ?? [])],
    train: async () => {
      const run = await trainDenoiser(net, opts.sampleX0, schedule, opts.train);
      if (ema && run.ema) {
        ema.assignFrom(run.ema);
        run.ema.dispose();
      }
      lossCurve = downsample(run.loss, 500);
      msPerStep = run.msPerStep;
      return {
        lossCurve,
        msPerStep: Math.round(run.msPerStep * 100) / 100,
        finalLoss: lossCurve.loss.at(-1)!,
      };
    },
  });
  if (cache.status === "hit") {
    const meta = cache.meta as { lossCurve?: { step: number[]; loss: number[] }; msPerStep?: number };
    lossCurve = meta?.lossCurve ?? lossCurve;
    msPerStep = meta?.msPerStep ?? NaN;
  }
  return { net, ema, cache, lossCurve, msPerStep };
}

/** Options of {@link cachedVarianceHead}. */
export interface CachedHeadOptions {
  name: string;
  /** The frozen stage-1 net and its cache result (its key enters the head's key). */
  stage1: { net: EpsNet; cache: ModelCacheResult };
  head: VarianceHeadOptions;
  train: HeadTrainOptions;
  sampleX0: X0Sampler;
  data: Json;
  dataSources?: string[];
  dir?: string;
}

/** A variance head trained on a frozen ε-net (stage 2 of brief 05), through the weight cache. */
export async function cachedVarianceHead(
  schedule: DiscreteSchedule,
  opts: CachedHeadOptions,
): Promise<{ head: VarianceHead; cache: ModelCacheResult; lossCurve: { step: number[]; loss: number[] } }> {
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be CachedHeadOptions");
  if (!opts.stage1?.net || typeof opts.stage1.cache?.key !== "string") {
    throw new TypeError("opts.stage1 must be { net, cache } of the frozen ε-net");
  }
  if (!opts.head?.rng || !opts.train?.rng) {
    throw new TypeError("opts.head.rng and opts.train.rng must be seeded Rngs");
  }
  const head = new VarianceHead(opts.head);
  const { rng: _h, ...headRest } = opts.head;
  const { rng: _t, label: _l, ...trainRest } = opts.train;
  let lossCurve = { step: [] as number[], loss: [] as number[] };
  const cache = await cachedModel({
    name: opts.name,
    config: {
      stage1Key: opts.stage1.cache.key,
      head: { ...(headRest as Record<string, Json>), initSeed: opts.head.rng.seed },
      train: { ...(trainRest as Record<string, Json>), trainSeed: opts.train.rng.seed },
      data: opts.data,
    },
    sources: ["lib/diffusion/models/variance_head.ts", ...DENOISER_SOURCES, ...(opts.dataSources ?? [])],
    dir: opts.dir,
    variables: () => head.variables,
    train: async () => {
      const log = await trainVarianceHead(head, opts.stage1.net, opts.sampleX0, schedule, opts.train);
      lossCurve = downsample(log.loss, 500);
      return { lossCurve, msPerStep: Math.round(log.msPerStep * 100) / 100 };
    },
  });
  if (cache.status === "hit") {
    lossCurve = (cache.meta as { lossCurve?: typeof lossCurve })?.lossCurve ?? lossCurve;
  }
  return { head, cache, lossCurve };
}
