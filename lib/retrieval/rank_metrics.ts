/**
 * Ranking metrics of a similarity model, float64 over plain arrays: average ranks, Spearman's ρ, the
 * Mann–Whitney AUC, the best accuracy threshold and accuracy at a threshold. These are the evaluation protocol of
 * CoSENT (II)/(III) (kexue.fm/archives/8860, 9341): Spearman between scores and labels, and accuracy at the
 * threshold that maximises validation accuracy. With binary labels, Spearman is an affine function of AUC
 * (notebook 13, step 5): {@link spearmanFromAuc}.
 * @module
 */
import { pearson, requireAllFinite, requireFinite, requireInt } from "../core/mod.ts";

function checkPair(xName: string, x: ArrayLike<number>, yName: string, y: ArrayLike<number>, min = 2): void {
  if (x.length !== y.length) {
    throw new RangeError(`${xName} and ${yName} must have the same length, got ${x.length} and ${y.length}`);
  }
  if (x.length < min) throw new RangeError(`${xName} needs at least ${min} values, got ${x.length}`);
  requireAllFinite(xName, x);
  requireAllFinite(yName, y);
}

function checkBinary(name: string, y: ArrayLike<number>): { n0: number; n1: number } {
  let n1 = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`${name}[${i}] must be 0 or 1, got ${y[i]}`);
    n1 += y[i];
  }
  return { n0: y.length - n1, n1 };
}

/**
 * 1-based ranks of `x` with ties given the average of the ranks they span (the "fractional" ranking that
 * Spearman's ρ and the Mann–Whitney U use).
 */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  requireAllFinite("x", x);
  const n = x.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((i, j) => x[i] - x[j]);
  const r = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && x[idx[j + 1]] === x[idx[i]]) j++;
    const avg = (i + j) / 2 + 1; // ranks i+1..j+1
    for (let k = i; k <= j; k++) r[idx[k]] = avg;
    i = j + 1;
  }
  return r;
}

function requireNotConstant(name: string, x: ArrayLike<number>): void {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return;
  throw new RangeError(`${name} is constant: its rank correlation is undefined`);
}

/**
 * Spearman's rank correlation ρ: the Pearson correlation (lib/core {@link pearson}) of the average ranks of `x` and `y` (ties averaged).
 * The metric of the article's first table. Throws if either input is constant.
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPair("x", x, "y", y);
  requireNotConstant("x", x);
  requireNotConstant("y", y);
  return pearson(averageRanks(x), averageRanks(y));
}

/**
 * The Mann–Whitney AUC: the fraction of (negative, positive) pairs with the positive scored higher, ties counting
 * ½, computed from average ranks as (R₁ − n₁(n₁+1)/2)/(n₀n₁). `labels` are 0/1; both classes must be present.
 */
export function aucBinary(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkPair("scores", scores, "labels", labels);
  const { n0, n1 } = checkBinary("labels", labels);
  if (n0 === 0 || n1 === 0) {
    throw new RangeError(`labels must contain both classes, got n0=${n0}, n1=${n1}`);
  }
  const r = averageRanks(scores);
  let r1 = 0;
  for (let i = 0; i < r.length; i++) if (labels[i] === 1) r1 += r[i];
  return (r1 - (n1 * (n1 + 1)) / 2) / (n0 * n1);
}

/**
 * Spearman's ρ between untied scores and binary labels as a function of the AUC (notebook 13, step 5):
 * ρ = (2·AUC − 1)·√(3 n₀ n₁ / (n² − 1)), n = n₀ + n₁. (cov of ranks with y = n₀n₁(AUC − ½)/n,
 * sd of ranks = √((n² − 1)/12), sd of y = √(n₀n₁)/n.)
 */
export function spearmanFromAuc(auc: number, n0: number, n1: number): number {
  requireFinite("auc", auc);
  if (auc < 0 || auc > 1) throw new RangeError(`auc must be in [0, 1], got ${auc}`);
  requireInt("n0", n0, 1);
  requireInt("n1", n1, 1);
  const n = n0 + n1;
  return (2 * auc - 1) * Math.sqrt((3 * n0 * n1) / (n * n - 1));
}

/** Accuracy of the rule "predict 1 iff score > threshold" against 0/1 `labels`. */
export function accuracyAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): number {
  checkPair("scores", scores, "labels", labels, 1);
  checkBinary("labels", labels);
  requireFinite("threshold", threshold);
  let ok = 0;
  for (let i = 0; i < scores.length; i++) if ((scores[i] > threshold ? 1 : 0) === labels[i]) ok++;
  return ok / scores.length;
}

/** What {@link optimalThreshold} returns. */
export interface ThresholdResult {
  /** The threshold (a midpoint between consecutive distinct scores, or just outside their range). */
  threshold: number;
  /** The accuracy of "score > threshold" on the data it was chosen on. */
  accuracy: number;
}

/**
 * The threshold that maximises the accuracy of "predict 1 iff score > threshold" (CoSENT (II)'s protocol, which
 * searched it with Powell's method; this exact sweep over all midpoints of sorted distinct scores, plus one
 * threshold below and one above all scores, is never worse). O(n log n). Ties between thresholds go to the
 * smallest.
 */
export function optimalThreshold(scores: ArrayLike<number>, labels: ArrayLike<number>): ThresholdResult {
  checkPair("scores", scores, "labels", labels, 1);
  const { n1 } = checkBinary("labels", labels);
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((i, j) => scores[i] - scores[j]);
  const lo = scores[idx[0]], hi = scores[idx[n - 1]];
  // threshold below all scores: every prediction is 1
  let correct = n1;
  let best = correct, bestT = lo - 1;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]]) j++;
    // move the whole tie group i..j below the threshold: they become predictions of 0
    for (let k = i; k <= j; k++) correct += labels[idx[k]] === 0 ? 1 : -1;
    const t = j + 1 < n ? (scores[idx[j]] + scores[idx[j + 1]]) / 2 : hi + 1;
    if (correct > best) {
      best = correct;
      bestT = t;
    }
    i = j + 1;
  }
  return { threshold: bestT, accuracy: best / n };
}

/** The evaluation protocol of one trained model (CoSENT (II), repo `interact*.py`). */
export interface PairEvaluation {
  /** Threshold chosen on the validation set by {@link optimalThreshold}. */
  threshold: number;
  /** Validation accuracy at that threshold. */
  validAccuracy: number;
  /** Test accuracy at the validation threshold. */
  testAccuracy: number;
  /** Spearman's ρ between test scores and test labels. */
  testSpearman: number;
}

/**
 * The article's protocol: Spearman on the test set, and test accuracy at the threshold that maximises validation
 * accuracy. `validLabels` and the binarised `testBinary` are 0/1; `testLabels` may be graded (Spearman only).
 */
export function evaluatePairs(
  validScores: ArrayLike<number>,
  validLabels: ArrayLike<number>,
  testScores: ArrayLike<number>,
  testLabels: ArrayLike<number>,
  testBinary: ArrayLike<number> = testLabels,
): PairEvaluation {
  const t = optimalThreshold(validScores, validLabels);
  return {
    threshold: t.threshold,
    validAccuracy: t.accuracy,
    testAccuracy: accuracyAt(testScores, testBinary, t.threshold),
    testSpearman: spearman(testScores, testLabels),
  };
}
