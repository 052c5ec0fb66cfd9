/**
 * The entropy floor of softmax over bounded logits (notebook 28, step 7): with logits s_i = cos θ_i/τ ∈ [−1/τ, 1/τ],
 * the lowest attainable entropy is approached by two-level configurations — a fraction a of the logits at +1/τ, the
 * rest at −1/τ — for which, with A = e^{1/τ}, B = e^{−1/τ}, Z = aA + (1 − a)B,
 * H − log n = log Z − (1/τ)·(aA − (1 − a)B)/Z. For τ = 1 the minimum over a is ≈ −0.4745 (the comment-thread
 * constant). A box-constrained optimiser check (lib/train's Adam, clipped to the box) is in {@link minimiseEntropyBox}.
 * @module
 */
import { requireInRange, requireInt, requirePositive, type Rng, tf } from "../core/mod.ts";
import { adam, minimizeStep, runSteps } from "../train/mod.ts";

/** H − log n for the two-level configuration: a fraction a ∈ (0, 1] of logits at +1/τ, the rest at −1/τ. */
export function twoLevelEntropyGap(a: number, tau: number): number {
  requireInRange("a", a, 0, 1);
  if (a === 0) throw new RangeError("a must be > 0 (a = 0 is the uniform configuration at −1/τ)");
  requirePositive("tau", tau);
  // divide through by A = e^{1/τ}: r = B/A = e^{−2/τ} keeps everything finite for small τ
  const r = Math.exp(-2 / tau);
  const z = a + (1 - a) * r;
  return Math.log(z) + 1 / tau - (1 / tau) * (a - (1 - a) * r) / z;
}

/**
 * The lowest entropy gap over two-level configurations of n logits (m = 1..n − 1 at +1/τ): log n − H_min, and m.
 * (m = n is the uniform distribution, gap 0.)
 */
export function minEntropyFloor(n: number, tau: number): { gap: number; m: number } {
  requireInt("n", n, 2);
  requirePositive("tau", tau);
  let best = Infinity, bestM = 0;
  for (let m = 1; m < n; m++) {
    const g = twoLevelEntropyGap(m / n, tau);
    if (g < best) [best, bestM] = [g, m];
  }
  return { gap: -best, m: bestM };
}

/**
 * The minimising fraction a* of {@link twoLevelEntropyGap} on (0, 1] and the minimum, by golden-section search
 * (the function is unimodal in a): used to check the −0.4745 / 0.2055 constants for τ = 1.
 */
export function twoLevelMinimum(tau: number, tol = 1e-12): { a: number; gap: number } {
  requirePositive("tau", tau);
  requirePositive("tol", tol);
  const g = (x: number) => twoLevelEntropyGap(x, tau);
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = 1e-12, hi = 1;
  let x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
  let f1 = g(x1), f2 = g(x2);
  while (hi - lo > tol) {
    if (f1 < f2) {
      [hi, x2, f2] = [x2, x1, f1];
      x1 = hi - phi * (hi - lo);
      f1 = g(x1);
    } else {
      [lo, x1, f1] = [x1, x2, f2];
      x2 = lo + phi * (hi - lo);
      f2 = g(x2);
    }
  }
  const a = (lo + hi) / 2;
  return { a, gap: g(a) };
}

/**
 * Minimises the entropy of softmax(s) over the box s ∈ [−1, 1]ⁿ with lib/train's Adam (float32), projecting onto
 * the box after each step; starts from random logits N(0, initStd²) clipped to the box. Returns H − log n at the end,
 * the fractions of logits at the upper bound and at either bound (within 1e-3), and the loss curve. Every vertex
 * with enough logits at +1 is a local minimum of this problem, so where it ends depends on the start.
 */
export async function minimiseEntropyBox(
  rng: Rng,
  n: number,
  steps: number,
  opts: { lr?: number; initStd?: number } = {},
): Promise<{ gap: number; fractionAtTop: number; fractionAtBounds: number; losses: Float64Array }> {
  requireInt("n", n, 2);
  requireInt("steps", steps, 1);
  const lr = requirePositive("opts.lr", opts.lr ?? 0.05);
  const initStd = requirePositive("opts.initStd", opts.initStd ?? 0.1);
  const s = tf.tidy(() =>
    tf.variable(
      tf.tensor1d(Float32Array.from(rng.normals(n, 0, initStd), (v) => Math.max(-1, Math.min(1, v)))),
    )
  );
  const opt = adam(lr);
  const entropyOf = () =>
    tf.tidy(() => {
      const lp = tf.logSoftmax(s);
      return tf.neg(tf.sum(tf.mul(tf.exp(lp), lp))) as tf.Scalar;
    });
  try {
    const log = await runSteps(steps, () => {
      const h = minimizeStep(opt, entropyOf, [s]);
      tf.tidy(() => s.assign(tf.clipByValue(s, -1, 1)));
      return h;
    }, { label: `entropy over [−1, 1]^${n}` });
    const h = tf.tidy(() => entropyOf().dataSync()[0]);
    const vals = s.dataSync();
    let top = 0, bottom = 0;
    for (const v of vals) {
      if (v > 1 - 1e-3) top++;
      else if (v < -1 + 1e-3) bottom++;
    }
    return {
      gap: h - Math.log(n),
      fractionAtTop: top / n,
      fractionAtBounds: (top + bottom) / n,
      losses: log.loss,
    };
  } finally {
    s.dispose();
    opt.dispose();
  }
}
