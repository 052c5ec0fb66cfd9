import fc from "fast-check";
import { expandPolynomial, polyAdd, polyEval, polyMul } from "../../lib/math/polynomial.ts";
import { polynomialIdentity } from "../../lib/math/symbolic.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("expandPolynomial: known expansions", () => {
  assert.deepEqual(expandPolynomial("(q+1)^2", "q"), [1n, 2n, 1n]);
  assert.deepEqual(expandPolynomial("-(q-2)*3 + q^0", "q"), [7n, -3n]);
  assert.deepEqual(expandPolynomial("q - q", "q"), []);
  assert.deepEqual(expandPolynomial("(q-2)^7", "q").map(Number), [-128, 448, -672, 560, -280, 84, -14, 1]);
});

Deno.test("polynomials: expansion agrees with evaluation (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 1, maxLength: 5 }),
      fc.integer({ min: -20, max: 20 }),
      (roots, x) => {
        const expr = roots.map((r) => `(q - (${r}))`).join("*");
        const p = expandPolynomial(expr, "q");
        const direct = roots.reduce((acc, r) => acc * (BigInt(x) - BigInt(r)), 1n);
        return polyEval(p, BigInt(x)) === direct;
      },
    ),
  );
  assert.deepEqual(polyMul([1n, 1n], [-1n, 1n]), [-1n, 0n, 1n]);
  assert.deepEqual(polyAdd([1n, 2n], [-1n, -2n]), []);
});

Deno.test("polynomialIdentity: detects identities and non-identities", () => {
  const yes = polynomialIdentity("(q+1)^3", "q^3 + 3*q^2 + 3*q + 1", "q");
  assert.ok(yes.symbolicZero && yes.pointsAgree);
  assert.equal(yes.degree, 3);
  const no = polynomialIdentity("(q+1)^3", "q^3 + 3*q^2 + 3*q", "q");
  assert.ok(!no.symbolicZero && !no.pointsAgree);
  assert.deepEqual(no.difference, [1n]);
});

Deno.test("polynomials: unsupported input is rejected clearly", () => {
  assertThrowsWith(() => expandPolynomial("", "q"), TypeError, "expr");
  assertThrowsWith(() => expandPolynomial("q+1", "1q"), TypeError, "variable");
  assertThrowsWith(() => expandPolynomial("x+1", "q"), RangeError, "unknown symbol x");
  assertThrowsWith(() => expandPolynomial("q/2", "q"), RangeError, "operator / is not supported");
  assertThrowsWith(() => expandPolynomial("q^(-1)", "q"), RangeError, "exponents");
  assertThrowsWith(() => expandPolynomial("q+0.5", "q"), RangeError, "integer constants");
  assertThrowsWith(() => expandPolynomial("sin(q)", "q"), RangeError, "FunctionNode");
});
