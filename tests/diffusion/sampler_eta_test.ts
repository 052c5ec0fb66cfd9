import { mean, Rng, variance } from "../../lib/core/mod.ts";
import {
  generalizedSample,
  scaledVarianceRule,
  scheduleVarianceRule,
  subTrajectory,
  suLinearSchedule,
  x0VarianceRule,
} from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertRejectsWith } from "../_assert.ts";

const S = suLinearSchedule(200);
// x0 ~ N(0, 1): ε*(x, t) = β̄_t x and Var[x0|x_t] = β̄_t²
const epsN = (x: Float64Array, t: number) => x.map((v) => S.betaBar[t] * v);
const traj = subTrajectory(200, 20);
const family = (eta: number) => ({
  traj,
  d: 1,
  mean: "ddim" as const,
  eta,
  variance: scaledVarianceRule(scheduleVarianceRule(S, "small"), eta * eta),
});

Deno.test("generalizedSample eta: η = 1 is the DDPM mean, η = 0 the DDIM mean, and every η samples the law", async () => {
  const xT = new Rng(1).normals(400);
  const ddpm = await generalizedSample(epsN, S, xT, {
    traj,
    d: 1,
    mean: "ddpm",
    variance: scheduleVarianceRule(S, "small"),
    rng: new Rng(2),
  });
  const eta1 = await generalizedSample(epsN, S, xT, { ...family(1), rng: new Rng(2) });
  assert.ok(ddpm.x.every((v, i) => Math.abs(v - eta1.x[i]) < 1e-12), "η = 1 ≡ mean 'ddpm'");
  const ddim = await generalizedSample(epsN, S, xT, {
    traj,
    d: 1,
    mean: "ddim",
    variance: scheduleVarianceRule(S, "zero"),
    rng: new Rng(2),
  });
  const eta0 = await generalizedSample(epsN, S, xT, { ...family(0), mean: "ddpm", rng: new Rng(2) });
  assert.ok(ddim.x.every((v, i) => Math.abs(v - eta0.x[i]) < 1e-12), "η = 0 ≡ mean 'ddim' (mean ignored)");
  // with the Analytic variance v = σ_η² + γ_η² β̄_t² (the η member's own σ², k and γ) the chain is exact for N(0, 1)
  const sb = Float64Array.from({ length: 201 }, (_, t) => S.betaBar[t] ** 2);
  const n = 20000, big = new Rng(3).normals(n);
  for (const eta of [0.3, 0.7]) {
    const r = await generalizedSample(epsN, S, big, {
      ...family(eta),
      variance: x0VarianceRule(sb),
      rng: new Rng(4),
    });
    assertClose(mean(r.x), 0, { abs: 5 / Math.sqrt(n) }, `η = ${eta}`);
    assertClose(variance(r.x), 1, { abs: 5 * Math.sqrt(2 / n) }, `η = ${eta}`);
  }
});

Deno.test("generalizedSample eta: validation names the option", async () => {
  const xT = new Rng(1).normals(4);
  for (const eta of [-0.1, 1.5, NaN]) {
    await assertRejectsWith(
      () => generalizedSample(epsN, S, xT, { ...family(0.5), eta, rng: new Rng(2) }),
      RangeError,
      "opts.eta",
    );
  }
});
