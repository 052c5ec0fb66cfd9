/**
 * One runner for every adaptation method of notebooks 01 and 27 (brief 01, "Methods"; brief 27, Part C): a fresh
 * 5-way head on the pre-trained {@link ResMlp} plus
 *
 * - "head": the head alone (linear probe) — backbone features computed without a tape;
 * - "prompt": one learned vector at the input (lib/train's makePrompt) — backprop through every block;
 * - "adapter": bottleneck Adapters after every block (makeAdapters);
 * - "lora": LoRA factors on both feed-forward matrices of every block (makeLora; init zeroB / symmetric / additive);
 * - "lst": the ladder side network (LadderSide) on the backbone states computed without a tape;
 * - "full": every weight (on a copy of the backbone).
 *
 * Each is trained with lib/train's adam + runSteps/minimizeStep and measured the same way: trainable parameters,
 * bytes the gradient tape saved for backprop and bytes alive at the end of the forward (lib/train's
 * measureRetained), peak bytes of one step (peakStepBytes, after training so Adam's moments already exist), Adam's
 * state bytes, median wall time per step, and accuracy on the new task and (through the pre-training head) the old.
 * With `keepStep`, the trained method is kept alive and its training step returned ({@link MethodStepper}), so that
 * several methods' steps can be timed side by side afterwards (lib/core's interleavedTimes): times taken one method
 * after another, while other jobs load the machine, are biased by load changes between the runs.
 * @module
 */
import { median, requireInt, requireOneOf, requirePositive, Rng, tf } from "../core/mod.ts";
import {
  accuracy,
  adam,
  type AdapterSet,
  LadderSide,
  type LoraImpl,
  type LoraInit,
  makeAdapters,
  makeLora,
  makePrompt,
  measureRetained,
  minimizeStep,
  Mlp,
  optimizerStateBytes,
  peakStepBytes,
  type ResMlp,
  type ResMlpHooks,
  type Retained,
  runSteps,
} from "../train/mod.ts";
import { epochBatches, gatherBatch, type TransferTasks } from "./tasks.ts";

/** The methods {@link adaptBackbone} knows. */
export const METHOD_KINDS = ["head", "prompt", "adapter", "lora", "lst", "full"] as const;
/** One of {@link METHOD_KINDS}. */
export type MethodKind = typeof METHOD_KINDS[number];

/** A method and its settings. */
export interface MethodSpec {
  kind: MethodKind;
  /** Adam learning rate. */
  lr: number;
  /** Shown in tables (default: the kind). */
  label?: string;
  /** LoRA rank (kind "lora"). */
  rank?: number;
  /** LoRA init (default "zeroB"). */
  init?: LoraInit;
  /** LoRA implementation (default "factored"). */
  impl?: LoraImpl;
  /** Adapter / LST reduction r (default 8). */
  reduction?: number;
}

/** What {@link adaptBackbone} measured. */
export interface MethodResult {
  label: string;
  kind: MethodKind;
  /** Trainable parameters, head included. */
  trainable: number;
  /** Bytes saved by the gradient tape for backprop (non-variable buffers), one step. */
  tapeBytes: number;
  /** Bytes alive at the end of the forward of one step, above what was allocated before the step. */
  aliveBytes: number;
  /** Peak bytes of one whole step (tf.profile) above the bytes before it. */
  peakBytes: number;
  /** Adam's moment bytes after training. */
  stateBytes: number;
  /** Median wall milliseconds per training step. */
  msPerStep: number;
  /** Wall seconds of the whole adaptation run. */
  wallS: number;
  /** Test accuracy on the adaptation task (digits 5–9). */
  accNew: number;
  /** Test accuracy on the pre-training task through the pre-training head, after adaptation. */
  accOld: number;
  /** Training loss per step. */
  loss: Float64Array;
  /** LST only: the learned gates μ₁ … μ_L, μ_F after training. */
  gates?: number[];
  /** With `opts.keepStep`: the trained method's training step, to time it later; dispose it after use. */
  stepper?: MethodStepper;
}

/** One more training step of a trained method (on its first batch), and the release of what it holds. */
export interface MethodStepper {
  /** One optimizer step (gather the batch, forward, backward, Adam update), synchronised by reading the loss. */
  step(): void;
  /** Releases the head, the adapters / side network, the optimizer and (full fine-tuning) the backbone copy. */
  dispose(): void;
}

/** Options of {@link adaptBackbone}. */
export interface AdaptOptions {
  epochs: number;
  /** Default 128. */
  batch?: number;
  /** Seeds the new head, the adapters and the batches (forks "head", "adapter", "batches"). */
  rng: Rng;
  /** Progress label (null: none). */
  label?: string | null;
  /** Keep the trained method alive and return its step as `stepper` (default false: everything is released). */
  keepStep?: boolean;
}

/** Adapts `net` (left unchanged: "full" trains a copy) to the new task by `spec` and measures it. */
export async function adaptBackbone(
  net: ResMlp,
  tasks: TransferTasks,
  spec: MethodSpec,
  opts: AdaptOptions,
): Promise<MethodResult> {
  if (!net || !Array.isArray(net.blocks)) throw new TypeError("net must be a ResMlp");
  if (!tasks || !tasks.adapt?.train) throw new TypeError("tasks must come from mnistTransferTasks");
  if (!spec || typeof spec !== "object") throw new TypeError("spec must be a MethodSpec");
  const kind = requireOneOf("spec.kind", spec.kind, METHOD_KINDS);
  requirePositive("spec.lr", spec.lr);
  if (!opts || !(opts.rng instanceof Rng)) throw new TypeError("opts.rng must be an Rng");
  if (opts.keepStep !== undefined && typeof opts.keepStep !== "boolean") {
    throw new TypeError(`opts.keepStep must be a boolean, got ${String(opts.keepStep)}`);
  }
  const epochs = requireInt("opts.epochs", opts.epochs, 1);
  const batch = requireInt("opts.batch", opts.batch ?? 128, 1);
  const label = spec.label ?? kind;
  const classes = 5;

  const m = prepareMethod(net, spec, opts.rng, { classes, copyFull: true });
  const { work, head, side, hooks, vars } = m;
  const lossOf = (x: tf.Tensor2D, y: tf.Tensor2D) => m.loss(x, y);

  const train = tasks.adapt.train;
  const batches = epochBatches(train.n, batch, epochs, opts.rng.fork("batches"));
  const opt = adam(spec.lr);
  const times: number[] = [];
  const step = (idx: Int32Array): number =>
    tf.tidy(() => {
      const { x, y } = gatherBatch(train, idx, classes);
      return minimizeStep(opt, lossOf(x, y), vars);
    });
  const t0 = performance.now();
  const log = await runSteps(batches.length, (i) => {
    const s = performance.now();
    const v = step(batches[i]);
    times.push(performance.now() - s);
    return v;
  }, { label: opts.label === undefined ? `adapting: ${label}` : opts.label });
  const wallS = (performance.now() - t0) / 1000;

  const accNew = accuracy(
    (x) => head.predict([m.features(x)]),
    tasks.adapt.test.x,
    tasks.adapt.test.labels,
  );
  const accOld = accuracy(
    (x) =>
      work.head.predict([kind === "lst" || kind === "head" ? work.features(x) : work.features(x, hooks)]),
    tasks.pre.test.x,
    tasks.pre.test.labels,
  );

  // memory probes on the first batch, after training (Adam's moments exist, so a step allocates no new state)
  const probeIdx = batches[0];
  const before = tf.memory().numBytes;
  let retained: Retained = { bytes: NaN, buffers: 0, copyBytes: NaN, nodes: 0, aliveBytes: NaN };
  tf.tidy(() => {
    const { x, y } = gatherBatch(train, probeIdx, classes);
    retained = measureRetained(lossOf(x, y), vars, before);
  });
  const peakBytes = await peakStepBytes(() => {
    step(probeIdx);
  });
  const result: MethodResult = {
    label,
    kind,
    trainable: m.trainable,
    tapeBytes: retained.bytes,
    aliveBytes: retained.aliveBytes,
    peakBytes,
    stateBytes: optimizerStateBytes(opt),
    msPerStep: median(times),
    wallS,
    accNew,
    accOld,
    loss: log.loss,
  };
  if (side) result.gates = side.gateValues();
  const release = () => {
    opt.dispose();
    m.dispose();
  };
  if (opts.keepStep) {
    let released = false;
    result.stepper = {
      step: () => {
        if (released) throw new RangeError(`the stepper of ${label} was disposed`);
        step(probeIdx);
      },
      dispose: () => {
        if (!released) release();
        released = true;
      },
    };
  } else release();
  return result;
}

/** A method set up on a backbone (new head, adapters / side network, trainable variables), ready to step. */
export interface PreparedMethod {
  label: string;
  kind: MethodKind;
  /** The backbone the method runs on (a copy for "full" with `copyFull`). */
  work: ResMlp;
  /** The new task head. */
  head: Mlp;
  /** The hooks injecting prompt / Adapters / LoRA into the backbone's forward ({} for the others). */
  hooks: ResMlpHooks;
  /** The ladder side network (kind "lst"), else null. */
  side: LadderSide | null;
  /** The trainable variables (head included). */
  vars: tf.Variable[];
  /** Trainable parameters, head included. */
  trainable: number;
  /**
   * The loss closure of one batch for minimizeStep: the states head-only and LST read are computed now, without a
   * tape; the closure runs the rest. Call inside tf.tidy; `y` one-hot.
   */
  loss(x: tf.Tensor2D, y: tf.Tensor2D): () => tf.Scalar;
  /** The features the head reads, without a tape. Call inside tf.tidy. */
  features(x: tf.Tensor2D): tf.Tensor2D;
  /** Releases the head, adapters / side network and (copied full fine-tuning) the backbone copy. */
  dispose(): void;
}

/**
 * Sets up `spec` on `net` (brief 01, "Methods"): a fresh `classes`-way head (rng fork "head"), the method's
 * adapters or side network (fork "adapter"), the trainable variables, and the loss with the backbone outside the
 * gradient closure for head-only and LST (derivation 1: where backprop stops). With `copyFull` (default true)
 * full fine-tuning trains a copy, leaving `net` unchanged; without it, `net` itself (enough to time a step of an
 * untrained backbone, and half the memory). Used by {@link adaptBackbone} and lib/finetune's stepCost.
 */
export function prepareMethod(
  net: ResMlp,
  spec: MethodSpec,
  rng: Rng,
  opts: { classes: number; copyFull?: boolean },
): PreparedMethod {
  if (!net || !Array.isArray(net.blocks)) throw new TypeError("net must be a ResMlp");
  if (!spec || typeof spec !== "object") throw new TypeError("spec must be a MethodSpec");
  const kind = requireOneOf("spec.kind", spec.kind, METHOD_KINDS);
  if (!(rng instanceof Rng)) throw new TypeError("rng must be an Rng");
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be { classes, copyFull? }");
  const classes = requireInt("opts.classes", opts.classes, 2);
  const copyFull = opts.copyFull ?? true;
  if (typeof copyFull !== "boolean") {
    throw new TypeError(`opts.copyFull must be a boolean, got ${String(copyFull)}`);
  }
  const reduction = requireInt("spec.reduction", spec.reduction ?? 8, 1);
  const copied = kind === "full" && copyFull;
  const work = copied ? net.clone() : net;
  const head = new Mlp({ inputs: net.width, outDim: classes, hidden: [], rng: rng.fork("head") });
  const arng = rng.fork("adapter");
  let set: AdapterSet | null = null, side: LadderSide | null = null;
  if (kind === "prompt") set = makePrompt(work);
  if (kind === "adapter") set = makeAdapters(work, reduction, arng);
  if (kind === "lora") {
    set = makeLora(work, {
      rank: requireInt("spec.rank", spec.rank ?? 4, 1),
      init: spec.init,
      impl: spec.impl,
      rng: arng,
    });
  }
  if (kind === "lst") side = new LadderSide(work, { reduction, rng: arng });
  const hooks: ResMlpHooks = set?.hooks ?? {};
  const vars = [
    ...(kind === "full" ? work.backboneVariables : []),
    ...(set?.variables ?? []),
    ...(side?.variables ?? []),
    ...head.variables,
  ];
  // what runs before the gradient closure (no tape), then the features inside it
  const pre = (x: tf.Tensor2D): tf.Tensor2D[] =>
    kind === "head" ? work.states(x, "last") : kind === "lst" ? work.states(x, "all") : [];
  const features = (x: tf.Tensor2D, states: tf.Tensor2D[]): tf.Tensor2D =>
    kind === "head" ? states[0] : kind === "lst" ? side!.features(states) : work.features(x, hooks);
  return {
    label: spec.label ?? kind,
    kind,
    work,
    head,
    hooks,
    side,
    vars,
    trainable: vars.reduce((t, v) => t + v.size, 0),
    loss: (x, y) => {
      const states = pre(x);
      return () => tf.losses.softmaxCrossEntropy(y, head.predict([features(x, states)])) as tf.Scalar;
    },
    features: (x) => features(x, pre(x)),
    dispose: () => {
      head.dispose();
      set?.dispose();
      side?.dispose();
      if (copied) work.dispose();
    },
  };
}
