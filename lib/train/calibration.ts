/**
 * Calibration of a classifier's confidence (the max softmax probability): reliability bins and the expected
 * calibration error ECE = Σ_b (n_b/n)·|acc_b − conf_b| over equal-width confidence bins (Guo et al. 2017), as the
 * TaiLr notebook reports it next to accuracy (kexue.fm/archives/9526 is about over-weighting unlikely samples, not
 * about ECE; the notebook reports it, it does not claim it improves).
 * @module
 */
import { requireInRange, requireInt, Rng, variance } from "../core/mod.ts";

/** One reliability bin: confidences in [lo, hi) (the last bin includes 1). */
export interface ReliabilityBin {
  lo: number;
  hi: number;
  /** Samples in the bin. */
  count: number;
  /** Mean confidence of the bin (NaN when empty). */
  confidence: number;
  /** Fraction correct in the bin (NaN when empty). */
  accuracy: number;
}

function check(conf: ArrayLike<number>, correct: ArrayLike<number>, bins: number): void {
  if (conf.length === 0) throw new RangeError("conf must not be empty");
  if (correct.length !== conf.length) {
    throw new RangeError(`correct must have ${conf.length} entries, got ${correct.length}`);
  }
  requireInt("bins", bins, 1);
  for (let i = 0; i < conf.length; i++) {
    requireInRange(`conf[${i}]`, conf[i], 0, 1);
    if (correct[i] !== 0 && correct[i] !== 1) {
      throw new RangeError(`correct[${i}] must be 0 or 1, got ${correct[i]}`);
    }
  }
}

/** Equal-width reliability bins of confidences in [0, 1] with 0/1 correctness. */
export function reliabilityBins(
  conf: ArrayLike<number>,
  correct: ArrayLike<number>,
  bins = 15,
): ReliabilityBin[] {
  check(conf, correct, bins);
  const n = new Float64Array(bins), c = new Float64Array(bins), a = new Float64Array(bins);
  for (let i = 0; i < conf.length; i++) {
    const b = Math.min(bins - 1, Math.floor(conf[i] * bins));
    n[b] += 1;
    c[b] += conf[i];
    a[b] += correct[i];
  }
  return Array.from({ length: bins }, (_, b) => ({
    lo: b / bins,
    hi: (b + 1) / bins,
    count: n[b],
    confidence: n[b] > 0 ? c[b] / n[b] : NaN,
    accuracy: n[b] > 0 ? a[b] / n[b] : NaN,
  }));
}

/** Expected calibration error Σ_b (n_b/n)|acc_b − conf_b| over `bins` equal-width bins (default 15). */
export function ece(conf: ArrayLike<number>, correct: ArrayLike<number>, bins = 15): number {
  const rb = reliabilityBins(conf, correct, bins);
  let s = 0;
  for (const b of rb) if (b.count > 0) s += b.count * Math.abs(b.accuracy - b.confidence);
  return s / conf.length;
}

/** Confidences and 0/1 correctness of one classifier on a test set (what {@link ece} takes). */
export interface Predictions {
  conf: ArrayLike<number>;
  correct: ArrayLike<number>;
}

/**
 * ECE(a) − ECE(b) of two classifiers on the same test samples, with its standard error from a paired bootstrap
 * (`reps` resamples of the test samples with replacement, the same indices for both, drawn from `rng`): the
 * sampling error of the comparison, including the binning noise of ECE's equal-width bins. The SE is the standard
 * deviation of the resampled differences.
 */
export function eceDifference(
  a: Predictions,
  b: Predictions,
  opts: { rng: Rng; reps?: number; bins?: number },
): { difference: number; se: number } {
  if (!(opts?.rng instanceof Rng)) throw new TypeError("opts.rng must be an Rng");
  const reps = requireInt("opts.reps", opts.reps ?? 200, 2);
  const bins = opts.bins ?? 15;
  const n = a?.conf?.length;
  if (b?.conf?.length !== n) {
    throw new RangeError(`b must have as many samples as a (${n}), got ${b?.conf?.length}`);
  }
  const difference = ece(a.conf, a.correct, bins) - ece(b.conf, b.correct, bins); // validates both
  const ca = new Float64Array(n), ka = new Uint8Array(n), cb = new Float64Array(n), kb = new Uint8Array(n);
  const diffs = new Float64Array(reps);
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < n; i++) {
      const j = opts.rng.int(n);
      ca[i] = a.conf[j];
      ka[i] = a.correct[j];
      cb[i] = b.conf[j];
      kb[i] = b.correct[j];
    }
    diffs[r] = ece(ca, ka, bins) - ece(cb, kb, bins);
  }
  return { difference, se: Math.sqrt(variance(diffs, 1)) };
}
