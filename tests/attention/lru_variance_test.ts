import { Rng } from "../../lib/core/mod.ts";
import { stateVarianceMonteCarlo, stateVarianceTheory } from "../../lib/attention/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("stateVarianceTheory: hand values, the geometric sum and the limit", () => {
  assert.equal(stateVarianceTheory(0.5, 0), 1);
  assertClose(stateVarianceTheory(0.5, 1), 1.25, { abs: 1e-15 });
  let s = 0;
  for (let k = 0; k <= 30; k++) s += 0.9 ** (2 * k);
  assertClose(stateVarianceTheory(0.9, 30), s, { rel: 1e-13 });
  assertClose(stateVarianceTheory(0.9, 1e5, Math.sqrt(1 - 0.81)), 1, { abs: 1e-12 });
  assert.equal(stateVarianceTheory(0, 5, 2), 4);
});

Deno.test("stateVarianceMonteCarlo: within 4 SE of the closed form; r = 0 gives E|u|² = 1", () => {
  const res = stateVarianceMonteCarlo(new Rng(1), {
    r: 0.8,
    theta: 1,
    times: [0, 3, 20],
    samples: 3000,
    gamma: 0.5,
  });
  assert.deepEqual(res.map((x) => x.t), [0, 3, 20]);
  for (const x of res) {
    const want = stateVarianceTheory(0.8, x.t, 0.5);
    assert.ok(Math.abs(x.mean - want) < 4 * x.se, `t=${x.t}: ${x.mean} vs ${want} (se ${x.se})`);
    assertClose(x.se, want / Math.sqrt(3000), { rel: 0.15 }); // |x|² is exponential: sd = mean
  }
  const white = stateVarianceMonteCarlo(new Rng(2), { r: 0, theta: 0, times: [10], samples: 4000 });
  assertClose(white[0].mean, 1, { abs: 4 / Math.sqrt(4000) });
});

Deno.test("state variance: bad inputs throw naming the argument", () => {
  assertThrowsWith(() => stateVarianceTheory(1, 3), RangeError, "r");
  assertThrowsWith(() => stateVarianceTheory(-0.1, 3), RangeError, "r");
  assertThrowsWith(() => stateVarianceTheory(0.5, -1), RangeError, "t");
  assertThrowsWith(() => stateVarianceTheory(0.5, 1, NaN), RangeError, "gamma");
  const ok = { r: 0.5, theta: 0, times: [1], samples: 10 };
  assertThrowsWith(() => stateVarianceMonteCarlo({} as never, ok), TypeError, "rng");
  assertThrowsWith(() => stateVarianceMonteCarlo(new Rng(1), { ...ok, r: 2 }), RangeError, "opts.r");
  assertThrowsWith(
    () => stateVarianceMonteCarlo(new Rng(1), { ...ok, samples: 1 }),
    RangeError,
    "opts.samples",
  );
  assertThrowsWith(() => stateVarianceMonteCarlo(new Rng(1), { ...ok, times: [] }), RangeError, "opts.times");
  assertThrowsWith(
    () => stateVarianceMonteCarlo(new Rng(1), { ...ok, times: [1.5] }),
    RangeError,
    "opts.times[0]",
  );
  assertThrowsWith(() => stateVarianceMonteCarlo(new Rng(1), { ...ok, gamma: -1 }), RangeError, "opts.gamma");
});
