/**
 * AdaFactor's factored second moment (Shazeer & Stern 2018, as recalled in brief 27, derivation 8 — the context of
 * Su's "LoRA looks like AdaFactor" remark, kexue.fm/archives/9590): per n×m matrix keep row and column accumulators of
 * G² instead of the full matrix,
 *   R ← βR + (1−β)(G²)𝟙_m,   C ← βC + (1−β)𝟙_nᵀ(G²),   V̂ = R C / (𝟙ᵀR),
 * n + m floats instead of nm; exact when the second moment is rank-1. Float64, plain arrays. Also the optimizer-state
 * ledger of one matrix under Adam, AdaFactor (β₁ = 0) and LoRA-r + Adam.
 * @module
 */
import { requireAllFinite, requireInRange, requireInt, requireOneOf } from "../core/mod.ts";

/** R, C and V̂ of {@link factoredSecondMoment}. */
export interface FactoredMoment {
  /** Row accumulator (length n). */
  R: Float64Array;
  /** Column accumulator (length m). */
  C: Float64Array;
  /** The reconstructed second moment R Cᵀ / sum(R), n rows of m. */
  Vhat: Float64Array[];
}

/**
 * One AdaFactor accumulation step on the squared gradient `G2` (n rows of m non-negative values), starting from
 * R, C (default zeros), with decay β (default 0: the statistics of this G² alone).
 */
export function factoredSecondMoment(
  G2: ArrayLike<number>[],
  R?: Float64Array,
  C?: Float64Array,
  beta = 0,
): FactoredMoment {
  if (!Array.isArray(G2) || G2.length === 0) throw new TypeError("G2 must be a non-empty array of rows");
  const n = G2.length, m = G2[0].length;
  requireInt("G2[0].length", m, 1);
  G2.forEach((row, i) => {
    if (row.length !== m) throw new RangeError(`G2[${i}] must have ${m} entries, got ${row.length}`);
    requireAllFinite(`G2[${i}]`, row);
    for (let j = 0; j < m; j++) {
      if (row[j] < 0) throw new RangeError(`G2[${i}][${j}] must be >= 0, got ${row[j]}`);
    }
  });
  requireInRange("beta", beta, 0, 1);
  if (beta >= 1) throw new RangeError(`beta must be < 1, got ${beta}`);
  const r0 = R ?? new Float64Array(n), c0 = C ?? new Float64Array(m);
  if (r0.length !== n) throw new RangeError(`R must have length ${n}, got ${r0.length}`);
  if (c0.length !== m) throw new RangeError(`C must have length ${m}, got ${c0.length}`);
  const Rn = new Float64Array(n), Cn = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    let rs = 0;
    for (let j = 0; j < m; j++) {
      rs += G2[i][j];
      Cn[j] += G2[i][j];
    }
    Rn[i] = beta * r0[i] + (1 - beta) * rs;
  }
  for (let j = 0; j < m; j++) Cn[j] = beta * c0[j] + (1 - beta) * Cn[j];
  const total = Rn.reduce((s, v) => s + v, 0);
  const Vhat = Array.from(
    { length: n },
    (_, i) => Float64Array.from(Cn, (c) => total > 0 ? (Rn[i] * c) / total : 0),
  );
  return { R: Rn, C: Cn, Vhat };
}

/**
 * Floats of optimizer state (plus, for LoRA, its trainable parameters are r(n + m)) for one n×m matrix: "adam" 2nm;
 * "adafactor" (β₁ = 0) n + m; "lora-adam" 2r(n + m) (Adam's two moments on A and B).
 */
export function optimizerStateFloats(
  n: number,
  m: number,
  kind: "adam" | "adafactor" | "lora-adam",
  r = 1,
): number {
  requireInt("n", n, 1);
  requireInt("m", m, 1);
  requireOneOf("kind", kind, ["adam", "adafactor", "lora-adam"] as const);
  requireInt("r", r, 1);
  return kind === "adam" ? 2 * n * m : kind === "adafactor" ? n + m : 2 * r * (n + m);
}
