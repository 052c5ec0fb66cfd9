/**
 * The exploratory run of brief 27 (derivation 6, article §优化视角, last paragraph): fine-tuning the pre-trained
 * backbone with plain SGD against "random-projection LoRA" — rank-1 factors u, v re-drawn every step, so that each
 * backbone matrix moves by −η(uuᵀG + Gvᵀv) with fresh u ~ N(0, Iₙ), v ~ N(0, Iₘ) (lib/train's
 * randomProjectionUpdate). In expectation that is −2ηG (the article, with u and v's dimensions swapped, reads it as
 * −ηG): the fair comparison is SGD with step 2η, or the projected run at η/2 against SGD at η. Su guesses the
 * projected run is not faster but may forget less; the run records the loss per step and, after every epoch, the
 * accuracy on the new task (digits 5–9, fresh head) and on the old one (digits 0–4, the pre-training head).
 *
 * Updates: "sgd" moves every trainable weight (backbone copy and head) by −ηg; "random-projection" moves every
 * backbone *matrix* by −η(uuᵀG + Gvᵀv) and every other weight (biases, the fresh head) by the expected step −2ηg,
 * so that the two runs at (2η, η) differ only by the projection noise on the backbone matrices.
 * @module
 */
import { requireInt, requireOneOf, requirePositive, Rng, tf } from "../core/mod.ts";
import { accuracy, Mlp, randomProjectionUpdate, type ResMlp, runSteps } from "../train/mod.ts";
import { epochBatches, gatherBatch, type TransferTasks } from "./tasks.ts";

/** The two updates {@link sgdFineTune} knows. */
export const SGD_UPDATES = ["sgd", "random-projection"] as const;
/** One of {@link SGD_UPDATES}. */
export type SgdUpdate = typeof SGD_UPDATES[number];

/** Options of {@link sgdFineTune}. */
export interface SgdFineTuneOptions {
  update: SgdUpdate;
  /** The step η (the projected update's expected step is 2η). */
  eta: number;
  epochs: number;
  /** Default 128. */
  batch?: number;
  /** Seeds the head (fork "head"), the batches ("batches") and the projections ("projections"). */
  rng: Rng;
  /** Progress label (null: none). */
  label?: string | null;
}

/** What {@link sgdFineTune} recorded. */
export interface SgdFineTuneResult {
  update: SgdUpdate;
  eta: number;
  /** Training loss per step. */
  loss: Float64Array;
  /** Accuracy on the new task's test set after each epoch. */
  accNew: number[];
  /** Accuracy on the old task's test set (pre-training head) after each epoch. */
  accOld: number[];
}

/** Fine-tunes a copy of `net` (left unchanged) on the new task with `opts.update` (see the module note). */
export async function sgdFineTune(
  net: ResMlp,
  tasks: TransferTasks,
  opts: SgdFineTuneOptions,
): Promise<SgdFineTuneResult> {
  if (!net || !Array.isArray(net.blocks) || typeof net.clone !== "function") {
    throw new TypeError("net must be a ResMlp");
  }
  if (!tasks || !tasks.adapt?.train) throw new TypeError("tasks must come from mnistTransferTasks");
  if (!opts || !(opts.rng instanceof Rng)) throw new TypeError("opts.rng must be an Rng");
  const update = requireOneOf("opts.update", opts.update, SGD_UPDATES);
  const eta = requirePositive("opts.eta", opts.eta);
  const epochs = requireInt("opts.epochs", opts.epochs, 1);
  const batch = requireInt("opts.batch", opts.batch ?? 128, 1);
  const classes = 5;
  const work = net.clone();
  const head = new Mlp({ inputs: net.width, outDim: classes, hidden: [], rng: opts.rng.fork("head") });
  const projected = new Set(
    update === "random-projection" ? work.backboneVariables.filter((v) => v.rank === 2) : [],
  );
  const vars = [...work.backboneVariables, ...head.variables];
  const plainStep = update === "sgd" ? eta : 2 * eta;
  const train = tasks.adapt.train;
  const batches = epochBatches(train.n, batch, epochs, opts.rng.fork("batches"));
  const perEpoch = batches.length / epochs;
  const prng = opts.rng.fork("projections");
  const accNew: number[] = [], accOld: number[] = [];
  const evaluate = () => {
    accNew.push(
      accuracy((x) => head.predict([work.features(x)]), tasks.adapt.test.x, tasks.adapt.test.labels),
    );
    accOld.push(accuracy((x) => work.logits(x), tasks.pre.test.x, tasks.pre.test.labels));
  };
  try {
    const log = await runSteps(batches.length, (i) => {
      const loss = tf.tidy(() => {
        const { x, y } = gatherBatch(train, batches[i], classes);
        const { value, grads } = tf.variableGrads(
          () => tf.losses.softmaxCrossEntropy(y, head.predict([work.features(x)])) as tf.Scalar,
          vars,
        );
        for (const v of vars) {
          const g = grads[v.name];
          const d = projected.has(v)
            ? tf.mul(eta, randomProjectionUpdate(g as tf.Tensor2D, prng))
            : tf.mul(plainStep, g);
          v.assign(tf.sub(v, d));
        }
        return value.dataSync()[0];
      });
      if ((i + 1) % perEpoch === 0) evaluate();
      return loss;
    }, { label: opts.label === undefined ? `SGD fine-tuning: ${update}, η = ${eta}` : opts.label });
    return { update, eta, loss: log.loss, accNew, accOld };
  } finally {
    work.dispose();
    head.dispose();
  }
}
