import { Rng } from "../../lib/core/mod.ts";
import {
  additiveForward,
  coldSampleImproved,
  coldSampleNaive,
  pixelMaskForward,
} from "../../lib/diffusion/mod.ts";
import { assert, assertRejectsWith } from "../_assert.ts";

Deno.test("cold Algorithm 2 is exact for an additive degradation with any restorer; Algorithm 1 is not", async () => {
  const rng = new Rng(1), d = 5, T = 10, e = rng.normals(d), fp = additiveForward(e, T);
  const x0 = rng.normals(3 * d), xT = fp.apply(x0, new Float64Array(3 * d), T);
  const bad = (x: Float64Array) => x.map((v) => 0.3 * v + 1); // an arbitrary wrong restorer
  const a2 = await coldSampleImproved(fp, bad, xT, T, new Float64Array(3 * d));
  const a1 = await coldSampleNaive(fp, bad, xT, T, rng);
  let e2 = 0, e1 = 0;
  for (let i = 0; i < x0.length; i++) {
    e2 = Math.max(e2, Math.abs(a2[i] - x0[i]));
    e1 = Math.max(e1, Math.abs(a1[i] - x0[i]));
  }
  assert(e2 < 1e-12 && e1 > 0.1, `alg2 ${e2}, alg1 ${e1}`);
});

Deno.test("cold Algorithm 2 never changes a revealed pixel of a mask", async () => {
  const rng = new Rng(2), d = 12, T = 4, fp = pixelMaskForward(d, T);
  const x0 = rng.normals(d), order = fp.sampleNoise(rng, 1), xT = fp.apply(x0, order, T);
  let drift = 0;
  const prev = Float64Array.from(xT);
  await coldSampleImproved(fp, (x) => x.subarray(0, d).map((v) => v + 0.5), xT, T, order, {
    onStep: (_t, x) => {
      for (let p = 0; p < d; p++) if (prev[d + p] === 0) drift = Math.max(drift, Math.abs(x[p] - prev[p]));
      prev.set(x);
    },
  });
  assert(drift === 0, `drift ${drift}`);
  await assertRejectsWith(
    () => coldSampleImproved(fp, (x) => x, xT, T, new Float64Array(3)),
    RangeError,
    "eps",
  );
  await assertRejectsWith(() => coldSampleNaive(fp, (x) => x, xT, 0, rng), RangeError, "tStart");
  await assertRejectsWith(() => coldSampleNaive(fp, (x) => x, xT, T, rng), RangeError, "restorer");
});
