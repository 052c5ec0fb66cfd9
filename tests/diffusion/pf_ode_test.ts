import { Rng } from "../../lib/core/mod.ts";
import {
  eulerPfOdeRule,
  generalizedSample,
  heunPfOdeRule,
  ring8,
  runReverse,
  scheduleVarianceRule,
  subTrajectory,
  suLinearSchedule,
} from "../../lib/diffusion/mod.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

const S = suLinearSchedule(200);

Deno.test("eulerPfOdeRule: Euler on the probability-flow ODE is DDIM's step (σ = 0), jump by jump", async () => {
  const g = ring8(2, 0.3);
  const eps = (x: Float64Array, t: number) => g.epsStar(x, S.alphaBar[t], S.betaBar[t]);
  const xT = new Rng(3).normals(2 * 200);
  for (const K of [5, 20, 200]) {
    const traj = subTrajectory(200, K);
    const ddim = await generalizedSample(eps, S, xT, {
      traj,
      d: 2,
      mean: "ddim",
      variance: scheduleVarianceRule(S, "zero"),
      rng: new Rng(0),
    });
    const euler = await runReverse(eulerPfOdeRule(eps, S), xT, {
      times: Array.from(traj).reverse(),
    });
    let worst = 0;
    for (let i = 0; i < xT.length; i++) worst = Math.max(worst, Math.abs(euler.x[i] - ddim.x[i]));
    assert(worst < 1e-9, `K=${K}: max |Euler − DDIM| = ${worst}`);
  }
});

Deno.test("heunPfOdeRule: second order on N(0, s²) data, where the flow is exact; Euler is first order", async () => {
  // x0 ~ N(0, s²): ε*(x, t) = β̄_t x/v_t with v_t = ᾱ_t² s² + β̄_t², and the flow keeps x/√v_t constant
  const s2 = 0.25, v = (t: number) => S.alphaBar[t] ** 2 * s2 + S.betaBar[t] ** 2;
  const eps = (x: Float64Array, t: number) => x.map((u) => (S.betaBar[t] * u) / v(t));
  const xT = new Float64Array([1.5, -0.7]), stop = 20;
  const exact = (u: number) => u * Math.sqrt(v(stop) / v(200));
  const err = async (rule: "euler" | "heun", K: number) => {
    const times = Array.from({ length: K + 1 }, (_, k) => Math.round(200 - ((200 - stop) * k) / K));
    const r = rule === "euler" ? eulerPfOdeRule(eps, S) : heunPfOdeRule(eps, S);
    const out = await runReverse(r, xT, { times });
    return Math.max(...Array.from(out.x, (u, i) => Math.abs(u - exact(xT[i]))));
  };
  const [e10, e20, h10, h20] = [
    await err("euler", 10),
    await err("euler", 20),
    await err("heun", 10),
    await err("heun", 20),
  ];
  assert(h10 < e10 / 4, `Heun (${h10}) is far more accurate than Euler (${e10}) at K = 10`);
  assert(
    e10 / e20 > 1.6 && e10 / e20 < 2.5,
    `Euler: halving the step divides the error by ~2, got ${e10 / e20}`,
  );
  assert(
    h10 / h20 > 3 && h10 / h20 < 5.5,
    `Heun: halving the step divides the error by ~4, got ${h10 / h20}`,
  );
});

Deno.test("heunPfOdeRule: the last jump to β̄ = 0 is an Euler step; bad inputs throw", async () => {
  const g = ring8(2, 0.3);
  const eps = (x: Float64Array, t: number) => g.epsStar(x, S.alphaBar[t], S.betaBar[t]);
  const x = new Rng(1).normals(8);
  const a = await runReverse(heunPfOdeRule(eps, S), x, { times: [3, 0] });
  const b = await runReverse(eulerPfOdeRule(eps, S), x, { times: [3, 0] });
  assert.deepEqual(Array.from(a.x), Array.from(b.x));
  assertThrowsWith(() => eulerPfOdeRule(3 as never, S), TypeError, "epsFn");
  assertThrowsWith(() => heunPfOdeRule(eps, {} as never), TypeError, "sched");
});
