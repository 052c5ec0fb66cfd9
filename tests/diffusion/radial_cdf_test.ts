import fc from "fast-check";
import {
  fromRadialCdf,
  gravityProfile,
  radialField,
  scaleFamilyCdf,
  spaceTimeDivergence,
  varphiFromPhi,
} from "../../lib/diffusion/mod.ts";
import { derivative } from "../../lib/numerics/mod.ts";
import { assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("scaleFamilyCdf: exact partials agree with central differences; inverse inverts", () => {
  for (const name of ["tanh", "exp"] as const) {
    const c = scaleFamilyCdf(name);
    for (const [t, r] of [[0.3, 0.2], [1, 1.5], [2, 0.7]]) {
      assertClose(c.dr(t, r), derivative((s) => c.value(t, s), r, 1e-6), { abs: 1e-8 });
      assertClose(c.dt(t, r), derivative((s) => c.value(s, r), t, 1e-6), { abs: 1e-8 });
      assertClose(c.value(t, c.inverse(t, 0.37)), 0.37, { abs: 1e-14 });
    }
    assertClose(c.value(1, 0), 0, { abs: 0 + 1e-300 });
  }
});

Deno.test("property: a Green's function from a radial CDF is divergence-free in R^{d+1} (fast-check)", () => {
  fc.assert(
    fc.property(
      fc.constantFrom("tanh" as const, "exp" as const),
      fc.integer({ min: 1, max: 4 }),
      fc.double({ min: 0.3, max: 2, noNaN: true }),
      fc.double({ min: 0.2, max: 2, noNaN: true }),
      (name, d, t, r) => {
        const p = fromRadialCdf(scaleFamilyCdf(name), d), x0 = new Float64Array(d);
        const x = new Float64Array(d).fill(r / Math.sqrt(d));
        const q = spaceTimeDivergence((s, y) => radialField(p, s, y, x0), t, x, 1e-5);
        const natural = Math.abs(p.phi(t, r)) / t + Math.abs(p.varphi(t, r)) * d + 1e-12;
        return Math.abs(q.div) < 1e-6 * natural;
      },
    ),
    { numRuns: 60, seed: 3 },
  );
});

Deno.test("varphiFromPhi: recovers the gravity flux C/R^{d+1} from its density alone", () => {
  for (const d of [1, 2, 3]) {
    const g = gravityProfile(d), v = varphiFromPhi(g.phi, d);
    for (const [t, r] of [[0.5, 0.3], [1, 1], [2, 0.8]]) assertClose(v(t, r), g.varphi(t, r), { rel: 1e-6 });
  }
});

Deno.test("radial CDF: bad inputs throw, naming the argument", () => {
  assertThrowsWith(() => scaleFamilyCdf("sigmoid" as never), TypeError, "name");
  assertThrowsWith(() => scaleFamilyCdf("tanh").inverse(1, 1), RangeError, "u");
  assertThrowsWith(() => scaleFamilyCdf("tanh").inverse(0, 0.5), RangeError, "t");
  assertThrowsWith(() => fromRadialCdf({} as never, 2), TypeError, "cdf");
  assertThrowsWith(() => fromRadialCdf(scaleFamilyCdf("exp"), 0), RangeError, "d");
  assertThrowsWith(() => fromRadialCdf(scaleFamilyCdf("exp"), 1, 2 as never), TypeError, "dlambda");
  assertThrowsWith(() => varphiFromPhi(1 as never, 1), TypeError, "phi");
  assertThrowsWith(() => varphiFromPhi(() => 1, 1, { n: 3 }), RangeError, "opts.n");
  assertThrowsWith(() => varphiFromPhi(() => 1, 1, { relStep: 0 }), RangeError, "opts.relStep");
  assertThrowsWith(() => varphiFromPhi(() => 1, 1)(1, 0), RangeError, "r");
});
