import { simulatePipeFront } from "../../lib/physics/mod.ts";
import { firstCrossing } from "../../lib/numerics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const base = { L: 5, dx: 0.02, u: 0.8, Cw: 680, Cp: 272, G: 0, T0: 15, Tin: 50, tEnd: 15 };

Deno.test("simulatePipeFront: G = 0 — the half-rise arrives at L/u", () => {
  const r = simulatePipeFront(base);
  assertClose(firstCrossing(r.t, r.Tout, 32.5), base.L / base.u, { rel: 0.01 });
  assertClose(r.courant, 0.5, { rel: 1e-14 });
  // with G = 0 the wall never warms
  assert.ok(r.Twall.every((v) => v === 15));
});

Deno.test("simulatePipeFront: large G — the front is retarded by 1 + Cp/Cw", () => {
  const r = simulatePipeFront({ ...base, G: 1e4, tEnd: 20 });
  assertClose(firstCrossing(r.t, r.Tout, 32.5), (base.L * (1 + base.Cp / base.Cw)) / base.u, { rel: 0.02 });
});

Deno.test("simulatePipeFront: energy conservation, with and without ambient loss", () => {
  for (const o of [{ G: 8 }, { G: 8, ambientUA: 0.5, Ta: 10 }, { G: 1e3, ambientUA: 2 }]) {
    const r = simulatePipeFront({ ...base, ...o });
    const bal = r.energyIn - r.energyOut - r.energyLoss - r.stored;
    assertClose(bal / r.energyIn, 0, { abs: 1e-11 });
    if (o.ambientUA) assert.ok(r.energyLoss > 0);
  }
});

Deno.test("simulatePipeFront: no inlet step and no ambient gap means nothing happens", () => {
  const r = simulatePipeFront({ ...base, Tin: 15, G: 8, ambientUA: 1 });
  assert.ok(r.Tout.every((v) => v === 15));
  assert.equal(r.stored, 0);
});

Deno.test("simulatePipeFront: steady state with ambient loss decays like exp(-UA x /(Cw u))", () => {
  // long run: the water temperature along the pipe tends to Ta + (Tin-Ta) exp(-x·UA_eff/(Cw u)) where, at steady
  // state, the wall passes on all it receives: 1/UA_eff = 1/G + 1/UA
  const G = 50, UA = 5, o = { ...base, L: 10, dx: 0.01, G, ambientUA: UA, Ta: 15, tEnd: 150 };
  const r = simulatePipeFront(o);
  const ua = 1 / (1 / G + 1 / UA), x = r.x[r.x.length - 1];
  assertClose(r.Twater[r.x.length - 1], 15 + 35 * Math.exp((-ua * x) / (o.Cw * o.u)), { rel: 3e-3 });
});

Deno.test("simulatePipeFront: bad inputs", () => {
  assertThrowsWith(() => simulatePipeFront({ ...base, L: 0 }), RangeError, "L");
  assertThrowsWith(() => simulatePipeFront({ ...base, G: -1 }), RangeError, "G");
  assertThrowsWith(() => simulatePipeFront({ ...base, Cp: 0 }), RangeError, "Cp");
  assertThrowsWith(() => simulatePipeFront({ ...base, dt: 1 }), RangeError, "CFL");
  assertThrowsWith(() => simulatePipeFront({ ...base, Tin: -300 }), RangeError, "Tin");
  assertThrowsWith(() => simulatePipeFront({ ...base, G: Infinity }), RangeError, "G");
  assertThrowsWith(() => simulatePipeFront(null as never), TypeError, "opts");
});
