import { ksOneSample, Rng } from "../../lib/core/mod.ts";
import { KERNEL_NAMES, kernelMixture1d, scaleKernel, transport } from "../../lib/diffusion/mod.ts";
import { derivative, simpson } from "../../lib/numerics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("scaleKernel: unit mass, pdf = CDF', logpdf = log pdf, quantile inverts the CDF", () => {
  for (const name of KERNEL_NAMES) {
    const k = scaleKernel(name);
    for (const z of [-2.3, -0.4, 0.7, 3.1]) {
      assertClose(k.pdf(z), derivative(k.cdf, z, 1e-5), { abs: 2e-7 }, name);
      assertClose(k.logpdf(z), Math.log(k.pdf(z)), { abs: 1e-12 }, name);
    }
    for (const u of [0.01, 0.3, 0.5, 0.77, 0.99]) assertClose(k.cdf(k.quantile(u)), u, { abs: 1e-9 }, name);
    if (name !== "cauchy") assertClose(simpson(k.pdf, -40, 40, 20_000), 1, { abs: 1e-9 }, name);
  }
  assert.ok(Number.isFinite(scaleKernel("gauss").logpdf(60)), "logpdf stays finite where pdf underflows");
});

Deno.test("kernelMixture1d: cdf, pdf and sampler agree; the posterior mean is a weighted average of the points", () => {
  const m = kernelMixture1d([-1, 0.5, 2], "logistic", [1, 2, 1]);
  assertClose(m.pdf(0.3, 0.4), derivative((x) => m.cdf(x, 0.4), 0.3, 1e-5), { abs: 1e-7 });
  const s = m.sample(4000, 0.4, new Rng(5));
  assert.ok(ksOneSample(s, (x) => m.cdf(x, 0.4)).pValue > 0.001);
  const h = m.posteriorMean(Float64Array.from([-50, 0.5, 50]), 0.4);
  assert.ok(h[0] > -1 && h[0] < -0.99 && h[2] < 2 && h[2] > 1.99 && h[1] > -1 && h[1] < 2);
  // Gaussian tails: the densities underflow at x = ±50 and the log-space weights take over
  const g = kernelMixture1d([-1, 0.5, 2], "gauss").posteriorMean(Float64Array.from([-50, 50]), 0.4);
  assertClose(g[0], -1, { abs: 1e-12 });
  assertClose(g[1], 2, { abs: 1e-12 });
});

Deno.test("kernelMixture1d: the t-field and the log-time field transport one point into its data point", () => {
  const m = kernelMixture1d([0.7], "cauchy");
  const r = transport(m.logTimeField(), Float64Array.from([5]), {
    t0: Math.log(10),
    t1: Math.log(0.01),
    dt: 0.05,
  });
  assertClose(r.x[0], 0.7 + (5 - 0.7) * 0.001, { abs: 1e-8 });
  const v = m.field().velocity(Float64Array.from([1.7]), 2);
  assertClose(v[0], 0.5, { abs: 1e-12 });
});

Deno.test("kernelMixture1d: bad inputs throw, naming the argument", () => {
  assertThrowsWith(() => kernelMixture1d([], "gauss"), TypeError, "points");
  assertThrowsWith(() => kernelMixture1d([NaN], "gauss"), RangeError, "points");
  assertThrowsWith(() => kernelMixture1d([0], "box" as never), TypeError, "name");
  assertThrowsWith(() => kernelMixture1d([0, 1], "gauss", [1]), RangeError, "weights");
  assertThrowsWith(() => kernelMixture1d([0, 1], "gauss", [1, -1]), RangeError, "weights[1]");
  const m = kernelMixture1d([0], "laplace");
  assertThrowsWith(() => m.pdf(0, 0), RangeError, "t");
  assertThrowsWith(() => m.cdf(NaN, 1), RangeError, "x");
  assertThrowsWith(() => m.sample(0, 1, new Rng(1)), RangeError, "n");
  assertThrowsWith(() => m.posteriorMean([0] as never, 1), TypeError, "x");
  assertThrowsWith(() => m.posteriorMean(Float64Array.from([NaN]), 1), RangeError, "x");
  assertThrowsWith(() => scaleKernel("gauss").quantile(1), RangeError, "u");
  assertThrowsWith(() => scaleKernel("gauss").cdf(Infinity), RangeError, "z");
});
