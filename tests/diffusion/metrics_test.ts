import { Rng } from "../../lib/core/mod.ts";
import { GaussianMixture, mmdRbf, perDimVariance, ring8, ringSpread } from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("ringSpread: ≈ 1 for exact ring8 samples, ~0 on the modes, > 1 when blurred", () => {
  const r = ring8();
  assertClose(ringSpread(r.sample(20000, new Rng(0)), r), 1, { abs: 0.04 }); // SE ≈ 1.44/√n ≈ 0.01
  const modes = Float64Array.from(r.means);
  assertClose(ringSpread(modes, r), 0, { abs: 1e-12 });
  assert.ok(ringSpread(ring8(2, 0.45).sample(5000, new Rng(1)), r) > 1.8);
  assertThrowsWith(() => ringSpread(new Float64Array(3), r), RangeError, "x");
  const g3 = new GaussianMixture({ means: [[0, 0, 0]], stds: [1] });
  assertThrowsWith(() => ringSpread(new Float64Array(3), g3), RangeError, "gmm");
  const uneq = new GaussianMixture({ means: [[0, 0], [3, 3]], stds: [1, 2] });
  assertThrowsWith(() => ringSpread(new Float64Array(2), uneq), RangeError, "gmm");
});

Deno.test("perDimVariance: unbiased per-dimension variance", () => {
  assertAllClose(perDimVariance(Float64Array.from([0, 10, 2, 10, 4, 13]), 2), [4, 3], { abs: 1e-12 });
  assertThrowsWith(() => perDimVariance(Float64Array.from([1, 2]), 2), RangeError, "x");
  assertThrowsWith(() => perDimVariance(Float64Array.from([1, 2, 3]), 2), RangeError, "x");
});

Deno.test("mmdRbf: ≈ 0 for the same law, clearly positive for different laws", () => {
  const r = ring8();
  const a = r.sample(400, new Rng(1)), b = r.sample(400, new Rng(2));
  const c = ring8(1.2, 0.3).sample(400, new Rng(3));
  const same = mmdRbf(a, b, 2, 0.5), diff = mmdRbf(a, c, 2, 0.5);
  assert.ok(Math.abs(same) < 0.01, `same-law MMD² ${same}`);
  assert.ok(diff > 5 * Math.abs(same) && diff > 0.02, `different-law MMD² ${diff}`);
  assertClose(mmdRbf(a, a, 2, 0.5), -(2 / 399) * 0 + mmdRbf(a, a, 2, 0.5), { abs: 1e-15 });
  assertThrowsWith(() => mmdRbf(a, b, 2, 0), RangeError, "bandwidth");
  assertThrowsWith(() => mmdRbf(a, Float64Array.from([1, 2]), 2, 1), RangeError, "x and y");
});
