import {
  powerSumTail,
  tailMassAsymptotic,
  tailMassExact,
  tailMassGamma1Exact,
  zipfNormalizer,
  zipfProbs,
} from "../../lib/scaling/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("zipfNormalizer: ζ(2) = π²/6 and ζ(1.4) to 12 digits", () => {
  assertClose(zipfNormalizer(1), Math.PI ** 2 / 6, { rel: 1e-13 });
  assertClose(zipfNormalizer(0.4), 3.10554727797758, { rel: 1e-13 });
});

Deno.test("powerSumTail: n = 0 gives ζ(s); agrees with a long direct sum; independent of the cut-off M", () => {
  assertClose(powerSumTail(0, 2), Math.PI ** 2 / 6, { rel: 1e-14 });
  assertClose(powerSumTail(0, 4), Math.PI ** 4 / 90, { rel: 1e-14 });
  let direct = 0;
  for (let k = 2_000_000; k > 10; k--) direct += k ** -3;
  assertClose(powerSumTail(10, 3), direct + 1 / (2 * 2_000_000 ** 2), { rel: 1e-12 });
  assertClose(powerSumTail(50, 1.4, 50), powerSumTail(50, 1.4, 20000), { rel: 1e-13 });
});

Deno.test("powerSumTail: bad inputs", () => {
  assertThrowsWith(() => powerSumTail(-1, 2), RangeError, "n");
  assertThrowsWith(() => powerSumTail(1.5, 2), RangeError, "n");
  assertThrowsWith(() => powerSumTail(3, 1), RangeError, "s");
  assertThrowsWith(() => powerSumTail(3, -2), RangeError, "s");
  assertThrowsWith(() => powerSumTail(30, 2, 10), RangeError, "M");
});

Deno.test("zipfProbs: infinite normalisation leaves the tail out; finite sums to 1; decreasing", () => {
  const p = zipfProbs(100, 0.4), q = zipfProbs(100, 0.4, true);
  const sp = p.reduce((a, b) => a + b, 0), sq = q.reduce((a, b) => a + b, 0);
  assertClose(sp + tailMassExact(100, 0.4), 1, { abs: 1e-13 });
  assertClose(sq, 1, { abs: 1e-14 });
  for (let i = 1; i < 100; i++) assert.ok(p[i] < p[i - 1]);
  assertClose(p[1] / p[0], 2 ** -1.4, { rel: 1e-14 });
  assertThrowsWith(() => zipfProbs(0, 0.4), RangeError, "M");
  assertThrowsWith(() => zipfProbs(10, 0), RangeError, "gamma");
});

Deno.test("tailMassExact / tailMassAsymptotic: n = 0 is 1; the ratio tends to 1; bad inputs", () => {
  assertClose(tailMassExact(0, 0.7), 1, { abs: 1e-13 });
  // γ = 1: Σ_{k>1} 1/k² / ζ(2) = 1 − 6/π²
  assertClose(tailMassExact(1, 1), 1 - 6 / Math.PI ** 2, { rel: 1e-13 });
  const r = [10, 100, 1000].map((n) => tailMassExact(n, 0.4) / tailMassAsymptotic(n, 0.4));
  assert.ok(r[0] < r[1] && r[1] < r[2] && r[2] < 1);
  assertThrowsWith(() => tailMassExact(-1, 0.4), RangeError, "n");
  assertThrowsWith(() => tailMassExact(3, 0), RangeError, "gamma");
  assertThrowsWith(() => tailMassAsymptotic(0, 0.4), RangeError, "n");
  assertThrowsWith(() => tailMassAsymptotic(3, -1), RangeError, "gamma");
  assertThrowsWith(() => zipfNormalizer(0), RangeError, "gamma");
});

Deno.test("tailMassGamma1Exact: rational route equals 1 − 6H/π² small cases; bad inputs", () => {
  assertClose(tailMassGamma1Exact(0), 1, { abs: 1e-15 });
  assertClose(tailMassGamma1Exact(2), 1 - (6 * 1.25) / Math.PI ** 2, { rel: 1e-14 });
  assertThrowsWith(() => tailMassGamma1Exact(-1), RangeError, "n");
  assertThrowsWith(() => tailMassGamma1Exact(1e6), RangeError, "n");
});
