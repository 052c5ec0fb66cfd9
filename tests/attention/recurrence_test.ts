import { Matrix, matVec, Rng } from "../../lib/core/mod.ts";
import { denseRecurrence, diagonalRecurrence, rotationSystem } from "../../lib/attention/mod.ts";
import { cmul, type ComplexArray, cpow } from "../../lib/math/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("denseRecurrence equals the unrolled sum Σ A^{t−k} u_k", () => {
  const a = new Matrix([[0.5, 0.2], [-0.1, 0.7]]);
  const rng = new Rng(1);
  const u = Array.from({ length: 6 }, () => rng.normals(2));
  const x = denseRecurrence(a, u);
  // unrolled: x_5 = Σ_k A^{5−k} u_k
  let acc = new Float64Array(2);
  for (let k = 0; k <= 5; k++) {
    let v = u[k];
    for (let p = 0; p < 5 - k; p++) v = matVec(a, v);
    acc = acc.map((s, i) => s + v[i]);
  }
  acc.forEach((v, i) => assertClose(x[5][i], v, { abs: 1e-14 }));
});

Deno.test("diagonalRecurrence equals γ Σ λ^{t−k} u_k per channel", () => {
  const lam: ComplexArray = { re: Float64Array.from([0.6, -0.3]), im: Float64Array.from([0.7, 0.1]) };
  const gamma = Float64Array.from([0.5, 2]);
  const rng = new Rng(2);
  const u = Array.from({ length: 7 }, () => ({ re: rng.normals(2), im: rng.normals(2) }));
  const x = diagonalRecurrence(lam, u, gamma);
  for (let j = 0; j < 2; j++) {
    let re = 0, im = 0;
    for (let k = 0; k <= 6; k++) {
      const p = cmul(cpow({ re: lam.re[j], im: lam.im[j] }, 6 - k), { re: u[k].re[j], im: u[k].im[j] });
      re += gamma[j] * p.re;
      im += gamma[j] * p.im;
    }
    assertClose(x[6].re[j], re, { abs: 1e-13 });
    assertClose(x[6].im[j], im, { abs: 1e-13 });
  }
});

Deno.test("rotationSystem: the spectrum of A is λ (traces of A and A²), in conjugate pairs", () => {
  const sys = rotationSystem(new Rng(3), 6, 2, 3);
  const trA = sys.a.trace();
  const trLam = Array.from(sys.lam.re).reduce((s, v) => s + v, 0);
  assertClose(trA, trLam, { abs: 1e-12 });
  const a2 = sys.a.mmul(sys.a).trace();
  let l2 = 0;
  for (let j = 0; j < 6; j++) l2 += sys.lam.re[j] ** 2 - sys.lam.im[j] ** 2;
  assertClose(a2, l2, { abs: 1e-12 });
  // conjugate pairs
  for (let j = 0; j < 6; j += 2) {
    assertClose(sys.lam.re[j], sys.lam.re[j + 1], { abs: 1e-15 });
    assertClose(sys.lam.im[j], -sys.lam.im[j + 1], { abs: 1e-15 });
  }
  assert.equal(sys.bPrime.re.rows, 6);
  assert.equal(sys.cPrime.re.columns, 6);
});

Deno.test("recurrence: bad inputs throw naming the argument", () => {
  const a = new Matrix([[1, 0], [0, 1]]);
  assertThrowsWith(() => denseRecurrence(new Matrix([[1, 2]]), [new Float64Array(2)]), TypeError, "a");
  assertThrowsWith(() => denseRecurrence(a, []), RangeError, "u");
  assertThrowsWith(() => denseRecurrence(a, [new Float64Array(3)]), RangeError, "u[0]");
  const lam = { re: new Float64Array(2), im: new Float64Array(2) };
  assertThrowsWith(() => diagonalRecurrence(lam, []), RangeError, "u");
  assertThrowsWith(
    () => diagonalRecurrence(lam, [{ re: new Float64Array(3), im: new Float64Array(3) }]),
    RangeError,
    "u[0]",
  );
  assertThrowsWith(() => diagonalRecurrence(lam, [lam], new Float64Array(3)), RangeError, "gamma");
  assertThrowsWith(() => diagonalRecurrence({ re: [1], im: [1] } as never, [lam]), TypeError, "lam");
  assertThrowsWith(() => rotationSystem(new Rng(1), 5, 1, 1), RangeError, "d");
  assertThrowsWith(() => rotationSystem(new Rng(1), 4, 0, 1), RangeError, "m");
  assertThrowsWith(() => rotationSystem(new Rng(1), 4, 1, 0), RangeError, "p");
  assertThrowsWith(() => rotationSystem(new Rng(1), 4, 1, 1, { rLo: 0.9, rHi: 0.5 }), RangeError, "opts.rLo");
  assertThrowsWith(() => rotationSystem({} as never, 4, 1, 1), TypeError, "rng");
});
