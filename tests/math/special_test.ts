import { gamma, lgamma as mathjsLgamma } from "mathjs";
import {
  ballCubeRatio,
  ballVolume,
  lgamma,
  log10BallCubeRatio,
  logBallCubeRatio,
} from "../../lib/math/special.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("lgamma: factorials, half-integers and mathjs agree", () => {
  assert.equal(lgamma(1), 0);
  assert.equal(lgamma(2), 0);
  assertClose(lgamma(0.5), 0.5 * Math.log(Math.PI), { abs: 1e-14 });
  assertClose(lgamma(10), Math.log(362880), { rel: 1e-14 });
  let logFact = 0;
  for (let n = 2; n <= 170; n++) {
    logFact += Math.log(n);
    assertClose(lgamma(n + 1), logFact, { rel: 1e-13 }, `n=${n}`);
  }
  for (const x of [0.01, 0.3, 1.5, 3.7, 25.25, 123.4, 1e4]) {
    assertClose(lgamma(x), mathjsLgamma(x) as number, { rel: 1e-12, abs: 1e-13 }, `x=${x}`);
  }
  for (const x of [0.1, 2.5, 7.3, 30.5]) assertClose(Math.exp(lgamma(x)), gamma(x) as number, { rel: 1e-12 });
});

Deno.test("ball volume: closed forms and the two-step recurrence V_n = (2π/n) V_{n-2}", () => {
  assertClose(ballVolume(1), 2, { rel: 1e-14 });
  assertClose(ballVolume(2), Math.PI, { rel: 1e-14 });
  assertClose(ballVolume(3), (4 * Math.PI) / 3, { rel: 1e-14 });
  assertClose(ballVolume(0), 1, { abs: 1e-15 });
  let prev2 = 2, prev1 = Math.PI; // V_1, V_2
  for (let n = 3; n <= 200; n++) {
    const v = (2 * Math.PI / n) * prev2;
    assertClose(ballVolume(n), v, { rel: 1e-12 }, `n=${n}`);
    prev2 = prev1;
    prev1 = v;
  }
});

Deno.test("ball/cube ratio: the brief's reference values, log space for large n", () => {
  const ref: [number, number][] = [
    [1, 1],
    [2, 0.785398],
    [3, 0.523599],
    [5, 0.164493],
    [10, 0.00249039],
    [20, 2.46114e-8],
    [50, 1.53674e-28],
    [100, 1.86818e-70],
  ];
  for (const [n, r] of ref) assertClose(ballCubeRatio(n), r, { rel: 5e-6 }, `n=${n}`);
  assert.ok(Number.isFinite(logBallCubeRatio(5000)) && logBallCubeRatio(5000) < -1e4);
  assertClose(log10BallCubeRatio(100), Math.log10(1.86818e-70), { abs: 1e-5 });
  for (let n = 1; n < 60; n++) assert.ok(ballCubeRatio(n + 1) < ballCubeRatio(n));
});

Deno.test("special: bad inputs throw", () => {
  assertThrowsWith(() => lgamma(0), RangeError, "x");
  assertThrowsWith(() => lgamma(-1.5), RangeError, "x");
  assertThrowsWith(() => ballVolume(-1), RangeError, "n");
  assertThrowsWith(() => ballCubeRatio(Number.NaN), RangeError, "n");
});
