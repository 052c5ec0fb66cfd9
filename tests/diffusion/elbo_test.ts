import { Rng } from "../../lib/core/mod.ts";
import {
  ddpmPosteriorVar,
  exactSigmaBar2,
  gaussKL,
  ring8,
  scaledVarianceRule,
  scheduleVarianceRule,
  subTrajectory,
  suLinearSchedule,
  transitionBound,
  x0VarianceRule,
} from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

const S = suLinearSchedule(1000);

Deno.test("gaussKL: closed form, zero for equal laws, validation", () => {
  assert.equal(gaussKL(0.3, 2, 0.3, 2), 0);
  assertClose(gaussKL(0, 1, 1, 1), 0.5, { rel: 1e-15 });
  assertClose(gaussKL(0, 1, 0, 4), 0.5 * (Math.log(4) + 0.25 - 1), { rel: 1e-15 });
  assertThrowsWith(() => gaussKL(0, 0, 0, 1), RangeError, "v1");
  assertThrowsWith(() => gaussKL(0, 1, 0, -1), RangeError, "v2");
  assertThrowsWith(() => gaussKL(NaN, 1, 0, 1), RangeError, "mu1");
});

Deno.test("transitionBound: a perfect mean and the posterior variance itself give 0 for a Dirac datum", async () => {
  // data = one point: x̂_0 = x_0 exactly, so with v = σ²_post every KL is 0
  const x0 = new Float64Array(200).fill(0.7);
  const epsFn = (x: Float64Array, t: number) => x.map((v) => (v - S.alphaBar[t] * 0.7) / S.betaBar[t]);
  const r = await transitionBound(S, {
    traj: subTrajectory(1000, 10),
    x0,
    d: 2,
    epsFn,
    rng: new Rng(1),
    rules: { small: scheduleVarianceRule(S, "small"), large: scheduleVarianceRule(S, "large") },
  });
  assertClose(r.small.total, 0, { abs: 1e-10 });
  assert.equal(r.small.perStep.length, 9);
  // large: Σ_i ½(log(v/σ²) + σ²/v − 1) in closed form
  const traj = subTrajectory(1000, 10);
  let expect = 0;
  for (let i = 2; i <= 10; i++) {
    const t = traj[i], s = traj[i - 1], s2 = ddpmPosteriorVar(S, t, s);
    const v = 1 - (S.alphaBar[t] / S.alphaBar[s]) ** 2;
    expect += 0.5 * (Math.log(v / s2) + s2 / v - 1);
    assertClose(r.large.perStep[i - 2], 0.5 * (Math.log(v / s2) + s2 / v - 1), { rel: 1e-9 });
  }
  assertClose(r.large.total, expect, { rel: 1e-9 });
});

Deno.test("transitionBound: on ring8 the analytic variance beats its rescalings (CRN), deterministic", async () => {
  const g = ring8(2, 0.1);
  const eps = (x: Float64Array, t: number) => g.epsStar(x, S.alphaBar[t], S.betaBar[t]);
  const traj = subTrajectory(1000, 5);
  const sb = new Float64Array(1001);
  for (const t of traj) {
    if (t > 0) sb[t] = exactSigmaBar2(g, S.alphaBar[t], S.betaBar[t], 4000, new Rng(t)).value;
  }
  const an = x0VarianceRule(sb);
  const opts = {
    traj,
    x0: g.sample(3000, new Rng(2)),
    d: 2,
    epsFn: eps,
    rng: new Rng(3),
    rules: { an, half: scaledVarianceRule(an, 0.7), twice: scaledVarianceRule(an, 1.5) },
  };
  const r = await transitionBound(S, opts);
  assert.ok(
    r.an.total < r.half.total && r.an.total < r.twice.total,
    JSON.stringify([r.an.total, r.half.total]),
  );
  const again = await transitionBound(S, { ...opts, rng: new Rng(3) });
  assert.equal(again.an.total, r.an.total);
  assert.equal(r.an.perSample.length, 3000);
  await assertRejectsWith(() => transitionBound(S, { ...opts, traj: [0, 1000] }), RangeError, "K >= 2");
  await assertRejectsWith(() => transitionBound(S, { ...opts, rules: {} }), RangeError, "opts.rules");
  await assertRejectsWith(
    () => transitionBound(S, { ...opts, rules: { ddim: scheduleVarianceRule(S, "zero") } }),
    RangeError,
    "v > 0",
  );
  await assertRejectsWith(
    () => transitionBound(S, { ...opts, x0: new Float64Array(3) }),
    RangeError,
    "opts.x0",
  );
});
