import { Rng } from "../../lib/core/mod.ts";
import { clusterFractions, type Field, nearestCentres, straightness } from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("nearestCentres and clusterFractions: brute force on a small set; validation", () => {
  const c = Float64Array.of(0, 0, 3, 0);
  const p = Float64Array.of(1, 0, 2, 1, -1, -1, 2.9, 0);
  const r = nearestCentres(p, c, 2);
  assert(Array.from(r.index).join() === "0,1,0,1", "indices");
  assertAllClose(r.distance, [1, Math.SQRT2, Math.SQRT2, 0.1], { abs: 1e-12 });
  assertAllClose(clusterFractions(p, c, 2), [0.5, 0.5], { abs: 1e-15 });
  assertThrowsWith(() => nearestCentres(p, Float64Array.of(1), 2), RangeError, "centres");
  assertThrowsWith(() => nearestCentres(Float64Array.of(1, NaN), c, 2), RangeError, "points");
  assertThrowsWith(() => clusterFractions(p, c, 0), RangeError, "d");
});

Deno.test("straightness: zero for a constant field, the closed form for a rotation", () => {
  const rng = new Rng(1);
  const z = rng.normals(2 * 200);
  const constant: Field = { dim: 2, velocity: (x) => x.map((_, i) => (i % 2 === 0 ? 1 : -2)) };
  const s0 = straightness(constant, z);
  assertClose(s0.value, 0, { abs: 1e-20 });
  assertAllClose(s0.x, z.map((v, i) => v - (i % 2 === 0 ? 1 : -2)), { abs: 1e-12 });
  // v = ω J x: each path is an arc of angle ω at speed ωr; the chord Δ has length 2r sin(ω/2) and makes an angle
  // θ(t) uniform on [−ω/2, ω/2] with v, so S = |Δ|² + ω²r² − 2|Δ|ωr·(2/ω)sin(ω/2) = r²(ω² − 4 sin²(ω/2))
  const w = 1.3;
  const rot: Field = {
    dim: 2,
    velocity: (x) => x.map((_, i) => (i % 2 === 0 ? -w * x[i + 1] : w * x[i - 1])),
  };
  const one = Float64Array.of(1, 0, 0, 2);
  const perR2 = w * w - 4 * Math.sin(w / 2) ** 2;
  const got = straightness(rot, one, { steps: 400 });
  assertClose(got.value, (perR2 * (1 + 4)) / 2, { rel: 1e-4 }); // trapezoid in t: O(h²)
  assertThrowsWith(() => straightness(rot, Float64Array.of(1, 0)), RangeError, "z");
  assertThrowsWith(() => straightness(rot, one, { t0: 0.5, t1: 0.5 }), RangeError, "t0");
  assertThrowsWith(() => straightness(rot, one, { steps: 0 }), RangeError, "steps");
  assertThrowsWith(() => straightness({} as Field, one), TypeError, "field");
});
