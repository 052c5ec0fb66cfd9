import { Rng } from "../../lib/core/mod.ts";
import { fitVarianceByLikelihood, gaussianNll } from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("fitVarianceByLikelihood: the maximiser is the mean square, isotropic and per dimension", () => {
  const r = new Rng(1), n = 5000, d = 3, scales = [0.01, 1, 30];
  const res = Float64Array.from({ length: n * d }, (_, i) => scales[i % d] * r.normal());
  const fit = fitVarianceByLikelihood(res, d);
  let all = 0;
  const per = [0, 0, 0];
  res.forEach((v, i) => {
    all += v * v;
    per[i % d] += v * v;
  });
  assertClose(fit.iso, all / (n * d), { rel: 1e-6 });
  per.forEach((s, q) => assertClose(fit.perDim[q], s / n, { rel: 1e-6 }, `q=${q}`));
  // the likelihood is lower on both sides of the optimum
  for (const f of [0.9, 1.1]) assert.ok(gaussianNll(res, d, fit.iso * f) > gaussianNll(res, d, fit.iso));
});

Deno.test("gaussianNll / fitVarianceByLikelihood: values and validation", () => {
  assertClose(gaussianNll([1, 1, 1, 1], 2, 1), 1 + 0, { rel: 1e-15 });
  assertClose(gaussianNll([2, 0], 2, 1, 0), 2, { rel: 1e-15 });
  assertThrowsWith(() => gaussianNll([1, 2, 3], 2, 1), RangeError, "divisible");
  assertThrowsWith(() => gaussianNll([1, 2], 2, 0), RangeError, "v");
  assertThrowsWith(() => gaussianNll([1, 2], 2, 1, 2), RangeError, "q");
  assertThrowsWith(() => fitVarianceByLikelihood([1e6, 1e6], 1, { bracket: [1e-3, 1] }), RangeError, "edge");
  assertThrowsWith(() => fitVarianceByLikelihood([1, 1], 1, { bracket: [1, 0.5] }), RangeError, "bracket");
  assertThrowsWith(() => fitVarianceByLikelihood([1, NaN], 1), RangeError, "residuals");
});
