import { Rng } from "../../lib/core/mod.ts";
import {
  additiveForward,
  coldSampleImproved,
  coldSampleNaive,
  dctBlurForward,
  pixelMaskForward,
} from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertRejectsWith } from "../_assert.ts";

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

Deno.test("cold generation from a fully blurred state with σ = 0 is deterministic; with σ > 0 the kept noise passes through", async () => {
  // (was notebook 08's claim "cold-deterministic-no-diversity": the code against itself, so a unit test)
  const side = 4, d = side * side, taus = [0, 0.5, 3, 40], T = taus.length - 1, rng = new Rng(3);
  const restorer = (x: Float64Array) => x.map((v, i) => Math.tanh(3 * v + 0.1 * (i % d))); // any nonlinear map
  const flat = new Float64Array(2 * d).fill(0.2);
  const fp0 = dctBlurForward(side, taus);
  const a = await coldSampleImproved(fp0, restorer, flat, T, new Float64Array(2 * d));
  const b = await coldSampleImproved(fp0, restorer, flat, T, rng.normals(2 * d)); // σ = 0 ignores ε
  const c = await coldSampleNaive(fp0, restorer, flat, T, rng);
  const c2 = await coldSampleNaive(fp0, restorer, flat, T, new Rng(99));
  for (let i = 0; i < a.length; i++) {
    assert(a[i] === b[i] && c[i] === c2[i], `σ = 0 generation differs at ${i}`);
    assert(a[i] === a[i % d], "two rows from the same level differ");
  }
  // σ > 0: Algorithm 2's output minus the kept noise is the restorer's content (the noise term cancels per step)
  const sigma = 0.05, fpN = dctBlurForward(side, taus, sigma), eps = rng.normals(2 * d);
  const xT = flat.map((v, i) => v + sigma * eps[i]);
  const g = await coldSampleImproved(fpN, restorer, xT, T, eps);
  const content = g.map((v, i) => v - sigma * eps[i]);
  // rebuild the content from the restorer outputs: level + Σ_t (B_{t−1} − B_t) x̂₀_t
  const x0hats: Float64Array[] = [];
  await coldSampleImproved(fpN, restorer, xT, T, eps, { onStep: (_t, _x, x0hat) => x0hats.push(x0hat) });
  const rebuilt = Float64Array.from(flat);
  x0hats.forEach((x0hat, k) => {
    const t = T - k, z = new Float64Array(2 * d);
    const prev = fp0.apply(x0hat, z, t - 1), cur = fp0.apply(x0hat, z, t);
    for (let i = 0; i < rebuilt.length; i++) rebuilt[i] += prev[i] - cur[i];
  });
  for (let i = 0; i < content.length; i++) assertClose(content[i], rebuilt[i], { abs: 1e-12 });
});
