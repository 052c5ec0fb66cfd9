/**
 * Entropy-invariant attention (notebook 26): the scale log_512 n on the logits, the JL-"ideal" key size
 * d_n = d·log_512 n, and two Monte Carlo models of attention entropy — one relevant key among n (where the log n
 * scale keeps the focus) and i.i.d. Gaussian logits (where H ≈ ln n − κ²σ²/2, so constant entropy would need
 * κ ∝ √ln n instead).
 * @module
 */
import { mean, requireInt, requirePositive, type Rng, stdError } from "../core/mod.ts";
import { entropyOfLogits, softmax } from "./softmax.ts";

/** The entropy-invariant factor log_base n = ln n / ln base (article: base 512, the training length). */
export function entropyInvariantScale(n: number, base = 512): number {
  requirePositive("n", n);
  requirePositive("base", base);
  if (base === 1) throw new RangeError("base must not be 1");
  return Math.log(n) / Math.log(base);
}

/** The JL-ideal key size d_n = round(d·log_base n) (article step 4: d_n = λ ln n with d_base = d); at least 1. */
export function idealKeyDim(d: number, n: number, base = 512): number {
  requireInt("d", d, 1);
  return Math.max(1, Math.round(d * entropyInvariantScale(n, base)));
}

/** Mean attention entropy and weight on the relevant key over the trials, with their standard errors. */
export interface FocusStats {
  entropy: number;
  entropySE: number;
  targetWeight: number;
  targetWeightSE: number;
}

/**
 * The one-relevant-key model (notebook 26, step 5): keys k_i ~ N(0, I_d), i = 1..n, query q = k_j + ξ with
 * ξ ~ N(0, σ_q² I), logits s_i = κ q·k_i/√dLogit. Sampled exactly but cheaply: q and k_j are drawn in full, and for
 * i ≠ j, q·k_i given q is N(0, ‖q‖²) (k_i independent of q), so those logits are drawn as ‖q‖·z_i.
 */
export function retrievalFocus(
  rng: Rng,
  opts: { n: number; d: number; dLogit?: number; kappa: number; queryNoise: number; trials: number },
): FocusStats {
  const n = requireInt("opts.n", opts.n, 2);
  const d = requireInt("opts.d", opts.d, 1);
  const dLogit = requireInt("opts.dLogit", opts.dLogit ?? d, 1);
  const kappa = requirePositive("opts.kappa", opts.kappa, true);
  const sq = requirePositive("opts.queryNoise", opts.queryNoise, true);
  const trials = requireInt("opts.trials", opts.trials, 2);
  const H: number[] = [], W: number[] = [];
  const s = new Float64Array(n);
  for (let t = 0; t < trials; t++) {
    const kj = rng.normals(d);
    let qq = 0, qk = 0;
    for (let c = 0; c < d; c++) {
      const q = kj[c] + sq * rng.normal();
      qq += q * q;
      qk += q * kj[c];
    }
    const f = kappa / Math.sqrt(dLogit), nq = Math.sqrt(qq);
    s[0] = f * qk; // the relevant key sits at index 0 (the order of keys does not matter to softmax)
    for (let i = 1; i < n; i++) s[i] = f * nq * rng.normal();
    H.push(entropyOfLogits(s));
    W.push(softmax(s)[0]);
  }
  return { entropy: mean(H), entropySE: stdError(H), targetWeight: mean(W), targetWeightSE: stdError(W) };
}

/** Monte Carlo of H − ln n for n i.i.d. logits N(0, σ²) (notebook 26 step 6, notebook 28 step 5): mean and SE. */
export function iidLogitEntropy(
  rng: Rng,
  n: number,
  sigma: number,
  reps: number,
): { mean: number; se: number } {
  requireInt("n", n, 2);
  requirePositive("sigma", sigma, true);
  requireInt("reps", reps, 2);
  const gaps: number[] = [];
  for (let r = 0; r < reps; r++) gaps.push(entropyOfLogits(rng.normals(n, 0, sigma)) - Math.log(n));
  return { mean: mean(gaps), se: stdError(gaps) };
}
