import fc from "fast-check";
import { Rng } from "../../lib/core/mod.ts";
import {
  ddimCoefficients,
  ddpmSigmaTilde,
  evenTimes,
  gaussianForward,
  pixelMaskForward,
  posteriorSampleX0,
  requireTimes,
  ring8,
  suLinearSchedule,
  toEpsForm,
  udmGaussianCoefficients,
  udmSample,
  udmStep,
  uniformNoiseForward,
} from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

const sch = suLinearSchedule(200);

Deno.test("udmStep: reuse and partial follow the closed-form Gaussian coefficients", () => {
  const fp = gaussianForward(sch, 2), x0 = new Rng(1).normals(8), xt = new Rng(2).normals(8);
  const reuse = udmStep(fp, xt, 120, 80, x0, "reuse", { rng: new Rng(3) });
  const c0 = udmGaussianCoefficients(sch, 120, 80, 0);
  assertAllClose(reuse, xt.map((v, i) => c0.cXt * v + c0.cX0 * x0[i]), { abs: 1e-13 });
  const st = 0.4, z = new Rng(4).normals(8);
  const part = udmStep(fp, xt, 120, 80, x0, "partial", { rng: new Rng(4), sigmaTilde: st });
  const c = udmGaussianCoefficients(sch, 120, 80, st);
  assertAllClose(part, xt.map((v, i) => c.cXt * v + c.cX0 * x0[i] + c.cNoise * z[i]), { abs: 1e-13 });
  const naive = udmStep(fp, xt, 120, 80, x0, "naive", { rng: new Rng(5) });
  const zn = new Rng(5).normals(8);
  assertAllClose(naive, x0.map((v, i) => sch.alphaBar[80] * v + sch.betaBar[80] * zn[i]), { abs: 1e-13 });
  assertThrowsWith(
    () => udmStep(fp, xt, 120, 80, x0, "partial", { rng: new Rng(1), sigmaTilde: 2 }),
    RangeError,
    "sigmaTilde",
  );
  assertThrowsWith(() => udmStep(fp, xt, 120, 120, x0, "reuse", { rng: new Rng(1) }), RangeError, "s");
  assertThrowsWith(
    () => udmStep(fp, xt, 120, 80, x0, "x" as "reuse", { rng: new Rng(1) }),
    TypeError,
    "choice",
  );
  assertThrowsWith(
    () => udmStep(fp, xt.subarray(0, 6), 120, 80, x0, "reuse", { rng: new Rng(1) }),
    RangeError,
    "xt",
  );
});

Deno.test("UDM (iii) = DDIM in ε-form; DDPM σ̃ gives the posterior std", () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (t, u) => {
      const s = Math.floor(u * (t - 1)), st = ddpmSigmaTilde(sch, t, s) * u;
      const a = toEpsForm(udmGaussianCoefficients(sch, t, s, st), sch, t);
      const b = ddimCoefficients(sch, t, s, sch.betaBar[s] * st);
      return Math.abs(a.cXt - b.cXt) < 1e-9 * Math.abs(b.cXt) + 1e-12 && Math.abs(a.cEps - b.cEps) < 1e-9 &&
        Math.abs(a.cNoise - b.cNoise) < 1e-15;
    }),
  );
  for (const t of [1, 2, 50, 200]) {
    assertClose(ddpmSigmaTilde(sch, t, t - 1), sch.beta[t] / sch.betaBar[t], { rel: 1e-14 });
  }
  // skip jumps: 1 − ᾱ_t²/ᾱ_s² (direct, fine away from t = 0), and the Gaussian posterior std β̄_s·σ̃
  assertClose(
    ddpmSigmaTilde(sch, 150, 60),
    Math.sqrt(1 - (sch.alphaBar[150] / sch.alphaBar[60]) ** 2) / sch.betaBar[150],
    {
      rel: 1e-12,
    },
  );
  assertClose(ddpmSigmaTilde(sch, 200, 0), 1, { abs: 1e-15 });
  assertThrowsWith(() => ddpmSigmaTilde(sch, 201, 3), RangeError, "t");
  assertThrowsWith(() => ddimCoefficients(sch, 10, 5, 2), RangeError, "sigma");
  assertThrowsWith(() => ddpmSigmaTilde(sch, 10, 10), RangeError, "s");
});

Deno.test("evenTimes / requireTimes", () => {
  assertAllClose(evenTimes(1000, 4), [1000, 750, 500, 250, 0], { abs: 1e-300 });
  assertThrowsWith(() => evenTimes(10, 11), RangeError, "K");
  assertThrowsWith(() => requireTimes([10, 10, 0], 10), RangeError, "decreasing");
  assertThrowsWith(() => requireTimes([10, 5], 10), RangeError, "end at 0");
});

Deno.test("udmSample with the exact posterior keeps the data law (MC, loose)", async () => {
  const gmm = ring8(), fp = gaussianForward(sch, 2), rng = new Rng(9), n = 3000;
  const xT = fp.apply(gmm.sample(n, rng), fp.sampleNoise(rng, n), 200);
  const est = (x: Float64Array, t: number, r: Rng) =>
    posteriorSampleX0(gmm, x, sch.alphaBar[t], sch.betaBar[t], r);
  const { x } = await udmSample(fp, est, xT, evenTimes(200, 4), { choice: "naive", rng });
  let v = 0;
  for (let i = 0; i < x.length; i++) v += x[i] * x[i];
  assertClose(v / x.length, 2.09, { abs: 0.15 });
  await assertRejectsWith(
    () => udmSample(fp, est, xT, [200, 0], { choice: "partial", rng }),
    TypeError,
    "sigmaTilde",
  );
  await assertRejectsWith(
    () => udmSample(uniformNoiseForward(sch, 2), est, xT, [5, 5, 0], { choice: "reuse", rng }),
    RangeError,
    "times",
  );
});

Deno.test("udmStep refuses reuse without an inverse; mask reuse keeps the masked set nested", () => {
  const fp = pixelMaskForward(8, 4), rng = new Rng(2), x0 = rng.normals(8);
  const xt = fp.apply(x0, fp.sampleNoise(rng, 1), 3);
  const xs = udmStep(fp, xt, 3, 2, x0, "reuse", { rng });
  for (let p = 0; p < 8; p++) if (xs[8 + p] === 1) assert(xt[8 + p] === 1, "nested masks");
  assertThrowsWith(() => udmStep(fp, xt, 3, 2, x0, "partial", { rng, sigmaTilde: 0.5 }), RangeError, "eps");
});

Deno.test("posteriorSampleX0: moments match posteriorMeanX0 / posteriorVarX0", () => {
  const gmm = ring8(), rng = new Rng(4), x = new Float64Array(2 * 20000);
  for (let i = 0; i < 20000; i++) x.set([0.7, -0.4], 2 * i);
  const s = posteriorSampleX0(gmm, x, 0.6, 0.8, rng);
  const m = gmm.posteriorMeanX0(x.subarray(0, 2), 0.6, 0.8),
    v = gmm.posteriorVarX0(x.subarray(0, 2), 0.6, 0.8);
  for (let q = 0; q < 2; q++) {
    let a = 0, b = 0;
    for (let i = 0; i < 20000; i++) {
      a += s[2 * i + q];
      b += s[2 * i + q] ** 2;
    }
    const mean = a / 20000, vr = b / 20000 - mean * mean;
    assertClose(mean, m[q], { abs: 5 * Math.sqrt(v[q] / 20000) });
    assertClose(vr, v[q], { rel: 0.05 });
  }
  assertThrowsWith(() => posteriorSampleX0(gmm, x, 0.6, -1, rng), RangeError, "b");
  assertThrowsWith(() => posteriorSampleX0(gmm, new Float64Array(3), 0.6, 1, rng), RangeError, "x");
});
