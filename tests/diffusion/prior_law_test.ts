import { ksOneSample, Rng } from "../../lib/core/mod.ts";
import {
  cauchyRadiusCdf,
  cauchyRadiusDensity,
  pfgmRadius,
  sampleGravityConditional,
} from "../../lib/diffusion/mod.ts";
import { simpson } from "../../lib/numerics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("cauchyRadiusCdf: the elementary forms for d = 1, 2, 3, and the integral of the density", () => {
  for (const r of [0.1, 0.7, 1, 3, 20]) {
    assertClose(cauchyRadiusCdf(1, r), (2 / Math.PI) * Math.atan(r), { abs: 1e-14 });
    assertClose(cauchyRadiusCdf(2, r), 1 - 1 / Math.sqrt(1 + r * r), { abs: 1e-14 });
    assertClose(cauchyRadiusCdf(3, r), (2 / Math.PI) * (Math.atan(r) - r / (1 + r * r)), { abs: 1e-14 });
    for (const d of [4, 8]) {
      assertClose(cauchyRadiusCdf(d, r), simpson((s) => cauchyRadiusDensity(d, s), 0, r, 4000), {
        abs: 1e-10,
      });
    }
  }
  assert.equal(cauchyRadiusCdf(5, 0), 0);
  assert.equal(cauchyRadiusCdf(5, Infinity), 1);
});

Deno.test("pfgmRadius and sampleGravityConditional: the Cauchy laws (KS)", () => {
  const rng = new Rng(11);
  assert.ok(ksOneSample(pfgmRadius(3, 5000, rng), (r) => cauchyRadiusCdf(3, r)).pValue > 0.001);
  const x = sampleGravityConditional(new Float64Array(5000).fill(1), 1, 2, rng);
  assert.ok(ksOneSample(x, (v) => 0.5 + Math.atan((v - 1) / 2) / Math.PI).pValue > 0.001);
});

Deno.test("prior law: bad inputs throw, naming the argument", () => {
  assertThrowsWith(() => cauchyRadiusCdf(0, 1), RangeError, "d");
  assertThrowsWith(() => cauchyRadiusCdf(2, -1), RangeError, "rho");
  assertThrowsWith(() => cauchyRadiusDensity(2, NaN), RangeError, "r");
  assertThrowsWith(() => pfgmRadius(2, 0, new Rng(1)), RangeError, "n");
  assertThrowsWith(() => sampleGravityConditional(new Float64Array(3), 2, 1, new Rng(1)), RangeError, "x0");
  assertThrowsWith(() => sampleGravityConditional(new Float64Array(2), 2, 0, new Rng(1)), RangeError, "t");
});
