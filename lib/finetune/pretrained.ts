/**
 * The pre-trained backbone shared by notebooks 01 and 27: a {@link ResMlp} trained on digits 0–4 (brief 01:
 * Adam lr 1e-3, batch 128, cross-entropy) through lib/core's weight cache, so it is trained once and reused — the
 * first notebook to run writes `data/models/ft-resmlp-H<H>-L<L>.*`, the other loads it only if the config, the seeds,
 * the data description and the source files below are unchanged (otherwise it retrains and says why). Two named
 * configurations: {@link BACKBONE_SMALL} (H = 64, L = 4, 1 epoch) and {@link BACKBONE_LARGE} (H = 128, L = 6,
 * 3 epochs).
 * @module
 */
import {
  cachedModel,
  type Json,
  type ModelCacheResult,
  requireInt,
  requirePositive,
  Rng,
  tf,
} from "../core/mod.ts";
import { accuracy, adam, minimizeStep, ResMlp, runSteps } from "../train/mod.ts";
import { epochBatches, gatherBatch, type TransferTasks } from "./tasks.ts";

/** Architecture and pre-training budget of the backbone. */
export interface BackboneConfig {
  width: number;
  depth: number;
  expand: number;
  epochs: number;
  batch: number;
  lr: number;
  /** Seed of the weights' Rng (its fork "init") and of the batches (fork "batches"). */
  seed: number;
}

/** H = 64, L = 4, one epoch (the quick configuration of brief 01 and the toy of brief 27). */
export const BACKBONE_SMALL: Readonly<BackboneConfig> = {
  width: 64,
  depth: 4,
  expand: 4,
  epochs: 1,
  batch: 128,
  lr: 1e-3,
  seed: 1,
};

/** H = 128, L = 6, three epochs (brief 01's full configuration). */
export const BACKBONE_LARGE: Readonly<BackboneConfig> = {
  ...BACKBONE_SMALL,
  width: 128,
  depth: 6,
  epochs: 3,
};

/** The files that decide the pre-trained weights (an edit to any retrains). */
export const BACKBONE_SOURCES: readonly string[] = [
  "lib/finetune/pretrained.ts",
  "lib/finetune/tasks.ts",
  "lib/data/mnist.ts",
  "lib/train/backbone.ts",
  "lib/train/mlp.ts",
  "lib/train/init.ts",
  "lib/train/loop.ts",
  "lib/train/adam.ts",
  "lib/core/dense.ts",
  "lib/core/random.ts",
];

/** What {@link pretrainedBackbone} returns. */
export interface PretrainedBackbone {
  net: ResMlp;
  cache: ModelCacheResult;
  /** Test accuracy on digits 0–4 (measured now, on the loaded or trained weights). */
  preAccuracy: number;
  /** Mean ms per pre-training step of the run that made the weights. */
  msPerStep: number;
  /** Pre-training loss per step of that run. */
  loss: number[];
}

/** Builds the backbone and loads it from the weight cache, or pre-trains it on digits 0–4 and caches it. */
export async function pretrainedBackbone(
  cfg: BackboneConfig,
  tasks: TransferTasks,
  opts: { label?: string | null; dir?: string } = {},
): Promise<PretrainedBackbone> {
  if (!cfg || typeof cfg !== "object") throw new TypeError("cfg must be a BackboneConfig");
  requireInt("cfg.width", cfg.width, 1);
  requireInt("cfg.depth", cfg.depth, 1);
  requireInt("cfg.expand", cfg.expand, 1);
  requireInt("cfg.epochs", cfg.epochs, 1);
  requireInt("cfg.batch", cfg.batch, 1);
  requirePositive("cfg.lr", cfg.lr);
  requireInt("cfg.seed", cfg.seed, 0);
  if (!tasks || !tasks.pre?.train) throw new TypeError("tasks must come from mnistTransferTasks");
  const root = new Rng(cfg.seed);
  const net = new ResMlp({
    inDim: tasks.pre.train.x.shape[1],
    width: cfg.width,
    depth: cfg.depth,
    expand: cfg.expand,
    classes: 5,
    rng: root.fork("init"),
  });
  let loss: number[] = [], msPerStep = NaN;
  const cache = await cachedModel({
    name: `ft-resmlp-H${cfg.width}-L${cfg.depth}`,
    config: { ...cfg, data: tasks.describe.pre } as unknown as Json,
    sources: [...BACKBONE_SOURCES],
    dir: opts.dir,
    variables: () => net.variables,
    train: async () => {
      const train = tasks.pre.train;
      const batches = epochBatches(train.n, cfg.batch, cfg.epochs, root.fork("batches"));
      const opt = adam(cfg.lr), vars = net.variables;
      const log = await runSteps(batches.length, (i) =>
        tf.tidy(() => {
          const { x, y } = gatherBatch(train, batches[i], 5);
          return minimizeStep(opt, () => tf.losses.softmaxCrossEntropy(y, net.logits(x)) as tf.Scalar, vars);
        }), {
        label: opts.label === undefined
          ? `pre-training the backbone (H=${cfg.width}, L=${cfg.depth})`
          : opts.label,
      });
      opt.dispose();
      loss = Array.from(log.loss, (v) => Math.round(v * 1e5) / 1e5);
      msPerStep = log.msPerStep;
      return { loss, msPerStep: Math.round(msPerStep * 100) / 100 };
    },
  });
  if (cache.status === "hit") {
    const meta = cache.meta as { loss?: number[]; msPerStep?: number };
    loss = meta?.loss ?? [];
    msPerStep = meta?.msPerStep ?? NaN;
  }
  const test = tasks.pre.test;
  const preAccuracy = accuracy((x) => net.logits(x), test.x, test.labels);
  return { net, cache, preAccuracy, msPerStep, loss };
}
