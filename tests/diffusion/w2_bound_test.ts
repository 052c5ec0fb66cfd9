import {
  type Field,
  logTimeField,
  oneSidedConstants1d,
  transport,
  w2OdeBound,
} from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("oneSidedConstants1d: the three constants of a set of slopes", () => {
  const c = oneSidedConstants1d([-3, 0.5, 2]);
  assert(c.rev === 3 && c.fwd === 2 && c.lip === 3, JSON.stringify(c));
  const d = oneSidedConstants1d([1, 2]);
  assert(d.rev === -1 && d.fwd === 2 && d.lip === 2, JSON.stringify(d));
});

Deno.test("w2OdeBound: constant L and error integrate in closed form; the prior term is I_T·W2_T", () => {
  const n = 2001, T = 2, times = Float64Array.from({ length: n }, (_, i) => (T * i) / (n - 1));
  const r = w2OdeBound({
    times,
    smRoot: times.map(() => 2),
    g2: times.map(() => 1),
    L: times.map(() => 0.5),
    w2T: 0.3,
  });
  // ∫₀ᵀ ½·1·e^{t/2}·2 dt = 2(e^{T/2} − 1); prior term e^{T/2}·0.3
  assertClose(r.priorTerm, Math.exp(1) * 0.3, { rel: 1e-12 });
  assertClose(r.bound, 2 * (Math.exp(1) - 1) + Math.exp(1) * 0.3, { rel: 1e-6 });
  assertClose(r.I[n - 1], Math.exp(1), { rel: 1e-12 });
  assert(r.integrand.length === n, "integrand on the grid");
});

Deno.test("w2OdeBound: tight for a linear field with a constant shift (the article's proof is an equality there)", () => {
  // dx/dt = −λx + c vs dy/dt = −λy from the same start at T: |x₀ − y₀| = (c/λ)(e^{λT} − 1); L^rev = λ.
  const lam = 0.8, c = 0.3, T = 2, n = 4001;
  const times = Float64Array.from({ length: n }, (_, i) => (T * i) / (n - 1));
  // the error ‖f − g‖ = c is a field error: smRoot·½g² = c with g² = 2
  const r = w2OdeBound({
    times,
    smRoot: times.map(() => c),
    g2: times.map(() => 2),
    L: times.map(() => lam),
  });
  const f: Field = { dim: 1, velocity: (x) => x.map((v) => -lam * v + c) };
  const g: Field = { dim: 1, velocity: (x) => x.map((v) => -lam * v) };
  const z = Float64Array.of(0.7);
  const gap = Math.abs(
    transport(f, z, { t0: T, t1: 0, dt: 1e-3 }).x[0] - transport(g, z, { t0: T, t1: 0, dt: 1e-3 }).x[0],
  );
  assertClose(gap, (c / lam) * (Math.exp(lam * T) - 1), { rel: 1e-10 });
  assertClose(r.bound, gap, { rel: 1e-6 });
});

Deno.test("logTimeField: transporting in τ = log t gives the same endpoint as in t", () => {
  const f: Field = {
    dim: 1,
    velocity: (x, t) => x.map((v) => v / (1 + t)),
    divergence: (x, t) => x.map(() => 1 / (1 + t)),
  };
  const z = Float64Array.of(1.5, -0.2);
  const a = transport(f, z, { t0: 5, t1: 0.01, dt: 1e-3 }).x;
  const b = transport(logTimeField(f), z, { t0: Math.log(5), t1: Math.log(0.01), dt: 1e-3 }).x;
  assertAllClose(b, a, { abs: 1e-9 });
  // exact: x(t) ∝ 1 + t
  assertAllClose(a, Array.from(z, (v) => (v * 1.01) / 6), { abs: 1e-9 });
  const w = logTimeField(f);
  assertClose(w.divergence!(z, Math.log(2))[0], 2 / 3, { abs: 1e-15 });
});

Deno.test("w2_bound / time_change: bad inputs throw, naming the argument", () => {
  const t = [0, 1];
  assertThrowsWith(() => oneSidedConstants1d([]), RangeError, "slopes");
  assertThrowsWith(() => oneSidedConstants1d([NaN]), RangeError, "slopes");
  assertThrowsWith(() => w2OdeBound(null as never), TypeError, "input");
  assertThrowsWith(() => w2OdeBound({ times: [0], smRoot: [1], g2: [1], L: [0] }), RangeError, "input.times");
  assertThrowsWith(
    () => w2OdeBound({ times: t, smRoot: [1], g2: [1, 1], L: [0, 0] }),
    RangeError,
    "input.smRoot",
  );
  assertThrowsWith(
    () => w2OdeBound({ times: [1, 0], smRoot: [1, 1], g2: [1, 1], L: [0, 0] }),
    RangeError,
    "increasing",
  );
  assertThrowsWith(
    () => w2OdeBound({ times: t, smRoot: [-1, 1], g2: [1, 1], L: [0, 0] }),
    RangeError,
    "input.smRoot[0]",
  );
  assertThrowsWith(
    () => w2OdeBound({ times: t, smRoot: [1, 1], g2: [1, 1], L: [0, NaN] }),
    RangeError,
    "input.L",
  );
  assertThrowsWith(
    () => w2OdeBound({ times: t, smRoot: [1, 1], g2: [1, 1], L: [0, 0], w2T: -1 }),
    RangeError,
    "input.w2T",
  );
  assertThrowsWith(() => logTimeField({} as never), TypeError, "field");
});
