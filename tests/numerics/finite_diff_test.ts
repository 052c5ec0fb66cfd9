import fc from "fast-check";
import {
  derivative,
  divergence,
  gradient,
  jacobian,
  laplacian,
  secondDerivative,
} from "../../lib/numerics/mod.ts";
import { assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("finite differences: derivatives of known functions", () => {
  // truncation h²/6·|f'''| ≈ 1.3e-9 at the default h = 1e-4
  assertClose(derivative(Math.sin, 0.7), Math.cos(0.7), { abs: 3e-9 });
  assertClose(secondDerivative(Math.exp, 1.2), Math.exp(1.2), { abs: 1e-5 });
  const f = (x: Float64Array) => x[0] * x[0] * x[1] + Math.sin(x[1]);
  const g = gradient(f, Float64Array.of(1.5, -0.5));
  assertClose(g[0], 2 * 1.5 * -0.5, { abs: 1e-8 });
  assertClose(g[1], 1.5 ** 2 + Math.cos(-0.5), { abs: 1e-8 });
  const J = jacobian((x) => Float64Array.of(x[0] * x[1], x[0] - x[1] ** 2), Float64Array.of(2, 3));
  assertAllClose(Array.from(J), [3, 2, 1, -6], { abs: 1e-8 });
  assertClose(laplacian((x) => x[0] ** 2 + 3 * x[1] ** 2, Float64Array.of(0.3, 2)), 8, { abs: 1e-6 });
});

Deno.test("finite differences: property — divergence of a linear field A x is trace A", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 9, maxLength: 9 }),
      (a) => {
        const v = (x: Float64Array) =>
          Float64Array.from(
            { length: 3 },
            (_v, i) => a[3 * i] * x[0] + a[3 * i + 1] * x[1] + a[3 * i + 2] * x[2],
          );
        const div = divergence(v, Float64Array.of(0.4, -1.2, 2.5));
        if (Math.abs(div - (a[0] + a[4] + a[8])) > 1e-7) {
          throw new Error(`div ${div}`);
        }
      },
    ),
    { numRuns: 50, seed: 11 },
  );
});

Deno.test("finite differences: property — ∇·(∇ log N(0, s²I)) = −d/s² (the Gaussian score's divergence)", () => {
  fc.assert(
    fc.property(fc.double({ min: 0.3, max: 3, noNaN: true }), fc.integer({ min: 1, max: 5 }), (s, d) => {
      const score = (x: Float64Array) => x.map((v) => -v / (s * s));
      const x = Float64Array.from({ length: d }, (_v, i) => 0.3 * i - 0.5);
      const div = divergence(score, x);
      if (Math.abs(div + d / (s * s)) > 1e-6 * Math.max(1, d / (s * s))) throw new Error(`div ${div}`);
    }),
    { numRuns: 40, seed: 5 },
  );
});

Deno.test("finite differences: bad inputs", () => {
  assertThrowsWith(() => derivative(Math.sin, NaN), RangeError, "x");
  assertThrowsWith(() => derivative(Math.sin, 1, -1), RangeError, "h");
  assertThrowsWith(() => gradient((x) => x[0], new Float64Array(0)), TypeError, "x must");
  assertThrowsWith(() => jacobian(() => Float64Array.of(1), Float64Array.of(1, 2)), TypeError, "components");
  assertThrowsWith(() => laplacian(3 as never, Float64Array.of(1)), TypeError, "f must");
  assertThrowsWith(() => derivative(() => NaN, 1), RangeError, "derivative");
});
