import { Rng } from "../../lib/core/mod.ts";
import { fitRbfScore, rbfFeatures } from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("rbfFeatures: a constant column, then exp(−(x − c)²/(2h²)) by hand", () => {
  const m = rbfFeatures(Float64Array.of(0, 1), [0, 2], 1);
  assertAllClose(m.getRow(0), [1, 1, Math.exp(-2)], { abs: 1e-15 });
  assertAllClose(m.getRow(1), [1, Math.exp(-0.5), Math.exp(-0.5)], { abs: 1e-15 });
});

Deno.test("fitRbfScore: recovers a target inside the model class exactly", () => {
  const centers = [-1, 0, 1], h = 0.7, w = [0.3, -1, 2, 0.5];
  const x = new Rng(1).normals(200);
  const phi = rbfFeatures(x, centers, h);
  const y = Float64Array.from(
    { length: x.length },
    (_v, i) => phi.getRow(i).reduce((s, f, k) => s + f * w[k], 0),
  );
  const fit = fitRbfScore(x, y, centers, h);
  assertAllClose(fit.coef, w, { abs: 1e-8 });
  assertAllClose(fit.predict(Float64Array.of(0.25)), [
    w[0] + w[1] * Math.exp(-0.5 * (1.25 / h) ** 2) +
    w[2] * Math.exp(-0.5 * (0.25 / h) ** 2) + w[3] * Math.exp(-0.5 * (0.75 / h) ** 2),
  ], { abs: 1e-8 });
});

Deno.test("fitRbfScore: residuals are orthogonal to the features (normal equations); ridge shrinks", () => {
  const rng = new Rng(2), x = rng.normals(500), y = x.map((v) => Math.sin(2 * v) + 0.1 * v * v);
  const centers = [-2, -1, 0, 1, 2], fit = fitRbfScore(x, y, centers, 0.8);
  const phi = rbfFeatures(x, centers, 0.8), r = fit.predict(x).map((v, i) => y[i] - v);
  for (let k = 0; k <= centers.length; k++) {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += phi.get(i, k) * r[i];
    assertClose(s / x.length, 0, { abs: 1e-10 });
  }
  const shrunk = fitRbfScore(x, y, centers, 0.8, 1);
  const n2 = (c: Float64Array) => c.reduce((s, v) => s + v * v, 0);
  assert(n2(shrunk.coef) < n2(fit.coef), "ridge must shrink the coefficients");
});

Deno.test("fitRbfScore / rbfFeatures: bad inputs", () => {
  const x = Float64Array.of(0, 1, 2, 3), y = Float64Array.of(0, 1, 0, 1);
  assertThrowsWith(() => fitRbfScore([0, 1] as unknown as Float64Array, y, [0], 1), TypeError, "x");
  assertThrowsWith(() => fitRbfScore(x, y.subarray(1), [0], 1), RangeError, "target");
  assertThrowsWith(() => fitRbfScore(x, y, [], 1), RangeError, "centers");
  assertThrowsWith(() => fitRbfScore(x, y, [NaN], 1), RangeError, "centers");
  assertThrowsWith(() => fitRbfScore(x, y, [0], 0), RangeError, "width");
  assertThrowsWith(() => fitRbfScore(x, y, [0], 1, -1), RangeError, "ridge");
  assertThrowsWith(() => fitRbfScore(x, y, [0, 1, 2, 3], 1), RangeError, "x");
  assertThrowsWith(() => fitRbfScore(x, Float64Array.of(0, NaN, 0, 1), [0], 1), RangeError, "target");
  assertThrowsWith(() => fitRbfScore(x, y, [0, 0], 1), RangeError, "positive definite");
  assertThrowsWith(() => rbfFeatures(Float64Array.of(Infinity), [0], 1), RangeError, "x");
  assertThrowsWith(() => rbfFeatures(x, [0], -1), RangeError, "width");
});
