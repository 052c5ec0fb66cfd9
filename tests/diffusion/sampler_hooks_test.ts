import { Rng } from "../../lib/core/mod.ts";
import { ddpmSample } from "../../lib/diffusion/mod.ts";
import { generalizedSample, scheduleVarianceRule } from "../../lib/diffusion/mod.ts";
import { subTrajectory } from "../../lib/diffusion/mod.ts";
import { ring8 } from "../../lib/diffusion/mod.ts";
import { suLinearSchedule } from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertRejectsWith } from "../_assert.ts";

const S = suLinearSchedule(100);
const g = ring8();
const eps = (x: Float64Array, t: number) => g.epsStar(x, S.alphaBar[t], S.betaBar[t]);
const xT = new Rng(3).normals(2 * 200);

Deno.test("ddpmSample hooks: identity hooks change nothing; validation", async () => {
  const plain = await ddpmSample(eps, S, xT, { sigma: "small", rng: new Rng(4) });
  const hooked = await ddpmSample(eps, S, xT, {
    sigma: "small",
    rng: new Rng(4),
    epsTransform: (e) => e,
    meanTransform: (mu) => mu,
  });
  assert.deepEqual(hooked.x, plain.x);
  await assertRejectsWith(
    () => ddpmSample(eps, S, xT, { sigma: "small", rng: new Rng(4), epsTransform: 3 as unknown as () => [] }),
    TypeError,
    "opts.epsTransform",
  );
  await assertRejectsWith(
    () => ddpmSample(eps, S, xT, { sigma: "small", rng: new Rng(4), meanTransform: () => [1] }),
    RangeError,
    "opts.meanTransform",
  );
  await assertRejectsWith(
    () => ddpmSample(eps, S, xT, { sigma: "small", rng: new Rng(4), epsTransform: () => [1] }),
    RangeError,
    "opts.epsTransform",
  );
});

Deno.test("ddpmSample hooks: a constant mean shift and an ε shift act as their formulas say", async () => {
  const x1 = Float64Array.of(0.5, -0.2);
  const calls: number[] = [];
  const r = await ddpmSample(eps, S, x1, {
    sigma: "large",
    rng: new Rng(7),
    tStart: 1,
    meanTransform: (mu, _x, t, sigma) => {
      calls.push(t, sigma);
      return mu.map((v) => v + 1);
    },
  });
  const base = await ddpmSample(eps, S, x1, { sigma: "large", rng: new Rng(7), tStart: 1 });
  assert.deepEqual(calls, [1, S.beta[1]]);
  assertClose(r.x[0] - base.x[0], 1, { abs: 1e-12 });
  const e = await ddpmSample(eps, S, x1, {
    sigma: "large",
    rng: new Rng(7),
    tStart: 1,
    epsTransform: (v) => Array.from(v, (u) => u + 1),
  });
  const c = S.beta[1] ** 2 / S.betaBar[1] / S.alpha[1];
  assertClose(e.x[1] - base.x[1], -c, { abs: 1e-12 });
});

Deno.test("generalizedSample meanTransform: identity is a no-op, a constant shift moves x, per-coordinate v throws", async () => {
  const traj = subTrajectory(100, 20);
  const base = { traj, d: 2, mean: "ddpm" as const, variance: scheduleVarianceRule(S, "small") };
  const plain = await generalizedSample(eps, S, xT, { ...base, rng: new Rng(4) });
  const same = await generalizedSample(eps, S, xT, { ...base, rng: new Rng(4), meanTransform: (m) => m });
  assert.deepEqual(same.x, plain.x);
  const x1 = Float64Array.of(0.5, -0.2), one = Int32Array.of(0, 1);
  const b1 = { traj: one, d: 2, mean: "ddim" as const, variance: scheduleVarianceRule(S, "zero") };
  const seen: number[] = [];
  const r0 = await generalizedSample(eps, S, x1, { ...b1, rng: new Rng(1) });
  const r1 = await generalizedSample(eps, S, x1, {
    ...b1,
    rng: new Rng(1),
    meanTransform: (m, _x, t, sd) => {
      seen.push(t, sd);
      return m.map((v) => v + 2);
    },
  });
  assert.deepEqual(seen, [1, 0]);
  assertClose(r1.x[0] - r0.x[0], 2, { abs: 1e-12 });
  await assertRejectsWith(
    () =>
      generalizedSample(eps, S, x1, {
        ...b1,
        rng: new Rng(1),
        variance: () => [0, 0],
        meanTransform: (m) => m,
      }),
    TypeError,
    "scalar variance",
  );
  await assertRejectsWith(
    () => generalizedSample(eps, S, x1, { ...b1, rng: new Rng(1), meanTransform: () => [1] }),
    RangeError,
    "opts.meanTransform",
  );
  await assertRejectsWith(
    () => generalizedSample(eps, S, x1, { ...b1, rng: new Rng(1), meanTransform: 1 as unknown as () => [] }),
    TypeError,
    "opts.meanTransform",
  );
});
