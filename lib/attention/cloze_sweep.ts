/**
 * Sweeps of the NBCE cloze task (briefs 30 and 31): sample tasks for each number of contexts n, score a set of
 * methods on each, and summarise accuracy, NLL and how often the minimum-entropy row is the target passage.
 * @module
 */
import { type Progress, requireInt, Rng } from "../core/mod.ts";
import {
  type ClozeMethod,
  type ClozeOutcome,
  type ClozeTask,
  evaluateCloze,
  sampleClozeTask,
} from "./cloze.ts";
import type { ToyCorpus } from "./cloze.ts";
import { WindowCacheLM } from "./ngram_lm.ts";

/** One scored task of a sweep. */
export interface ClozeRecord {
  n: number;
  task: ClozeTask;
  outcomes: Record<string, ClozeOutcome>;
}

/** Options of {@link runClozeSweep}. */
export interface ClozeSweepOptions {
  corpus: ToyCorpus;
  lm: WindowCacheLM;
  /** Numbers of contexts. */
  ns: readonly number[];
  /** Tasks per n. */
  tasks: number;
  /** The seeded generator (one fork per n is taken from it). */
  rng: Rng;
  methods: Record<string, ClozeMethod>;
  passageLen?: number;
  /** Ticked once per task. */
  progress?: Progress;
}

/**
 * Samples `tasks` cloze tasks for each n (generator `rng.fork("n=<n>")`, so the tasks of one n do not depend on
 * the other n or on the methods) and scores every method on each. Tasks whose sampler gives up are skipped.
 */
export async function runClozeSweep(o: ClozeSweepOptions): Promise<ClozeRecord[]> {
  if (!o || typeof o !== "object") throw new TypeError("options must be an object");
  if (!(o.rng instanceof Rng)) throw new TypeError("options.rng must be an Rng");
  if (!(o.lm instanceof WindowCacheLM)) throw new TypeError("options.lm must be a WindowCacheLM");
  if (!Array.isArray(o.ns) || o.ns.length < 1) throw new RangeError("options.ns must be a non-empty array");
  o.ns.forEach((n, i) => requireInt(`options.ns[${i}]`, n, 1));
  requireInt("options.tasks", o.tasks, 1);
  const out: ClozeRecord[] = [];
  for (const n of o.ns) {
    const r = o.rng.fork(`n=${n}`);
    for (let t = 0; t < o.tasks; t++) {
      const task = sampleClozeTask(r, o.corpus, n, { passageLen: o.passageLen });
      if (task) out.push({ n, task, outcomes: evaluateCloze(o.lm, task, o.methods) });
      if (o.progress) await o.progress.tick(1, { n });
    }
  }
  return out;
}

/** Summary of one method at one n. */
export interface ClozeSummary {
  n: number;
  method: string;
  tasks: number;
  accuracy: number;
  /** Mean −log p(answer) (Infinity if any task gave the answer no mass). */
  meanNll: number;
  /** Fraction of tasks whose chosen row is the target (NaN for methods without a choice). */
  picksTarget: number;
}

/** Accuracy, mean NLL and target-pick rate of `method` over the records with `n` contexts. */
export function summarizeCloze(records: readonly ClozeRecord[], method: string, n: number): ClozeSummary {
  if (!Array.isArray(records)) throw new TypeError("records must be an array");
  requireInt("n", n, 1);
  const rs = records.filter((r) => r.n === n);
  if (rs.length === 0) throw new RangeError(`no records with n = ${n}`);
  if (!(method in rs[0].outcomes)) throw new RangeError(`method ${JSON.stringify(method)} was not scored`);
  let acc = 0, nll = 0, picks = 0, withChoice = 0;
  for (const r of rs) {
    const o = r.outcomes[method];
    if (o.correct) acc++;
    nll += o.nll;
    if (o.chosen >= 0) {
      withChoice++;
      if (o.chosen === r.task.target) picks++;
    }
  }
  return {
    n,
    method,
    tasks: rs.length,
    accuracy: acc / rs.length,
    meanNll: nll / rs.length,
    picksTarget: withChoice > 0 ? picks / withChoice : NaN,
  };
}
