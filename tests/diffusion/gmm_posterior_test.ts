import { normalCdf, Rng } from "../../lib/core/mod.ts";
import {
  GaussianMixture,
  logNormalMass,
  logNormalTail,
  posteriorSampleX0Uniform,
  ring8,
  truncatedNormal,
} from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const phi = (z: number) => (Number.isFinite(z) ? Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) : 0);

Deno.test("logNormalTail / logNormalMass: against Φ in the bulk, continuous at the series switch, stable far out", () => {
  for (const [lo, hi] of [[-1, 2], [0.5, 0.7], [-3, -2.5], [-0.2, 0.3], [-Infinity, 1], [1, Infinity]]) {
    const ref = Math.log((hi === Infinity ? 1 : normalCdf(hi)) - (lo === -Infinity ? 0 : normalCdf(lo)));
    assertClose(logNormalMass(lo, hi), ref, { abs: 1e-6 });
  }
  assertClose(logNormalTail(29.999), logNormalTail(30.001), { abs: 0.07 }); // slope −z over 0.002
  assertClose(logNormalTail(40), -800 - Math.log(40) - 0.5 * Math.log(2 * Math.PI) - 1 / 1600, { abs: 1e-5 });
  // far tails and slivers: finite and ordered
  assert(Number.isFinite(logNormalMass(50, 51)) && logNormalMass(50, 51) < logNormalMass(49, 51), "far tail");
  assertClose(logNormalMass(1, 1 + 1e-8), Math.log(phi(1) * 1e-8), { abs: 1e-6 });
  assertThrowsWith(() => logNormalMass(1, 1), RangeError, "hi");
  assertThrowsWith(() => logNormalMass(NaN, 1), TypeError, "lo");
  assertThrowsWith(() => logNormalTail(NaN), RangeError, "z");
});

Deno.test("truncatedNormal: support and mean (φ(lo) − φ(hi))/Z on every branch", () => {
  const rng = new Rng(3), n = 40000;
  for (
    const [lo, hi] of [[-1, 2], [-0.2, 0.3], [0.5, 0.7], [3, Infinity], [-Infinity, -4], [5, 5.01], [-8, 0]]
  ) {
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = truncatedNormal(rng, lo, hi);
      assert(z >= lo && z <= hi, `draw ${z} outside [${lo}, ${hi}]`);
      s += z;
      s2 += z * z;
    }
    const Z = Math.exp(logNormalMass(lo, hi)), m = (phi(lo) - phi(hi)) / Z;
    const v = s2 / n - (s / n) ** 2;
    assertClose(s / n, m, { abs: 5 * Math.sqrt(v / n) + 1e-12 });
  }
  assertThrowsWith(() => truncatedNormal(rng, 2, 1), RangeError, "hi");
  assertThrowsWith(() => truncatedNormal({} as Rng, 0, 1), TypeError, "rng");
});

Deno.test("posteriorSampleX0Uniform: in the box, posterior mean by quadrature, point masses, bad inputs", () => {
  const gmm = new GaussianMixture({ means: [[-1], [0.5], [2]], stds: [0.4, 0.3, 0.5], weights: [1, 2, 1] });
  const a = 0.8, b = 0.5, x = 0.3, half = (b * Math.sqrt(3)) / a, rng = new Rng(5), n = 40000;
  const xs = posteriorSampleX0Uniform(gmm, new Float64Array(n).fill(x), a, b, rng);
  const lo = x / a - half, hi = x / a + half;
  let s = 0, s2 = 0;
  for (const v of xs) {
    assert(v >= lo - 1e-12 && v <= hi + 1e-12, `draw ${v} outside the box`);
    s += v;
    s2 += v * v;
  }
  // p(x₀ | x) ∝ p(x₀) on the box: midpoint quadrature
  const dens = (z: number) =>
    [0, 1, 2].reduce((acc, j) => {
      const sd = gmm.diagStds[j], m = gmm.means[j];
      return acc + gmm.weights[j] * Math.exp(-0.5 * ((z - m) / sd) ** 2) / sd;
    }, 0);
  let z0 = 0, z1 = 0;
  const K = 20000, h = (hi - lo) / K;
  for (let i = 0; i < K; i++) {
    const z = lo + (i + 0.5) * h, p = dens(z);
    z0 += p;
    z1 += p * z;
  }
  const v = s2 / n - (s / n) ** 2;
  assertClose(s / n, z1 / z0, { abs: 5 * Math.sqrt(v / n) });
  // point masses: only the atoms inside the box, in proportion to their weights
  const atoms = new GaussianMixture({ means: [[0], [1], [5]], stds: [0, 0, 0] });
  const d = posteriorSampleX0Uniform(atoms, new Float64Array(6000).fill(0.5), 1, 1, rng); // box [−1.23, 2.23]
  const ones = d.filter((v) => v === 1).length;
  assert(d.every((v) => v === 0 || v === 1), "atom outside the box drawn");
  assertClose(ones / 6000, 0.5, { abs: 0.03 });
  // 2-D ring8 rows: every coordinate in its box
  const r = posteriorSampleX0Uniform(ring8(), Float64Array.from([0.1, -0.2, 1.5, 1.4]), 0.3, 0.9, rng);
  const h2 = (0.9 * Math.sqrt(3)) / 0.3;
  [0.1, -0.2, 1.5, 1.4].forEach((xv, i) => assert(Math.abs(r[i] - xv / 0.3) <= h2 + 1e-12, "2-D box"));
  assertThrowsWith(
    () => posteriorSampleX0Uniform(atoms, new Float64Array([9]), 1, 1, rng),
    RangeError,
    "impossible",
  );
  assertThrowsWith(() => posteriorSampleX0Uniform(gmm, new Float64Array([0]), 0, 1, rng), RangeError, "a");
  assertThrowsWith(() => posteriorSampleX0Uniform(gmm, new Float64Array([0]), 1, 0, rng), RangeError, "b");
  assertThrowsWith(() => posteriorSampleX0Uniform(ring8(), new Float64Array(3), 1, 1, rng), RangeError, "x");
});
