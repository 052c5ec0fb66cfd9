import { Rng } from "../../lib/core/mod.ts";
import {
  additiveForward,
  dctBlurForward,
  gaussianForward,
  maskedCount,
  pixelMaskForward,
  suLinearSchedule,
  uniformNoiseForward,
  withFixedNoise,
} from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

const sch = suLinearSchedule(100);

Deno.test("gaussian / uniform forward: apply ∘ invert round-trips, noise laws", () => {
  const rng = new Rng(1);
  for (const fp of [gaussianForward(sch, 2), uniformNoiseForward(sch, 2)]) {
    const x0 = rng.normals(20), eps = fp.sampleNoise(rng, 10);
    const xt = fp.apply(x0, eps, 37);
    assertAllClose(fp.invert!(x0, xt, 37, rng), eps, { abs: 1e-12 });
    assertAllClose(fp.apply(x0, eps, 0), x0, { abs: 0 + 1e-300 });
    assertClose(xt[0], sch.alphaBar[37] * x0[0] + sch.betaBar[37] * eps[0], { abs: 1e-15 });
  }
  const u = uniformNoiseForward(sch, 1).sampleNoise(rng, 20000);
  assert(Math.max(...u) <= Math.sqrt(3) && Math.min(...u) >= -Math.sqrt(3), "uniform support");
  assertClose(u.reduce((s, v) => s + v * v, 0) / u.length, 1, { abs: 0.03 });
  assert(gaussianForward(sch, 2).gaussianNoise && !uniformNoiseForward(sch, 2).gaussianNoise, "flags");
  const g = gaussianForward(sch, 2);
  assertThrowsWith(() => g.apply(new Float64Array(3), new Float64Array(3), 1), RangeError, "x0");
  assertThrowsWith(() => g.apply(new Float64Array(2), new Float64Array(4), 1), RangeError, "eps");
  assertThrowsWith(() => g.apply(new Float64Array(2), new Float64Array(2), 101), RangeError, "t");
  assertThrowsWith(() => g.invert!(new Float64Array(2), new Float64Array(2), 0, rng), RangeError, "t");
  assertThrowsWith(() => gaussianForward(sch, 0), RangeError, "d");
});

Deno.test("additive and blur forwards: degradations, inverse only with σ > 0", () => {
  const e = Float64Array.from([1, -2]);
  const a = additiveForward(e, 5);
  assertAllClose(a.apply(Float64Array.from([0, 0, 1, 1]), new Float64Array(4), 3), [3, -6, 4, -5], {
    abs: 1e-15,
  });
  assert(a.invert === undefined, "σ = 0: no inverse");
  const an = additiveForward(e, 5, 0.1), rng = new Rng(2);
  const x0 = rng.normals(4), eps = an.sampleNoise(rng, 2);
  assertAllClose(an.invert!(x0, an.apply(x0, eps, 2), 2, rng), eps, { abs: 1e-12 });
  assertThrowsWith(() => additiveForward(new Float64Array(0), 5), TypeError, "e");
  assertThrowsWith(() => additiveForward(e, 0), RangeError, "T");
  const b = dctBlurForward(3, [0, 1, 100]);
  const img = rng.normals(9);
  assertAllClose(b.apply(img, new Float64Array(9), 0), img, { abs: 1e-15 });
  const flat = b.apply(img, new Float64Array(9), 2), m = img.reduce((s, v) => s + v, 0) / 9;
  for (const v of flat) assertClose(v, m, { abs: 1e-9 });
  assertThrowsWith(() => dctBlurForward(3, [1, 2]), RangeError, "taus[0]");
  assertThrowsWith(() => dctBlurForward(3, [0, 2, 1]), RangeError, "taus");
  assertThrowsWith(() => dctBlurForward(3, [0, 1], -1), RangeError, "sigma");
});

Deno.test("pixel mask forward: counts, indicators, consistent inverse", () => {
  const d = 10, T = 4, fp = pixelMaskForward(d, T), rng = new Rng(5);
  assert(maskedCount(d, T, 1) === 3 && maskedCount(d, T, 4) === 10 && maskedCount(d, T, 0) === 0, "m_t");
  const x0 = rng.normals(2 * d), order = fp.sampleNoise(rng, 2);
  const xt = fp.apply(x0, order, 2);
  for (let r = 0; r < 2; r++) {
    let masked = 0;
    for (let p = 0; p < d; p++) {
      const ind = xt[r * 2 * d + d + p];
      masked += ind;
      assert(ind === 1 ? xt[r * 2 * d + p] === 0 : xt[r * 2 * d + p] === x0[r * d + p], "values");
    }
    assert(masked === 5, `masked ${masked}`);
  }
  const inv = fp.invert!(x0, xt, 2, rng);
  assertAllClose(fp.apply(x0, inv, 2), xt, { abs: 1e-300 });
  assertThrowsWith(() => fp.invert!(x0, xt, 3, rng), RangeError, "xt row 0");
  assertThrowsWith(() => fp.apply(x0.subarray(0, d), new Float64Array(d).fill(0.5), 1), RangeError, "eps");
});

Deno.test("withFixedNoise: sampleNoise returns the held ε, the rest is the wrapped process", () => {
  const fp = gaussianForward(sch, 2), eps = new Rng(2).normals(6), fixed = withFixedNoise(fp, eps);
  const a = fixed.sampleNoise(new Rng(9), 3);
  assertAllClose(a, eps, { abs: 0 + 1e-300 });
  a[0] = 99; // a copy: the held noise is not changed by the caller
  assertClose(fixed.sampleNoise(new Rng(1), 3)[0], eps[0], { abs: 1e-300 });
  const x0 = new Rng(3).normals(6);
  assertAllClose(fixed.apply(x0, eps, 40), fp.apply(x0, eps, 40), { abs: 1e-300 });
  assert(fixed.kind === "gaussian" && fixed.T === fp.T && fixed.invert !== undefined, "fields kept");
  assertThrowsWith(() => fixed.sampleNoise(new Rng(1), 2), RangeError, "n");
  assertThrowsWith(() => withFixedNoise(fp, new Float64Array(5)), RangeError, "eps");
  assertThrowsWith(() => withFixedNoise({} as typeof fp, eps), TypeError, "fp");
});
