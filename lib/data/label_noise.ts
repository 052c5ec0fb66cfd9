/**
 * Symmetric label noise: with probability `rate` a label is replaced by a uniformly drawn *different* class, from the
 * seeded generator (the label-noise experiment of the TaiLr notebook, kexue.fm/archives/9526: cross-entropy keeps
 * pushing on such samples, TaiLr's weight w_γ(p) lets them go).
 * @module
 */
import { requireInRange, requireInt, Rng } from "../core/mod.ts";

/** Noisy labels and which of them were changed. */
export interface NoisyLabels {
  /** The labels after the noise. */
  labels: Uint8Array;
  /** 1 where the label was replaced (always by a different class), else 0. */
  flipped: Uint8Array;
}

/**
 * Replaces each label, independently with probability `rate`, by one of the other `classes − 1` classes drawn
 * uniformly with `rng`. Labels must be integers in [0, classes).
 */
export function symmetricLabelNoise(
  labels: ArrayLike<number>,
  rate: number,
  classes: number,
  rng: Rng,
): NoisyLabels {
  requireInRange("rate", rate, 0, 1);
  requireInt("classes", classes, 2, 255);
  if (!(rng instanceof Rng)) throw new TypeError("rng must be an Rng");
  const n = labels.length;
  const out = new Uint8Array(n), flipped = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const y = requireInt(`labels[${i}]`, labels[i], 0, classes - 1);
    if (rng.uniform() < rate) {
      const r = rng.int(classes - 1);
      out[i] = r >= y ? r + 1 : r;
      flipped[i] = 1;
    } else out[i] = y;
  }
  return { labels: out, flipped };
}
