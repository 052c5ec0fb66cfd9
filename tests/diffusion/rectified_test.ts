import fc from "fast-check";
import { normalCdf, Rng } from "../../lib/core/mod.ts";
import {
  couplingCost,
  GaussianMixture,
  pfOdeField,
  rectifiedGmmField,
  rectifiedGmmVelocity,
  straightInterpolate,
  straightMarginalProjCdf,
  transport,
} from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

const quad = new GaussianMixture({ means: [[2, 2], [-2, 2], [-2, -2], [2, -2]], stds: [0.4, 0.4, 0.4, 0.4] });

Deno.test("rectifiedGmmVelocity: a single Gaussian has the linear closed form; endpoints t = 0 and t = 1", () => {
  // one component N(m, s²): v*(x, t) = (t − (1−t)s²)/V (x − (1−t)m) − m, V = (1−t)²s² + t²
  const g = new GaussianMixture({ means: [[0.7, -0.2]], stds: [0.5] });
  const x = Float64Array.from([0.3, 1.1, -2, 0.4]);
  for (const t of [0, 0.3, 0.8, 1]) {
    const a = 1 - t, V = a * a * 0.25 + t * t, c = (t - a * 0.25) / V;
    const m = [0.7, -0.2];
    const want = Array.from(x, (xi, i) => c * (xi - a * m[i % 2]) - m[i % 2]);
    assertAllClose(rectifiedGmmVelocity(g, x, t), want, { abs: 1e-14 });
  }
  // t = 1 for the four-component mixture: z − E[x₀] = z
  assertAllClose(rectifiedGmmVelocity(quad, x, 1), x, { abs: 1e-14 });
  // per-row t equals one call per row
  const t = Float64Array.from([0.2, 0.9]);
  const both = rectifiedGmmVelocity(quad, x, t);
  assertAllClose(both.slice(0, 2), rectifiedGmmVelocity(quad, x.slice(0, 2), 0.2), { abs: 1e-15 });
  assertAllClose(both.slice(2), rectifiedGmmVelocity(quad, x.slice(2), 0.9), { abs: 1e-15 });
});

Deno.test("rectifiedGmmVelocity (property): equals Tweedie's form −(x + t∇log p_t)/(1 − t), a PF-ODE", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.double({ min: -3, max: 3, noNaN: true }),
          fc.double({ min: 0.05, max: 1.5, noNaN: true }),
        ),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      fc.double({ min: 0.01, max: 0.99, noNaN: true }),
      fc.double({ min: -4, max: 4, noNaN: true }),
      (comps, t, x) => {
        const g = new GaussianMixture({ means: comps.map(([m]) => [m]), stds: comps.map(([, s]) => s) });
        const pf = pfOdeField({
          dim: 1,
          drift: (u) => -1 / (1 - u),
          g2: (u) => (2 * u) / (1 - u),
          score: (y, u) => g.score(y, 1 - u, u),
        });
        const xs = Float64Array.of(x);
        const a = rectifiedGmmVelocity(g, xs, t)[0], b = pf.velocity(xs, t)[0];
        return Math.abs(a - b) <= 1e-9 * (1 + Math.abs(a));
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("rectifiedGmmField: transports N(0, 1) to the data law in 1-D (monotone map F⁻¹∘Φ); bad inputs throw", () => {
  const g = new GaussianMixture({ means: [[-1.5], [1]], stds: [0.3, 0.5], weights: [0.3, 0.7] });
  const z = Float64Array.from([-2, -0.5, 0, 0.7, 1.8]);
  const img = transport(rectifiedGmmField(g), z, { t0: 1, t1: 0, dt: 0.005 }).x;
  const cdf = (y: number) => 0.3 * normalCdf((y + 1.5) / 0.3) + 0.7 * normalCdf((y - 1) / 0.5);
  for (let i = 0; i < z.length; i++) assertClose(cdf(img[i]), normalCdf(z[i]), { abs: 1e-6 });
  const f = rectifiedGmmField(quad);
  assert(f.dim === 2, "dim");
  assertThrowsWith(() => f.velocity(Float64Array.of(1, 2, 3), 0.5), RangeError, "x");
  assertThrowsWith(() => f.velocity(Float64Array.of(1, 2), 1.5), RangeError, "t");
  assertThrowsWith(
    () => rectifiedGmmVelocity(quad, Float64Array.of(1, 2), Float64Array.of(0.1, 0.2)),
    RangeError,
    "t",
  );
  assertThrowsWith(() => rectifiedGmmField({} as GaussianMixture), TypeError, "gmm");
});

Deno.test("straightMarginalProjCdf: matches the empirical CDF of interpolated points; t = 0 is the data", () => {
  const rng = new Rng(2);
  const n = 40000, t = 0.35;
  const xt = straightInterpolate(quad.sample(n, rng), rng.normals(2 * n), t, 2);
  const u = Float64Array.of(0.6, 0.8);
  const F = straightMarginalProjCdf(quad, t);
  for (const y of [-2, -0.5, 0.4, 1.9]) {
    let c = 0;
    for (let i = 0; i < n; i++) if (u[0] * xt[2 * i] + u[1] * xt[2 * i + 1] <= y) c++;
    assertClose(c / n, F(u, y), { abs: 0.01 });
  }
  // a point-mass mixture at t = 0 is a step function
  const pm = new GaussianMixture({ means: [[1]], stds: [0] });
  const G = straightMarginalProjCdf(pm, 0);
  assert(G(Float64Array.of(1), 0.99) === 0 && G(Float64Array.of(1), 1) === 1, "step");
  assertThrowsWith(() => straightMarginalProjCdf(quad, -0.1), RangeError, "t");
  assertThrowsWith(() => F(Float64Array.of(1), 0), RangeError, "u");
  assertThrowsWith(() => F(u, NaN), RangeError, "y");
});

Deno.test("straightInterpolate and couplingCost: closed forms, validation", () => {
  const x0 = Float64Array.of(0, 0, 2, 2), x1 = Float64Array.of(1, -1, 0, 4);
  assertAllClose(straightInterpolate(x0, x1, 0.25, 2), [0.25, -0.25, 1.5, 2.5], { abs: 1e-15 });
  assertAllClose(straightInterpolate(x0, x1, Float64Array.of(1, 0), 2), [1, -1, 2, 2], { abs: 1e-15 });
  const c = couplingCost(x0, x1, 2);
  assertAllClose(c.values, [2, 8], { abs: 1e-15 });
  assertClose(c.mean, 5, { abs: 1e-15 });
  assertClose(c.se, 3, { abs: 1e-12 }); // sd of {2, 8} is 3√2, /√2
  assertThrowsWith(() => straightInterpolate(x0, x1.slice(0, 2), 0.5, 2), RangeError, "x1");
  assertThrowsWith(() => straightInterpolate(x0, x1, 2, 2), RangeError, "t");
  assertThrowsWith(() => straightInterpolate(x0, x1, Float64Array.of(0.1), 2), RangeError, "t");
  assertThrowsWith(() => couplingCost(x0.slice(0, 2), x1.slice(0, 2), 2), RangeError, "a");
  assertThrowsWith(() => couplingCost(x0, x1, 0), RangeError, "d");
});
