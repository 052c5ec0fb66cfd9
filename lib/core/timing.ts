/**
 * Interleaved wall-time benchmark: K candidate step functions timed in alternating rounds, so that a machine whose
 * load changes over time (other jobs on shared cores) slows every candidate alike. After `warmup` untimed rounds,
 * each of `rounds` rounds runs every candidate once, in an order rotated by one each round (every candidate takes
 * every position equally often: no first-in-round bias). Per candidate: the median ms per call and robust spreads
 * (quartiles, scaled median absolute deviation); between two candidates, {@link pairedRatio} reads the ratio of
 * their times round by round, where a load change common to the round cancels.
 *
 * The step functions must finish their work before returning (for tfjs: read a value with dataSync), or the time
 * of queued work lands in the next candidate's call.
 * @module
 */
import { Progress } from "./progress.ts";
import { median, quantile } from "./stats.ts";
import { requireInt } from "./validate.ts";

/** One function to time: its label and one call (sync or async). */
export interface TimedCandidate {
  label: string;
  run: () => void | Promise<void>;
}

/** Options of {@link interleavedTimes}. */
export interface InterleavedOptions {
  /** Timed rounds (each candidate once per round), ≥ 1. */
  rounds: number;
  /** Untimed rounds first (default 3), ≥ 0. */
  warmup?: number;
  /** Progress label (default none). */
  label?: string | null;
}

/** What {@link interleavedTimes} measured; arrays are indexed like `labels`. */
export interface InterleavedTiming {
  labels: string[];
  rounds: number;
  warmup: number;
  /** ms per call: times[c][k] is candidate c in timed round k. */
  times: number[][];
  /** Median ms per call. */
  median: number[];
  /** 25% and 75% quantiles of the ms per call. */
  q25: number[];
  q75: number[];
  /** 1.4826 × median |t − median| (the normal-consistent MAD), ms. */
  mad: number[];
}

/** A ratio of two candidates' times, read per round. */
export interface PairedRatio {
  /** Median over rounds of time(num)/time(den) in the same round. */
  median: number;
  q25: number;
  q75: number;
  /** The per-round ratios. */
  ratios: number[];
}

/**
 * Times `candidates` in interleaved rounds (see the module note) and returns per-candidate medians and spreads.
 * Throws a TypeError for a candidate without a label or run function, a RangeError for duplicate labels, no
 * candidates, or a non-integer / out-of-range `rounds` or `warmup`.
 */
export async function interleavedTimes(
  candidates: readonly TimedCandidate[],
  opts: InterleavedOptions,
): Promise<InterleavedTiming> {
  if (!Array.isArray(candidates) || candidates.length === 0) {
    throw new RangeError("candidates must be a non-empty array of { label, run }");
  }
  candidates.forEach((c, i) => {
    if (!c || typeof c.label !== "string" || c.label === "") {
      throw new TypeError(`candidates[${i}].label must be a non-empty string`);
    }
    if (typeof c.run !== "function") throw new TypeError(`candidates[${i}].run must be a function`);
  });
  const labels = candidates.map((c) => c.label);
  const dup = labels.find((l, i) => labels.indexOf(l) !== i);
  if (dup !== undefined) throw new RangeError(`candidates' labels must be distinct, "${dup}" repeats`);
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be { rounds, warmup? }");
  const rounds = requireInt("opts.rounds", opts.rounds, 1);
  const warmup = requireInt("opts.warmup", opts.warmup ?? 3, 0);
  const K = candidates.length;
  const times: number[][] = candidates.map(() => []);
  const progress = opts.label ? new Progress(opts.label, warmup + rounds) : null;
  for (let k = 0; k < warmup + rounds; k++) {
    for (let j = 0; j < K; j++) {
      const c = (j + k) % K;
      const t0 = performance.now();
      await candidates[c].run();
      const dt = performance.now() - t0;
      if (k >= warmup) times[c].push(dt);
    }
    if (progress) await progress.tick(1);
  }
  const med = times.map((t) => median(t));
  return {
    labels,
    rounds,
    warmup,
    times,
    median: med,
    q25: times.map((t) => quantile(t, 0.25)),
    q75: times.map((t) => quantile(t, 0.75)),
    mad: times.map((t, c) => 1.4826 * median(t.map((v) => Math.abs(v - med[c])))),
  };
}

/**
 * time(num)/time(den) round by round from an {@link interleavedTimes} result: the median and quartiles of the
 * per-round ratios. Throws a RangeError for an unknown label or num = den.
 */
export function pairedRatio(t: InterleavedTiming, num: string, den: string): PairedRatio {
  if (!t || !Array.isArray(t.labels) || !Array.isArray(t.times)) {
    throw new TypeError("t must be a result of interleavedTimes");
  }
  const a = t.labels.indexOf(num), b = t.labels.indexOf(den);
  if (a < 0) throw new RangeError(`num "${num}" is not one of the labels ${JSON.stringify(t.labels)}`);
  if (b < 0) throw new RangeError(`den "${den}" is not one of the labels ${JSON.stringify(t.labels)}`);
  if (a === b) throw new RangeError(`num and den must differ, both are "${num}"`);
  const ratios = t.times[a].map((v, k) => v / t.times[b][k]);
  return { median: median(ratios), q25: quantile(ratios, 0.25), q75: quantile(ratios, 0.75), ratios };
}
