import fc from "fast-check";
import { ksOneSample, mean, median, Rng } from "../../lib/core/mod.ts";
import { divergence, simpson } from "../../lib/numerics/mod.ts";
import {
  cauchyMixtureCdf,
  expStepRule,
  fieldDivergence,
  geometricGrid,
  gravityField,
  pfgmField,
  pfgmNormalizedTarget,
  pfgmPerturb,
  pfgmPosterior,
  pfgmPriorRadiusCdf,
  pfgmPriorSample,
  poissonField,
  poissonKernelLogPdf,
  poissonKernelSample,
  posteriorLogTimeField,
  runReverse,
  transport,
} from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

const data2 = Float64Array.of(0, 0, 1, 0.5, -0.7, 1.2, 0.3, -1.1);

function augmented(data: Float64Array, d: number) {
  const N = data.length / d, aug = new Float64Array(N * (d + 1));
  for (let i = 0; i < N; i++) for (let q = 0; q < d; q++) aug[i * (d + 1) + q] = data[i * d + q];
  return gravityField(aug, d + 1, new Float64Array(N).fill(1 / N));
}

Deno.test("poissonField (property): equals gravity in d + 1 dimensions; its divergence is 0; −2F_t = p_t", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 3 }),
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }),
      fc.double({ min: 0.05, max: 5, noNaN: true }),
      (d, xr, t) => {
        const data = Float64Array.from({ length: 4 * d }, (_, i) => 1.5 * Math.sin(1.7 * i + 0.3));
        const x = Float64Array.from(xr.slice(0, d));
        const g = augmented(data, d);
        const F = g.at(Float64Array.from([...x, t]));
        const { fx, ft } = poissonField(data, d, x, t);
        const scale = Math.hypot(...F);
        const same = [...fx, ...ft].every((v, q) => Math.abs(v - F[q]) <= 1e-12 * scale);
        const p = Math.exp(poissonKernelLogPdf(data, d, x, t)[0]);
        const flux = Math.abs(-2 * ft[0] - p) <= 1e-12 * p;
        const div =
          Math.abs(divergence((y) => g.at(y), Float64Array.from([...x, t]), 1e-5 * t)) <= 1e-5 * scale / t;
        return same && flux && div;
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("pfgmPosterior (property): the trace is the divergence of the posterior mean; ratio form F_x/F_t", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 2, maxLength: 2 }),
      fc.double({ min: 0.1, max: 3, noNaN: true }),
      (xr, t) => {
        const x = Float64Array.from(xr);
        const { mean: m, trace } = pfgmPosterior(data2, 2, x, t);
        const fd = divergence((y) => pfgmPosterior(data2, 2, y, t, false).mean, x, 1e-5);
        const { fx, ft } = poissonField(data2, 2, x, t);
        const ratioOk = [0, 1].every((q) =>
          Math.abs(fx[q] / ft[0] - (x[q] - m[q]) / t) <= 1e-9 * (1 + Math.abs(fx[q] / ft[0]))
        );
        return Math.abs(fd - trace[0]) <= 1e-6 * (1 + Math.abs(trace[0])) && ratioOk;
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("pfgmField: exact divergence matches finite differences; the log-density it carries is the Poisson-kernel law", () => {
  const f = pfgmField(data2, 2);
  const x = Float64Array.of(0.4, 0.3, -1, 2);
  const exact = fieldDivergence(f, x, Math.log(0.5));
  const fd = fieldDivergence({ dim: 2, velocity: f.velocity }, x, Math.log(0.5));
  assertAllClose(exact, fd, { abs: 1e-6 });
  const z = poissonKernelSample(data2, 2, 3, 20, new Rng(1));
  const logp0 = poissonKernelLogPdf(data2, 2, z, 3);
  const run = transport(f, z, { t0: Math.log(3), t1: Math.log(0.2), dt: 0.02, logp0 });
  assertAllClose(run.logp!, poissonKernelLogPdf(data2, 2, run.x, 0.2), { abs: 1e-6 });
  assertThrowsWith(() => pfgmField(new Float64Array(0), 2), RangeError, "data");
  assertThrowsWith(() => pfgmPosterior(data2, 2, x, 0), RangeError, "t");
  assertThrowsWith(() => pfgmPosterior(data2, 2, Float64Array.of(1), 1), RangeError, "x");
  assertThrowsWith(() => f.velocity(x, NaN), RangeError, "s");
  assertThrowsWith(() => posteriorLogTimeField(0, () => ({ mean: new Float64Array(0) })), RangeError, "dim");
  assertThrowsWith(
    () => posteriorLogTimeField(1, (xx) => ({ mean: xx })).divergence!(Float64Array.of(1), 0),
    TypeError,
    "trace",
  );
  assert(logp0.length === 20, "log p per row");
});

Deno.test("poissonKernelLogPdf and cauchyMixtureCdf: a density integrating to 1 whose CDF is the arctan form", () => {
  const data = Float64Array.of(-1, 0.5, 2);
  const t = 0.7, F = cauchyMixtureCdf(data, t);
  const p = (x: number) => Math.exp(poissonKernelLogPdf(data, 1, Float64Array.of(x), t)[0]);
  assertClose(simpson(p, -1.3, 1.9, 2000), F(1.9) - F(-1.3), { abs: 1e-10 });
  assertClose(F(1e9), 1, { abs: 1e-8 });
  // in 2-D the kernel integrates to 1 (polar quadrature, tail 1/√(1 + R²/t²) beyond R)
  const R = 200,
    radial = simpson(
      (r) =>
        2 * Math.PI * r *
        Math.exp(poissonKernelLogPdf(Float64Array.of(0, 0), 2, Float64Array.of(r, 0), t)[0]),
      0,
      R,
      20000,
    );
  assertClose(radial + t / Math.sqrt(R * R + t * t), 1, { abs: 1e-8 });
  assertThrowsWith(() => cauchyMixtureCdf([], 1), RangeError, "data");
  assertThrowsWith(() => cauchyMixtureCdf([0], 0), RangeError, "t");
  assertThrowsWith(() => poissonKernelLogPdf(data, 1, Float64Array.of(0), -1), RangeError, "t");
});

Deno.test("expStepRule and geometricGrid: exact for a fixed x̂₀; runs on runReverse; validation", async () => {
  const g = geometricGrid(40, 1e-3, 4);
  assertAllClose(g, [40, 40 * (2.5e-5) ** 0.25, 40 * (2.5e-5) ** 0.5, 40 * (2.5e-5) ** 0.75, 1e-3], {
    rel: 1e-12,
  });
  const x0 = Float64Array.of(0.5, -1);
  const res = await runReverse(expStepRule(() => x0), Float64Array.of(10, 20), { times: g });
  // dx/dt = (x − x̂₀)/t with x̂₀ fixed: x(t) = x̂₀ + (t/T)(x(T) − x̂₀)
  assertAllClose(res.x, [0.5 + (1e-3 / 40) * 9.5, -1 + (1e-3 / 40) * 21], { abs: 1e-14 });
  assertThrowsWith(() => geometricGrid(1, 2, 3), RangeError, "eps");
  assertThrowsWith(() => geometricGrid(1, 0.1, 0), RangeError, "n");
  assertThrowsWith(() => expStepRule(null as unknown as () => Float64Array), TypeError, "predict");
  await assertRejectsWith(
    () => runReverse(expStepRule(() => x0), Float64Array.of(1, 2), { times: [1, 0] }),
    RangeError,
    "above 0",
  );
  await assertRejectsWith(
    () => runReverse(expStepRule(() => Float64Array.of(1)), Float64Array.of(1, 2), { times: [1, 0.5] }),
    RangeError,
    "predict",
  );
});

Deno.test("pfgmPriorSample and pfgmPriorRadiusCdf: closed forms for d = 1, 2; KS of the sampler; validation", () => {
  const T = 3;
  const F2 = pfgmPriorRadiusCdf(2, T), F1 = pfgmPriorRadiusCdf(1, T);
  for (const r of [0, 0.5, 3, 10, 1e4]) {
    // the table is interpolated linearly in θ: error ~ h²/8 · max|F''| ≈ 2e-8
    assertClose(F2(r), 1 - T / Math.sqrt(r * r + T * T), { abs: 1e-7 });
    assertClose(F1(r), (2 / Math.PI) * Math.atan(r / T), { abs: 1e-7 });
  }
  const x = pfgmPriorSample(20000, 3, T, new Rng(2), [1, 2, 3]);
  const rad = Float64Array.from(
    { length: 20000 },
    (_, i) => Math.hypot(x[3 * i] - 1, x[3 * i + 1] - 2, x[3 * i + 2] - 3),
  );
  assert(ksOneSample(rad, pfgmPriorRadiusCdf(3, T)).pValue > 1e-3, "radius law, d = 3");
  assertThrowsWith(() => pfgmPriorSample(5, 2, 0, new Rng(0)), RangeError, "T");
  assertThrowsWith(() => pfgmPriorSample(5, 2, 1, new Rng(0), [0]), RangeError, "centre");
  assertThrowsWith(() => F2(-1), RangeError, "r");
  assertThrowsWith(() => pfgmPriorRadiusCdf(0, 1), RangeError, "d");
});

Deno.test("poissonKernelSample, pfgmPerturb, pfgmNormalizedTarget: laws, scales, directions; validation", () => {
  const rng = new Rng(4);
  const s = poissonKernelSample(Float64Array.of(5), 1, 0.5, 20000, rng);
  assertClose(median(s), 5, { abs: 0.03 });
  assert(ksOneSample(s, cauchyMixtureCdf([5], 0.5)).pValue > 1e-3, "Cauchy law");
  const x0 = new Float64Array(2 * 4000);
  const { x, t } = pfgmPerturb(x0, 2, { sigma: 0.01, tau: 0.03, M: 100 }, rng);
  assert(t.every((v) => v > 0) && t.length === 4000 && x.length === 8000, "shapes, t > 0");
  const maxScale = 0.01 * Math.pow(1.03, 100) * 6;
  assert(Math.max(...t) < maxScale && mean(t) > 0.01, "t within the scale range");
  const tgt = pfgmNormalizedTarget(data2, 2, Float64Array.of(0.3, 0.2, 5, 5), Float64Array.of(0.4, 2));
  for (let i = 0; i < 2; i++) {
    assertClose(Math.hypot(tgt[3 * i], tgt[3 * i + 1], tgt[3 * i + 2]), Math.sqrt(3), { rel: 1e-12 });
  }
  const { fx, ft } = poissonField(data2, 2, Float64Array.of(0.3, 0.2), 0.4);
  const n = Math.hypot(fx[0], fx[1], ft[0]);
  assertAllClose(tgt.slice(0, 3), [fx[0], fx[1], ft[0]].map((v) => (Math.sqrt(3) * v) / n), { abs: 1e-12 });
  const damped = pfgmNormalizedTarget(data2, 2, Float64Array.of(5, 5), Float64Array.of(2), 5);
  assert(Math.hypot(...damped) < Math.sqrt(3), "γ > 0 shrinks a weak field");
  assertThrowsWith(() => pfgmPerturb(x0, 2, { sigma: 0, tau: 0.03, M: 1 }, rng), RangeError, "opts.sigma");
  assertThrowsWith(
    () => pfgmNormalizedTarget(data2, 2, Float64Array.of(0, 0), Float64Array.of(0)),
    RangeError,
    "t[0]",
  );
  assertThrowsWith(
    () => pfgmNormalizedTarget(data2, 2, Float64Array.of(0, 0), Float64Array.of(1, 2)),
    RangeError,
    "t",
  );
  assertThrowsWith(() => poissonKernelSample(new Float64Array(0), 1, 1, 3, rng), RangeError, "data");
});
