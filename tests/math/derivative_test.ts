import { symbolicDerivative } from "../../lib/math/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("symbolicDerivative: polynomial and log derivatives", () => {
  const d = symbolicDerivative("x^3 + 2*x", "x");
  assertClose(d.evaluate({ x: 2 }), 14, { abs: 1e-12 });
  const t = symbolicDerivative("-log(g+(1-g)*p)/(1-g)", "p");
  for (const [g, p] of [[0.1, 0.3], [0.8, 0.9], [0, 0.5]]) {
    assertClose(t.evaluate({ g, p }), -1 / (g + (1 - g) * p), { rel: 1e-12 });
  }
  assert.ok(typeof t.text === "string" && t.text.length > 0);
});

Deno.test("symbolicDerivative: bad inputs name the argument", () => {
  assertThrowsWith(() => symbolicDerivative("", "x"), TypeError, "expr");
  assertThrowsWith(() => symbolicDerivative("x^2", "2x"), TypeError, "variable");
  assertThrowsWith(() => symbolicDerivative("x^^2", "x"), TypeError, "expr");
  assertThrowsWith(() => symbolicDerivative("x*y", "x").evaluate({ x: 1 }), Error, "");
});
