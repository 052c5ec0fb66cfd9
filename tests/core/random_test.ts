import { Rng } from "../../lib/core/random.ts";
import { mean, variance } from "../../lib/core/stats.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("Rng: same seed gives the same stream, different seeds differ", () => {
  const a = new Rng(42), b = new Rng(42), c = new Rng(43);
  const xa = Array.from({ length: 20 }, () => a.nextU32());
  const xb = Array.from({ length: 20 }, () => b.nextU32());
  const xc = Array.from({ length: 20 }, () => c.nextU32());
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, xc);
});

Deno.test("Rng: uniform is in [0,1) with mean 1/2 and variance 1/12", () => {
  const u = new Rng(1).uniforms(200_000);
  assert.ok(u.every((x) => x >= 0 && x < 1));
  // standard errors: sqrt(1/12/n) ≈ 6.5e-4 for the mean; 5 SE bounds
  assertClose(mean(u), 0.5, { abs: 5 * Math.sqrt(1 / 12 / u.length) });
  assertClose(variance(u), 1 / 12, { abs: 5e-4 });
});

Deno.test("Rng: normals have mean 0, variance 1 and a normal fourth moment", () => {
  const z = new Rng(7).normals(200_000);
  assertClose(mean(z), 0, { abs: 5 / Math.sqrt(z.length) });
  assertClose(variance(z), 1, { abs: 5 * Math.sqrt(2 / z.length) });
  const m4 = z.reduce((s, x) => s + x ** 4, 0) / z.length;
  assertClose(m4, 3, { abs: 5 * Math.sqrt(96 / z.length) });
});

Deno.test("Rng: int is unbiased over a small range and rejects bad n", () => {
  const r = new Rng(3);
  const counts = new Array(6).fill(0);
  for (let i = 0; i < 60_000; i++) counts[r.int(6)] += 1;
  for (const c of counts) assertClose(c, 10_000, { abs: 5 * Math.sqrt(10_000 * 5 / 6) });
  assertThrowsWith(() => r.int(0), RangeError, "n");
  assertThrowsWith(() => r.int(2.5), RangeError, "n");
});

Deno.test("Rng: permutation is a permutation; fork is deterministic and leaves the parent alone", () => {
  const r = new Rng(5);
  const p = r.permutation(100);
  assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i));
  const parent = new Rng(9), twin = new Rng(9);
  const f1 = parent.fork("data").nextU32(), f2 = twin.fork("data").nextU32();
  assert.equal(f1, f2);
  assert.notEqual(parent.fork("init").nextU32(), f1);
  assert.equal(parent.nextU32(), twin.nextU32(), "forking must not advance the parent");
});

Deno.test("Rng: bad seeds and arguments throw naming the argument", () => {
  assertThrowsWith(() => new Rng(-1), RangeError, "seed");
  assertThrowsWith(() => new Rng(1.5), RangeError, "seed");
  assertThrowsWith(() => new Rng(Number.NaN), RangeError, "seed");
  const r = new Rng(0);
  assertThrowsWith(() => r.normals(-3), RangeError, "n");
  assertThrowsWith(() => r.normals(3, 0, -1), RangeError, "std");
  assertThrowsWith(() => r.uniforms(3, 1, 1), RangeError, "hi");
  const s = r.tfSeed();
  assert.ok(Number.isInteger(s) && s >= 0 && s < 2147483647);
});
