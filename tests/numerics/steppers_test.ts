import fc from "fast-check";
import {
  eulerStep,
  heunStep,
  integrateFixed,
  type Scheme,
  SCHEME_ORDER,
  solveReference,
} from "../../lib/numerics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

/** y' = a·y + sin(t): a linear ODE with a non-autonomous forcing; its exact solution is not used (the reference is). */
const forced = (a: number) => (t: number, y: Float64Array) => Float64Array.of(a * y[0] + Math.sin(t));

function endError(scheme: Scheme, a: number, y0: number, dt: number, ref: number): number {
  const r = integrateFixed(forced(a), Float64Array.of(y0), 0, 1, dt, scheme);
  return Math.abs(r.y.at(-1)![0] - ref);
}

Deno.test("steppers: property — the observed order of Euler, Heun and RK4 is 1, 2 and 4 against ODEX", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -1.5, max: 1.5, noNaN: true }),
      fc.double({ min: 0.2, max: 2, noNaN: true }),
      (a, y0) => {
        const ref =
          solveReference(forced(a), Float64Array.of(y0), 0, [1], { rtol: 1e-13, atol: 1e-13 }).y[1][0];
        for (const scheme of ["euler", "heun", "rk4"] as const) {
          const dt = scheme === "rk4" ? 0.1 : 0.02;
          const e1 = endError(scheme, a, y0, dt, ref), e2 = endError(scheme, a, y0, dt / 2, ref);
          if (e2 < 1e-13) continue; // exact to round-off (e.g. a forcing the scheme integrates exactly)
          const order = Math.log2(e1 / e2);
          const p = SCHEME_ORDER[scheme];
          if (Math.abs(order - p) > 0.25) {
            throw new Error(`${scheme}: observed order ${order}, expected ${p}`);
          }
        }
      },
    ),
    { numRuns: 25, seed: 7 },
  );
});

Deno.test("steppers: single steps by hand; backward integration; the grid ends at t1", () => {
  const f = (_t: number, y: Float64Array) => Float64Array.of(-2 * y[0]);
  assertClose(eulerStep(f, 0, Float64Array.of(1), 0.1)[0], 0.8, { abs: 1e-15 });
  // Heun on y' = -2y: y(1 - 2h + 2h²)
  assertClose(heunStep(f, 0, Float64Array.of(1), 0.1)[0], 1 - 0.2 + 0.02, { abs: 1e-15 });
  const back = integrateFixed(f, Float64Array.of(Math.exp(-2)), 1, 0, 0.01, "rk4");
  assert.equal(back.t.at(-1), 0);
  assertClose(back.y.at(-1)![0], 1, { abs: 1e-8 }); // 100 steps of local error (2h)⁵/120 grown by e²
  const r = integrateFixed(f, Float64Array.of(1), 0, 0.35, 0.1, "euler");
  assert.deepEqual(Array.from(r.t).map((v) => +v.toFixed(12)), [0, 0.1, 0.2, 0.3, 0.35]);
});

Deno.test("steppers and reference: bad inputs", () => {
  const f = (_t: number, y: Float64Array) => Float64Array.of(y[0]);
  assertThrowsWith(
    () => integrateFixed(f, Float64Array.of(1), 0, 0, 0.1, "rk4"),
    RangeError,
    "t1 must differ",
  );
  assertThrowsWith(() => integrateFixed(f, Float64Array.of(1), 0, 1, -1, "rk4"), RangeError, "dt");
  assertThrowsWith(
    () => integrateFixed(f, Float64Array.of(1), 0, 1, 0.1, "rk5" as Scheme),
    TypeError,
    "scheme",
  );
  assertThrowsWith(() => integrateFixed(f, new Float64Array(0), 0, 1, 0.1, "euler"), TypeError, "y0");
  assertThrowsWith(() => solveReference(f, Float64Array.of(1), 0, []), RangeError, "times");
  assertThrowsWith(() => solveReference(f, Float64Array.of(1), 0, [0]), RangeError, "differ");
  assertThrowsWith(() => solveReference(f, Float64Array.of(1), 0, [1, 0.5]), RangeError, "monotone");
  assertThrowsWith(() => solveReference(f, Float64Array.of(1), 0, [1], { rtol: 0 }), RangeError, "rtol");
  assertThrowsWith(
    () => solveReference(() => Float64Array.of(NaN), Float64Array.of(1), 0, [1]),
    RangeError,
    "f(",
  );
  assertThrowsWith(
    () =>
      solveReference((_t, y) => Float64Array.of(y[0] * y[0]), Float64Array.of(1), 0, [2], { maxSteps: 50 }),
    RangeError,
    "",
  );
});

Deno.test("reference: ODEX reaches its tolerance on the harmonic oscillator, forwards and backwards", () => {
  const osc = (_t: number, y: Float64Array) => Float64Array.of(y[1], -y[0]);
  const r = solveReference(osc, Float64Array.of(1, 0), 0, [Math.PI / 2, Math.PI, 2 * Math.PI]);
  assertClose(r.y[1][0], 0, { abs: 1e-8 });
  assertClose(r.y[2][0], -1, { abs: 1e-8 });
  assertClose(r.y[3][0], 1, { abs: 1e-8 });
  assert.ok(r.evaluations > 0);
  const b = solveReference(osc, Float64Array.of(1, 0), 0, [-Math.PI / 2]);
  assertClose(b.y[1][1], 1, { abs: 1e-8 }, "y' = -sin(t) at -π/2");
});
