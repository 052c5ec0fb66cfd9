import { Rng } from "../../lib/core/mod.ts";
import { bootstrapLogLog, fitLogLog, localSlopes, logSpace } from "../../lib/scaling/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("fitLogLog: an exact power law is recovered with zero standard error", () => {
  const x = [1, 2, 5, 10, 50];
  const f = fitLogLog(x, x.map((v) => 3 * v ** -0.4));
  assertClose(f.slope, -0.4, { abs: 1e-12 });
  assertClose(f.intercept, Math.log(3), { abs: 1e-12 });
  assert.ok(f.slopeSE < 1e-10 && f.r2 > 1 - 1e-12);
});

Deno.test("fitLogLog: standard error matches the textbook formula σ̂/√Sxx", () => {
  const rng = new Rng(1);
  const x = logSpace(1, 1000, 30);
  const y = x.map((v) => v ** -0.5 * Math.exp(0.1 * rng.normal()));
  const f = fitLogLog(x, y);
  const lx = x.map(Math.log), ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b) / 30, my = ly.reduce((a, b) => a + b) / 30;
  const sxx = lx.reduce((a, v) => a + (v - mx) ** 2, 0);
  const b = lx.reduce((a, v, i) => a + (v - mx) * (ly[i] - my), 0) / sxx;
  const rss = lx.reduce((a, v, i) => a + (ly[i] - my - b * (v - mx)) ** 2, 0);
  assertClose(f.slope, b, { abs: 1e-12 });
  assertClose(f.slopeSE, Math.sqrt(rss / 28 / sxx), { rel: 1e-9 });
  assertClose(f.interceptSE, Math.sqrt((rss / 28) * (1 / 30 + (mx * mx) / sxx)), { rel: 1e-9 });
});

Deno.test("fitLogLog: bad inputs", () => {
  assertThrowsWith(() => fitLogLog([1, 2], [1]), RangeError, "length");
  assertThrowsWith(() => fitLogLog([1], [1]), RangeError, "x.length");
  assertThrowsWith(() => fitLogLog([1, -2], [1, 1]), RangeError, "x[1]");
  assertThrowsWith(() => fitLogLog([1, 2], [1, 0]), RangeError, "y[1]");
  assertThrowsWith(() => fitLogLog([2, 2, 2], [1, 2, 3]), RangeError, "distinct");
  assertThrowsWith(() => fitLogLog([1, NaN], [1, 2]), RangeError, "x[1]");
});

Deno.test("bootstrapLogLog: seeded, centred on the fit, se close to the OLS SE for iid residuals", () => {
  const rng = new Rng(2);
  const x = logSpace(1, 1e4, 60);
  const y = x.map((v) => v ** -0.3 * Math.exp(0.2 * rng.normal()));
  const f = fitLogLog(x, y);
  const b1 = bootstrapLogLog(new Rng(7), x, y, 800), b2 = bootstrapLogLog(new Rng(7), x, y, 800);
  assert.deepEqual(b1.slopes, b2.slopes);
  assert.ok(b1.ci95[0] < f.slope && f.slope < b1.ci95[1]);
  assertClose(b1.se, f.slopeSE, { rel: 0.3 });
  assertThrowsWith(() => bootstrapLogLog(new Rng(1), [1, 2], [1, 2]), RangeError, "x.length");
  assertThrowsWith(() => bootstrapLogLog(new Rng(1), [1, 2, 3], [1, 2, 3], 1), RangeError, "reps");
  assertThrowsWith(() => bootstrapLogLog(new Rng(1), [1, 1, 1], [1, 2, 3]), RangeError, "distinct");
  assertThrowsWith(() => bootstrapLogLog(null as unknown as Rng, [1, 2, 3], [1, 2, 3]), TypeError, "rng");
});

Deno.test("localSlopes: constant for a power law; bad inputs", () => {
  const x = [1, 3, 10, 30];
  const s = localSlopes(x, x.map((v) => v ** 1.7));
  s.slope.forEach((v) => assertClose(v, 1.7, { abs: 1e-12 }));
  assertClose(s.x[0], Math.sqrt(3), { rel: 1e-14 });
  assertThrowsWith(() => localSlopes([1, 1], [1, 2]), RangeError, "increasing");
  assertThrowsWith(() => localSlopes([1], [1]), RangeError, "x.length");
});

Deno.test("logSpace: ends, ratio, integer mode; bad inputs", () => {
  const v = logSpace(10, 1000, 3);
  assertClose(v[1], 100, { rel: 1e-14 });
  assert.equal(v[2], 1000);
  assert.deepEqual(logSpace(1, 4, 10, true), [1, 2, 3, 4]);
  assertThrowsWith(() => logSpace(0, 10, 3), RangeError, "lo");
  assertThrowsWith(() => logSpace(10, 5, 3), RangeError, "lo");
  assertThrowsWith(() => logSpace(1, 10, 1), RangeError, "n");
});
