import { Rng } from "../../lib/core/mod.ts";
import { eulerMaruyama } from "../../lib/numerics/mod.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

const ou = (x: Float64Array) => x.map((v) => -v);

Deno.test("Euler–Maruyama: OU mean and variance, with the first-order weak bias of the scheme", () => {
  // dx = -x dt + √2 dW from x0 = 1: E x_T = e^{-T}; the scheme's exact mean is (1 - h)^N, variance known in closed form
  const n = 40000, T = 1, N = 20, h = T / N;
  const { x } = eulerMaruyama(ou, () => Math.SQRT2, new Float64Array(n).fill(1), 0, T, N, new Rng(1));
  const m = x.reduce((a, b) => a + b, 0) / n;
  const v = x.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
  const schemeMean = (1 - h) ** N;
  const schemeVar = (2 * h * (1 - (1 - h) ** (2 * N))) / (1 - (1 - h) ** 2);
  assert.ok(Math.abs(m - schemeMean) < 4 * Math.sqrt(v / n), `mean ${m} vs ${schemeMean}`);
  assert.ok(Math.abs(v / schemeVar - 1) < 4 * Math.sqrt(2 / n), `var ${v} vs ${schemeVar}`);
  // the scheme's bias against the SDE is O(h): about h/2·T·e^{-T} here, and it halves with h
  const bias = (k: number) => Math.abs((1 - T / k) ** k - Math.exp(-T));
  assert.ok(Math.abs(bias(20) / bias(40) - 2) < 0.1);
});

Deno.test("Euler–Maruyama: snapshots, determinism, bad inputs", () => {
  const run = () =>
    eulerMaruyama(ou, () => 1, Float64Array.of(0, 1), 0, 1, 10, new Rng(3), { record: [0, 0.5, 1] });
  const a = run(), b = run();
  assert.deepEqual(Array.from(a.x), Array.from(b.x));
  assert.deepEqual([...a.snapshots.keys()], [0, 0.5, 1]);
  assert.deepEqual(Array.from(a.snapshots.get(1)!), Array.from(a.x));
  const r = new Rng(1);
  assertThrowsWith(() => eulerMaruyama(ou, () => 1, Float64Array.of(1), 0, 1, 0, r), RangeError, "steps");
  assertThrowsWith(() => eulerMaruyama(ou, () => 1, Float64Array.of(1), 0, 0, 5, r), RangeError, "t1");
  assertThrowsWith(
    () => eulerMaruyama(ou, () => 1, Float64Array.of(1), 0, 1, 4, r, { record: [0.3] }),
    RangeError,
    "grid",
  );
  assertThrowsWith(() => eulerMaruyama(ou, () => NaN, Float64Array.of(1), 0, 1, 4, r), RangeError, "g(");
  assertThrowsWith(
    () => eulerMaruyama(() => new Float64Array(3), () => 1, Float64Array.of(1), 0, 1, 4, r),
    TypeError,
    "drift",
  );
  assertThrowsWith(() => eulerMaruyama(ou, () => 1, new Float64Array(0), 0, 1, 4, r), TypeError, "x0");
});
