/**
 * Samplers of the masking model (article kexue.fm/archives/9271 §6) on a {@link MarkovLanguage}-shaped vocabulary,
 * and the measures used to judge them (validity rate, total-variation distance to the true law):
 * - naive (UDM choice i): at step t (t masks) predict x̂₀ at every masked position, then re-mask t − 1 random
 *   positions of x̂₀ — with independent per-position draws from marginals, or with an exact joint draw;
 * - improved (choice ii, merged): pick one masked position and draw it from its marginal — an any-order
 *   autoregressive sampler, exact when the marginals are.
 * @module
 */
import { requireInt, type Rng } from "../../core/mod.ts";
import { categorical, type MarkovLanguage } from "../oracle/mod.ts";
import { runReverse, type StepRule } from "./reverse.ts";

/** Per-position distributions for a batch: xs is n×L (MASK = V), the result n×L×V. */
export type MarginalsFn = (xs: Int32Array) => Float64Array | Promise<Float64Array>;
/** Exact joint completions of a batch (n×L → n×L). */
export type JointFn = (xs: Int32Array, rng: Rng) => Int32Array;

/** The oracle of `lang` as a batch {@link MarginalsFn}. */
export function oracleMarginals(lang: MarkovLanguage): MarginalsFn {
  const { L, V } = lang;
  return (xs) => {
    const n = xs.length / L, out = new Float64Array(n * L * V);
    for (let r = 0; r < n; r++) out.set(lang.marginals(xs.subarray(r * L, (r + 1) * L)), r * L * V);
    return out;
  };
}

/** The oracle's exact joint completion as a batch {@link JointFn}. */
export function oracleJoint(lang: MarkovLanguage): JointFn {
  const { L } = lang;
  return (xs, rng) => {
    const out = new Int32Array(xs.length);
    for (let r = 0; r < xs.length / L; r++) {
      out.set(lang.jointSample(xs.subarray(r * L, (r + 1) * L), rng), r * L);
    }
    return out;
  };
}

async function checkedMarginals(fn: MarginalsFn, xs: Int32Array, n: number, L: number, V: number) {
  const m = await fn(xs);
  if (!(m instanceof Float64Array) || m.length !== n * L * V) {
    throw new RangeError(`marginals must return ${n}×${L}×${V} values, got ${m?.length}`);
  }
  return m;
}

/** The masking grid L, L − 1, …, 0 (t = the number of masked positions) and the all-[MASK] start. */
function maskStart(lang: Pick<MarkovLanguage, "L" | "MASK">, n: number) {
  requireInt("n", n, 1);
  const { L, MASK } = lang;
  return {
    x: new Int32Array(n * L).fill(MASK),
    times: Array.from({ length: L + 1 }, (_, k) => L - k),
  };
}

/**
 * The naive masking sampler: start all-[MASK]; for t = L..1: x̂₀ = fill the masked positions (independently from
 * `fill.marginals`, or jointly from `fill.joint`); x_{t−1} = x̂₀ with t − 1 fresh random positions re-masked.
 */
export async function maskNaive(
  lang: Pick<MarkovLanguage, "V" | "L" | "MASK">,
  n: number,
  fill: { marginals: MarginalsFn } | { joint: JointFn },
  rng: Rng,
): Promise<Int32Array> {
  const { x, times } = maskStart(lang, n);
  return (await runReverse(maskNaiveRule(lang, fill), x, { times, rng })).x;
}

/**
 * The step rule of the naive masking sampler (UDM choice i): the prediction is x̂₀, the masked positions filled from
 * the marginals (independent categorical draws) or by a joint draw; the step x_t → x_s copies x̂₀ and re-masks s
 * random positions per row (one permutation per row).
 */
export function maskNaiveRule(
  lang: Pick<MarkovLanguage, "V" | "L" | "MASK">,
  fill: { marginals: MarginalsFn } | { joint: JointFn },
): StepRule<Int32Array, Int32Array> {
  const { V, L, MASK } = lang;
  return {
    async predict(x, _t, draw) {
      if ("joint" in fill) return fill.joint(x, draw.rng);
      const n = x.length / L, rng = draw.rng;
      const m = await checkedMarginals(fill.marginals, x, n, L, V);
      const x0 = Int32Array.from(x);
      for (let i = 0; i < n * L; i++) {
        if (x[i] === MASK) x0[i] = categorical(m.subarray(i * V, (i + 1) * V), rng);
      }
      return x0;
    },
    step(x, x0, { s }, tools) {
      x.set(x0);
      for (let r = 0; r < x.length / L; r++) {
        const perm = tools.rng.permutation(L);
        for (let k = 0; k < s; k++) x[r * L + perm[k]] = MASK;
      }
      return x;
    },
  };
}

/** The improved (merged) masking sampler: L steps, each reveals one random masked position from its marginal. */
export async function maskImproved(
  lang: Pick<MarkovLanguage, "V" | "L" | "MASK">,
  n: number,
  marginals: MarginalsFn,
  rng: Rng,
): Promise<Int32Array> {
  const { x, times } = maskStart(lang, n);
  return (await runReverse(maskImprovedRule(lang, marginals), x, { times, rng })).x;
}

/**
 * The step rule of the improved masking sampler (choice ii, merged): the prediction is the per-position marginals;
 * the step reveals one uniformly chosen masked position per row, drawn from its marginal.
 */
export function maskImprovedRule(
  lang: Pick<MarkovLanguage, "V" | "L" | "MASK">,
  marginals: MarginalsFn,
): StepRule<Int32Array, Float64Array> {
  const { V, L, MASK } = lang;
  return {
    predict: (x) => checkedMarginals(marginals, x, x.length / L, L, V),
    step(x, m, _jump, tools) {
      const rng = tools.rng;
      for (let r = 0; r < x.length / L; r++) {
        const masked: number[] = [];
        for (let i = 0; i < L; i++) if (x[r * L + i] === MASK) masked.push(i);
        const i = masked[rng.int(masked.length)], j = r * L + i;
        x[j] = categorical(m.subarray(j * V, (j + 1) * V), rng);
      }
      return x;
    },
  };
}

/** The fraction of valid sequences among n×L samples. */
export function validityRate(lang: MarkovLanguage, seqs: Int32Array): number {
  const { L } = lang, n = seqs.length / L;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`seqs must hold n×${L} tokens, got ${seqs.length}`);
  let ok = 0;
  for (let r = 0; r < n; r++) if (lang.isValid(seqs.subarray(r * L, (r + 1) * L))) ok++;
  return ok / n;
}

/** TV(empirical, p_Markov) = ½ Σ_x |p̂(x) − p(x)| over all V^L sequences. */
export function tvDistance(lang: MarkovLanguage, seqs: Int32Array): number {
  const { L } = lang, n = seqs.length / L;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`seqs must hold n×${L} tokens, got ${seqs.length}`);
  const counts = new Map<number, number>(), probs = new Map<number, number>();
  for (let r = 0; r < n; r++) {
    const s = seqs.subarray(r * L, (r + 1) * L), k = lang.key(s);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    if (!probs.has(k)) probs.set(k, lang.prob(s));
  }
  const { seqs: valid, probs: pv } = lang.enumerateValid();
  let tv = 0;
  valid.forEach((s, i) => {
    if (!counts.has(lang.key(s))) tv += pv[i];
  });
  for (const [k, c] of counts) tv += Math.abs(c / n - probs.get(k)!);
  return tv / 2;
}
