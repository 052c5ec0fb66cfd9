import {
  schemeBudget,
  solenoidOpen,
  timerFractions,
  ZCW_LABELS,
  ZCW_SCHEMES,
} from "../../lib/physics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const house = { Vh: 2.44e-3, Vr: 2.44e-3, Vc: 2.44e-3, Tcirc: 50, Tset: 35, Tcold: 15 };

Deno.test("schemeBudget: the article's table", () => {
  const b = Object.fromEntries(ZCW_SCHEMES.map((s) => [s, schemeBudget(s, house)]));
  assert.equal(b.none.waterWasted, house.Vh);
  assert.equal(b.drain.waterWasted, b.none.waterWasted);
  for (const s of ZCW_SCHEMES) if (s !== "none" && s !== "drain") assert.equal(b[s].waterWasted, 0);
  assert.equal(b.returnPump.extraHeated, house.Vr);
  assert.equal(b.returnThermoValve.extraHeated, 0);
  assert.equal(b.coldReturnCheck.extraHeated, house.Vc);
  assert.equal(b.coldReturnCheck.coldLineMaxT, 50);
  assert.equal(b.coldReturnThermo.coldLineMaxT, 35);
  assert.ok(b.coldReturnThermo.coldTapFiresHeater && !b.coldReturnSolenoid.coldTapFiresHeater);
  assert.ok(!b.drain.needsPump && b.returnPump.needsReturnPipe && !b.coldReturnCheck.needsReturnPipe);
  assert.equal(Object.keys(ZCW_LABELS).length, ZCW_SCHEMES.length);
});

Deno.test("solenoidOpen: open only below the set temperature while the pump runs", () => {
  assert.equal(solenoidOpen(20, 35, true), true);
  assert.equal(solenoidOpen(20, 35, false), false);
  assert.equal(solenoidOpen(40, 35, true), false);
  assert.equal(solenoidOpen(40, 35, false), false);
});

Deno.test("timerFractions: piecewise linear in Ton, complementary regimes", () => {
  const Qp = 1e-4, Vh = 2e-3, Vr = 2e-3;
  assert.deepEqual(timerFractions(Qp, 0, Vh, Vr), { heatedReturn: 0, unheatedHot: 1 });
  const exact = timerFractions(Qp, Vh / Qp, Vh, Vr);
  assertClose(exact.heatedReturn, 0, { abs: 1e-12 });
  assertClose(exact.unheatedHot, 0, { abs: 1e-12 });
  assertClose(timerFractions(Qp, 30, Vh, Vr).heatedReturn, 0.5, { abs: 1e-12 });
  assert.equal(timerFractions(Qp, 1000, Vh, Vr).heatedReturn, 1);
});

Deno.test("zcw: bad inputs", () => {
  assertThrowsWith(() => schemeBudget("pump" as never, house), TypeError, "scheme");
  assertThrowsWith(() => schemeBudget("none", { ...house, Vh: 0 }), RangeError, "house.Vh");
  assertThrowsWith(() => schemeBudget("none", { ...house, Tset: NaN }), RangeError, "house.Tset");
  assertThrowsWith(() => solenoidOpen(20, 35, 1 as never), TypeError, "pumpOn");
  assertThrowsWith(() => timerFractions(0, 1, 1, 1), RangeError, "Qp");
  assertThrowsWith(() => timerFractions(1, -1, 1, 1), RangeError, "Ton");
});
