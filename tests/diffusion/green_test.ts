import fc from "fast-check";
import {
  gaussianProfile,
  gravityConstant,
  gravityProfile,
  radialField,
  radialResidual,
  spaceTimeDivergence,
} from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("gravityConstant: 1/C = π, 2π, π², 4π²/3 for d = 1..4", () => {
  [Math.PI, 2 * Math.PI, Math.PI ** 2, (4 * Math.PI ** 2) / 3].forEach((v, i) =>
    assertClose(1 / gravityConstant(i + 1), v, { rel: 1e-13 })
  );
});

Deno.test("gravityProfile: G = C(t, x − x₀)/R^{d+1} component by component", () => {
  const g = gravityProfile(2), x = Float64Array.from([0.3, -0.4]), x0 = Float64Array.from([0, 0]);
  const G = radialField(g, 1.2, x, x0), R3 = (1.44 + 0.25) ** 1.5;
  assertClose(G[0], (g.C * 1.2) / R3, { rel: 1e-14 });
  assertClose(G[1], (g.C * 0.3) / R3, { rel: 1e-14 });
  assertClose(G[2], (g.C * -0.4) / R3, { rel: 1e-14 });
});

Deno.test("property: the gravity field is divergence-free in R^{d+1} away from the source (fast-check)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }),
      fc.double({ min: 0.2, max: 3, noNaN: true }),
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }),
      (d, t, xs) => {
        const g = gravityProfile(d), x0 = new Float64Array(d), x = Float64Array.from(xs.slice(0, d));
        const q = spaceTimeDivergence((s, y) => radialField(g, s, y, x0), t, x, 1e-5);
        const R = Math.hypot(t, ...x), natural = ((d + 1) * g.C) / R ** (d + 1);
        return Math.abs(q.div) < 1e-7 * natural;
      },
    ),
    { numRuns: 60, seed: 1 },
  );
});

Deno.test("property: the Gaussian profile with ϕ = (σ̇/σ)φ solves the radial equation; a wrong ϕ does not (fast-check)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.double({ min: 0.3, max: 2, noNaN: true }),
      fc.double({ min: 0.05, max: 2.5, noNaN: true }),
      (d, t, r) => {
        const p = gaussianProfile(d, (s) => s * s + 0.3 * s, (s) => 2 * s + 0.3);
        const q = radialResidual(p, t, r, 1e-6);
        const s = t * t + 0.3 * t, ds = 2 * t + 0.3;
        const natural = q.scale + Math.abs(p.phi(t, r)) * (ds / s) * (d + (r * r) / (s * s));
        return Math.abs(q.div) < 1e-6 * natural;
      },
    ),
    { numRuns: 60, seed: 2 },
  );
  const wrong = gaussianProfile(2, (s) => s, () => 1);
  const bad = { ...wrong, varphi: (t: number, r: number) => 1.1 * wrong.varphi(t, r) };
  const q = radialResidual(bad, 0.7, 0.5);
  assert.ok(Math.abs(q.div) > 1e-3 * q.scale, "a 10% wrong flux leaves a visible residual");
});

Deno.test("spaceTimeDivergence: a linear field's divergence is its trace", () => {
  const q = spaceTimeDivergence(
    (t, x) => Float64Array.from([2 * t, -3 * x[0], x[1] + t]),
    0.5,
    Float64Array.from([1, 2]),
  );
  assertClose(q.div, 2 - 3 + 1, { abs: 1e-9 });
  assertClose(q.scale, 6, { abs: 1e-9 });
});

Deno.test("green: bad inputs throw, naming the argument", () => {
  assertThrowsWith(() => gravityConstant(0), RangeError, "d");
  assertThrowsWith(() => gravityProfile(1.5), RangeError, "d");
  assertThrowsWith(() => gaussianProfile(1, 3 as never, () => 1), TypeError, "sigma");
  assertThrowsWith(() => gaussianProfile(1, (t) => t, () => 1).phi(0, 1), RangeError, "sigma(t)");
  const g = gravityProfile(2);
  assertThrowsWith(() => radialField(g, 1, Float64Array.from([1]), new Float64Array(2)), RangeError, "x");
  assertThrowsWith(() => radialField(g, 1, new Float64Array(2), [0, 0] as never), TypeError, "x0");
  assertThrowsWith(
    () => radialField({ d: 1 } as never, 1, new Float64Array(1), new Float64Array(1)),
    TypeError,
    "profile.phi",
  );
  assertThrowsWith(() => spaceTimeDivergence(null as never, 1, new Float64Array(1)), TypeError, "u");
  assertThrowsWith(
    () => spaceTimeDivergence(() => new Float64Array(2), NaN, new Float64Array(1)),
    RangeError,
    "t",
  );
  assertThrowsWith(
    () => spaceTimeDivergence(() => new Float64Array(2), 1, new Float64Array(1), -1),
    RangeError,
    "h",
  );
  assertThrowsWith(() => radialResidual(g, 1, 0), RangeError, "r");
});
