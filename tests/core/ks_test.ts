import fc from "fast-check";
import { kolmogorovSurvival, ksOneSample, normalCdf, Rng, uniformCdf } from "../../lib/core/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("normalCdf: reference values and symmetry", () => {
  assertClose(normalCdf(0), 0.5, { abs: 1e-7 });
  assertClose(normalCdf(1.959963984540054), 0.975, { abs: 2e-7 });
  assertClose(normalCdf(-1), 0.15865525393145707, { abs: 2e-7 });
  fc.assert(fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
    return Math.abs(normalCdf(x) + normalCdf(-x) - 1) < 1e-7;
  }));
  assertThrowsWith(() => normalCdf(NaN), RangeError, "x");
});

Deno.test("uniformCdf: piecewise linear, validated", () => {
  const F = uniformCdf(-1, 3);
  assertClose(F(-2), 0, { abs: 1e-300 });
  assertClose(F(1), 0.5, { abs: 1e-15 });
  assertClose(F(5), 1, { abs: 1e-300 });
  assertThrowsWith(() => uniformCdf(1, 1), RangeError, "hi");
});

Deno.test("kolmogorovSurvival: known quantiles", () => {
  assertClose(kolmogorovSurvival(1.3581), 0.05, { abs: 2e-4 }); // the 5% critical value
  assertClose(kolmogorovSurvival(1.6276), 0.01, { abs: 2e-4 });
  assertClose(kolmogorovSurvival(0), 1, { abs: 1e-300 });
  assertThrowsWith(() => kolmogorovSurvival(-1), RangeError, "lambda");
});

Deno.test("ksOneSample: exact statistic on a tiny sample, null vs alternative", () => {
  // samples 0.1, 0.5, 0.9 against U[0,1]: D = max(1/3-0.1, 0.1, 2/3-0.5, 0.5-1/3, 1-0.9, 0.9-2/3) = 0.2333
  const r = ksOneSample([0.9, 0.1, 0.5], uniformCdf(0, 1));
  assertClose(r.statistic, 0.9 - 2 / 3, { abs: 1e-15 });
  const rng = new Rng(1);
  const g = ksOneSample(rng.normals(20000), normalCdf);
  assert(g.statistic < 0.015 && g.pValue > 0.001, `null: D=${g.statistic}, p=${g.pValue}`);
  const u = ksOneSample(rng.uniforms(20000, -Math.sqrt(3), Math.sqrt(3)), normalCdf);
  assert(u.statistic > 0.03 && u.pValue < 1e-6, `alternative: D=${u.statistic}, p=${u.pValue}`);
});

Deno.test("ksOneSample: validation names the argument", () => {
  assertThrowsWith(() => ksOneSample([], normalCdf), RangeError, "samples");
  assertThrowsWith(() => ksOneSample([0, NaN], normalCdf), RangeError, "samples[1]");
  assertThrowsWith(() => ksOneSample([0], 3 as unknown as (x: number) => number), TypeError, "cdf");
  assertThrowsWith(() => ksOneSample([0], () => 2), RangeError, "cdf");
});
