import fc from "fast-check";
import { besselI0, besselI1, besselK0, besselK1 } from "../../lib/math/mod.ts";
import { assertClose, assertThrowsWith } from "../_assert.ts";

// references: power series for I_n (converges for all x; fine in float64 for x <= 30), and the integral
// K_n(x) = ∫_0^∞ exp(−x cosh t) cosh(n t) dt by the trapezoid rule (spectrally accurate for this integrand)
function iSeries(n: 0 | 1, x: number): number {
  let term = n === 0 ? 1 : x / 2, sum = term;
  for (let k = 1; k < 200; k++) {
    term *= (x * x) / 4 / (k * (k + n));
    sum += term;
    if (term < 1e-18 * sum) break;
  }
  return sum;
}
function kIntegral(n: 0 | 1, x: number): number {
  const h = 0.005;
  let sum = 0.5 * Math.exp(-x);
  for (let i = 1;; i++) {
    const t = i * h, v = Math.exp(-x * Math.cosh(t)) * Math.cosh(n * t);
    sum += v;
    if (v < 1e-20 * sum) break;
  }
  return sum * h;
}

const REL = 1e-6; // A&S 9.8: absolute error <= 2.2e-7 on the scaled forms, i.e. relative < 1e-6

Deno.test("bessel: published values at x = 1 and 5", () => {
  assertClose(besselI0(1), 1.2660658777520082, { rel: REL });
  assertClose(besselI1(1), 0.5651591039924851, { rel: REL });
  assertClose(besselK0(1), 0.42102443824070834, { rel: REL });
  assertClose(besselK1(1), 0.6019072301972346, { rel: REL });
  assertClose(besselI0(5), 27.239871823604442, { rel: REL });
  assertClose(besselK0(5), 0.0036910983340425942, { rel: REL });
  assertClose(besselI0(0), 1, { abs: 1e-15 });
  assertClose(besselI1(0), 0, { abs: 1e-15 });
});

Deno.test("bessel: against series and integral references on a grid, both sides of each switch point", () => {
  for (const x of [0.01, 0.1, 0.5, 1, 1.9, 2, 2.1, 3, 3.74, 3.76, 5, 8, 12, 20, 30]) {
    assertClose(besselI0(x), iSeries(0, x), { rel: REL }, `I0(${x})`);
    assertClose(besselI1(x), iSeries(1, x), { rel: REL }, `I1(${x})`);
    assertClose(besselK0(x), kIntegral(0, x), { rel: REL }, `K0(${x})`);
    assertClose(besselK1(x), kIntegral(1, x), { rel: REL }, `K1(${x})`);
  }
});

Deno.test("bessel: Wronskian I0 K1 + I1 K0 = 1/x and parity (property)", () => {
  fc.assert(
    fc.property(fc.double({ min: 0.01, max: 50, noNaN: true }), (x) => {
      const w = besselI0(x) * besselK1(x) + besselI1(x) * besselK0(x);
      return Math.abs(w * x - 1) < 2e-6 && besselI0(-x) === besselI0(x) && besselI1(-x) === -besselI1(x);
    }),
    { numRuns: 200 },
  );
});

Deno.test("bessel: bad inputs", () => {
  assertThrowsWith(() => besselI0(NaN), RangeError, "x");
  assertThrowsWith(() => besselI1("1" as never), TypeError, "x");
  assertThrowsWith(() => besselK0(0), RangeError, "x");
  assertThrowsWith(() => besselK1(-1), RangeError, "x");
  assertThrowsWith(() => besselI0(800), RangeError, "x");
  assertThrowsWith(() => besselI1(800), RangeError, "x");
});
