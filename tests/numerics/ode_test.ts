import fc from "fast-check";
import { firstCrossing, integrateUntil, rk4, rk4Step, timeToReach } from "../../lib/numerics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const decay = (k: number) => (_t: number, y: Float64Array) => Float64Array.of(-k * y[0]);

Deno.test("rk4: exponential decay to O(dt^4), grid ends at t1", () => {
  const r = rk4(decay(0.7), Float64Array.of(2), 0, 3.05, 0.1);
  assert.equal(r.t[r.t.length - 1], 3.05);
  assert.equal(r.y.length, r.t.length);
  assertClose(r.y.at(-1)![0], 2 * Math.exp(-0.7 * 3.05), { rel: 1e-6 });
  // halving dt cuts the error ~16x
  const e1 = Math.abs(rk4(decay(1), Float64Array.of(1), 0, 2, 0.2).y.at(-1)![0] - Math.exp(-2));
  const e2 = Math.abs(rk4(decay(1), Float64Array.of(1), 0, 2, 0.1).y.at(-1)![0] - Math.exp(-2));
  assert.ok(e1 / e2 > 12 && e1 / e2 < 20, `order ratio ${e1 / e2}`);
});

Deno.test("rk4: harmonic oscillator conserves energy closely; rk4Step is exact on cubics in t", () => {
  const r = rk4((_t, y) => Float64Array.of(y[1], -y[0]), Float64Array.of(1, 0), 0, 2 * Math.PI, 0.01);
  const y = r.y.at(-1)!;
  assertClose(y[0], 1, { abs: 1e-9 });
  assertClose(y[1], 0, { abs: 1e-9 });
  // y' = 3t² has y = t³: RK4 (Simpson) integrates it exactly
  const s = rk4Step((t) => Float64Array.of(3 * t * t), 1, Float64Array.of(0), 0.5);
  assertClose(s[0], 1.5 ** 3 - 1, { abs: 1e-14 });
});

Deno.test("rk4: property — linear ODE matches exp for random k, y0", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.01, max: 2, noNaN: true }),
      fc.double({ min: -5, max: 5, noNaN: true }),
      (k, y0) => {
        const r = rk4(decay(k), Float64Array.of(y0), 0, 1, 0.01);
        return Math.abs(r.y.at(-1)![0] - y0 * Math.exp(-k)) <= 1e-9 * (1 + Math.abs(y0));
      },
    ),
    { numRuns: 50 },
  );
});

Deno.test("integrateUntil / timeToReach: event times of linear growth", () => {
  const lin = () => Float64Array.of(2);
  const r = integrateUntil(lin, Float64Array.of(0), 0, 0.3, (_t, y) => y[0] >= 5, 100);
  assert.ok(r.reached);
  assert.ok(r.tPrev < 2.5 && r.t >= 2.5);
  assertClose(timeToReach(lin, Float64Array.of(0), 0, 5, 0.3, 100), 2.5, { abs: 1e-12 });
  assert.equal(timeToReach(lin, Float64Array.of(0), 0, 500, 0.3, 10), Infinity);
  const nr = integrateUntil(lin, Float64Array.of(0), 0, 0.3, () => false, 1);
  assert.ok(!nr.reached);
  assertClose(nr.t, 1, { abs: 1e-12 });
  // falling: exponential decay to half
  assertClose(timeToReach(decay(1), Float64Array.of(1), 0, 0.5, 0.001, 10), Math.LN2, { abs: 1e-6 });
});

Deno.test("firstCrossing: interpolates, either direction, Infinity when never", () => {
  assertClose(firstCrossing([0, 1, 2], [0, 10, 20], 15), 1.5, { abs: 1e-15 });
  assertClose(firstCrossing([0, 1, 2], [20, 10, 0], 5), 1.5, { abs: 1e-15 });
  assert.equal(firstCrossing([0, 1], [0, 1], 5), Infinity);
  assert.equal(firstCrossing([3], [5], 5), 3);
});

Deno.test("ode: bad inputs throw naming the argument", () => {
  const f = decay(1);
  assertThrowsWith(() => rk4(f, Float64Array.of(1), 0, 1, 0), RangeError, "dt");
  assertThrowsWith(() => rk4(f, Float64Array.of(1), 1, 0, 0.1), RangeError, "t1");
  assertThrowsWith(() => rk4(f, new Float64Array(0), 0, 1, 0.1), TypeError, "y0");
  assertThrowsWith(() => rk4(f, Float64Array.of(NaN), 0, 1, 0.1), RangeError, "y0");
  assertThrowsWith(() => rk4(() => Float64Array.of(NaN), Float64Array.of(1), 0, 1, 0.1), RangeError, "f(");
  assertThrowsWith(
    () => rk4(() => Float64Array.of(1, 2), Float64Array.of(1), 0, 1, 0.1),
    TypeError,
    "f must",
  );
  assertThrowsWith(() => rk4(1 as never, Float64Array.of(1), 0, 1, 0.1), TypeError, "f must");
  assertThrowsWith(() => integrateUntil(f, Float64Array.of(1), 0, 0.1, () => true, -1), RangeError, "tMax");
  assertThrowsWith(() => integrateUntil(f, Float64Array.of(1), 0, 0.1, 3 as never, 1), TypeError, "stop");
  assertThrowsWith(() => timeToReach(f, Float64Array.of(1), 1, 0.5, 0.1, 1), RangeError, "component");
  assertThrowsWith(() => firstCrossing([0, 1], [0], 1), RangeError, "t and v");
  assertThrowsWith(() => firstCrossing([0, 1], [0, NaN], 1), RangeError, "v[1]");
});
