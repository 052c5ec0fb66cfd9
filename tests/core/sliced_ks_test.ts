import { ksOneSample, normalCdf, planeDirections, Rng, slicedKs } from "../../lib/core/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

const stdNormalProj = (_u: Float64Array, y: number) => normalCdf(y);

Deno.test("planeDirections: unit vectors evenly spaced over a half-turn, with an offset", () => {
  const d = planeDirections(4);
  assertAllClose(d, [1, 0, Math.SQRT1_2, Math.SQRT1_2, 0, 1, -Math.SQRT1_2, Math.SQRT1_2], { abs: 1e-15 });
  const o = planeDirections(2, 0.5);
  assertAllClose(o, [Math.SQRT1_2, Math.SQRT1_2, -Math.SQRT1_2, Math.SQRT1_2], { abs: 1e-15 });
  assertThrowsWith(() => planeDirections(0), RangeError, "count");
  assertThrowsWith(() => planeDirections(3, NaN), RangeError, "offset");
});

Deno.test("slicedKs: each direction is the one-sample KS of the projection; null vs a non-isotropic alternative", () => {
  const rng = new Rng(3);
  const x = rng.normals(2 * 4000);
  const dirs = planeDirections(6);
  const r = slicedKs(x, 2, dirs, stdNormalProj);
  // direction 0 is (1, 0): the KS of the first coordinates
  const first = Float64Array.from({ length: 4000 }, (_, i) => x[2 * i]);
  assertClose(r.statistics[0], ksOneSample(first, normalCdf).statistic, { abs: 1e-15 });
  assert(r.max === Math.max(...r.statistics) && r.n === 4000, "max and n");
  assert(r.max < 0.04, `null sample: max D = ${r.max}`);
  // stretch one axis: N(0, I) projections no longer fit along it
  const y = x.map((v, i) => (i % 2 === 0 ? 1.5 * v : v));
  assert(slicedKs(y, 2, dirs, stdNormalProj).max > 0.08, "stretched sample is rejected");
});

Deno.test("slicedKs: works in 3-D with given directions; bad inputs throw naming the argument", () => {
  const rng = new Rng(5);
  const x = rng.normals(3 * 500);
  const r = slicedKs(x, 3, Float64Array.from([0, 0, 1]), stdNormalProj);
  assert(r.statistics.length === 1, "one direction");
  assertThrowsWith(() => slicedKs(x.slice(0, 5), 2, planeDirections(2), stdNormalProj), RangeError, "points");
  assertThrowsWith(() => slicedKs(x, 3, Float64Array.from([1, 1]), stdNormalProj), RangeError, "directions");
  assertThrowsWith(() => slicedKs(x, 3, Float64Array.from([1, 1, 0]), stdNormalProj), RangeError, "norm");
  assertThrowsWith(
    () => slicedKs(x, 3, Float64Array.from([1, 0, 0]), null as unknown as typeof stdNormalProj),
    TypeError,
    "projCdf",
  );
  assertThrowsWith(
    () => slicedKs(Float64Array.from([NaN, 0, 0]), 3, Float64Array.from([1, 0, 0]), stdNormalProj),
    RangeError,
    "points",
  );
  assertThrowsWith(() => slicedKs(x, 0, Float64Array.from([1]), stdNormalProj), RangeError, "dim");
});
