import {
  annulusSource,
  diskBesselSteady,
  diskNonUniformity,
  diskSteadyState,
  MATERIALS,
  simulateDiskFV,
} from "../../lib/physics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const spec = {
  R: 0.14,
  nr: 56,
  delta: 0.0015,
  mat: MATERIALS.carbonSteel,
  hEff: 15,
  Ta: 20,
  source: annulusSource(1000, 0.03, 0.07),
};

Deno.test("simulateDiskFV: energy balance to round-off; source total equals P on face-aligned rings", () => {
  const r = simulateDiskFV({ ...spec, T0: 20, tEnd: 30, dt: 0.1 });
  const e = r.energy;
  assertClose((e.source - e.loss - e.stored) / e.source, 0, { abs: 1e-12 });
  assertClose(e.source, 1000 * 30, { rel: 1e-12 });
  assert.equal(r.T.length, r.t.length);
  assertClose(r.t[r.t.length - 1], 30, { abs: 1e-9 });
});

Deno.test("simulateDiskFV: uniform source follows the lumped backward-Euler recursion exactly", () => {
  const P = 500, dt = 0.2, m = spec.mat, R = spec.R;
  const r = simulateDiskFV({ ...spec, source: annulusSource(P, 0, R), T0: 20, tEnd: 20, dt, saveEvery: 1 });
  const C = m.rho * m.c * spec.delta * Math.PI * R * R, H = 2 * spec.hEff * Math.PI * R * R;
  let T = 20;
  r.t.forEach((_t, i) => {
    if (i > 0) T = (C / dt * T + P + H * 20) / (C / dt + H);
    r.T[i].forEach((v) => assertClose(v, T, { abs: 1e-9 }));
  });
});

Deno.test("diskSteadyState: steady source = loss; long transient converges to it", () => {
  const s = diskSteadyState(spec);
  let loss = 0;
  const dr = spec.R / spec.nr;
  s.r.forEach((_r, i) => {
    const a = Math.PI * (((i + 1) * dr) ** 2 - (i * dr) ** 2);
    loss += 2 * spec.hEff * a * (s.T[i] - 20);
  });
  assertClose(loss, 1000, { rel: 1e-10 });
  const tr = simulateDiskFV({ ...spec, T0: 20, tEnd: 6000, dt: 10 });
  const last = tr.T[tr.T.length - 1];
  last.forEach((v, i) => assertClose(v, s.T[i], { rel: 1e-6 }));
});

Deno.test("diskBesselSteady: matches the fine FV steady state for a central disk source", () => {
  const a = 0.02, P = 100, q = P / (Math.PI * a * a);
  const f = diskBesselSteady({ R: spec.R, a, delta: spec.delta, k: spec.mat.k, hEff: spec.hEff, q, Ta: 20 });
  const s = diskSteadyState({ ...spec, nr: 280, source: annulusSource(P, 0, a) });
  const rise = f(0) - 20;
  s.r.forEach((r, i) => assertClose(s.T[i], f(r), { abs: 1e-3 * rise }));
  // zero slope at the rim: f(R) ≈ f(R − ε)
  assertClose(f(spec.R), f(spec.R - 1e-6), { abs: 1e-6 * rise });
});

Deno.test("diskNonUniformity: uniform field has ratio 0; known two-cell case", () => {
  assert.equal(diskNonUniformity(Float64Array.of(50, 50), Float64Array.of(1, 3), 20).ratio, 0);
  const u = diskNonUniformity(Float64Array.of(60, 40), Float64Array.of(1, 1), 20);
  assertClose(u.mean, 50, { abs: 1e-12 });
  assertClose(u.ratio, 20 / 30, { abs: 1e-12 });
});

Deno.test("disk: bad inputs", () => {
  assertThrowsWith(() => simulateDiskFV({ ...spec, nr: 1, T0: 20, tEnd: 1, dt: 0.1 }), RangeError, "nr");
  assertThrowsWith(() => simulateDiskFV({ ...spec, T0: 20, tEnd: 1, dt: 0.3 }), RangeError, "tEnd");
  assertThrowsWith(() => simulateDiskFV({ ...spec, T0: 20, tEnd: 1, dt: 0 }), RangeError, "dt");
  assertThrowsWith(
    () => simulateDiskFV({ ...spec, delta: -1, T0: 20, tEnd: 1, dt: 0.1 }),
    RangeError,
    "delta",
  );
  assertThrowsWith(
    () => simulateDiskFV({ ...spec, source: () => NaN, T0: 20, tEnd: 1, dt: 0.1 }),
    RangeError,
    "source(",
  );
  assertThrowsWith(
    () => simulateDiskFV({ ...spec, source: 1 as never, T0: 20, tEnd: 1, dt: 0.1 }),
    TypeError,
    "source",
  );
  assertThrowsWith(() => diskSteadyState({ ...spec, hEff: 0 }), RangeError, "hEff");
  assertThrowsWith(() => annulusSource(1, 0.05, 0.03), RangeError, "r2");
  assertThrowsWith(() => annulusSource(-1, 0, 0.03), RangeError, "P");
  assertThrowsWith(
    () => diskBesselSteady({ R: 0.1, a: 0.2, delta: 0.001, k: 50, hEff: 15, q: 1, Ta: 20 }),
    RangeError,
    "a must",
  );
  const f = diskBesselSteady({ R: 0.1, a: 0.02, delta: 0.001, k: 50, hEff: 15, q: 1, Ta: 20 });
  assertThrowsWith(() => f(0.2), RangeError, "r must");
  assertThrowsWith(() => diskNonUniformity(Float64Array.of(20), Float64Array.of(1), 20), RangeError, "Ta");
  assertThrowsWith(
    () => diskNonUniformity(Float64Array.of(20), Float64Array.of(1, 2), 20),
    RangeError,
    "equal length",
  );
});
