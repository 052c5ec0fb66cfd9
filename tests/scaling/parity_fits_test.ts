import { Rng } from "../../lib/core/mod.ts";
import {
  learningTimeFit,
  makeSparseParityTasks,
  type ParityCheckpoint,
  type ParityRun,
  predictedStepsExponent,
  stepsExponentFit,
  withUnseenTail,
} from "../../lib/scaling/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const spec = { nTasks: 8, nBits: 6, k: 2, gamma: 0.4 };
const tasks = makeSparseParityTasks(spec, new Rng(1));

/** A synthetic run: task k's loss drops from ln 2 to 0 at step c/p_k^{−β}, i.e. S_k = c·p_k^β. */
function syntheticRun(beta: number, c: number): ParityRun {
  const steps = Array.from({ length: 40 }, (_, i) => Math.round(10 * 1.2 ** i));
  const checkpoints: ParityCheckpoint[] = steps.map((step) => {
    const perTaskLoss = Float64Array.from(tasks.probs, (p) => (step >= c * p ** beta ? 0 : Math.LN2));
    const meanLoss = perTaskLoss.reduce((s, l, k) => s + tasks.probs[k] * l, 0);
    return { step, perTaskLoss, perTaskAcc: new Float64Array(8), meanLoss };
  });
  return {
    width: 4,
    params: 1,
    checkpoints,
    log: { loss: new Float64Array(1), numTensors: new Int32Array(1), msPerStep: 1 },
  };
}

Deno.test("learningTimeFit: recovers β of a synthetic run; τ_k = S_k·B·p_k", () => {
  const run = syntheticRun(-1, 20);
  const t = learningTimeFit(run, tasks, 100, { rng: new Rng(2), reps: 200 });
  assert.equal(t.tasks.length, 8);
  assertClose(t.law!.fit.slope, -1, { abs: 0.08 }); // checkpoints are 20% apart: the crossing is interpolated
  t.samples.forEach((v, i) => assertClose(v, t.steps[i] * 100 * tasks.probs[t.tasks[i]], { rel: 1e-12 }));
  const none = learningTimeFit(syntheticRun(-1, 1e9), tasks, 100, { rng: new Rng(2) });
  assert.equal(none.tasks.length, 0);
  assert.equal(none.law, null);
});

Deno.test("learningTimeFit: bad inputs", () => {
  const run = syntheticRun(-1, 20);
  assertThrowsWith(() => learningTimeFit({} as ParityRun, tasks, 1, { rng: new Rng(1) }), TypeError, "run");
  assertThrowsWith(
    () => learningTimeFit(run, {} as typeof tasks, 1, { rng: new Rng(1) }),
    TypeError,
    "tasks",
  );
  assertThrowsWith(() => learningTimeFit(run, tasks, 0, { rng: new Rng(1) }), RangeError, "batch");
  assertThrowsWith(() => learningTimeFit(run, tasks, 1, { rng: {} as Rng }), TypeError, "opts.rng");
  assertThrowsWith(
    () => learningTimeFit(run, tasks, 1, { rng: new Rng(1), threshold: 0 }),
    RangeError,
    "threshold",
  );
});

Deno.test("stepsExponentFit: completes the loss with the unseen tail and fits from fromStep on; bad inputs", () => {
  const run = syntheticRun(-1, 20);
  const f = stepsExponentFit(run, tasks, 50, { rng: new Rng(3), reps: 200 });
  assert.ok(f.steps.every((s) => s >= 50));
  const c = run.checkpoints.find((x) => x.step === f.steps[0])!;
  assertClose(f.completed[0], withUnseenTail(c.meanLoss, 8, 0.4, Math.LN2), { rel: 1e-14 });
  assert.ok(f.law !== null && f.law.fit.slope < 0);
  assertThrowsWith(() => stepsExponentFit(run, tasks, 0, { rng: new Rng(1) }), RangeError, "fromStep");
  assertThrowsWith(
    () => stepsExponentFit(run, tasks, 5, { rng: new Rng(1), reps: 1 }),
    RangeError,
    "opts.reps",
  );
  assertThrowsWith(() => stepsExponentFit({} as ParityRun, tasks, 5, { rng: new Rng(1) }), TypeError, "run");
});

Deno.test("predictedStepsExponent: β = −1 gives γ/(γ+1); error propagation; bad inputs", () => {
  assertClose(predictedStepsExponent(0.4, -1).alpha, 0.4 / 1.4, { rel: 1e-15 });
  const p = predictedStepsExponent(0.4, -0.8, 0.04);
  assertClose(p.alpha, 0.4 / (1.4 * 0.8), { rel: 1e-15 });
  assertClose(p.se, p.alpha * 0.05, { rel: 1e-14 });
  assertThrowsWith(() => predictedStepsExponent(0.4, 0.5), RangeError, "beta");
  assertThrowsWith(() => predictedStepsExponent(0, -1), RangeError, "gamma");
  assertThrowsWith(() => predictedStepsExponent(0.4, -1, -1), RangeError, "betaSE");
});
