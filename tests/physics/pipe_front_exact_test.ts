import {
  anzeliusSchumann,
  frontCoordinates,
  pipeFrontExact,
  pipeFrontExactArrival,
  simulatePipeFront,
} from "../../lib/physics/mod.ts";
import { firstCrossing } from "../../lib/numerics/mod.ts";
import { besselI0, besselI1 } from "../../lib/math/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

/** Composite Simpson on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 2000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/** The Bessel-integral forms (substituting σ = s² so the integrands are smooth at 0). */
function besselForms(xi: number, eta: number) {
  const r = Math.sqrt(xi), top = Math.sqrt(eta);
  const water = Math.exp(-xi) *
    (1 + simpson((s) => 2 * Math.exp(-s * s) * r * besselI1(2 * s * r), 0, top));
  const wall = Math.exp(-xi) * simpson((s) => 2 * s * Math.exp(-s * s) * besselI0(2 * s * r), 0, top);
  return { water, wall };
}

const pipe = { u: 0.82, Cw: 674, Cp: 272, G: 8.16, T0: 15, Tin: 50 };

Deno.test("anzeliusSchumann: equals the Bessel-integral (Marcum Q) forms", () => {
  for (const [xi, eta] of [[0.1, 0.3], [0.22, 2], [1, 1], [3, 0.5], [5, 8], [10, 12], [2, 20]]) {
    const a = anzeliusSchumann(xi, eta), b = besselForms(xi, eta);
    assertClose(a.water, b.water, { abs: 2e-6 }, `water at ξ=${xi}, η=${eta}`);
    assertClose(a.wall, b.wall, { abs: 2e-6 }, `wall at ξ=${xi}, η=${eta}`);
  }
});

Deno.test("anzeliusSchumann: limits — no wall, the front value e^{-ξ}, long times, before the front", () => {
  // ξ = 0 (G = 0 or x = 0): the water is the inlet; the wall relaxes as 1 − e^{−η}
  for (const eta of [0, 0.5, 3]) {
    assertClose(anzeliusSchumann(0, eta).water, 1, { abs: 1e-15 });
    assertClose(anzeliusSchumann(0, eta).wall, 1 - Math.exp(-eta), { abs: 1e-14 });
  }
  // η = 0: the front arrives attenuated to e^{−ξ}, the wall not yet warmed
  for (const xi of [0.1, 1, 7, 40]) {
    assertClose(anzeliusSchumann(xi, 0).water, Math.exp(-xi), { abs: 1e-15 });
    assert.equal(anzeliusSchumann(xi, 0).wall, 0);
  }
  // long times: everything at the inlet temperature; before the front nothing
  assertClose(anzeliusSchumann(2, 200).water, 1, { abs: 1e-12 });
  assertClose(anzeliusSchumann(2, 200).wall, 1, { abs: 1e-12 });
  assert.deepEqual(anzeliusSchumann(2, -1), { water: 0, wall: 0 });
  // the water is always ahead of the wall, both in [0, 1], both increasing in η and decreasing in ξ
  let prev = { water: 0, wall: 0 };
  for (let eta = 0; eta < 20; eta += 0.25) {
    const f = anzeliusSchumann(3, eta);
    assert.ok(f.water >= f.wall && f.water <= 1 && f.wall >= 0);
    assert.ok(f.water >= prev.water - 1e-15 && f.wall >= prev.wall - 1e-15);
    assert.ok(anzeliusSchumann(3.5, eta).water <= f.water + 1e-15);
    prev = f;
  }
  // large ξ = η: the water is at half its rise (the retardation limit), up to O(1/√ξ)
  assertClose(anzeliusSchumann(400, 400).water, 0.5, { abs: 0.02 });
});

Deno.test("anzeliusSchumann: satisfies the transformed PDE ∂ξθ = −(θ − θp), ∂ηθp = θ − θp (finite differences)", () => {
  const h = 1e-5;
  for (const [xi, eta] of [[0.3, 0.7], [2, 3], [6, 4]]) {
    const c = anzeliusSchumann(xi, eta);
    const dXi = (anzeliusSchumann(xi + h, eta).water - anzeliusSchumann(xi - h, eta).water) / (2 * h);
    const dEta = (anzeliusSchumann(xi, eta + h).wall - anzeliusSchumann(xi, eta - h).wall) / (2 * h);
    assertClose(dXi, -(c.water - c.wall), { abs: 1e-8 });
    assertClose(dEta, c.water - c.wall, { abs: 1e-8 });
  }
});

Deno.test("pipeFrontExact: conserves heat — stored in water + wall of a long pipe = heat advected in", () => {
  // before the front reaches the end of the pipe nothing leaves: C_w u t ΔT = ∫ (C_w θ + C_p θ_p) ΔT dx
  for (const G of [0.5, 8.16, 60]) {
    const o = { ...pipe, G }, t = 20, front = o.u * t, d = o.Tin - o.T0;
    const stored = simpson(
      (x) => {
        const T = pipeFrontExact(o, x, t);
        return o.Cw * (T.water - o.T0) + o.Cp * (T.wall - o.T0);
      },
      0,
      front * (1 - 1e-12),
      4000,
    );
    assertClose(stored, o.Cw * o.u * t * d, { rel: 1e-6 }, `G = ${G}`);
  }
});

Deno.test("pipeFrontExact: the upwind scheme converges to it as dx → 0, at order 1/2 in L1 (a jump)", () => {
  const L = 10, tEnd = 40, G = 8.16;
  const errs = [0.04, 0.02, 0.01].map((dx) => {
    const r = simulatePipeFront({ L, dx, ...pipe, G, tEnd });
    let e = 0;
    for (let i = 1; i < r.t.length; i++) {
      e += Math.abs(r.Tout[i] - pipeFrontExact({ ...pipe, G }, L, r.t[i]).water) * (r.t[i] - r.t[i - 1]);
    }
    return e;
  });
  assert.ok(errs[0] > errs[1] && errs[1] > errs[2], `errors ${errs}`);
  for (let i = 1; i < errs.length; i++) assertClose(Math.log2(errs[i - 1] / errs[i]), 0.5, { abs: 0.1 });
  // in the smooth tail the scheme is accurate pointwise
  const r = simulatePipeFront({ L, dx: 0.01, ...pipe, G, tEnd });
  const i = r.t.findIndex((t) => t >= L / pipe.u + 15);
  assertClose(r.Tout[i], pipeFrontExact({ ...pipe, G }, L, r.t[i]).water, { abs: 0.02 });
});

Deno.test("pipeFrontExactArrival: the front at x/u while e^{-ξ} reaches the level, later otherwise; retardation", () => {
  const x = 15, { xi } = frontCoordinates(pipe, x, 0);
  const jump = pipe.T0 + (pipe.Tin - pipe.T0) * Math.exp(-xi);
  assert.equal(pipeFrontExactArrival(pipe, x, jump - 0.01), x / pipe.u);
  const t = pipeFrontExactArrival(pipe, x, 45);
  assert.ok(t > x / pipe.u);
  assertClose(pipeFrontExact(pipe, x, t).water, 45, { abs: 1e-6 });
  // G = 0: every level arrives with the water
  assert.equal(pipeFrontExactArrival({ ...pipe, G: 0 }, x, 49.9), x / pipe.u);
  // G → ∞: the half-rise tends to x(1 + Cp/Cw)/u
  const big = pipeFrontExactArrival({ ...pipe, G: 1e5 }, x, 32.5);
  assertClose(big, (x * (1 + pipe.Cp / pipe.Cw)) / pipe.u, { rel: 2e-3 });
  // the scheme agrees on a tail arrival time
  const r = simulatePipeFront({ L: x, dx: 0.01, ...pipe, tEnd: 60 });
  assertClose(firstCrossing(r.t, r.Tout, 45), t, { abs: 0.05 });
});

Deno.test("pipe_front_exact: bad inputs", () => {
  assertThrowsWith(() => anzeliusSchumann(-1, 1), RangeError, "xi");
  assertThrowsWith(() => anzeliusSchumann(1, NaN), RangeError, "eta");
  assertThrowsWith(() => pipeFrontExact({ ...pipe, G: -1 }, 1, 1), RangeError, "G");
  assertThrowsWith(() => pipeFrontExact({ ...pipe, u: 0 }, 1, 1), RangeError, "u");
  assertThrowsWith(() => pipeFrontExact(pipe, -1, 1), RangeError, "x");
  assertThrowsWith(() => pipeFrontExact(null as never, 1, 1), TypeError, "opts");
  assertThrowsWith(() => pipeFrontExactArrival(pipe, 1, 50), RangeError, "level");
  assertThrowsWith(() => pipeFrontExactArrival(pipe, 1, 10), RangeError, "level");
  assertThrowsWith(() => frontCoordinates(pipe, 1, Infinity), RangeError, "t");
});
