import { Rng } from "../../lib/core/mod.ts";
import { type Jump, requireTimeGrid, runReverse, type StepRule } from "../../lib/diffusion/mod.ts";
import { assert, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

/** A toy rule: prediction = t (or a draw), x_s = x_t − pred + noise (when noisy). */
function toyRule(noisy: boolean, log: string[] = []): StepRule<Float64Array, number> {
  return {
    predict(_x, t, draw) {
      log.push(`predict ${t}`);
      return noisy ? t + draw.rng.normal() : t;
    },
    step(x, pred, { i, t, s }, tools) {
      log.push(`step ${i}: ${t}→${s} pred ${pred}`);
      const z = noisy ? tools.rng.normals(x.length) : null;
      return x.map((v, j) => v - pred + (z ? z[j] : 0));
    },
  };
}

Deno.test("runReverse: jumps i = K..1 over the grid, records copies, keeps xStart, returns the last prediction", async () => {
  const log: string[] = [];
  const x0 = new Float64Array([10, 20]);
  const r = await runReverse(toyRule(false, log), x0, { times: [3, 2, 0], record: [3, 2, 0] });
  assert.deepEqual(log, ["predict 3", "step 2: 3→2 pred 3", "predict 2", "step 1: 2→0 pred 2"]);
  assert.deepEqual(Array.from(r.x), [5, 15]);
  assert.deepEqual(Array.from(x0), [10, 20], "xStart is not changed");
  assert.deepEqual([...r.snapshots.keys()], [3, 2, 0]);
  assert.deepEqual(Array.from(r.snapshots.get(2)!), [7, 17]);
  assert.equal(r.last, 2);
});

Deno.test("runReverse: in-place rules still record copies; Int32Array states work", async () => {
  const rule: StepRule<Int32Array, number> = {
    predict: () => 1,
    step(x, p) {
      for (let j = 0; j < x.length; j++) x[j] += p;
      return x;
    },
  };
  const r = await runReverse(rule, new Int32Array([0, 5]), { times: [2, 1, 0], record: [1] });
  assert.deepEqual(Array.from(r.x), [2, 7]);
  assert.deepEqual(Array.from(r.snapshots.get(1)!), [1, 6], "the snapshot is a copy, not the live state");
});

Deno.test("runReverse: hooks — the prediction hook also serves tools.predict; onStep sees each jump", async () => {
  const seen: Jump[] = [];
  const rule: StepRule<Float64Array, number> = {
    predict: (_x, t) => t,
    async step(x, pred, { s }, tools) {
      const again = await tools.predict(x, s); // a second evaluation (Heun-style) goes through the hook too
      return x.map((v) => v - pred - again);
    },
  };
  const r = await runReverse(rule, new Float64Array([0]), {
    times: [2, 1],
    hooks: { prediction: (p) => 10 * p, onStep: (j) => seen.push(j) },
  });
  assert.deepEqual(Array.from(r.x), [-30]);
  assert.deepEqual(seen, [{ i: 1, t: 2, s: 1 }]);
});

Deno.test("runReverse: equal seeds give equal runs (common random numbers); a drawing rule needs opts.rng", async () => {
  const a = await runReverse(toyRule(true), new Float64Array(4), { times: [5, 3, 1, 0], rng: new Rng(7) });
  const b = await runReverse(toyRule(true), new Float64Array(4), { times: [5, 3, 1, 0], rng: new Rng(7) });
  const c = await runReverse(toyRule(true), new Float64Array(4), { times: [5, 3, 1, 0], rng: new Rng(8) });
  assert.deepEqual(Array.from(a.x), Array.from(b.x));
  assert.notDeepEqual(Array.from(a.x), Array.from(c.x));
  await assertRejectsWith(
    () => runReverse(toyRule(true), new Float64Array(1), { times: [1, 0] }),
    TypeError,
    "opts.rng",
  );
});

Deno.test("runReverse / requireTimeGrid: bad inputs throw, naming the argument", async () => {
  const x = new Float64Array(1);
  assertThrowsWith(() => requireTimeGrid([1]), RangeError, "opts.times");
  assertThrowsWith(() => requireTimeGrid([1, 1]), RangeError, "strictly decreasing");
  assertThrowsWith(() => requireTimeGrid([2, NaN]), RangeError, "opts.times[1]");
  await assertRejectsWith(() => runReverse(null as never, x, { times: [1, 0] }), TypeError, "rule");
  await assertRejectsWith(
    () => runReverse(toyRule(false), [0] as never, { times: [1, 0] }),
    TypeError,
    "xStart",
  );
  await assertRejectsWith(
    () => runReverse(toyRule(false), x, { times: [1, 0], record: [0.5] }),
    RangeError,
    "opts.record",
  );
  await assertRejectsWith(
    () => runReverse(toyRule(false), x, { times: [1, 0], hooks: { mean: 3 as never } }),
    TypeError,
    "opts.hooks.mean",
  );
  await assertRejectsWith(
    () => runReverse(toyRule(false), x, { times: [1, 0], rng: {} as never }),
    TypeError,
    "opts.rng",
  );
});
