import { Rng } from "../../lib/core/mod.ts";
import {
  binomialCdfBelow,
  expectedLossData,
  expectedLossSteps,
  learnedQuantaCount,
  learnedSetLoss,
  lossTopN,
  poissonCdfBelow,
  sampledLossData,
  tailMassExact,
  withUnseenTail,
  zipfNormalizer,
  zipfProbs,
} from "../../lib/scaling/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("lossTopN: a + (b − a)·tail; n = 0 gives b", () => {
  assertClose(lossTopN(0, 0.4, 0.1, 2), 2, { rel: 1e-12 });
  assertClose(lossTopN(10, 1, 0.5, 1.5), 0.5 + tailMassExact(10, 1), { rel: 1e-14 });
  assertThrowsWith(() => lossTopN(3, 0.4, 1, 1), RangeError, "b");
  assertThrowsWith(() => lossTopN(3, 0.4, -1, 1), RangeError, "a");
  assertThrowsWith(() => lossTopN(-3, 0.4), RangeError, "n");
});

Deno.test("poissonCdfBelow: small cases by hand, large means, bad inputs", () => {
  assertClose(poissonCdfBelow(1, 2), Math.exp(-2), { rel: 1e-14 });
  assertClose(poissonCdfBelow(3, 2), Math.exp(-2) * (1 + 2 + 2), { rel: 1e-14 });
  assert.equal(poissonCdfBelow(0, 5), 0);
  assert.equal(poissonCdfBelow(10, 0), 1);
  assert.equal(poissonCdfBelow(10, 1e9), 0);
  // huge mean near the cut-off stays finite and tiny; monotone in the mean
  const v = poissonCdfBelow(10, 200);
  assert.ok(v > 0 && v < 1e-60);
  assert.ok(poissonCdfBelow(10, 5) > poissonCdfBelow(10, 6));
  // a direct sum for τ = 10, μ = 7.5
  let s = 0, term = Math.exp(-7.5);
  for (let j = 0; j < 10; j++) {
    s += term;
    term *= 7.5 / (j + 1);
  }
  assertClose(poissonCdfBelow(10, 7.5), s, { rel: 1e-13 });
  assertThrowsWith(() => poissonCdfBelow(1.5, 2), RangeError, "tau");
  assertThrowsWith(() => poissonCdfBelow(2, -1), RangeError, "mean");
});

Deno.test("expectedLossData: the formula written out for a small M; with and without the tail", () => {
  const M = 5, D = 300, tau = 4, g = 0.4;
  const p = zipfProbs(M, g);
  let s = 0;
  for (let k = 0; k < M; k++) s += p[k] * poissonCdfBelow(tau, D * p[k]);
  assertClose(expectedLossData(D, g, tau, M), s + tailMassExact(M, g), { rel: 1e-13 });
  const q = zipfProbs(M, g, true);
  let t = 0;
  for (let k = 0; k < M; k++) t += q[k] * poissonCdfBelow(tau, D * q[k]);
  assertClose(expectedLossData(D, g, tau, M, { withTail: false, a: 1, b: 3 }), 1 + 2 * t, { rel: 1e-13 });
  assertThrowsWith(() => expectedLossData(0, g, tau, M), RangeError, "D");
  assertThrowsWith(() => expectedLossData(10, g, 0, M), RangeError, "tau");
  assertThrowsWith(() => expectedLossData(10, g, 2, 0), RangeError, "M");
  assertThrowsWith(() => expectedLossData(10, 0, 2, 3), RangeError, "gamma");
});

Deno.test("sampledLossData: deterministic per seed; its mean matches the expectation", () => {
  const a = sampledLossData(new Rng(3), 1e4, 0.4, 10, 200),
    b = sampledLossData(new Rng(3), 1e4, 0.4, 10, 200);
  assert.deepEqual(a.learned, b.learned);
  const rng = new Rng(5);
  const xs = Array.from({ length: 400 }, () => sampledLossData(rng, 1e4, 0.4, 10, 200).loss);
  const m = xs.reduce((u, v) => u + v, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((u, v) => u + (v - m) ** 2, 0) / (xs.length - 1));
  assertClose(m, expectedLossData(1e4, 0.4, 10, 200), { abs: 4 * sd / Math.sqrt(xs.length) });
  assertThrowsWith(() => sampledLossData({} as Rng, 1e4, 0.4, 10, 200), TypeError, "rng");
});

Deno.test("learnedQuantaCount: D·p_n = τ at n(D); bad inputs", () => {
  const g = 0.7, tau = 10, D = 1e6;
  const n = learnedQuantaCount(D, g, tau);
  assertClose((D * n ** (-g - 1)) / zipfNormalizer(g), tau, { rel: 1e-12 });
  assertThrowsWith(() => learnedQuantaCount(0, g, tau), RangeError, "D");
  assertThrowsWith(() => learnedQuantaCount(1, g, 0), RangeError, "tau");
});

Deno.test("binomialCdfBelow: by hand, against Poisson for small p, edge cases, bad inputs", () => {
  assertClose(binomialCdfBelow(1, 5, 0.2), 0.8 ** 5, { rel: 1e-14 });
  assertClose(binomialCdfBelow(2, 5, 0.2), 0.8 ** 5 + 5 * 0.2 * 0.8 ** 4, { rel: 1e-14 });
  assertClose(binomialCdfBelow(10, 1_000_000, 8e-6), poissonCdfBelow(10, 8), { rel: 1e-4 });
  assert.equal(binomialCdfBelow(0, 5, 0.3), 0);
  assert.equal(binomialCdfBelow(6, 5, 0.3), 1);
  assert.equal(binomialCdfBelow(3, 5, 0), 1);
  assert.equal(binomialCdfBelow(3, 5, 1), 0);
  const v = binomialCdfBelow(10, 100000, 0.004); // mean 400: log-space branch
  assert.ok(v > 0 && v < 1e-100);
  assertThrowsWith(() => binomialCdfBelow(1, 2.5, 0.1), RangeError, "trials");
  assertThrowsWith(() => binomialCdfBelow(1, 5, 1.5), RangeError, "p");
  assertThrowsWith(() => binomialCdfBelow(-1, 5, 0.5), RangeError, "tau");
});

Deno.test("expectedLossSteps: equals the data curve at D = S·B up to Binomial vs Poisson; bad inputs", () => {
  const s = expectedLossSteps(400, 256, 0.4, 10, 20000), d = expectedLossData(400 * 256, 0.4, 10, 20000);
  assertClose(s, d, { rel: 1e-3 });
  // the spec's "steps = data at D = S·B" with one routine: an identity of the code, so a unit test
  assert.equal(expectedLossData(400 * 256, 0.4, 10, 2000), expectedLossData(102400, 0.4, 10, 2000));
  assertThrowsWith(() => expectedLossSteps(0, 256, 0.4, 10, 100), RangeError, "S");
  assertThrowsWith(() => expectedLossSteps(10, 0, 0.4, 10, 100), RangeError, "B");
});

Deno.test("withUnseenTail / learnedSetLoss: the completed loss written out; bad inputs", () => {
  const M = 10, g = 0.4;
  const pInf = zipfProbs(M, g), pFin = zipfProbs(M, g, true);
  const perTask = Array.from({ length: M }, (_, k) => (k < 3 ? 0.01 : 0.69));
  const lossM = perTask.reduce((s, l, k) => s + pFin[k] * l, 0);
  const direct = perTask.reduce((s, l, k) => s + pInf[k] * l, 0) + 0.69 * tailMassExact(M, g);
  assertClose(withUnseenTail(lossM, M, g, 0.69), direct, { rel: 1e-13 });
  assertClose(learnedSetLoss([true, true, true, false, false], g), tailMassExact(3, g), { rel: 1e-13 });
  assertClose(learnedSetLoss([1, 0, 1], g), zipfProbs(3, g)[1] + tailMassExact(3, g), { rel: 1e-13 });
  assertThrowsWith(() => withUnseenTail(-1, M, g, 1), RangeError, "lossM");
  assertThrowsWith(() => withUnseenTail(1, 0, g, 1), RangeError, "M");
  assertThrowsWith(() => withUnseenTail(1, M, g, 0), RangeError, "b");
  assertThrowsWith(() => learnedSetLoss([], g), RangeError, "learned.length");
});
