import fc from "fast-check";
import { divergence } from "../../lib/numerics/mod.ts";
import { gravityField, unitSphereArea } from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("unitSphereArea: 2, 2π, 4π, 2π², 8π²/3; validation", () => {
  assertAllClose([1, 2, 3, 4, 5].map(unitSphereArea), [
    2,
    2 * Math.PI,
    4 * Math.PI,
    2 * Math.PI ** 2,
    (8 * Math.PI ** 2) / 3,
  ], {
    rel: 1e-14,
  });
  assertThrowsWith(() => unitSphereArea(0), RangeError, "d");
  assertThrowsWith(() => unitSphereArea(1.5), RangeError, "d");
});

Deno.test("gravityField: the 3-D inverse square law, superposition with masses; validation", () => {
  const g = gravityField(Float64Array.of(1, 0, 0), 3);
  // at distance 2 along x: F = −(1/4π)(2, 0, 0)/8
  assertAllClose(g.at(Float64Array.of(3, 0, 0)), [-1 / (16 * Math.PI), 0, 0], { abs: 1e-16 });
  const two = gravityField(Float64Array.of(0, 0, 1, 1), 2, [2, 3]);
  const a = gravityField(Float64Array.of(0, 0), 2).at(Float64Array.of(0.3, -0.4));
  const b = gravityField(Float64Array.of(1, 1), 2).at(Float64Array.of(0.3, -0.4));
  assertAllClose(two.at(Float64Array.of(0.3, -0.4)), [2 * a[0] + 3 * b[0], 2 * a[1] + 3 * b[1]], {
    abs: 1e-15,
  });
  assertThrowsWith(() => g.at(Float64Array.of(1, 0, 0)), RangeError, "source");
  assertThrowsWith(() => g.at(Float64Array.of(1, 0)), RangeError, "x");
  assertThrowsWith(() => gravityField(new Float64Array(0), 2), RangeError, "sources");
  assertThrowsWith(() => gravityField(Float64Array.of(0, 0), 2, [1, 2]), RangeError, "masses");
  assertThrowsWith(() => gravityField(Float64Array.of(0, 0), 2, [-1]), RangeError, "masses[0]");
  assertThrowsWith(() => gravityField(Float64Array.of(0, 0), 0), RangeError, "dim");
});

Deno.test("gravityField (property): divergence-free away from the sources in 2 to 5 dimensions", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 5 }),
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 10, maxLength: 10 }),
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 5, maxLength: 5 }),
      (d, srcRaw, xRaw) => {
        // one source (with two, the field can vanish between them and a relative bound means nothing)
        const src = Float64Array.from(srcRaw.slice(0, d));
        const x = Float64Array.from(xRaw.slice(0, d));
        const dist = Math.hypot(...x.map((v, q) => v - src[q]));
        if (dist < 0.3) return true;
        const g = gravityField(src, d);
        const F = g.at(x);
        return Math.abs(divergence((p) => g.at(p), x, 1e-5)) <= 1e-6 * Math.hypot(...F) / dist;
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("gravityField: flux −1 through a circle around the source (Gauss's law)", () => {
  const g = gravityField(Float64Array.of(0.2, -0.3), 2);
  const m = 2000;
  let flux = 0;
  for (let k = 0; k < m; k++) {
    const a = (2 * Math.PI * k) / m;
    const F = g.at(Float64Array.of(Math.cos(a), Math.sin(a)));
    flux += ((F[0] * Math.cos(a) + F[1] * Math.sin(a)) * 2 * Math.PI) / m;
  }
  assertClose(flux, -1, { abs: 1e-9 });
  assert(Number.isFinite(flux), "finite");
});
