import { mean, Rng, variance } from "../../lib/core/mod.ts";
import { forwardChain, noisyBatch, suLinearSchedule } from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const S = suLinearSchedule(100);

Deno.test("noisyBatch: x_t = ᾱ_t x0 + β̄_t ε row by row, t in 1..T, deterministic", () => {
  const x0 = Float64Array.from([1, 2, 3, 4, 5, 6]);
  const b = noisyBatch(x0, 2, S, new Rng(1));
  assert.equal(b.n, 3);
  for (let i = 0; i < 3; i++) {
    assert.ok(b.t[i] >= 1 && b.t[i] <= 100);
    assert.equal(b.a[i], S.alphaBar[b.t[i]]);
    assert.equal(b.b[i], S.betaBar[b.t[i]]);
    for (let q = 0; q < 2; q++) {
      assertClose(b.xt[2 * i + q], b.a[i] * x0[2 * i + q] + b.b[i] * b.eps[2 * i + q], { abs: 1e-15 });
    }
  }
  assert.deepEqual(noisyBatch(x0, 2, S, new Rng(1)).xt, b.xt);
  const fixed = noisyBatch(x0, 3, S, new Rng(1), 7);
  assert.ok(fixed.t.every((t) => t === 7));
  assertThrowsWith(() => noisyBatch(x0, 4, S, new Rng(1)), RangeError, "x0");
  assertThrowsWith(() => noisyBatch(x0, 2, S, new Rng(1), 0), RangeError, "t");
  assertThrowsWith(() => noisyBatch(Float64Array.from([NaN, 1]), 2, S, new Rng(1)), RangeError, "x0[0]");
});

Deno.test("noisyBatch: one given step per row (Int32Array), validated", () => {
  const x0 = Float64Array.from([1, 2, 3, 4, 5, 6]);
  const ts = Int32Array.from([3, 50, 100]);
  const b = noisyBatch(x0, 2, S, new Rng(4), ts);
  assert.deepEqual(Array.from(b.t), [3, 50, 100]);
  for (let i = 0; i < 3; i++) {
    assert.equal(b.a[i], S.alphaBar[ts[i]]);
    for (let q = 0; q < 2; q++) {
      assertClose(b.xt[2 * i + q], b.a[i] * x0[2 * i + q] + b.b[i] * b.eps[2 * i + q], { abs: 1e-15 });
    }
  }
  // the noise draws are those of the fixed-t form (no t is drawn)
  assert.deepEqual(b.eps, noisyBatch(x0, 2, S, new Rng(4), 7).eps);
  assertThrowsWith(
    () => noisyBatch(x0, 2, S, new Rng(1), Int32Array.from([1, 2])),
    RangeError,
    "one step per row",
  );
  assertThrowsWith(() => noisyBatch(x0, 2, S, new Rng(1), Int32Array.from([1, 0, 2])), RangeError, "t[1]");
});

Deno.test("forwardChain: the t-step chain has the marginal N(ᾱ_t x0, β̄_t²)", () => {
  const n = 20000;
  const x0 = new Float64Array(n).fill(1.5);
  const snaps = forwardChain(x0, 1, S, [5, 100], new Rng(2));
  assert.deepEqual([...snaps.keys()].sort((a, b) => a - b), [5, 100]);
  for (const t of [5, 100]) {
    const x = snaps.get(t)!;
    const se = S.betaBar[t] / Math.sqrt(n);
    assertClose(mean(x), S.alphaBar[t] * 1.5, { abs: 5 * se });
    assertClose(variance(x) / S.betaBar[t] ** 2, 1, { abs: 5 * Math.sqrt(2 / n) });
  }
  assertThrowsWith(() => forwardChain(x0, 1, S, [], new Rng(0)), TypeError, "record");
  assertThrowsWith(() => forwardChain(x0, 1, S, [101], new Rng(0)), RangeError, "record[0]");
  assertThrowsWith(() => forwardChain(x0, 0, S, [1], new Rng(0)), RangeError, "d");
});
