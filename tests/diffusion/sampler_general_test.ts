import { mean, Rng, variance } from "../../lib/core/mod.ts";
import {
  callEps,
  ddpmSample,
  generalizedSample,
  recordSet,
  requireSamplerInputs,
  ring8,
  scaledVarianceRule,
  scheduleVarianceRule,
  subTrajectory,
  suLinearSchedule,
  x0VarianceRule,
} from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

const S = suLinearSchedule(200);
const g = ring8(2, 0.3);
const eps = (x: Float64Array, t: number) => g.epsStar(x, S.alphaBar[t], S.betaBar[t]);

Deno.test("generalizedSample: the full trajectory with DDPM mean reproduces ddpmSample (same noise)", async () => {
  const xT = new Rng(1).normals(2 * 300);
  const traj = subTrajectory(200, 200);
  for (const kind of ["small", "large"] as const) {
    const ref = await ddpmSample(eps, S, xT, { sigma: kind, rng: new Rng(2) });
    const gen = await generalizedSample(eps, S, xT, {
      traj,
      d: 2,
      mean: "ddpm",
      variance: scheduleVarianceRule(S, kind),
      rng: new Rng(2),
    });
    let worst = 0;
    for (let i = 0; i < xT.length; i++) worst = Math.max(worst, Math.abs(gen.x[i] - ref.x[i]));
    assert.ok(worst < 1e-9, `${kind}: max |Δ| = ${worst}`);
  }
});

Deno.test("generalizedSample: N(0,1) data — DDIM is deterministic, the analytic variance is exact", async () => {
  // x0 ~ N(0,1): ε*(x,t) = β̄_t x, Var[x0|x_t] = β̄_t², so σ̄_t² = β̄_t² exactly and the analytic DDPM chain is exact
  const epsN = (x: Float64Array, t: number) => x.map((v) => S.betaBar[t] * v);
  const traj = subTrajectory(200, 5);
  const sb = Float64Array.from({ length: 201 }, (_, t) => S.betaBar[t] ** 2);
  const n = 20000, xT = new Rng(3).normals(n);
  const an = await generalizedSample(epsN, S, xT, {
    traj,
    d: 1,
    mean: "ddpm",
    variance: x0VarianceRule(sb),
    rng: new Rng(4),
  });
  assertClose(mean(an.x), 0, { abs: 5 / Math.sqrt(n) });
  assertClose(variance(an.x), 1, { abs: 5 * Math.sqrt(2 / n) }, "analytic-DDPM variance");
  const andim = await generalizedSample(epsN, S, xT, {
    traj,
    d: 1,
    mean: "ddim",
    variance: x0VarianceRule(sb),
    rng: new Rng(4),
  });
  assertClose(variance(andim.x), 1, { abs: 5 * Math.sqrt(2 / n) }, "analytic-DDIM variance");
  const small = await generalizedSample(epsN, S, xT, {
    traj,
    d: 1,
    mean: "ddpm",
    variance: scheduleVarianceRule(S, "small"),
    rng: new Rng(4),
  });
  assert.ok(variance(small.x) < 0.9, `small variance under-disperses at K=5: ${variance(small.x)}`);
  const a = await generalizedSample(epsN, S, xT, {
    traj,
    d: 1,
    mean: "ddim",
    variance: scheduleVarianceRule(S, "zero"),
    rng: new Rng(5),
  });
  const b = await generalizedSample(epsN, S, xT, {
    traj,
    d: 1,
    mean: "ddim",
    variance: scheduleVarianceRule(S, "zero"),
    rng: new Rng(6),
  });
  assert.deepEqual(a.x, b.x, "σ = 0 draws no noise");
  // DDIM on N(0,1) data: x̂_0 = ᾱ_t x_t, so each jump multiplies by β̄_sβ̄_t + ᾱ_sᾱ_t = cos(θ_t − θ_s) (ᾱ = cos θ)
  let factor = 1;
  for (let i = 5; i >= 1; i--) {
    const t = traj[i], s = traj[i - 1];
    factor *= S.betaBar[s] * S.betaBar[t] + S.alphaBar[s] * S.alphaBar[t];
  }
  for (let i = 0; i < 10; i++) assertClose(a.x[i], factor * xT[i], { abs: 1e-12 });
});

Deno.test("generalizedSample: records, finalNoise, clipX0, per-coordinate variances, bad inputs", async () => {
  const traj = subTrajectory(200, 4);
  const xT = new Rng(7).normals(2 * 50);
  const r = await generalizedSample(eps, S, xT, {
    traj,
    d: 2,
    mean: "ddpm",
    variance: scheduleVarianceRule(S, "large"),
    rng: new Rng(8),
    record: [200, 100, 0],
    finalNoise: "none",
    clipX0: [-1, 1],
  });
  assert.deepEqual([...r.snapshots.keys()], [200, 100, 0]);
  assert.deepEqual(r.snapshots.get(200), xT);
  assert.ok(r.x.every((v) => v >= -1 && v <= 1), "finalNoise none + clipX0: the output is the clipped x̂_0");
  const perCoord = await generalizedSample(eps, S, xT, {
    traj,
    d: 2,
    mean: "ddpm",
    variance: x0VarianceRule((ctx) => new Float64Array(ctx.x.length).fill(0.01)),
    rng: new Rng(8),
  });
  const scalar = await generalizedSample(eps, S, xT, {
    traj,
    d: 2,
    mean: "ddpm",
    variance: x0VarianceRule(() => 0.01),
    rng: new Rng(8),
  });
  for (let i = 0; i < xT.length; i++) assertClose(perCoord.x[i], scalar.x[i], { abs: 1e-12 });
  const doubled = await generalizedSample(eps, S, xT, {
    traj,
    d: 2,
    mean: "ddpm",
    variance: scaledVarianceRule(x0VarianceRule(() => 0.01), 0),
    rng: new Rng(8),
  });
  const zero = await generalizedSample(eps, S, xT, {
    traj,
    d: 2,
    mean: "ddpm",
    variance: scheduleVarianceRule(S, "zero"),
    rng: new Rng(8),
  });
  assert.deepEqual(doubled.x, zero.x, "c = 0 scales the variance to 0");
  const base = {
    traj,
    d: 2,
    mean: "ddpm" as const,
    variance: scheduleVarianceRule(S, "small"),
    rng: new Rng(1),
  };
  await assertRejectsWith(() => generalizedSample(eps, S, new Float64Array(3), base), RangeError, "d=2");
  await assertRejectsWith(
    () => generalizedSample(eps, S, xT, { ...base, traj: [1, 200] }),
    RangeError,
    "opts.traj[0]",
  );
  await assertRejectsWith(
    () => generalizedSample(eps, S, xT, { ...base, mean: "x" as "ddpm" }),
    TypeError,
    "opts.mean",
  );
  await assertRejectsWith(
    () => generalizedSample(eps, S, xT, { ...base, variance: () => -1 }),
    RangeError,
    "variance at t=200",
  );
  await assertRejectsWith(
    () => generalizedSample(eps, S, xT, { ...base, variance: () => [1, 2] }),
    RangeError,
    "1 or 100 values",
  );
  await assertRejectsWith(() => generalizedSample(() => [0], S, xT, base), RangeError, "epsFn must return");
  await assertRejectsWith(
    () => generalizedSample(eps, S, xT, { ...base, clipX0: [1, -1] }),
    RangeError,
    "opts.clipX0",
  );
  await assertRejectsWith(
    () => generalizedSample(eps, S, xT, { ...base, variance: x0VarianceRule(new Float64Array(3)) }),
    RangeError,
    "no entry for t=200",
  );
});

Deno.test("sampler_common: input checks and record sets", async () => {
  assertThrowsWith(() => requireSamplerInputs(1, new Float64Array(1), new Rng(1)), TypeError, "epsFn");
  assertThrowsWith(() => requireSamplerInputs(eps, [1], new Rng(1)), TypeError, "xStart");
  assertThrowsWith(() => requireSamplerInputs(eps, new Float64Array(1), {}), TypeError, "opts.rng");
  assert.deepEqual([...recordSet([3, 0, 3], 5)], [3, 0]);
  assertThrowsWith(() => recordSet([6], 5), RangeError, "opts.record");
  await assertRejectsWith(() => callEps(() => [NaN], new Float64Array(1), 3), RangeError, "epsFn(x, 3)[0]");
});
