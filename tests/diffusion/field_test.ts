import { checkField, type Field, fieldDivergence, pfOdeField, transport } from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

/** v(x, t) = a·x in d dimensions: x(t) = x0·e^{a t}, ∇·v = a·d, log p(t) = log p0 − a·d·t (exact). */
function linear(a: number, d: number, exactDiv: boolean): Field {
  return {
    dim: d,
    velocity: (x) => x.map((v) => a * v),
    divergence: exactDiv ? (x) => new Float64Array(x.length / d).fill(a * d) : undefined,
  };
}

Deno.test("transport: a linear field against its closed-form flow and log-density, exact and finite-difference divergence", () => {
  const x0 = Float64Array.from([1, -2, 0.5, 3, 0, -1]);
  for (const exact of [true, false]) {
    const r = transport(linear(-0.7, 2, exact), x0, { t0: 0, t1: 1.5, dt: 0.01, logp0: new Float64Array(3) });
    assertAllClose(r.x, Array.from(x0, (v) => v * Math.exp(-0.7 * 1.5)), { abs: 1e-9 });
    assertAllClose(r.logp!, [1, 2, 3].map(() => 0.7 * 2 * 1.5), { abs: exact ? 1e-9 : 1e-6 });
  }
});

Deno.test("transport: backwards in time undoes forwards; keepPath keeps every grid state; the scheme's order shows", () => {
  const f: Field = { dim: 1, velocity: (x, t) => x.map((v) => Math.sin(t) * v + Math.cos(3 * t)) };
  const x0 = Float64Array.from([0.3, -1.2]);
  const fw = transport(f, x0, { t0: 0, t1: 2, dt: 0.01, keepPath: true });
  assert(fw.path!.length === fw.times.length && fw.times.length === 201, "201 grid states");
  const bw = transport(f, fw.x, { t0: 2, t1: 0, dt: 0.01 });
  assertAllClose(bw.x, x0, { abs: 1e-8 });
  const ref = transport(f, x0, { t0: 0, t1: 2, dt: 0.001 }).x[0];
  const err = (dt: number, scheme: "euler" | "heun") =>
    Math.abs(transport(f, x0, { t0: 0, t1: 2, dt, scheme }).x[0] - ref);
  assertClose(err(0.02, "euler") / err(0.01, "euler"), 2, { abs: 0.2 });
  assertClose(err(0.02, "heun") / err(0.01, "heun"), 4, { abs: 0.4 });
});

Deno.test("fieldDivergence: the finite difference agrees with a closed form of a nonlinear field", () => {
  const f: Field = { dim: 2, velocity: (x) => Float64Array.from([x[0] * x[1], Math.sin(x[1])]) };
  const x = Float64Array.from([0.4, -0.3]);
  assertClose(fieldDivergence(f, x, 0)[0], -0.3 + Math.cos(-0.3), { abs: 1e-8 });
});

Deno.test("field/transport: bad inputs throw, naming the argument", () => {
  const f = linear(1, 2, true);
  assertThrowsWith(() => checkField(null), TypeError, "field");
  assertThrowsWith(() => checkField({ dim: 0, velocity: () => new Float64Array() }), RangeError, "field.dim");
  assertThrowsWith(
    () => checkField({ dim: 1, velocity: () => new Float64Array(), divergence: 3 }),
    TypeError,
    "divergence",
  );
  assertThrowsWith(() => transport(f, new Float64Array(3), { t0: 0, t1: 1, dt: 0.1 }), RangeError, "x0");
  assertThrowsWith(() => transport(f, new Float64Array(2), null as never), TypeError, "opts");
  assertThrowsWith(
    () => transport(f, new Float64Array(2), { t0: 0, t1: 1, dt: 0.1, logp0: new Float64Array(2) }),
    RangeError,
    "opts.logp0",
  );
  assertThrowsWith(
    () => transport(f, new Float64Array(2), { t0: 0, t1: 1, dt: 0.1, scheme: "rk9" as never }),
    TypeError,
    "opts.scheme",
  );
  const bad: Field = { dim: 1, velocity: () => new Float64Array(5) };
  assertThrowsWith(
    () => transport(bad, new Float64Array(2), { t0: 0, t1: 1, dt: 0.5 }),
    TypeError,
    "velocity",
  );
  assertThrowsWith(() => fieldDivergence(f, new Float64Array(3), 0), RangeError, "x");
});

Deno.test("pfOdeField: Gaussian data under a VE SDE — the flow maps N(0, s0²) to N(0, s0² + t) exactly, log-density included", () => {
  // p_t = N(0, s0² + t) (g² = 1): score −x/(s0² + t), Δ log p = −1/(s0² + t); the flow scales x by √((s0²+t)/s0²)
  const s0 = 0.5,
    field = pfOdeField({
      dim: 1,
      g2: () => 1,
      score: (x, t) => x.map((v) => -v / (s0 * s0 + t)),
      scoreDivergence: (x, t) => x.map(() => -1 / (s0 * s0 + t)),
    });
  const x0 = Float64Array.from([-1, 0.2, 0.7]);
  const logN = (x: number, v: number) => -0.5 * Math.log(2 * Math.PI * v) - x * x / (2 * v);
  const r = transport(field, x0, { t0: 0, t1: 2, dt: 0.01, logp0: x0.map((x) => logN(x, s0 * s0)) });
  const k = Math.sqrt((s0 * s0 + 2) / (s0 * s0));
  assertAllClose(r.x, Array.from(x0, (x) => x * k), { abs: 1e-8 });
  assertAllClose(r.logp!, Array.from(r.x, (x) => logN(x, s0 * s0 + 2)), { abs: 1e-8 });
  assertThrowsWith(
    () => pfOdeField({ dim: 1, g2: 1 as never, score: () => new Float64Array() }),
    TypeError,
    "opts.g2",
  );
  assertThrowsWith(
    () => pfOdeField({ dim: 0, g2: () => 1, score: () => new Float64Array() }),
    RangeError,
    "opts.dim",
  );
});
