import { Matrix } from "../../lib/core/mod.ts";
import { delayedImpulse, impulseFeatures, impulseFit } from "../../lib/attention/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("delayedImpulse and the feature matrices on hand values", () => {
  assert.deepEqual(Array.from(delayedImpulse(4, 2)), [0, 0, 1, 0]);
  const real = impulseFeatures("real", Float64Array.from([0.5, 1]), 3);
  assert.deepEqual(real.to2DArray(), [[1, 1], [0.5, 1], [0.25, 1]]);
  const cx = impulseFeatures("complex", Float64Array.from([0.5]), 3, Float64Array.from([Math.PI / 2]));
  const v = cx.to2DArray();
  assertClose(v[1][0], 0, { abs: 1e-16 });
  assertClose(v[1][1], 0.5, { abs: 1e-16 });
  assertClose(v[2][0], -0.25, { abs: 1e-16 });
});

Deno.test("impulseFit: exact for a target in the span, the projection residual otherwise", () => {
  const f = new Matrix([[1, 0], [1, 1], [1, 2], [1, 3]]);
  const line = Float64Array.from([1, 3, 5, 7]);
  const exact = impulseFit(f, line);
  assertClose(exact.coef[0], 1, { abs: 1e-12 });
  assertClose(exact.coef[1], 2, { abs: 1e-12 });
  assert.ok(exact.sse < 1e-20);
  // y = (0, 0, 0, 1): slope Σ(x − x̄)y / Σ(x − x̄)² = 1.5/5 = 0.3, intercept 0.25 − 0.45 = −0.2; fitted
  // (−0.2, 0.1, 0.4, 0.7), residuals (0.2, −0.1, −0.4, 0.3), SSE 0.3
  const fit = impulseFit(f, Float64Array.from([0, 0, 0, 1]));
  assertClose(fit.sse, 0.3, { abs: 1e-12 });
  assertClose(fit.fitted[3], 0.7, { abs: 1e-12 });
  // rank-deficient features: duplicate column, cutoff handles it
  const dup = new Matrix([[1, 1], [2, 2], [3, 3]]);
  assertClose(impulseFit(dup, Float64Array.from([1, 2, 3])).sse, 0, { abs: 1e-20 });
});

Deno.test("impulse fit: bad inputs throw naming the argument", () => {
  assertThrowsWith(() => delayedImpulse(0, 0), RangeError, "L");
  assertThrowsWith(() => delayedImpulse(4, 4), RangeError, "delta");
  assertThrowsWith(() => impulseFeatures("real", Float64Array.from([1.5]), 3), RangeError, "r[0]");
  assertThrowsWith(() => impulseFeatures("real", [0.5] as never, 3), TypeError, "r");
  assertThrowsWith(() => impulseFeatures("complex", Float64Array.from([0.5]), 3), RangeError, "theta");
  assertThrowsWith(() => impulseFeatures("other" as never, Float64Array.from([0.5]), 3), TypeError, "kind");
  assertThrowsWith(() => impulseFeatures("real", Float64Array.from([0.5]), 0), RangeError, "L");
  const f = new Matrix([[1], [1]]);
  assertThrowsWith(() => impulseFit(f, new Float64Array(3)), RangeError, "target");
  assertThrowsWith(() => impulseFit([[1]] as never, new Float64Array(1)), TypeError, "features");
  assertThrowsWith(() => impulseFit(f, new Float64Array(2), -1), RangeError, "rcond");
});
