import { Rng } from "../../lib/core/mod.ts";
import {
  GaussianMixture,
  mcConditionalScoreMatching,
  mcMean,
  mcScoreMatching,
  scoreLossSamples,
} from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

/** Gaussian data N(0, 1) under x = x₀ + bε: p_t = N(0, 1 + b²), score −x/(1 + b²), Δ = 1/b² − 1/(1 + b²). */
const gauss = new GaussianMixture({ means: [[0]], stds: [1] });

Deno.test("scoreLossSamples: per-sample values by hand; the gap is csm − sm", () => {
  const xt = Float64Array.of(1, -2), eps = Float64Array.of(0.5, -1);
  const model = (x: Float64Array) => x.map((v) => 2 * v);
  const score = (x: Float64Array) => x.map((v) => -v);
  const r = scoreLossSamples(model, score, xt, eps, 0.5, 1);
  assertAllClose(r.sm, [9, 36], { abs: 1e-14 }); // (−x − 2x)²
  assertAllClose(r.csm, [(-1 - 2) ** 2, (2 + 4) ** 2], { abs: 1e-14 }); // (−ε/b − 2x)²
  assertAllClose(r.gap, [0, 0], { abs: 1e-14 });
  // 2-D rows sum the squared coordinates
  const r2 = scoreLossSamples(
    (x) => new Float64Array(x.length),
    (x) => x.map(() => 1),
    Float64Array.of(0, 0),
    Float64Array.of(1, 1),
    1,
    2,
  );
  assertAllClose(r2.sm, [2], { abs: 1e-15 });
  assertAllClose(r2.csm, [2], { abs: 1e-15 });
});

Deno.test("mcScoreMatching / mcConditionalScoreMatching: a Gaussian's closed forms within 4 SE; the gap is model-free", () => {
  const b = 0.7, v = 1 + b * b, rng = new Rng(11), n = 100_000;
  const x0 = gauss.sample(n, rng), eps = rng.normals(n);
  const xt = x0.map((x, i) => x + b * eps[i]);
  const score = (x: Float64Array) => x.map((u) => -u / v);
  const model = (x: Float64Array) => x.map((u) => -0.5 * u + 0.2); // SM = E(u/v − u/2 + 0.2)² = (1/v − 1/2)² v + 0.04
  const sm = mcScoreMatching(model, score, xt, 1);
  assertClose(sm.mean, (1 / v - 0.5) ** 2 * v + 0.04, { abs: 4 * sm.stdError });
  const csm = mcConditionalScoreMatching(model, xt, eps, b, 1);
  const delta = 1 / (b * b) - 1 / v;
  assertClose(csm.mean - sm.mean, delta, { abs: 4 * csm.stdError });
  const gap = mcMean(scoreLossSamples(model, score, xt, eps, b, 1).gap);
  assertClose(gap.mean, delta, { abs: 4 * gap.stdError });
  assert(gap.stdError < csm.stdError, "common random numbers: the gap is less noisy than CSM itself");
  assert(sm.n === n && csm.n === n, "n is reported");
});

Deno.test("score matching losses: bad inputs throw, naming the argument", () => {
  const f = (x: Float64Array) => x;
  const x = Float64Array.of(1, 2);
  assertThrowsWith(() => scoreLossSamples(f, f, x, Float64Array.of(1), 1, 1), RangeError, "eps");
  assertThrowsWith(() => scoreLossSamples(f, f, x, x, 0, 1), RangeError, "b");
  assertThrowsWith(() => scoreLossSamples(null as never, f, x, x, 1, 1), TypeError, "model");
  assertThrowsWith(() => scoreLossSamples(f, 3 as never, x, x, 1, 1), TypeError, "score");
  assertThrowsWith(() => scoreLossSamples(() => Float64Array.of(1), f, x, x, 1, 1), TypeError, "model");
  assertThrowsWith(() => mcScoreMatching(f, f, Float64Array.of(1, 2, 3), 2), RangeError, "xs");
  assertThrowsWith(() => mcScoreMatching(f, f, x, 0), RangeError, "d");
  assertThrowsWith(() => mcConditionalScoreMatching(f, x, x, -1, 1), RangeError, "b");
  assertThrowsWith(() => mcConditionalScoreMatching(f, new Float64Array(0), x, 1, 1), RangeError, "xt");
  assertThrowsWith(() => mcMean(Float64Array.of(1)), RangeError, "values");
});
