import { Rng } from "../../lib/core/mod.ts";
import { exactGuidedShift, shiftCoefficient, tiltedReverseMean } from "../../lib/diffusion/mod.ts";
import { tri3 } from "../../lib/diffusion/mod.ts";
import { suLinearSchedule } from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

const S = suLinearSchedule(100);
const T3 = tri3();

function noisy(t: number, n: number, seed: number): Float64Array {
  const r = new Rng(seed), { x } = T3.sample(n, r), e = r.normals(x.length);
  return x.map((v, i) => S.alphaBar[t] * v + S.betaBar[t] * e[i]);
}

Deno.test("exactGuidedShift: the exact shift is (β_t²/α_t)∇log p(y|x_t) (Tweedie), not σ_t²", () => {
  for (const t of [1, 10, 60, 100]) {
    const x = noisy(t, 200, t);
    const { shift, cond, uncond } = exactGuidedShift(T3, S, x, t, 2);
    assertAllClose(shift, cond.map((v, i) => v - uncond[i]), { abs: 1e-300 });
    // E[x_{t−1}|x_t] by Tweedie on the pair (x_{t−1}, x_t): (x_t + β_t² ∇log p_t(x_t))/α_t
    const score = T3.mixture.score(x, S.alphaBar[t], S.betaBar[t]);
    assertAllClose(uncond, x.map((v, i) => (v + S.beta[t] ** 2 * score[i]) / S.alpha[t]), { abs: 1e-12 });
    const grad = T3.gradLogClassPosterior(x, S.alphaBar[t], S.betaBar[t], 2);
    const fit = shiftCoefficient(shift, grad);
    assertClose(fit.coef, S.beta[t] ** 2 / S.alpha[t], { rel: 1e-9 });
    assert.ok(fit.residual < 1e-9);
  }
  assertThrowsWith(() => exactGuidedShift(T3, S, new Float64Array(3), 5, 2), RangeError, "x");
  assertThrowsWith(() => exactGuidedShift(T3, S, new Float64Array(2), 0, 2), RangeError, "t");
  assertThrowsWith(() => exactGuidedShift(T3, S, new Float64Array(2), 5, 3), RangeError, "y");
});

Deno.test("tiltedReverseMean: γ = 0 is the unconditional mean, γ = 1 the conditional one; converged in nodes", () => {
  const t = 40, x = noisy(t, 50, 7);
  const ex = exactGuidedShift(T3, S, x, t, 0);
  const [m0, m1, m4] = tiltedReverseMean(T3, S, x, t, 0, [0, 1, 4], 16);
  assertAllClose(m0, ex.uncond, { abs: 1e-12 });
  assertAllClose(m1, ex.cond, { abs: 1e-12 });
  const [m4b] = tiltedReverseMean(T3, S, x, t, 0, [4], 30);
  assertAllClose(m4, m4b, { abs: 1e-10 });
  // the tilt pulls towards class 0 (mean (−1, 0)): the x-coordinate moves left
  let dx = 0;
  for (let i = 0; i < x.length; i += 2) dx += m4[i] - ex.uncond[i];
  assert.ok(dx < 0);
  assertThrowsWith(() => tiltedReverseMean(T3, S, x, t, 0, []), TypeError, "gammas");
  assertThrowsWith(() => tiltedReverseMean(T3, S, x, t, 0, [NaN]), RangeError, "gammas[0]");
});

Deno.test("shiftCoefficient: least squares and residual; validation", () => {
  const fit = shiftCoefficient([2, 4, 6], [1, 2, 3]);
  assertClose(fit.coef, 2, { rel: 1e-15 });
  assertClose(fit.residual, 0, { abs: 1e-15 });
  const off = shiftCoefficient([1, 0], [1, 1]);
  assertClose(off.coef, 0.5, { rel: 1e-15 });
  assertClose(off.residual, Math.SQRT1_2, { rel: 1e-12 });
  assertThrowsWith(() => shiftCoefficient([1], [0]), RangeError, "direction");
  assertThrowsWith(() => shiftCoefficient([1, 2], [1]), RangeError, "same length");
  assertThrowsWith(() => shiftCoefficient([], []), TypeError, "shift");
});
