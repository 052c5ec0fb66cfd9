import fc from "fast-check";
import {
  lumpedNetPower,
  lumpedPanRhs,
  lumpedSteadyState,
  mixingTemperature,
  newtonCooling,
  newtonCoolingTime,
  STEFAN_BOLTZMANN,
  wetPanTimeToReach,
} from "../../lib/physics/mod.ts";
import { rk4, timeToReach } from "../../lib/numerics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const pan = { m: 1.3, c: 460, A: 0.21, h: 10, eps: 0, P: 2500, Ta: 20 };

Deno.test("newtonCooling: closed form, half-life, inverse", () => {
  assert.equal(newtonCooling(50, 15, 100, 0), 50);
  assertClose(newtonCooling(50, 15, 100, 100 * Math.LN2), 32.5, { abs: 1e-12 });
  assertClose(newtonCoolingTime(50, 35, 15, 1894), 1894 * Math.log(35 / 20), { rel: 1e-15 });
  fc.assert(
    fc.property(fc.double({ min: 0, max: 1e4, noNaN: true }), (t) => {
      const T = newtonCooling(80, 20, 600, t);
      return T === 80 || Math.abs(newtonCoolingTime(80, T, 20, 600) - t) <= 1e-9 * (1 + t);
    }),
    { numRuns: 100 },
  );
});

Deno.test("lumpedPanRhs: eps = 0 matches the linear closed form (RK4)", () => {
  const r = rk4(lumpedPanRhs(pan), Float64Array.of(20), 0, 300, 0.05);
  const tau = (pan.m * pan.c) / (pan.h * pan.A), Tinf = pan.Ta + pan.P / (pan.h * pan.A);
  r.t.forEach((t, i) => {
    if (i % 500 === 0) assertClose(r.y[i][0], Tinf + (20 - Tinf) * Math.exp(-t / tau), { abs: 1e-8 });
  });
});

Deno.test("lumpedNetPower / steady state: the root balances all terms; radiation lowers it", () => {
  const p = { ...pan, eps: 0.8 };
  const Ts = lumpedSteadyState(p);
  assertClose(lumpedNetPower(p, Ts), 0, { abs: 1e-6 });
  const TK = Ts + 273.15;
  assertClose(
    p.P,
    p.h * p.A * (Ts - 20) + 0.8 * STEFAN_BOLTZMANN * p.A * (TK ** 4 - 293.15 ** 4),
    { rel: 1e-10 },
  );
  assertClose(lumpedSteadyState(pan), 20 + pan.P / (pan.h * pan.A), { abs: 1e-8 });
  assert.ok(Ts < lumpedSteadyState(pan));
  // a food sink only: T = Tf + P/G
  assertClose(lumpedSteadyState({ ...pan, h: 0, sinkG: 15, sinkT: 100, P: 1000 }), 100 + 1000 / 15, {
    abs: 1e-8,
  });
  // P = 0 at ambient: steady at ambient
  assertClose(lumpedSteadyState({ ...pan, P: 0 }), 20, { abs: 1e-8 });
});

Deno.test("mixingTemperature: weighted mean, order-free", () => {
  assertClose(mixingTemperature([{ m: 1, c: 1, T: 0 }, { m: 1, c: 3, T: 100 }]), 75, { abs: 1e-12 });
  const parts = [{ m: 1.3, c: 460, T: 250 }, { m: 0.03, c: 2000, T: 20 }];
  assertClose(mixingTemperature(parts), mixingTemperature([...parts].reverse()), { abs: 1e-12 });
  assertClose(mixingTemperature(parts), (1.3 * 460 * 250 + 60 * 20) / (1.3 * 460 + 60), { rel: 1e-15 });
});

Deno.test("mixingTemperature: the end state of an energy-conserving exchange (RK4), not just the formula", () => {
  // pan and oil exchange heat through a contact conductance; no losses: they settle at the mixing temperature
  const pn = { m: 1.3, c: 460, T: 250 }, oil = { m: 0.03, c: 2000, T: 20 }, K = 40;
  const f = (_t: number, y: Float64Array) =>
    Float64Array.of((-K * (y[0] - y[1])) / (pn.m * pn.c), (K * (y[0] - y[1])) / (oil.m * oil.c));
  const r = rk4(f, Float64Array.of(pn.T, oil.T), 0, 60, 0.01), end = r.y[r.y.length - 1];
  const Tmix = mixingTemperature([pn, oil]);
  assertClose(end[0], Tmix, { abs: 1e-6 });
  assertClose(end[1], Tmix, { abs: 1e-6 });
});

Deno.test("wetPanTimeToReach: without losses the film adds exactly m_w (c_w ΔT + L_v) / P", () => {
  const p = { ...pan, h: 0, eps: 0 }, film = { m: 0.005, c: 4186, Lv: 2.257e6 };
  const dry = timeToReach(lumpedPanRhs(p), Float64Array.of(20), 0, 200, 0.05, 3600);
  const wet = wetPanTimeToReach(p, film, 20, 200, 0.05, 3600);
  assertClose(dry, (p.m * p.c * 180) / p.P, { rel: 1e-12 });
  assertClose(wet - dry, (film.m * (film.c * 80 + film.Lv)) / p.P, { rel: 1e-9 });
  // with losses it takes longer than the loss-free energy bound, and more water takes longer
  const lossy = { ...pan, eps: 0.8 };
  const extra = wetPanTimeToReach(lossy, film, 20, 200, 0.05, 3600) -
    timeToReach(lumpedPanRhs(lossy), Float64Array.of(20), 0, 200, 0.05, 3600);
  assert.ok(extra > (film.m * (film.c * 80 + film.Lv)) / pan.P);
  assert.ok(wetPanTimeToReach(lossy, { ...film, m: 0.01 }, 20, 200, 0.05, 3600) > extra);
  // a flame too weak to boil the film off never gets there
  assert.equal(wetPanTimeToReach({ ...lossy, P: 100 }, film, 20, 200, 0.05, 3600), Infinity);
});

Deno.test("heat: bad inputs", () => {
  const film = { m: 0.005, c: 4186, Lv: 2.257e6 };
  assertThrowsWith(() => wetPanTimeToReach(pan, { ...film, m: 0 }, 20, 200, 0.05, 100), RangeError, "film.m");
  assertThrowsWith(() => wetPanTimeToReach(pan, null as never, 20, 200, 0.05, 100), TypeError, "film");
  assertThrowsWith(() => wetPanTimeToReach(pan, film, 20, 90, 0.05, 100), RangeError, "target");
  assertThrowsWith(() => wetPanTimeToReach(pan, film, 120, 200, 0.05, 100), RangeError, "T0");
  assertThrowsWith(() => newtonCooling(50, 15, 0, 1), RangeError, "tau");
  assertThrowsWith(() => newtonCooling(50, 15, 10, -1), RangeError, "t");
  assertThrowsWith(() => newtonCoolingTime(50, 10, 15, 10), RangeError, "T1");
  assertThrowsWith(() => lumpedPanRhs({ ...pan, m: 0 }), RangeError, "p.m");
  assertThrowsWith(() => lumpedPanRhs({ ...pan, eps: 1.5 }), RangeError, "p.eps");
  assertThrowsWith(() => lumpedPanRhs({ ...pan, Ta: -300 }), RangeError, "p.Ta");
  assertThrowsWith(() => lumpedNetPower({ ...pan, sinkG: -1 }, 20), RangeError, "p.sinkG");
  assertThrowsWith(() => lumpedSteadyState({ ...pan, h: 0 }), RangeError, "no loss");
  assertThrowsWith(() => lumpedPanRhs(null as never), TypeError, "p must");
  assertThrowsWith(() => mixingTemperature([]), TypeError, "parts");
  assertThrowsWith(() => mixingTemperature([{ m: 1, c: 0, T: 1 }]), RangeError, "parts[0].c");
  assertThrowsWith(() => mixingTemperature([{ m: 1, c: 1, T: NaN }]), RangeError, "parts[0].T");
});
