import fc from "fast-check";
import {
  blurFlowField,
  blurredDensity,
  empiricalCharFn,
  GaussianMixture,
  mixtureCdf1d,
  mixtureCharFn1d,
  mixtureLogLaplacian,
} from "../../lib/diffusion/mod.ts";
import { Rng } from "../../lib/core/mod.ts";
import { divergence, laplacian, simpson } from "../../lib/numerics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const mix1 = new GaussianMixture({ means: [[-1.5], [1.0]], stds: [0.3, 0.5], weights: [0.3, 0.7] });
const mix2 = new GaussianMixture({
  means: [[0, 1], [1.5, -0.5]],
  stds: [[0.4, 0.7], [0.6, 0.3]],
  weights: [1, 2],
});
const sched = { sigma: (t: number) => t, dsigma: () => 1 };

Deno.test("mixtureLogLaplacian: Δ log p against lib/numerics' finite-difference Laplacian (property, 1-D and diagonal 2-D)", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: 0.5, max: 1.2, noNaN: true }),
      fc.double({ min: 0, max: 2, noNaN: true }),
      (x, y, a, b) => {
        const p1 = Float64Array.of(x);
        const fd1 = laplacian((z) => mix1.logpdf(z, a, b)[0], p1, 1e-4);
        assertClose(mixtureLogLaplacian(mix1, p1, a, b)[0], fd1, { abs: 1e-4, rel: 1e-4 });
        const p2 = Float64Array.of(x, y);
        const fd2 = laplacian((z) => mix2.logpdf(z, a, b)[0], p2, 1e-4);
        assertClose(mixtureLogLaplacian(mix2, p2, a, b)[0], fd2, { abs: 1e-4, rel: 1e-4 });
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("blurFlowField: its exact divergence equals the finite-difference divergence of its velocity (property)", () => {
  const f1 = blurFlowField(mix1, sched), f2 = blurFlowField(mix2, sched);
  fc.assert(
    fc.property(
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: 0.05, max: 5, noNaN: true }),
      (x, y, t) => {
        for (const [f, p] of [[f1, Float64Array.of(x)], [f2, Float64Array.of(x, y)]] as const) {
          const fd = divergence((z) => f.velocity(z, t), p, 1e-5);
          assertClose(f.divergence!(p, t)[0], fd, { abs: 1e-5, rel: 1e-5 });
        }
      },
    ),
    { numRuns: 60 },
  );
  // v = −σσ̇ ∇log p_t: at σ_t = t, velocity = −t · score
  const x = Float64Array.of(0.3);
  assertClose(f1.velocity(x, 2)[0], -2 * mix1.score(x, 1, 2)[0], { abs: 1e-14 });
});

Deno.test("mixtureCdf1d is the integral of the density; mixtureCharFn1d its Fourier transform (Simpson)", () => {
  for (const b of [0, 1.3]) {
    const pdf = (x: number) => Math.exp(mix1.logpdf(Float64Array.of(x), 1, b)[0]);
    assertClose(mixtureCdf1d(mix1, 0.4, 1, b), simpson(pdf, -15, 0.4, 4000), { abs: 3e-7 });
    const w = 0.7, cf = mixtureCharFn1d(mix1, w, b);
    assertClose(cf.re, simpson((x) => Math.cos(w * x) * pdf(x), -15, 15, 6000), { abs: 1e-9 });
    assertClose(cf.im, simpson((x) => Math.sin(w * x) * pdf(x), -15, 15, 6000), { abs: 1e-9 });
  }
  assertClose(mixtureCdf1d(mix1, 50), 1, { abs: 1e-12 });
  assertClose(mixtureCdf1d(mix1, -50), 0, { abs: 1e-12 });
});

Deno.test("empiricalCharFn: within a few standard errors of the exact transform; blurredDensity matches logpdf", () => {
  const x = mix1.sample(20000, new Rng(3));
  const e = empiricalCharFn(x, 0.9), c = mixtureCharFn1d(mix1, 0.9);
  assert(Math.abs(e.re - c.re) < 4 * e.seRe && Math.abs(e.im - c.im) < 4 * e.seIm, "within 4 SE");
  const p = blurredDensity(mix1, sched)(Float64Array.of(0.2, 1), 0.5);
  assertClose(p[1], Math.exp(mix1.logpdf(Float64Array.of(1), 1, 0.5)[0]), { abs: 1e-15 });
});

Deno.test("heat_blur: bad inputs throw, naming the argument", () => {
  assertThrowsWith(() => mixtureLogLaplacian(null as never, new Float64Array(1), 1, 0), TypeError, "gmm");
  assertThrowsWith(() => mixtureLogLaplacian(mix2, new Float64Array(3), 1, 0), RangeError, "x");
  assertThrowsWith(() => mixtureLogLaplacian(mix1, new Float64Array(1), 1, -1), RangeError, "b");
  assertThrowsWith(() => mixtureCdf1d(mix2, 0), RangeError, "1-D");
  assertThrowsWith(() => mixtureCdf1d(mix1, NaN), RangeError, "x");
  assertThrowsWith(() => mixtureCharFn1d(mix1, Infinity), RangeError, "omega");
  assertThrowsWith(() => mixtureCharFn1d(mix1, 1, -2), RangeError, "sigma");
  assertThrowsWith(() => empiricalCharFn([1], 1), RangeError, "samples");
  assertThrowsWith(() => blurFlowField(mix1, { sigma: (t: number) => t } as never), TypeError, "sched");
  assertThrowsWith(() => blurredDensity(mix1, null as never), TypeError, "sched");
  assertThrowsWith(
    () => blurFlowField(mix1, { sigma: () => -1, dsigma: () => 1 }).velocity(Float64Array.of(0), 1),
    RangeError,
    "sigma(t)",
  );
});
