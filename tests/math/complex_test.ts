import { Matrix } from "../../lib/core/mod.ts";
import {
  cabs,
  cabsArray,
  cadd,
  carg,
  cconj,
  cdiv,
  cexp,
  cmatMul,
  cmatVec,
  cmaxAbsDiff,
  cmul,
  complex,
  complexArray,
  complexArrayFrom,
  complexAt,
  cpolar,
  cpow,
  cscale,
  csub,
  requireComplexArray,
} from "../../lib/math/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("complex: field operations against hand values", () => {
  const a = complex(1, 2), b = complex(3, -1);
  assert.deepEqual(cadd(a, b), { re: 4, im: 1 });
  assert.deepEqual(csub(a, b), { re: -2, im: 3 });
  assert.deepEqual(cmul(a, b), { re: 5, im: 5 }); // (1+2i)(3−i) = 3 − i + 6i + 2 = 5 + 5i
  assert.deepEqual(cscale(a, -2), { re: -2, im: -4 });
  assert.deepEqual(cconj(a), { re: 1, im: -2 });
  assert.deepEqual(complex(7), { re: 7, im: 0 });
  const q = cdiv(a, b); // (1+2i)/(3−i) = (1+2i)(3+i)/10 = (1 + 7i)/10
  assertClose(q.re, 0.1, { abs: 1e-15 });
  assertClose(q.im, 0.7, { abs: 1e-15 });
  const q2 = cdiv(a, complex(0.5, 4)); // |im| > |re| branch: check by multiplying back
  const back = cmul(q2, complex(0.5, 4));
  assertClose(back.re, 1, { abs: 1e-14 });
  assertClose(back.im, 2, { abs: 1e-14 });
  const big = cdiv(complex(1e300, 1e300), complex(1e300, 1e300)); // no overflow of |b|²
  assertClose(big.re, 1, { abs: 1e-15 });
  assertClose(big.im, 0, { abs: 1e-15 });
});

Deno.test("complex: modulus, argument, polar, exp and power agree with each other and with Euler", () => {
  assert.equal(cabs(complex(3, 4)), 5);
  assert.equal(cabs(complex(1e200, 1e200)), Math.SQRT2 * 1e200);
  assertClose(carg(complex(-1, 0)), Math.PI, { abs: 1e-15 });
  assertClose(carg(complex(0, -2)), -Math.PI / 2, { abs: 1e-15 });
  const z = cpolar(2, 0.7);
  assertClose(cabs(z), 2, { rel: 1e-15 });
  assertClose(carg(z), 0.7, { abs: 1e-15 });
  const e = cexp(complex(0, Math.PI)); // Euler: e^{iπ} = −1
  assertClose(e.re, -1, { abs: 1e-15 });
  assertClose(e.im, 0, { abs: 1e-15 });
  // λ^5 by repeated multiplication vs the polar power
  const lam = complex(0.6, -0.7);
  let p = complex(1, 0);
  for (let k = 0; k < 5; k++) p = cmul(p, lam);
  const q = cpow(lam, 5);
  assertClose(q.re, p.re, { abs: 1e-15 });
  assertClose(q.im, p.im, { abs: 1e-15 });
  assert.deepEqual(cpow(lam, 0), { re: 1, im: 0 });
  // exp of a sum is the product of exps
  const a = complex(0.3, 1.1), b = complex(-0.4, 2.5);
  const lhs = cexp(cadd(a, b)), rhs = cmul(cexp(a), cexp(b));
  assertClose(lhs.re, rhs.re, { abs: 1e-15 });
  assertClose(lhs.im, rhs.im, { abs: 1e-15 });
});

Deno.test("complex arrays: construction, access, moduli and max difference", () => {
  const a = complexArrayFrom([complex(3, 4), complex(0, 1)]);
  assert.equal(requireComplexArray("a", a), 2);
  assert.deepEqual(complexAt(a, 1), { re: 0, im: 1 });
  assert.deepEqual(Array.from(cabsArray(a)), [5, 1]);
  const z = complexArray(2);
  assert.equal(cmaxAbsDiff(a, z), 5);
  z.re[0] = NaN;
  assert.ok(Number.isNaN(cmaxAbsDiff(a, z)), "a NaN is never hidden by the max");
  z.re[0] = Infinity;
  assert.equal(cmaxAbsDiff(a, z), Infinity);
  assert.equal(complexArray(0).re.length, 0);
});

Deno.test("complex: bad inputs throw naming the argument", () => {
  assertThrowsWith(() => complex(NaN), RangeError, "re");
  assertThrowsWith(() => complex(1, Infinity), RangeError, "im");
  assertThrowsWith(() => cadd({ re: 1, im: NaN }, complex(1)), RangeError, "a.im");
  assertThrowsWith(() => cmul(complex(1), null as unknown as { re: number; im: number }), TypeError, "b");
  assertThrowsWith(
    () => csub(complex(1), { re: "x", im: 0 } as unknown as { re: number; im: number }),
    TypeError,
    "b.re",
  );
  assertThrowsWith(() => cdiv(complex(1), complex(0, 0)), RangeError, "b");
  assertThrowsWith(() => cscale(complex(1), NaN), RangeError, "s");
  assertThrowsWith(() => cpolar(-1, 0), RangeError, "r");
  assertThrowsWith(() => cpolar(1, Infinity), RangeError, "theta");
  assertThrowsWith(() => cexp(complex(1000, 0)), RangeError, "a.re");
  assertThrowsWith(() => cpow(complex(1, 1), -1), RangeError, "p");
  assertThrowsWith(() => cabs({ re: 1 } as unknown as { re: number; im: number }), TypeError, "a.im");
  assertThrowsWith(() => carg(complex(1, 1) && ({ re: NaN, im: 0 })), RangeError, "a.re");
  assertThrowsWith(() => cconj(undefined as unknown as { re: number; im: number }), TypeError, "a");
  assertThrowsWith(() => complexArray(-1), RangeError, "n");
  assertThrowsWith(() => complexArrayFrom("x" as unknown as []), TypeError, "values");
  assertThrowsWith(() => complexArrayFrom([complex(1), { re: NaN, im: 0 }]), RangeError, "values[1]");
  assertThrowsWith(
    () => requireComplexArray("v", { re: new Float64Array(2), im: new Float64Array(3) }),
    RangeError,
    "v.re",
  );
  assertThrowsWith(() => requireComplexArray("v", { re: [1], im: [1] }), TypeError, "v");
  assertThrowsWith(() => complexAt(complexArray(2), 2), RangeError, "i");
  assertThrowsWith(() => cabsArray({} as never), TypeError, "a");
  assertThrowsWith(() => cmaxAbsDiff(complexArray(2), complexArray(3)), RangeError, "b");
});

Deno.test("complex matrices: product and matrix–vector product on hand values", () => {
  const i = { re: new Matrix([[0]]), im: new Matrix([[1]]) };
  const y = cmatVec(i, { re: Float64Array.from([1]), im: Float64Array.from([1]) }); // i·(1 + i) = −1 + i
  assert.deepEqual([y.re[0], y.im[0]], [-1, 1]);
  const a = { re: new Matrix([[1, 2], [0, 1]]), im: new Matrix([[0, 1], [1, 0]]) };
  const sq = cmatMul(i, i); // i² = −1
  assert.deepEqual([sq.re.get(0, 0), sq.im.get(0, 0)], [-1, 0]);
  const x = { re: Float64Array.from([1, -1]), im: Float64Array.from([2, 0.5]) };
  const viaMul = cmatMul(a, { re: new Matrix([[1], [-1]]), im: new Matrix([[2], [0.5]]) });
  const direct = cmatVec(a, x);
  for (let k = 0; k < 2; k++) {
    assertClose(direct.re[k], viaMul.re.get(k, 0), { abs: 1e-15 });
    assertClose(direct.im[k], viaMul.im.get(k, 0), { abs: 1e-15 });
  }
  assertThrowsWith(() => cmatVec(a, { re: new Float64Array(3), im: new Float64Array(3) }), RangeError, "x");
  assertThrowsWith(() => cmatVec({ re: a.re } as never, x), TypeError, "a");
  assertThrowsWith(
    () => cmatMul(a, { re: new Matrix([[1]]), im: new Matrix([[1], [2]]) }),
    RangeError,
    "b.re",
  );
  assertThrowsWith(() => cmatMul(a, i), RangeError, "columns");
});
