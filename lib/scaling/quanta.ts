/**
 * The quantization model of scaling (article steps 2, 5, 6, 8), float64. A model holding the n most frequent quanta
 * has loss L = a + (b−a)·Σ_{k>n} p_k. With data: quantum k appears about D·p_k times and is learned once it has been
 * seen τ times; with Poisson counts the expected loss is
 *   E[L(D)] = a + (b−a)·[Σ_{k≤M} p_k·P(Poisson(D p_k) < τ) + Σ_{k>M} p_k]
 * (the last term: quanta beyond the M simulated, all unlearned), whose slope in log–log tends to −γ/(γ+1); steps at
 * batch B are the same computation with D = S·B.
 * @module
 */
import { requireInt, requirePositive, Rng } from "../core/mod.ts";
import { tailMassExact, zipfNormalizer, zipfProbs } from "./zipf.ts";

function checkAB(a: number, b: number): void {
  requirePositive("a", a, true);
  requirePositive("b", b);
  if (!(b > a)) {
    throw new RangeError(`b must exceed a (a learned quantum lowers the loss), got a=${a}, b=${b}`);
  }
}

/** L(n) = a + (b−a)·Σ_{k>n} p_k (article step 2): the loss of a model that holds the n most frequent quanta. */
export function lossTopN(n: number, gamma: number, a = 0, b = 1): number {
  checkAB(a, b);
  return a + (b - a) * tailMassExact(requireInt("n", n, 0), gamma);
}

/**
 * P(Poisson(mean) < tau) = Σ_{j<τ} e^{−μ} μ^j / j!, summed in log space (stable for any μ); returns 0 directly when
 * μ > τ + 40√μ (the probability is then below e^{−400}). τ = 0 gives 0.
 */
export function poissonCdfBelow(tau: number, mean: number): number {
  requireInt("tau", tau, 0);
  requirePositive("mean", mean, true);
  return poissonBelow(tau, mean);
}

function poissonBelow(tau: number, mean: number): number {
  if (tau === 0) return 0;
  if (mean === 0) return 1;
  if (mean > tau + 40 * Math.sqrt(mean)) return 0;
  if (mean < 500) { // e^{−μ} is a normal double: the terms by recurrence, no logarithms
    let term = Math.exp(-mean), s = 0;
    for (let j = 0; j < tau; j++) {
      s += term;
      term *= mean / (j + 1);
    }
    return Math.min(1, s);
  }
  const lm = Math.log(mean);
  const logs = new Float64Array(tau);
  let logFact = 0, top = -Infinity;
  for (let j = 0; j < tau; j++) {
    if (j > 0) logFact += Math.log(j);
    logs[j] = -mean + j * lm - logFact;
    top = Math.max(top, logs[j]);
  }
  let s = 0;
  for (let j = 0; j < tau; j++) s += Math.exp(logs[j] - top);
  return Math.min(1, Math.exp(top) * s);
}

/** Options of {@link expectedLossData} and {@link sampledLossData}. */
export interface DataLossOptions {
  /** true (default): p_k = k^{−γ−1}/ζ(γ+1) and the mass beyond M counts as unlearned; false: p renormalised over M. */
  withTail?: boolean;
  /** Loss of a learned quantum (default 0). */
  a?: number;
  /** Loss of an unlearned quantum (default 1). */
  b?: number;
}

function dataSetup(D: number, gamma: number, tau: number, M: number, o: DataLossOptions) {
  requirePositive("D", D);
  requirePositive("gamma", gamma);
  requireInt("tau", tau, 1);
  requireInt("M", M, 1);
  const withTail = o.withTail ?? true;
  const a = o.a ?? 0, b = o.b ?? 1;
  checkAB(a, b);
  const p = zipfProbs(M, gamma, !withTail);
  const tail = withTail ? tailMassExact(M, gamma) : 0;
  return { p, tail, a, b };
}

/**
 * E[L(D)] under Poisson counts (article step 5 in expectation, no sampling):
 * a + (b−a)·[Σ_{k≤M} p_k·P(Poisson(D p_k) < τ) + tail(M)] (tail(M) only when `withTail`).
 */
export function expectedLossData(
  D: number,
  gamma: number,
  tau: number,
  M: number,
  opts: DataLossOptions = {},
): number {
  const { p, tail, a, b } = dataSetup(D, gamma, tau, M, opts);
  let s = 0;
  for (let k = M - 1; k >= 0; k--) s += p[k] * poissonBelow(tau, D * p[k]); // small terms first
  return a + (b - a) * (s + tail);
}

/**
 * One sample of L(D): each quantum k <= M is learned with probability P(Poisson(D p_k) >= τ), independently (an
 * exact draw of the indicator "seen at least τ times" under Poisson counts), from `rng`. The learned set need not be a
 * prefix. Returns the loss and the learned indicators.
 */
export function sampledLossData(
  rng: Rng,
  D: number,
  gamma: number,
  tau: number,
  M: number,
  opts: DataLossOptions = {},
): { loss: number; learned: Uint8Array } {
  if (!(rng instanceof Rng)) throw new TypeError("rng must be an Rng");
  const { p, tail, a, b } = dataSetup(D, gamma, tau, M, opts);
  const learned = new Uint8Array(M);
  let s = 0;
  for (let k = 0; k < M; k++) {
    const unlearned = rng.uniform() < poissonBelow(tau, D * p[k]);
    learned[k] = unlearned ? 0 : 1;
  }
  for (let k = M - 1; k >= 0; k--) if (!learned[k]) s += p[k];
  return { loss: a + (b - a) * (s + tail), learned };
}

/**
 * P(Binomial(trials, p) < tau) = Σ_{j<τ} C(N, j) p^j (1−p)^{N−j}, summed in log space; 0 directly when the mean N·p
 * exceeds τ + 40·√(N·p) + 40 (the probability is then negligible). τ = 0 gives 0.
 */
export function binomialCdfBelow(tau: number, trials: number, p: number): number {
  requireInt("tau", tau, 0);
  requirePositive("trials", trials, true);
  if (!Number.isInteger(trials)) throw new RangeError(`trials must be an integer, got ${trials}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  return binomialBelow(tau, trials, p);
}

function binomialBelow(tau: number, trials: number, p: number): number {
  if (tau === 0) return 0;
  if (tau > trials) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  const mean = trials * p;
  if (mean > tau + 40 * Math.sqrt(mean) + 40) return 0;
  const lq = Math.log1p(-p);
  if (trials * lq > -600) { // (1−p)^N is a normal double: the terms by recurrence
    let term = Math.exp(trials * lq), s = 0;
    const odds = p / (1 - p);
    for (let j = 0; j < tau; j++) {
      s += term;
      term *= ((trials - j) / (j + 1)) * odds;
    }
    return Math.min(1, s);
  }
  const lp = Math.log(p);
  const logs = new Float64Array(tau);
  let logC = 0, top = -Infinity;
  for (let j = 0; j < tau; j++) {
    if (j > 0) logC += Math.log((trials - j + 1) / j);
    logs[j] = logC + j * lp + (trials - j) * lq;
    top = Math.max(top, logs[j]);
  }
  let s = 0;
  for (let j = 0; j < tau; j++) s += Math.exp(logs[j] - top);
  return Math.min(1, Math.exp(top) * s);
}

/**
 * E[L(S)] after S steps of batch B (article step 6), counted as a training run counts: quantum k has been seen
 * Binomial(S·B, p_k) times (not Poisson), learned once seen τ times; plus the unlearned mass beyond M when `withTail`.
 */
export function expectedLossSteps(
  S: number,
  B: number,
  gamma: number,
  tau: number,
  M: number,
  opts: DataLossOptions = {},
): number {
  requireInt("S", S, 1);
  requireInt("B", B, 1);
  const { p, tail, a, b } = dataSetup(S * B, gamma, tau, M, opts);
  let s = 0;
  for (let k = M - 1; k >= 0; k--) s += p[k] * binomialBelow(tau, S * B, p[k]);
  return a + (b - a) * (s + tail);
}

/**
 * n(D) = (D/(τ Z_γ))^{1/(γ+1)} (article step 5): the index at which D·p_n = τ, i.e. how many quanta the idealised
 * rule "learned iff D·p_k >= τ" learns (its floor). For steps: D = S·B (step 6).
 */
export function learnedQuantaCount(D: number, gamma: number, tau: number): number {
  requirePositive("D", D);
  requirePositive("tau", tau);
  return Math.pow(D / (tau * zipfNormalizer(gamma)), 1 / (gamma + 1));
}

/**
 * The loss of a family of M trained quanta completed by the quanta beyond M (article step 2 with the infinite Zipf
 * family): Σ_{k≤M} p_k^∞·L_k + b·Σ_{k>M} p_k^∞, given the loss `lossM` = Σ_{k≤M} p_k^M·L_k under the frequencies
 * renormalised over M (p^M = p^∞·Z_γ/Z_{γ,M}). The quanta beyond M are never seen, so they sit at the unlearned
 * loss b (e.g. ln 2 for a parity at chance).
 */
export function withUnseenTail(lossM: number, M: number, gamma: number, b: number): number {
  requirePositive("lossM", lossM, true);
  requireInt("M", M, 1);
  requirePositive("b", b);
  const pInf = zipfProbs(M, gamma);
  let mass = 0;
  for (let k = M - 1; k >= 0; k--) mass += pInf[k];
  return mass * lossM + b * tailMassExact(M, gamma);
}

/**
 * The idealised loss (a = 0, b = 1) of a learned set: Σ_{k≤M, not learned} p_k + Σ_{k>M} p_k with the infinite Zipf
 * frequencies (article step 2 applied to whatever set was learned, prefix or not); `learned[k−1]` for quantum k.
 */
export function learnedSetLoss(learned: ArrayLike<boolean | number>, gamma: number): number {
  const M = requireInt("learned.length", learned.length, 1);
  const p = zipfProbs(M, gamma);
  let s = 0;
  for (let k = M - 1; k >= 0; k--) if (!learned[k]) s += p[k];
  return s + tailMassExact(M, gamma);
}
