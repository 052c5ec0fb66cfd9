import { Rng } from "../../lib/core/mod.ts";
import {
  fisherInformation,
  GaussianMixture,
  gmmExpectation,
  gmmScoreJacobianDiag,
  scoreMatchingGap,
} from "../../lib/diffusion/mod.ts";
import { derivative } from "../../lib/numerics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const bimodal = new GaussianMixture({ means: [[-1.5], [1]], stds: [0.3, 0.5], weights: [0.3, 0.7] });

Deno.test("fisherInformation: a Gaussian's 1/v in 1-D and d/v in 2-D; the gap d/b² − 1/v", () => {
  const g1 = new GaussianMixture({ means: [[0.4]], stds: [0.8] });
  assertClose(fisherInformation(g1, 1, 0.6), 1 / (0.64 + 0.36), { rel: 1e-12 });
  assertClose(fisherInformation(g1, 2, 0.6), 1 / (4 * 0.64 + 0.36), { rel: 1e-12 });
  assertClose(scoreMatchingGap(g1, 1, 0.6), 1 / 0.36 - 1, { rel: 1e-12 });
  const g2 = new GaussianMixture({ means: [[0, 1]], stds: [[0.5, 1]] });
  assertClose(fisherInformation(g2, 1, 0.5), 1 / 0.5 + 1 / 1.25, { rel: 1e-10 });
  assertClose(scoreMatchingGap(g2, 1, 0.5), 2 / 0.25 - (1 / 0.5 + 1 / 1.25), { rel: 1e-10 });
});

Deno.test("gmmExpectation: mass 1, mean and a Monte Carlo Fisher information of a mixture; gap ≥ 0 and its limits", () => {
  assertClose(gmmExpectation(bimodal, 1, 0.5, (x) => x.map(() => 1)), 1, { abs: 1e-12 });
  assertClose(gmmExpectation(bimodal, 1, 0.5, (x) => Float64Array.from(x)), 0.3 * -1.5 + 0.7, { abs: 1e-12 });
  const rng = new Rng(2), n = 200_000;
  const x = bimodal.sample(n, rng).map((v) => v + 0.5 * rng.normal());
  const s = bimodal.score(x, 1, 0.5);
  let m = 0, m2 = 0;
  for (const v of s) {
    m += v * v;
    m2 += v ** 4;
  }
  m /= n;
  const se = Math.sqrt((m2 / n - m * m) / n);
  assertClose(fisherInformation(bimodal, 1, 0.5), m, { abs: 4 * se });
  for (const b of [0.05, 0.3, 1, 3, 10]) assert(scoreMatchingGap(bimodal, 1, b) > 0, `gap > 0 at b=${b}`);
  assertClose(0.01 ** 2 * scoreMatchingGap(bimodal, 1, 0.01), 1, { abs: 0.01 });
  assert(scoreMatchingGap(bimodal, 1, 50) < 1e-5, "gap → 0 for wide noise");
});

Deno.test("gmmScoreJacobianDiag: against finite differences of the score, 1-D and 2-D", () => {
  const pts = Float64Array.of(-2.2, -0.4, 0.3, 1.1, 3);
  const J = gmmScoreJacobianDiag(bimodal, pts, 0.8, 0.2);
  pts.forEach((p, i) => {
    const fd = derivative((u) => bimodal.score(Float64Array.of(u), 0.8, 0.2)[0], p, 1e-5);
    assertClose(J[i], fd, { abs: 1e-6 });
  });
  const g2 = new GaussianMixture({ means: [[0, 1], [1, -1]], stds: [0.4, 0.7] });
  const x = Float64Array.of(0.3, 0.2);
  const J2 = gmmScoreJacobianDiag(g2, x, 1, 0.3);
  for (let q = 0; q < 2; q++) {
    const fd = derivative(
      (u) => {
        const y = Float64Array.from(x);
        y[q] = u;
        return g2.score(y, 1, 0.3)[q];
      },
      x[q],
      1e-5,
    );
    assertClose(J2[q], fd, { abs: 1e-6 });
  }
});

Deno.test("gmm_fisher: bad inputs throw, naming the argument", () => {
  const g3 = new GaussianMixture({ means: [[0, 0, 0]], stds: [1] });
  assertThrowsWith(() => gmmExpectation(g3, 1, 1, (x) => x), RangeError, "d = 1 or 2");
  assertThrowsWith(() => gmmExpectation(null as never, 1, 1, (x) => x), TypeError, "gmm");
  assertThrowsWith(() => gmmExpectation(bimodal, 1, -1, (x) => x), RangeError, "b");
  assertThrowsWith(() => gmmExpectation(bimodal, NaN, 1, (x) => x), RangeError, "a");
  assertThrowsWith(() => gmmExpectation(bimodal, 1, 1, 3 as never), TypeError, "f");
  assertThrowsWith(
    () => gmmExpectation(bimodal, 1, 1, () => new Float64Array(1)),
    TypeError,
    "f must return",
  );
  assertThrowsWith(
    () => fisherInformation(bimodal, 1, 1, { pointsPerStd: 0 }),
    RangeError,
    "opts.pointsPerStd",
  );
  assertThrowsWith(
    () => fisherInformation(bimodal, 1, 1, { maxPointsPerAxis: 2 }),
    RangeError,
    "opts.maxPointsPerAxis",
  );
  const point = new GaussianMixture({ means: [[0]], stds: [0] });
  assertThrowsWith(() => fisherInformation(point, 1, 0), RangeError, "a²s_k² + b²");
  assertThrowsWith(() => scoreMatchingGap(bimodal, 1, 0), RangeError, "b");
  assertThrowsWith(() => gmmScoreJacobianDiag(bimodal, Float64Array.of(1), 1, -1), RangeError, "b");
  assertThrowsWith(() => gmmScoreJacobianDiag({} as never, Float64Array.of(1), 1, 1), TypeError, "gmm");
});
