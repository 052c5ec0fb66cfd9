import fc from "fast-check";
import {
  fromHoBetas,
  gaussianReverseVariance,
  posteriorSigma,
  requireStep,
  sigmaTable,
  suLinearSchedule,
  toHoNotation,
} from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const S = suLinearSchedule(1000);

Deno.test("suLinearSchedule: ᾱ_T = 0.0064820 and the identities α²+β²=1, β̄²=1−ᾱ²", () => {
  assertClose(S.alphaBar[1000], 0.006482, { abs: 1e-6 });
  assert.equal(S.alpha.length, 1001);
  assert.equal(S.alpha[0], 1);
  assert.equal(S.alphaBar[0], 1);
  assert.equal(S.beta[0], 0);
  assert.equal(S.betaBar[0], 0);
  for (const t of [1, 2, 10, 500, 1000]) {
    assertClose(S.alpha[t] ** 2 + S.beta[t] ** 2, 1, { abs: 1e-15 });
    assertClose(S.beta[t] ** 2, (0.02 * t) / 1000, { abs: 1e-16 });
    assertClose(S.alphaBar[t] ** 2 + S.betaBar[t] ** 2, 1, { abs: 1e-14 });
    // β̄_t² = α_t² β̄_{t−1}² + β_t² (composition of two Gaussian steps)
    assertClose(S.betaBar[t] ** 2, S.alpha[t] ** 2 * S.betaBar[t - 1] ** 2 + S.beta[t] ** 2, { abs: 1e-14 });
  }
  let prod = 1;
  for (let t = 1; t <= 1000; t++) prod *= S.alpha[t];
  assertClose(S.alphaBar[1000], prod, { rel: 1e-12 });
});

Deno.test("suLinearSchedule / fromHoBetas: bad inputs name the argument", () => {
  assertThrowsWith(() => suLinearSchedule(0), RangeError, "T");
  assertThrowsWith(() => suLinearSchedule(2.5), RangeError, "T");
  assertThrowsWith(() => suLinearSchedule(10, 1.5), RangeError, "betaMaxHo");
  assertThrowsWith(() => suLinearSchedule(10, -0.1), RangeError, "betaMaxHo");
  assertThrowsWith(() => fromHoBetas([]), RangeError, "betasHo");
  assertThrowsWith(() => fromHoBetas([0.1, 1]), RangeError, "betasHo[1]");
  assertThrowsWith(() => fromHoBetas([0.1, NaN]), RangeError, "betasHo[1]");
  assertThrowsWith(() => fromHoBetas(null as unknown as number[]), TypeError, "betasHo");
});

Deno.test("fromHoBetas: ᾱ is the product of α for any valid β^Ho (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 1e-6, max: 0.5, noNaN: true }), { minLength: 1, maxLength: 50 }),
      (b) => {
        const s = fromHoBetas(b);
        let p = 1;
        for (let t = 1; t <= s.T; t++) {
          p *= Math.sqrt(1 - b[t - 1]);
          assertClose(s.alphaBar[t], p, { rel: 1e-12 });
          assertClose(s.betaBar[t] ** 2, 1 - p * p, { abs: 1e-14 });
        }
      },
    ),
  );
});

Deno.test("toHoNotation: β^Ho = β², ᾱ^Ho = ᾱ², β̃ = β̄²_{t−1}β²/β̄²", () => {
  const h = toHoNotation(S);
  assertClose(h.betaHo[1], 2e-5, { abs: 1e-18 });
  assertClose(h.betaHo[1000], 0.02, { abs: 1e-16 });
  assertClose(h.alphaBarHo[1000], 4.2016e-5, { rel: 1e-3 });
  assert.equal(h.betaTildeHo[1], 0);
  for (const t of [2, 10, 999]) {
    const ab = h.alphaBarHo;
    // Ho et al. eq. 7: β̃_t = (1 − ᾱ_{t−1}) / (1 − ᾱ_t) · β_t
    assertClose(h.betaTildeHo[t], ((1 - ab[t - 1]) / (1 - ab[t])) * h.betaHo[t], { abs: 1e-15 });
  }
  assertThrowsWith(() => toHoNotation({} as never), TypeError, "schedule");
});

Deno.test("posteriorSigma / sigmaTable / gaussianReverseVariance: the two optimal σ", () => {
  assert.equal(posteriorSigma(S, 1, "small"), 0);
  assertClose(posteriorSigma(S, 500, "large"), 0.1, { abs: 1e-15 });
  assertClose(posteriorSigma(S, 500, "small"), 0.0999553, { abs: 1e-6 });
  for (const t of [1, 2, 10, 500, 1000]) {
    assertClose(gaussianReverseVariance(S, t, 0), posteriorSigma(S, t, "small") ** 2, { abs: 1e-12 });
    assertClose(gaussianReverseVariance(S, t, 1), posteriorSigma(S, t, "large") ** 2, { abs: 1e-12 });
  }
  const ratio = (t: number) => (posteriorSigma(S, t, "small") / posteriorSigma(S, t, "large")) ** 2;
  assertClose(ratio(2), 1 / 3, { abs: 1e-4 });
  assertClose(ratio(10), 0.8183, { abs: 1e-4 });
  assertClose(ratio(100), 0.9812, { abs: 1e-4 });
  assertClose(ratio(500), 0.99911, { abs: 1e-5 });
  const tab = sigmaTable(S, "small");
  assert.equal(tab.length, 1001);
  assert.equal(tab[0], 0);
  assert.equal(tab[700], posteriorSigma(S, 700, "small"));
  assertThrowsWith(() => posteriorSigma(S, 0, "large"), RangeError, "t");
  assertThrowsWith(() => posteriorSigma(S, 1001, "large"), RangeError, "t");
  assertThrowsWith(() => posteriorSigma(S, 5, "medium" as never), TypeError, "choice");
  assertThrowsWith(() => sigmaTable(S, "x" as never), TypeError, "choice");
  assertThrowsWith(() => gaussianReverseVariance(S, 5, -1), RangeError, "s0");
  assertThrowsWith(() => requireStep("t", 3.5, S), RangeError, "t");
});
