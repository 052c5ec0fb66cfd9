import fc from "fast-check";
import { Rng } from "../../lib/core/mod.ts";
import {
  cfgEps,
  cfgEpsFn,
  classifierEpsFn,
  epsGuidance,
  fdGradient,
  meanShiftGuidance,
  meanShiftHook,
  sharpenedClassifierGrad,
  sharpenedLogZGrad,
} from "../../lib/diffusion/mod.ts";
import { tri3 } from "../../lib/diffusion/mod.ts";
import { suLinearSchedule } from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

const S = suLinearSchedule(100);
const T3 = tri3();

Deno.test("guidance: validation names the argument", () => {
  assertThrowsWith(() => meanShiftGuidance([1, 2], 0.1, [1], 1), RangeError, "grad");
  assertThrowsWith(() => meanShiftGuidance([1], -0.1, [1], 1), RangeError, "sigma2");
  assertThrowsWith(() => meanShiftGuidance([1], 0.1, [1], NaN), RangeError, "gamma");
  assertThrowsWith(() => epsGuidance([1], -1, [1], 1), RangeError, "betaBar");
  assertThrowsWith(() => epsGuidance(null as unknown as number[], 1, [1], 1), TypeError, "eps");
  assertThrowsWith(() => cfgEps([1], [1, 2], 1), RangeError, "epsUncond");
  assertThrowsWith(() => cfgEps([1], [1], Infinity), RangeError, "w");
  assertThrowsWith(() => fdGradient((x) => x, new Float64Array(3), 2), RangeError, "x");
  assertThrowsWith(() => fdGradient((x) => x, new Float64Array(2), 2, 0), RangeError, "h");
  assertThrowsWith(() => fdGradient((x) => x, new Float64Array(2), 2), RangeError, "f must return 1");
  assertThrowsWith(() => sharpenedLogZGrad((x) => x, new Float64Array(2), 2, NaN), RangeError, "gamma");
  assertThrowsWith(() => sharpenedClassifierGrad([0.5, 0.5], [[1, 1], [1, 1]], 1, 2), RangeError, "y");
  assertThrowsWith(() => sharpenedClassifierGrad([0.5, 0.5], [], 1, 0), TypeError, "grads");
  assertThrowsWith(() => classifierEpsFn((x) => x, (x) => x, S, NaN), RangeError, "gamma");
  assertThrowsWith(() => meanShiftHook(null as unknown as () => number[], 1), TypeError, "gradFn");
  assertThrowsWith(() => cfgEpsFn((x) => x, (x) => x, NaN), RangeError, "w");
});

Deno.test("guidance: the three rules element-wise; CFG with exact ε equals ε-guidance with γ = 1 + w", () => {
  assertAllClose(meanShiftGuidance([1, 2], 0.5, [2, -2], 3), [4, -1], { abs: 1e-15 });
  assertAllClose(meanShiftGuidance([1, 2], 0, [2, -2], 3), [1, 2], { abs: 0 + 1e-300 });
  assertAllClose(epsGuidance([1, 2], 0.5, [2, -2], 3), [-2, 5], { abs: 1e-15 });
  assertAllClose(cfgEps([1, 2], [3, 5], 0.5), [0, 0.5], { abs: 1e-15 });
  // article 06 step 6: (1+w) ε*(x|y) − w ε*(x) = ε*(x) − (1+w) β̄ ∇log p(y|x)
  fc.assert(
    fc.property(
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.integer({ min: 1, max: 100 }),
      fc.double({ min: 0, max: 5, noNaN: true }),
      (u, v, t, w) => {
        const x = Float64Array.of(u, v), a = S.alphaBar[t], b = S.betaBar[t];
        const lhs = cfgEps(T3.epsStarConditional(x, a, b, 2), T3.mixture.epsStar(x, a, b), w);
        const rhs = epsGuidance(T3.mixture.epsStar(x, a, b), b, T3.gradLogClassPosterior(x, a, b, 2), 1 + w);
        return Math.abs(lhs[0] - rhs[0]) < 1e-9 && Math.abs(lhs[1] - rhs[1]) < 1e-9;
      },
    ),
  );
});

Deno.test("guidance: fdGradient of a quadratic is exact; sharpened classifier: ∇log Z = 0 at γ = 1 only", () => {
  const x = Float64Array.of(1, 2, -0.5, 3);
  const g = fdGradient((z) => Float64Array.of(z[0] ** 2 + 3 * z[1], z[2] ** 2 + 3 * z[3]), x, 2, 1e-4);
  assertAllClose(g, [2, 3, -1, 3], { abs: 1e-8 });
  const pts = new Rng(4).normals(2 * 50);
  const a = S.alphaBar[40], b = S.betaBar[40];
  const probFn = (z: Float64Array) => T3.classPosterior(z, a, b);
  const fd1 = sharpenedLogZGrad(probFn, pts, 2, 1);
  assert.ok(fd1.every((v) => Math.abs(v) < 1e-8));
  const grads = [0, 1, 2].map((c) => T3.gradLogClassPosterior(pts, a, b, c));
  for (const gamma of [1, 3, 0.5]) {
    const { grad, gradLogZ } = sharpenedClassifierGrad(probFn(pts), grads, gamma, 2);
    assertAllClose(gradLogZ, sharpenedLogZGrad(probFn, pts, 2, gamma), { abs: 1e-6 });
    const sharpLog = (z: Float64Array) => {
      const p = probFn(z), out = new Float64Array(z.length / 2);
      for (let i = 0; i < out.length; i++) {
        const zs = p[3 * i] ** gamma + p[3 * i + 1] ** gamma + p[3 * i + 2] ** gamma;
        out[i] = Math.log(p[3 * i + 2] ** gamma / zs);
      }
      return out;
    };
    assertAllClose(grad, fdGradient(sharpLog, pts, 2), { abs: 1e-6 });
  }
  const { gradLogZ } = sharpenedClassifierGrad(probFn(pts), grads, 3, 2);
  assert.ok(gradLogZ.some((v) => Math.abs(v) > 1e-3));
});

Deno.test("guidance: sampler hooks", async () => {
  const x = Float64Array.of(0.3, 0.4), t = 50;
  const epsFn = (z: Float64Array, s: number) => T3.mixture.epsStar(z, S.alphaBar[s], S.betaBar[s]);
  const gradFn = (z: Float64Array, s: number) => T3.gradLogClassPosterior(z, S.alphaBar[s], S.betaBar[s], 2);
  const guided = await classifierEpsFn(epsFn, gradFn, S, 1)(x, t);
  assertAllClose(guided, T3.epsStarConditional(x, S.alphaBar[t], S.betaBar[t], 2), { abs: 1e-12 });
  assert.deepEqual(await classifierEpsFn(epsFn, gradFn, S, 0)(x, t), epsFn(x, t));
  const hook = meanShiftHook(gradFn, 2);
  const mu = Float64Array.of(1, 1);
  assert.deepEqual(await hook(mu, x, t, 0), mu);
  assertAllClose(await hook(mu, x, t, 0.1), meanShiftGuidance(mu, 0.01, gradFn(x, t), 2), { abs: 1e-15 });
  const cond = (z: Float64Array, s: number) => T3.epsStarConditional(z, S.alphaBar[s], S.betaBar[s], 2);
  assertAllClose(await cfgEpsFn(cond, epsFn, 1)(x, t), await classifierEpsFn(epsFn, gradFn, S, 2)(x, t), {
    abs: 1e-12,
  });
  await assertRejectsWith(
    () => Promise.resolve(classifierEpsFn(epsFn, () => [1], S, 1)(x, t)),
    RangeError,
    "grad",
  );
});
