import fc from "fast-check";
import { Rng } from "../../lib/core/mod.ts";
import { GaussianMixture, kernelRatioScore, ratioScoreEstimator } from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

const bimodal = new GaussianMixture({ means: [[-1.5], [1]], stds: [0.3, 0.5], weights: [0.3, 0.7] });

Deno.test("kernelRatioScore: with quadrature nodes and weights p₀(x₀)h it is the exact mixture score", () => {
  const h = 0.002, nodes = Float64Array.from({ length: 10_001 }, (_, i) => -10 + i * h);
  const w = bimodal.logpdf(nodes).map(Math.exp);
  const x = Float64Array.of(-3, -1, 0, 0.5, 2.5);
  assertAllClose(kernelRatioScore(x, nodes, 0.9, 0.4, 1, w), bimodal.score(x, 0.9, 0.4), { abs: 1e-10 });
});

Deno.test("ratioScoreEstimator: one data point gives its conditional score; far points do not overflow", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -5, max: 5, noNaN: true }),
      fc.double({ min: -5, max: 5, noNaN: true }),
      (x0, x) => {
        const s = ratioScoreEstimator(Float64Array.of(x0), 1.2, 0.5, 1)(Float64Array.of(x))[0];
        return Math.abs(s - (1.2 * x0 - x) / 0.25) < 1e-9;
      },
    ),
  );
  const far = ratioScoreEstimator(Float64Array.of(0, 1), 1, 0.01, 1)(Float64Array.of(1e3));
  assert(Number.isFinite(far[0]), "log-sum-exp keeps far points finite");
  // 2-D: two symmetric nodes, the point on their bisector: the score points to their midpoint
  const s2 = kernelRatioScore(Float64Array.of(0, 3), Float64Array.of(-1, 0, 1, 0), 1, 1, 2);
  assertAllClose(s2, [0, -3], { abs: 1e-12 });
});

Deno.test("ratioScoreEstimator: the error falls with the batch size", () => {
  const rng = new Rng(4), xq = bimodal.sample(2000, rng).map((v) => v + 0.5 * rng.normal());
  const exact = bimodal.score(xq, 1, 0.5);
  const mse = (B: number) => {
    let s = 0;
    for (let r = 0; r < 10; r++) {
      const e = ratioScoreEstimator(bimodal.sample(B, rng), 1, 0.5, 1)(xq);
      for (let i = 0; i < xq.length; i++) s += (e[i] - exact[i]) ** 2;
    }
    return s / (10 * xq.length);
  };
  assert(mse(4) > 5 * mse(256), "B = 4 much worse than B = 256");
});

Deno.test("ratio score: bad inputs throw, naming the argument", () => {
  const n = Float64Array.of(0, 1);
  assertThrowsWith(() => kernelRatioScore(Float64Array.of(1, 2, 3), n, 1, 1, 2), RangeError, "x");
  assertThrowsWith(
    () => kernelRatioScore(Float64Array.of(1), new Float64Array(0), 1, 1, 1),
    RangeError,
    "nodes",
  );
  assertThrowsWith(() => kernelRatioScore(Float64Array.of(1), n, 1, 0, 1), RangeError, "b");
  assertThrowsWith(() => kernelRatioScore(Float64Array.of(1), n, Infinity, 1, 1), RangeError, "a");
  assertThrowsWith(() => kernelRatioScore(Float64Array.of(1), n, 1, 1, 1, [1]), RangeError, "weights");
  assertThrowsWith(() => kernelRatioScore(Float64Array.of(1), n, 1, 1, 1, [1, -1]), RangeError, "weights[1]");
  assertThrowsWith(() => kernelRatioScore(Float64Array.of(1), n, 1, 1, 1, [0, 0]), RangeError, "all be 0");
  assertThrowsWith(() => ratioScoreEstimator(new Float64Array(0), 1, 1, 1), RangeError, "batchX0");
  assertThrowsWith(() => ratioScoreEstimator(n, 1, -1, 1), RangeError, "b");
  assertThrowsWith(() => ratioScoreEstimator(n, 1, 1, 0), RangeError, "d");
});
