import { mean, Rng } from "../../lib/core/mod.ts";
import {
  DISK_INIT,
  lambdaFromLog,
  lruLogParams,
  requireLruInit,
  RING_DEFAULT,
  sampleRing,
} from "../../lib/attention/mod.ts";
import { cabs, carg } from "../../lib/math/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("sampleRing: moduli in the ring, phases in [0, θmax], r² uniform (mean and quartiles)", () => {
  const { r, theta } = sampleRing(new Rng(1), 20000, { rMin: 0.5, rMax: 0.9, maxPhase: 1 });
  assert.ok(r.every((v) => v >= 0.5 && v <= 0.9));
  assert.ok(theta.every((v) => v > 0 && v < 1));
  const r2 = Array.from(r, (v) => v * v);
  assertClose(mean(r2), (0.25 + 0.81) / 2, { abs: 0.005 });
  const below = r2.filter((v) => v < 0.25 + 0.25 * (0.81 - 0.25)).length / r2.length;
  assertClose(below, 0.25, { abs: 0.015 });
  // same seed, same draws
  assert.deepEqual(sampleRing(new Rng(3), 5, RING_DEFAULT), sampleRing(new Rng(3), 5, RING_DEFAULT));
});

Deno.test("lruLogParams + lambdaFromLog reproduce the ring draws; γ = √(1 − |λ|²)", () => {
  const { r, theta } = sampleRing(new Rng(7), 50, RING_DEFAULT);
  const p = lruLogParams(new Rng(7), 50, RING_DEFAULT);
  for (let j = 0; j < 50; j++) {
    const lam = lambdaFromLog(p.nuLog[j], p.thetaLog[j]);
    assertClose(cabs(lam), r[j], { rel: 1e-13 });
    const a = carg(lam), want = theta[j] > Math.PI ? theta[j] - 2 * Math.PI : theta[j];
    assertClose(a, want, { abs: 1e-12 });
    assertClose(Math.exp(p.gammaLog[j]), Math.sqrt(1 - r[j] * r[j]), { rel: 1e-12 });
  }
  // the disk init gives r² ~ U[0, 1]
  const d = sampleRing(new Rng(2), 20000, DISK_INIT).r;
  assertClose(mean(Array.from(d, (v) => v * v)), 0.5, { abs: 0.01 });
});

Deno.test("lambdaFromLog: |λ| = exp(−e^{ν^log}) < 1 for moderate ν^log", () => {
  for (const nuLog of [-20, -5, 0, 3]) {
    const m = cabs(lambdaFromLog(nuLog, 0.3));
    assertClose(m, Math.exp(-Math.exp(nuLog)), { rel: 1e-14 });
    assert.ok(m < 1);
  }
});

Deno.test("lru init: bad inputs throw naming the argument", () => {
  assertThrowsWith(() => requireLruInit({ rMin: 0.9, rMax: 0.5, maxPhase: 1 }), RangeError, "init.rMin");
  assertThrowsWith(() => requireLruInit({ rMin: 0, rMax: 1.5, maxPhase: 1 }), RangeError, "init.rMax");
  assertThrowsWith(() => requireLruInit({ rMin: 0, rMax: 1, maxPhase: 0 }), RangeError, "init.maxPhase");
  assertThrowsWith(() => requireLruInit(null as never), TypeError, "init");
  assertThrowsWith(() => sampleRing(new Rng(1), 0, RING_DEFAULT), RangeError, "n");
  assertThrowsWith(() => sampleRing({} as never, 3, RING_DEFAULT), TypeError, "rng");
  assertThrowsWith(() => lruLogParams(new Rng(1), 2.5, RING_DEFAULT), RangeError, "n");
  assertThrowsWith(() => lambdaFromLog(NaN, 0), RangeError, "nuLog");
  assertThrowsWith(() => lambdaFromLog(0, 800), RangeError, "thetaLog");
  assertThrowsWith(() => lambdaFromLog(800, 0), RangeError, "nuLog");
});
