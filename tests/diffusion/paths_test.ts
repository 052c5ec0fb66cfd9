import fc from "fast-check";
import { Rng } from "../../lib/core/mod.ts";
import {
  inverseJacobianField,
  linearFamily,
  linearPathDivergence,
  spaceTimeDivergence,
  stdNormal,
  straightPath,
  swirlFamily,
  trigPath,
  uniformBox,
} from "../../lib/diffusion/mod.ts";
import { derivative, divergence } from "../../lib/numerics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("linear paths: boundary values and derivatives", () => {
  for (const p of [straightPath(), trigPath()]) {
    assertClose(p.a(0), 1, { abs: 1e-15 });
    assertClose(p.a(1), 0, { abs: 1e-15 });
    assertClose(p.sigma(0), 0, { abs: 1e-15 });
    assertClose(p.sigma(1), 1, { abs: 1e-15 });
    assertClose(p.da(0.3), derivative(p.a, 0.3), { abs: 1e-8 });
    assertClose(p.dsigma(0.3), derivative(p.sigma, 0.3), { abs: 1e-8 });
  }
});

Deno.test("linearFamily: straight lines with N(0, 1) give N((1 − t)x₀, t²) and f = (x − x₀)/t", () => {
  const fam = linearFamily(straightPath(), stdNormal(1)),
    x = Float64Array.from([0.9]),
    x0 = Float64Array.from([0.4]);
  const t = 0.6, m = 0.4 * 0.4;
  assertClose(
    fam.at(t).logDensity(x, 0, x0, 0),
    -0.5 * Math.log(2 * Math.PI * t * t) - (0.9 - m) ** 2 / (2 * t * t),
    {
      abs: 1e-13,
    },
  );
  const out = new Float64Array(1);
  fam.at(t).velocity(x, 0, x0, 0, out, 0);
  assertClose(out[0], (0.9 - 0.4) / t, { abs: 1e-14 });
  assertClose(linearPathDivergence(straightPath(), 3, 0.5), 6, { abs: 1e-14 });
  assert.equal(
    linearFamily(straightPath(), uniformBox(0, 2)).at(0.5).logDensity(Float64Array.from([5]), 0, x0, 0),
    -Infinity,
  );
});

Deno.test("property: every linear path's conditional law satisfies the continuity equation (fast-check)", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(straightPath(), trigPath()),
      fc.double({ min: 0.1, max: 0.95, noNaN: true }),
      fc.double({ min: -2, max: 2, noNaN: true }),
      fc.double({ min: -1.5, max: 1.5, noNaN: true }),
      (path, t, x, x0v) => {
        const fam = linearFamily(path, stdNormal(1)), x0 = Float64Array.from([x0v]), f = new Float64Array(1);
        const u = (s: number, y: Float64Array) => {
          const p = Math.exp(fam.at(s).logDensity(y, 0, x0, 0));
          fam.at(s).velocity(y, 0, x0, 0, f, 0);
          return Float64Array.from([p, p * f[0]]);
        };
        const q = spaceTimeDivergence(u, t, Float64Array.from([x]), 1e-5);
        return Math.abs(q.div) < 1e-6 * (q.scale + 1 / t);
      },
    ),
    { numRuns: 60, seed: 4 },
  );
});

Deno.test("swirlFamily: the label is constant along the explicit path; the field's divergence is 2/t; θ = 0 is straight", () => {
  const fam = swirlFamily(6), x0 = Float64Array.from([0.3, -0.7]), x1 = Float64Array.from([1.1, 0.4]);
  const at = (t: number) => {
    const a = 6 * t * (1 - t), c = Math.cos(a), s = Math.sin(a), u = x1[0] - x0[0], v = x1[1] - x0[1];
    return Float64Array.from([x0[0] + t * (c * u - s * v), x0[1] + t * (s * u + c * v)]);
  };
  for (const t of [0.2, 0.5, 0.8]) {
    const lab = fam.label(t, at(t), x0);
    assertClose(lab[0], x1[0], { abs: 1e-12 });
    assertClose(lab[1], x1[1], { abs: 1e-12 });
    const v = new Float64Array(2);
    fam.at(t).velocity(at(t), 0, x0, 0, v, 0);
    assertClose(v[0], derivative((s) => at(s)[0], t, 1e-6), { abs: 1e-7 });
    const div = divergence((y) => {
      const o = new Float64Array(2);
      fam.at(t).velocity(y, 0, x0, 0, o, 0);
      return o;
    }, Float64Array.from([0.5, 0.5]));
    assertClose(div, 2 / t, { abs: 1e-7 });
  }
  const straight = linearFamily(straightPath(), stdNormal(2)),
    zero = swirlFamily(0),
    y = Float64Array.from([0.2, 0.9]);
  assertClose(zero.at(0.4).logDensity(y, 0, x0, 0), straight.at(0.4).logDensity(y, 0, x0, 0), { abs: 1e-13 });
});

Deno.test("inverseJacobianField: recovers a known field from its label", () => {
  const fam = swirlFamily(3),
    x0 = Float64Array.from([0.1, 0.2]),
    x = Float64Array.from([-0.4, 0.8]),
    v = new Float64Array(2);
  const f = inverseJacobianField((t, y) => fam.label(t, y, x0), 0.35, x, 1e-5);
  fam.at(0.35).velocity(x, 0, x0, 0, v, 0);
  assertClose(f[0], v[0], { abs: 1e-6 });
  assertClose(f[1], v[1], { abs: 1e-6 });
});

Deno.test("priors: sample sizes and log-densities", () => {
  const rng = new Rng(3);
  assert.equal(uniformBox(0, 2, 2).sample(5, rng).length, 10);
  assertClose(uniformBox(0, 2, 2).logpdf(Float64Array.from([1, 1])), -Math.log(4), { abs: 1e-15 });
  assertClose(stdNormal(2).logpdf(Float64Array.from([9, 0, 0]), 1), -Math.log(2 * Math.PI), { abs: 1e-15 });
});

Deno.test("paths: bad inputs throw, naming the argument", () => {
  assertThrowsWith(() => uniformBox(1, 1), RangeError, "hi");
  assertThrowsWith(() => uniformBox(0, 1, 0), RangeError, "dim");
  assertThrowsWith(() => stdNormal(1.5), RangeError, "dim");
  assertThrowsWith(() => stdNormal(1).sample(0, new Rng(1)), RangeError, "n");
  assertThrowsWith(() => linearFamily({} as never, stdNormal(1)), TypeError, "path.a");
  assertThrowsWith(() => linearFamily(straightPath(), null as never), TypeError, "prior");
  assertThrowsWith(() => linearPathDivergence(straightPath(), 0, 1), RangeError, "d");
  assertThrowsWith(() => swirlFamily(NaN), RangeError, "theta");
  assertThrowsWith(() => swirlFamily(1).at(NaN), RangeError, "t");
  assertThrowsWith(() => inverseJacobianField(null as never, 1, Float64Array.from([1])), TypeError, "label");
  assertThrowsWith(() => inverseJacobianField((_t, y) => y, 1, [1] as never), TypeError, "x");
});
