import { mean, Rng, variance } from "../../lib/core/mod.ts";
import { aniso3, GaussianMixture, ringSpread } from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("diagonal mixture with equal per-dimension stds = the isotropic one", () => {
  const iso = new GaussianMixture({ means: [[-1, 0.5], [2, 1]], stds: [0.3, 0.7], weights: [1, 2] });
  const diag = new GaussianMixture({
    means: [[-1, 0.5], [2, 1]],
    stds: [[0.3, 0.3], [0.7, 0.7]],
    weights: [1, 2],
  });
  assert.equal(iso.isotropic, true);
  assert.equal(diag.isotropic, false);
  const x = new Rng(1).normals(2 * 50, 0, 2);
  for (const [a, b] of [[1, 0], [0.8, 0.6], [0.1, 0.99]]) {
    assertAllClose(diag.logpdf(x, a, b), iso.logpdf(x, a, b), { abs: 1e-12 });
    assertAllClose(diag.posteriorMeanX0(x, a, b), iso.posteriorMeanX0(x, a, b), { abs: 1e-12 });
    assertAllClose(diag.posteriorVarX0(x, a, b), iso.posteriorVarX0(x, a, b), { abs: 1e-12 });
    if (b > 0) assertAllClose(diag.epsStar(x, a, b), iso.epsStar(x, a, b), { abs: 1e-12 });
  }
});

Deno.test("a single diagonal Gaussian: closed forms of density, score and posterior", () => {
  const s = [0.5, 2], m = [1, -1];
  const g = new GaussianMixture({ means: [m], stds: [s] });
  const a = 0.6, b = 0.8, x = Float64Array.from([0.3, 1.7]);
  const v = s.map((sq) => a * a * sq * sq + b * b);
  const lp = -0.5 *
    v.reduce((acc, vq, q) => acc + Math.log(2 * Math.PI * vq) + (x[q] - a * m[q]) ** 2 / vq, 0);
  assertClose(g.logpdf(x, a, b)[0], lp, { abs: 1e-12 });
  const sc = g.score(x, a, b);
  for (let q = 0; q < 2; q++) {
    assertClose(sc[q], (a * m[q] - x[q]) / v[q], { abs: 1e-12 });
    const pv = (s[q] ** 2 * b * b) / v[q];
    assertClose(g.posteriorVarX0(x, a, b)[q], pv, { abs: 1e-12 });
    assertClose(g.posteriorMeanX0(x, a, b)[q], m[q] + (a * s[q] ** 2 / v[q]) * (x[q] - a * m[q]), {
      abs: 1e-12,
    });
  }
  // the score is the gradient of logpdf (central differences)
  const h = 1e-5;
  for (let q = 0; q < 2; q++) {
    const up = Float64Array.from(x), dn = Float64Array.from(x);
    up[q] += h;
    dn[q] -= h;
    assertClose(sc[q], (g.logpdf(up, a, b)[0] - g.logpdf(dn, a, b)[0]) / (2 * h), { abs: 1e-6 });
  }
});

Deno.test("aniso3: sampling and moments per dimension; stds throws, diagStds and componentVar", () => {
  const g = aniso3();
  const n = 60000, x = g.sample(n, new Rng(2));
  const { mean: mu, variance: v } = g.moments();
  for (let q = 0; q < 2; q++) {
    const col = Float64Array.from({ length: n }, (_, i) => x[2 * i + q]);
    assertClose(mean(col), mu[q], { abs: 5 * Math.sqrt(v[q] / n) });
    assertClose(variance(col), v[q], { rel: 0.03 });
  }
  // Var[x₁] = mean of s² + spread of means: (0.36 + 0.36 + 0.0025)/3 + 1.5
  assertClose(v[0], (0.36 + 0.36 + 0.0025) / 3 + 1.5, { rel: 1e-12 });
  assertAllClose(g.diagStds, [0.6, 0.05, 0.6, 0.05, 0.05, 0.4], { abs: 1e-15 });
  assertClose(g.componentVar(2, 1), 0.16, { rel: 1e-15 });
  assertThrowsWith(() => g.stds, TypeError, "diagStds");
  assertThrowsWith(() => ringSpread(x, g), TypeError, "diagonal");
  assertThrowsWith(() => g.componentVar(3, 0), RangeError, "j");
  assertThrowsWith(
    () => new GaussianMixture({ means: [[0, 0], [1, 1]], stds: [[1, 1], 2 as unknown as number[]] }),
    RangeError,
    "spec.stds[1]",
  );
  assertThrowsWith(
    () => new GaussianMixture({ means: [[0, 0]], stds: [[1, -1]] }),
    RangeError,
    "spec.stds[0][1]",
  );
  assertThrowsWith(() => new GaussianMixture({ means: [[0, 0]], stds: [[1]] }), RangeError, "spec.stds[0]");
});
