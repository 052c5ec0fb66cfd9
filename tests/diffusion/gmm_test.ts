import fc from "fast-check";
import { Rng } from "../../lib/core/mod.ts";
import {
  bayesEpsLoss,
  GaussianMixture,
  ring8,
  rowSquaredError,
  suLinearSchedule,
} from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

const mix = new GaussianMixture({
  means: [[-1, 0.5], [2, 1], [0, -2]],
  stds: [0.3, 0.7, 0.5],
  weights: [1, 2, 1],
});

Deno.test("GaussianMixture: validation names the argument", () => {
  assertThrowsWith(() => new GaussianMixture({ means: [], stds: [] }), TypeError, "spec.means");
  assertThrowsWith(
    () => new GaussianMixture({ means: [[0, 0], [1]], stds: [1, 1] }),
    RangeError,
    "spec.means[1]",
  );
  assertThrowsWith(() => new GaussianMixture({ means: [[0]], stds: [-1] }), RangeError, "spec.stds[0]");
  assertThrowsWith(() => new GaussianMixture({ means: [[0]], stds: [1, 2] }), RangeError, "spec.stds");
  assertThrowsWith(
    () => new GaussianMixture({ means: [[0]], stds: [1], weights: [0] }),
    RangeError,
    "spec.weights[0]",
  );
  assertThrowsWith(() => mix.logpdf(new Float64Array(3)), RangeError, "x");
  assertThrowsWith(() => mix.logpdf([1, 2] as unknown as Float64Array), TypeError, "x");
  assertThrowsWith(() => mix.score(new Float64Array(2), 1, -0.1), RangeError, "b");
  assertThrowsWith(() => mix.epsStar(new Float64Array(2), 1, 0), RangeError, "b");
  assertThrowsWith(() => mix.score(new Float64Array(4), [1], 0.5), RangeError, "a");
  assertThrowsWith(() => mix.sample(-1, new Rng(0)), RangeError, "n");
  assertThrowsWith(() => ring8(0), RangeError, "radius");
  assertThrowsWith(() => ring8(2, 0), RangeError, "std");
});

Deno.test("GaussianMixture: weights normalise, moments match samples", () => {
  assertAllClose(mix.weights, [0.25, 0.5, 0.25], { abs: 1e-15 });
  const r = ring8();
  const m = r.moments();
  assertAllClose(m.variance, [2.09, 2.09], { abs: 1e-12 });
  assertAllClose(m.mean, [0, 0], { abs: 1e-12 });
  const x = r.sample(40000, new Rng(1));
  let v0 = 0;
  for (let i = 0; i < 40000; i++) v0 += x[2 * i] ** 2;
  assertClose(v0 / 40000, 2.09, { abs: 0.05 }); // SE ≈ 2.09·√(2/40000)·~1 ≈ 0.015
  assert.deepEqual(r.sample(5, new Rng(3)), r.sample(5, new Rng(3)));
});

Deno.test("GaussianMixture: logpdf integrates to 1 (1-D grid) and matches a single Gaussian", () => {
  const g1 = new GaussianMixture({ means: [[-1], [1.5]], stds: [0.4, 0.8], weights: [0.3, 0.7] });
  const h = 0.002, xs: number[] = [];
  for (let x = -8; x <= 8; x += h) xs.push(x);
  const lp = g1.logpdf(Float64Array.from(xs), 0.9, 0.5);
  let s = 0;
  for (const v of lp) s += Math.exp(v) * h;
  assertClose(s, 1, { abs: 1e-6 });
  const single = new GaussianMixture({ means: [[0.5, -1]], stds: [0] });
  // a point mass through x = a x0 + b ε is N(a m, b²)
  const lp2 = single.logpdf(Float64Array.from([1, 1]), 2, 0.5)[0];
  const expect = -0.5 * ((1 - 1) ** 2 + (1 + 2) ** 2) / 0.25 - Math.log(2 * Math.PI * 0.25);
  assertClose(lp2, expect, { abs: 1e-12 });
});

Deno.test("GaussianMixture: responsibilities are stable and sum to 1 far from every mode", () => {
  const x = Float64Array.from([1e3, -1e3, 0, 0]);
  const r = mix.responsibilities(x, 1, 0.01);
  for (let i = 0; i < 2; i++) assertClose(r[3 * i] + r[3 * i + 1] + r[3 * i + 2], 1, { abs: 1e-12 });
  assert.ok(r.every(Number.isFinite));
  assert.ok(mix.logpdf(x, 1, 0.01).every(Number.isFinite));
});

Deno.test("GaussianMixture: score equals the finite-difference gradient of logpdf (property)", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -4, max: 4, noNaN: true }),
      fc.double({ min: -4, max: 4, noNaN: true }),
      fc.double({ min: 0.05, max: 1, noNaN: true }),
      (x1, x2, a) => {
        const b = Math.sqrt(1 - a * a) + 0.05;
        const x = Float64Array.from([x1, x2]);
        const sc = mix.score(x, a, b);
        const h = 1e-5;
        for (let q = 0; q < 2; q++) {
          const p = Float64Array.from(x), m = Float64Array.from(x);
          p[q] += h;
          m[q] -= h;
          const fd = (mix.logpdf(p, a, b)[0] - mix.logpdf(m, a, b)[0]) / (2 * h);
          assertClose(sc[q], fd, { abs: 1e-5, rel: 1e-5 });
        }
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("GaussianMixture: ε* = −b·score = (x − a·E[x0|x])/b, per-row coefficients agree with scalars", () => {
  const x = new Rng(5).normals(20, 0, 2);
  const a = 0.6, b = 0.8;
  const e = mix.epsStar(x, a, b), sc = mix.score(x, a, b), m0 = mix.posteriorMeanX0(x, a, b);
  for (let i = 0; i < 20; i++) {
    assertClose(e[i], -b * sc[i], { abs: 1e-14 });
    assertClose(e[i], (x[i] - a * m0[i]) / b, { abs: 1e-12 });
  }
  const rowsA = new Float64Array(10).fill(a), rowsB = new Float64Array(10).fill(b);
  assertAllClose(mix.epsStar(x, rowsA, rowsB), e, { abs: 1e-15 });
  // Tweedie: E[x0|x] = (x + b² ∇log p) / a
  for (let i = 0; i < 20; i++) assertClose(m0[i], (x[i] + b * b * sc[i]) / a, { abs: 1e-12 });
});

Deno.test("GaussianMixture: posteriorVarX0 matches the single-Gaussian closed form and is >= 0", () => {
  const g = new GaussianMixture({ means: [[1, -1]], stds: [0.5] });
  const x = Float64Array.from([0.3, 0.2, -2, 4]);
  const a = 0.7, b = 0.6, v = 0.25 * a * a + b * b;
  const pv = g.posteriorVarX0(x, a, b);
  for (const val of pv) assertClose(val, (0.25 * b * b) / v, { abs: 1e-14 });
  const pm = g.posteriorMeanX0(x, a, b);
  assertClose(pm[0], 1 + ((a * 0.25) / v) * (0.3 - a * 1), { abs: 1e-14 });
  assert.ok(mix.posteriorVarX0(new Rng(2).normals(40), 0.5, 0.5).every((u) => u >= 0));
});

Deno.test("bayesEpsLoss: ring8 Bayes loss ≈ 0.289, below the loss of ε̂ = 0, deterministic", () => {
  const S = suLinearSchedule(1000);
  const r = bayesEpsLoss(ring8(), S, 20000, new Rng(0));
  assert.ok(r.stdError > 0 && r.stdError < 0.01);
  assertClose(r.mean, 0.289, { abs: 4 * r.stdError + 0.003 });
  assert.deepEqual(bayesEpsLoss(ring8(), S, 100, new Rng(9)), bayesEpsLoss(ring8(), S, 100, new Rng(9)));
  assertThrowsWith(() => bayesEpsLoss(ring8(), S, 1, new Rng(0)), RangeError, "n");
});

Deno.test("rowSquaredError: per-row mean squared differences", () => {
  assertAllClose(rowSquaredError([1, 2, 3, 4], [1, 0, 0, 4], 2), [2, 4.5], { abs: 1e-15 });
  assertThrowsWith(() => rowSquaredError([1, 2], [1], 1), RangeError, "u and v");
  assertThrowsWith(() => rowSquaredError([1, 2], [1, 2], 0), RangeError, "d");
});
