import { mean, Rng, variance } from "../../lib/core/mod.ts";
import {
  ddpmSample,
  GaussianMixture,
  ring8,
  ringSpread,
  sigmaTable,
  suLinearSchedule,
} from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertRejectsWith } from "../_assert.ts";

const S = suLinearSchedule(200);

Deno.test("ddpmSample: exact ε* of N(0,1) data with σ = β_t reproduces N(0,1)", async () => {
  // for x0 ~ N(0, 1), x_t ~ N(0, 1) and ε*(x, t) = β̄_t x
  const n = 20000;
  const xT = new Rng(1).normals(n);
  const { x } = await ddpmSample((xt, t) => xt.map((v) => S.betaBar[t] * v), S, xT, {
    sigma: "large",
    rng: new Rng(2),
  });
  assertClose(mean(x), 0, { abs: 5 / Math.sqrt(n) });
  assertClose(variance(x), 1, { abs: 5 * Math.sqrt(2 / n) });
});

Deno.test("ddpmSample: deterministic, records snapshots, tStart, common random numbers", async () => {
  const g = ring8();
  const eps = (x: Float64Array, t: number) => g.epsStar(x, S.alphaBar[t], S.betaBar[t]);
  const xT = new Rng(3).normals(2 * 500);
  const a = await ddpmSample(eps, S, xT, { sigma: "small", rng: new Rng(4), record: [200, 100, 0] });
  const b = await ddpmSample(eps, S, xT, { sigma: "small", rng: new Rng(4) });
  assert.deepEqual(a.x, b.x);
  assert.deepEqual([...a.snapshots.keys()], [200, 100, 0]);
  assert.deepEqual(a.snapshots.get(200), xT);
  assert.deepEqual(a.snapshots.get(0), a.x);
  assert.equal(xT[0], new Rng(3).normals(1)[0], "xStart is not modified");
  assertClose(ringSpread(a.x, g), 1, { abs: 0.2 });
  const sigma0 = await ddpmSample(eps, S, xT, { sigma: new Float64Array(201), rng: new Rng(4) });
  const again = await ddpmSample(eps, S, xT, { sigma: new Float64Array(201), rng: new Rng(99) });
  assert.deepEqual(sigma0.x, again.x, "σ = 0 draws no noise");
  const part = await ddpmSample(eps, S, xT, { sigma: "large", rng: new Rng(4), tStart: 1 });
  const e1 = eps(xT, 1);
  const z = new Rng(4).normals(xT.length);
  for (let i = 0; i < 5; i++) {
    const expect = (xT[i] - (S.beta[1] ** 2 / S.betaBar[1]) * e1[i]) / S.alpha[1] + S.beta[1] * z[i];
    assertClose(part.x[i], expect, { abs: 1e-12 });
  }
});

Deno.test("ddpmSample: a Dirac data point is recovered with σ small", async () => {
  const g = new GaussianMixture({ means: [[0.7]], stds: [0] });
  const { x } = await ddpmSample(
    (x, t) => g.epsStar(x, S.alphaBar[t], S.betaBar[t]),
    S,
    new Rng(5).normals(100),
    {
      sigma: "small",
      rng: new Rng(6),
    },
  );
  for (const v of x) assertClose(v, 0.7, { abs: 1e-9 });
});

Deno.test("ddpmSample: bad inputs name the argument", async () => {
  const f = (x: Float64Array) => x;
  const xT = new Float64Array(4);
  await assertRejectsWith(
    () => ddpmSample(f, S, xT, { sigma: "large", rng: new Rng(0), tStart: 0 }),
    RangeError,
    "opts.tStart",
  );
  await assertRejectsWith(
    () => ddpmSample(f, S, xT, { sigma: new Float64Array(3), rng: new Rng(0) }),
    RangeError,
    "opts.sigma",
  );
  await assertRejectsWith(
    () => ddpmSample(f, S, xT, { sigma: "mid" as never, rng: new Rng(0) }),
    TypeError,
    "choice",
  );
  await assertRejectsWith(() => ddpmSample(f, S, xT, { sigma: "large" } as never), TypeError, "opts.rng");
  await assertRejectsWith(
    () => ddpmSample(f, S, xT, { sigma: "large", rng: new Rng(0), record: [201] }),
    RangeError,
    "opts.record",
  );
  await assertRejectsWith(
    () => ddpmSample(() => new Float64Array(1), S, xT, { sigma: "large", rng: new Rng(0) }),
    RangeError,
    "epsFn",
  );
  await assertRejectsWith(
    () => ddpmSample(f, S, [0] as never, { sigma: "large", rng: new Rng(0) }),
    TypeError,
    "xStart",
  );
  assert.equal(sigmaTable(S, "large").length, 201);
});
