import { gaussHermite, gaussianExpectation, simpson, trapezoid } from "../../lib/numerics/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("quadrature: trapezoid O(h²), Simpson O(h⁴), exact cases", () => {
  const xs = (n: number) => Array.from({ length: n + 1 }, (_v, i) => (Math.PI * i) / n);
  const e = (n: number) => Math.abs(trapezoid(xs(n), xs(n).map(Math.sin)) - 2);
  assert.ok(Math.abs(e(50) / e(100) - 4) < 0.05, "trapezoid error quarters when h halves");
  assertClose(trapezoid([0, 1, 3], [1, 3, 7]), 2 + 10, { abs: 1e-15 }, "exact on piecewise-linear data");
  const s = (n: number) => Math.abs(simpson(Math.exp, 0, 1, n) - (Math.E - 1));
  assert.ok(Math.abs(s(8) / s(16) - 16) < 0.5, "Simpson error /16 when h halves");
  assertClose(simpson((x) => x ** 3, -1, 2, 2), (16 - 1) / 4, { abs: 1e-14 }, "exact on cubics");
});

Deno.test("quadrature: Gauss–Hermite moments of N(0, 1) and E[f(μ + σZ)]", () => {
  const { nodes, weights } = gaussHermite(10);
  assertClose(weights.reduce((a, b) => a + b, 0), 1, { abs: 1e-13 });
  const moment = (k: number) => nodes.reduce((a, x, i) => a + weights[i] * x ** k, 0);
  assertAllClose([moment(1), moment(2), moment(4), moment(6)], [0, 1, 3, 15], { abs: 1e-10 });
  // E[exp(μ + σZ)] = exp(μ + σ²/2)
  assertClose(gaussianExpectation(Math.exp, 0.3, 0.8), Math.exp(0.3 + 0.32), { rel: 1e-12 });
  assertClose(gaussianExpectation((x) => x * x, 1, 0), 1, { abs: 1e-12 }, "σ = 0 is a point mass");
});

Deno.test("quadrature: Gauss–Hermite is exact for moments up to degree 2m − 1, for small and large m", () => {
  for (const m of [1, 2, 5, 16, 40]) {
    const { nodes, weights } = gaussHermite(m);
    const mom = (k: number) => nodes.reduce((s, u, i) => s + weights[i] * u ** k, 0);
    assertClose(mom(0), 1, { abs: 1e-13 }, `m=${m}`);
    assertClose(mom(1), 0, { abs: 1e-12 }, `m=${m}`);
    if (m >= 2) assertClose(mom(2), 1, { abs: 1e-12 }, `m=${m}`);
    if (m >= 3) assertClose(mom(4), 3, { abs: 1e-11 }, `m=${m}`);
    for (let i = 1; i < m; i++) assert.ok(nodes[i] > nodes[i - 1], "nodes ascending");
  }
});

Deno.test("quadrature: bad inputs", () => {
  assertThrowsWith(() => trapezoid([0, 1], [1]), RangeError, "equal length");
  assertThrowsWith(() => trapezoid([0], [1]), RangeError, "at least 2");
  assertThrowsWith(() => trapezoid([0, 0], [1, 1]), RangeError, "increasing");
  assertThrowsWith(() => simpson(Math.sin, 0, 1, 3), RangeError, "even");
  assertThrowsWith(() => simpson(Math.sin, 0, NaN, 4), RangeError, "b");
  assertThrowsWith(() => gaussHermite(0), RangeError, "m");
  assertThrowsWith(() => gaussianExpectation(Math.sin, 0, -1), RangeError, "sigma");
});
