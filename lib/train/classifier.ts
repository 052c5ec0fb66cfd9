/**
 * A softmax classifier on the project's {@link Mlp}, trained by epochs of shuffled mini-batches with {@link runSteps}
 * + {@link minimizeStep} and lib/train's {@link adam}, under any loss on (logits, labels) — cross-entropy, TaiLr
 * (kexue.fm/archives/9526), label smoothing. After each epoch it records the clean test accuracy, the mean test
 * confidence (max softmax), the ECE, and the memorisation of noisy training labels: the fraction of the flipped
 * training samples the model predicts as their (wrong) training label.
 * @module
 */
import { requireInt, requirePositive, Rng, tf } from "../core/mod.ts";
import { adam } from "./adam.ts";
import { ece } from "./calibration.ts";
import { minimizeStep, runSteps } from "./loop.ts";
import { Mlp } from "./mlp.ts";

/** A labelled set: row-major float64 features and integer labels. */
export interface LabelledSet {
  x: Float64Array;
  y: Uint8Array;
  n: number;
  d: number;
}

/** Options of {@link trainClassifier}. */
export interface ClassifierOptions {
  train: LabelledSet;
  test: LabelledSet;
  /** 1 where a training label was corrupted (for the memorisation metric); optional. */
  flipped?: Uint8Array;
  classes: number;
  hidden: readonly number[];
  epochs: number;
  batch: number;
  lr: number;
  /** The batch loss on logits [b, classes] and int32 labels [b]. */
  loss: (logits: tf.Tensor2D, labels: tf.Tensor1D) => tf.Scalar;
  /** Seeded generator: forks "init" (weights) and "batches" (the epoch shuffles). */
  rng: Rng;
  /** Evaluate after every `evalEvery`-th epoch and after the last one (default 1). */
  evalEvery?: number;
  /** Progress label (null: none). */
  label?: string | null;
}

/** Metrics of {@link trainClassifier} at each evaluated epoch. */
export interface ClassifierHistory {
  /** The evaluated epochs (1-based). */
  epochs: number[];
  /** Clean test accuracy after each epoch. */
  testAccuracy: number[];
  /** Mean max-softmax confidence on the test set after each epoch. */
  confidence: number[];
  /** ECE (15 bins) on the test set after each epoch. */
  ece: number[];
  /** Fraction of flipped training samples predicted as their noisy label after each epoch (NaN without flips). */
  memorised: number[];
  /** Test confidences and 0/1 correctness after the last epoch (for a reliability diagram). */
  finalConf: Float64Array;
  finalCorrect: Uint8Array;
  /** Training loss per step. */
  loss: Float64Array;
  msPerStep: number;
}

function checkSet(name: string, s: LabelledSet, classes: number): void {
  if (!s || !(s.x instanceof Float64Array) || !(s.y instanceof Uint8Array)) {
    throw new TypeError(`${name} must be a LabelledSet { x: Float64Array, y: Uint8Array, n, d }`);
  }
  requireInt(`${name}.n`, s.n, 1);
  requireInt(`${name}.d`, s.d, 1);
  if (s.x.length !== s.n * s.d || s.y.length !== s.n) {
    throw new RangeError(`${name}: x must hold n·d = ${s.n * s.d} values and y n = ${s.n} labels`);
  }
  for (let i = 0; i < s.n; i++) {
    if (s.y[i] >= classes) {
      throw new RangeError(`${name}.y[${i}] = ${s.y[i]} is not below classes = ${classes}`);
    }
  }
}

/** Softmax probabilities of the net on a set, as one [n, classes] array (batched, released). */
function probabilities(net: Mlp, s: LabelledSet, classes: number): Float32Array {
  const out = new Float32Array(s.n * classes);
  const chunk = 1024;
  for (let i = 0; i < s.n; i += chunk) {
    const m = Math.min(chunk, s.n - i);
    const p = tf.tidy(() => {
      const x = tf.tensor2d(Float32Array.from(s.x.subarray(i * s.d, (i + m) * s.d)), [m, s.d]);
      return tf.softmax(net.predict([x])).dataSync() as Float32Array;
    });
    out.set(p, i * classes);
  }
  return out;
}

function argmax(p: Float32Array, i: number, k: number): [number, number] {
  let best = 0, v = p[i * k];
  for (let c = 1; c < k; c++) if (p[i * k + c] > v) [best, v] = [c, p[i * k + c]];
  return [best, v];
}

/** Trains a fresh Mlp classifier (d → hidden → classes, ReLU) and returns its per-epoch history. */
export async function trainClassifier(o: ClassifierOptions): Promise<ClassifierHistory> {
  const classes = requireInt("classes", o?.classes, 2);
  checkSet("train", o.train, classes);
  checkSet("test", o.test, classes);
  if (o.test.d !== o.train.d) throw new RangeError(`test.d must equal train.d = ${o.train.d}`);
  if (o.flipped !== undefined && o.flipped.length !== o.train.n) {
    throw new RangeError(`flipped must have ${o.train.n} entries, got ${o.flipped.length}`);
  }
  const epochs = requireInt("epochs", o.epochs, 1);
  const batch = requireInt("batch", o.batch, 1, o.train.n);
  requirePositive("lr", o.lr);
  if (typeof o.loss !== "function") throw new TypeError("loss must be a function (logits, labels) => scalar");
  if (!(o.rng instanceof Rng)) throw new TypeError("rng must be an Rng");
  const { train, test } = o;
  const net = new Mlp({ inputs: train.d, outDim: classes, hidden: o.hidden, rng: o.rng.fork("init") });
  const opt = adam(o.lr);
  const order = o.rng.fork("batches");
  const perEpoch = Math.floor(train.n / batch);
  const evalEvery = requireInt("evalEvery", o.evalEvery ?? 1, 1);
  const hist: ClassifierHistory = {
    epochs: [],
    testAccuracy: [],
    confidence: [],
    ece: [],
    memorised: [],
    finalConf: new Float64Array(0),
    finalCorrect: new Uint8Array(0),
    loss: new Float64Array(0),
    msPerStep: 0,
  };
  const xs = tf.tensor2d(Float32Array.from(train.x), [train.n, train.d]);
  const ys = tf.tensor1d(Int32Array.from(train.y), "int32");
  let perm: number[] = [];
  const evaluate = () => {
    const p = probabilities(net, test, classes);
    const conf = new Float64Array(test.n), correct = new Uint8Array(test.n);
    for (let i = 0; i < test.n; i++) {
      const [c, v] = argmax(p, i, classes);
      conf[i] = Math.min(1, v);
      correct[i] = c === test.y[i] ? 1 : 0;
    }
    hist.testAccuracy.push(correct.reduce((a, b) => a + b, 0) / test.n);
    hist.confidence.push(conf.reduce((a, b) => a + b, 0) / test.n);
    hist.ece.push(ece(conf, correct));
    hist.finalConf = conf;
    hist.finalCorrect = correct;
    if (o.flipped && o.flipped.some((f) => f === 1)) {
      const q = probabilities(net, train, classes);
      let hit = 0, nf = 0;
      for (let i = 0; i < train.n; i++) {
        if (o.flipped[i] !== 1) continue;
        nf++;
        if (argmax(q, i, classes)[0] === train.y[i]) hit++;
      }
      hist.memorised.push(hit / nf);
    } else hist.memorised.push(NaN);
  };
  try {
    const log = await runSteps(epochs * perEpoch, (s) => {
      const j = s % perEpoch;
      if (j === 0) perm = order.permutation(train.n);
      const loss = tf.tidy(() => {
        const idx = tf.tensor1d(Int32Array.from(perm.slice(j * batch, (j + 1) * batch)), "int32");
        const xb = tf.gather(xs, idx) as tf.Tensor2D, yb = tf.gather(ys, idx) as tf.Tensor1D;
        return minimizeStep(opt, () => o.loss(net.predict([xb]), yb), net.variables);
      });
      const epoch = Math.floor(s / perEpoch) + 1;
      if (j === perEpoch - 1 && (epoch % evalEvery === 0 || epoch === epochs)) {
        hist.epochs.push(epoch);
        evaluate();
      }
      return loss;
    }, { label: o.label === undefined ? "classifier" : o.label });
    hist.loss = log.loss;
    hist.msPerStep = log.msPerStep;
  } finally {
    xs.dispose();
    ys.dispose();
    opt.dispose();
    net.dispose();
  }
  return hist;
}

/**
 * Standardises columns of row-major [n, d] features with the training set's mean and standard deviation (a column
 * with zero spread is only centred): what a linear probe is trained on.
 */
export function standardizeWith(
  train: Float64Array,
  test: Float64Array,
  d: number,
): [Float64Array, Float64Array] {
  requireInt("d", d, 1);
  if (train.length % d !== 0 || test.length % d !== 0 || train.length === 0) {
    throw new RangeError(`train and test must hold whole rows of d = ${d} values`);
  }
  const n = train.length / d, mu = new Float64Array(d), sd = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mu[j] += train[i * d + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sd[j] += (train[i * d + j] - mu[j]) ** 2 / n;
  const scale = Float64Array.from(sd, (v) => (v > 0 ? 1 / Math.sqrt(v) : 1));
  const f = (x: Float64Array) => x.map((v, k) => (v - mu[k % d]) * scale[k % d]);
  return [f(train), f(test)];
}
