/**
 * Float64 complex arithmetic — the one small complex module of the collection. Scalars are `{ re, im }` objects;
 * vectors are split arrays `{ re: Float64Array, im: Float64Array }` (what the linear recurrences of the LRU article,
 * x_t = λx_{t−1} + u_t with λ = r·e^{iθ}, run on); matrices are pairs of ml-matrix matrices `{ re, im }`. Every function validates its arguments (finite numbers, matching
 * lengths) and throws a RangeError/TypeError naming the argument.
 * @module
 */
import { Matrix, requireFinite, requireInt, requirePositive } from "../core/mod.ts";

/** A complex number re + i·im. */
export interface Complex {
  re: number;
  im: number;
}

/** A complex vector stored as two equally long Float64Arrays (real and imaginary parts). */
export interface ComplexArray {
  re: Float64Array;
  im: Float64Array;
}

function req(name: string, z: unknown): Complex {
  if (z === null || typeof z !== "object") throw new TypeError(`${name} must be a {re, im} object, got ${z}`);
  const c = z as Complex;
  requireFinite(`${name}.re`, c.re);
  requireFinite(`${name}.im`, c.im);
  return c;
}

/** The complex number re + i·im (both finite). */
export function complex(re: number, im = 0): Complex {
  return { re: requireFinite("re", re), im: requireFinite("im", im) };
}

/** a + b. */
export function cadd(a: Complex, b: Complex): Complex {
  req("a", a), req("b", b);
  return { re: a.re + b.re, im: a.im + b.im };
}

/** a − b. */
export function csub(a: Complex, b: Complex): Complex {
  req("a", a), req("b", b);
  return { re: a.re - b.re, im: a.im - b.im };
}

/** a·b = (a.re·b.re − a.im·b.im) + i(a.re·b.im + a.im·b.re). */
export function cmul(a: Complex, b: Complex): Complex {
  req("a", a), req("b", b);
  return { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re };
}

/** s·a for a real s. */
export function cscale(a: Complex, s: number): Complex {
  req("a", a), requireFinite("s", s);
  return { re: s * a.re, im: s * a.im };
}

/** The conjugate a* = a.re − i·a.im. */
export function cconj(a: Complex): Complex {
  req("a", a);
  return { re: a.re, im: -a.im };
}

/** a / b (Smith's algorithm, no overflow of |b|²); throws a RangeError if b = 0. */
export function cdiv(a: Complex, b: Complex): Complex {
  req("a", a), req("b", b);
  if (b.re === 0 && b.im === 0) throw new RangeError("b must not be 0 (complex division by zero)");
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const q = b.im / b.re, d = b.re + b.im * q;
    return { re: (a.re + a.im * q) / d, im: (a.im - a.re * q) / d };
  }
  const q = b.re / b.im, d = b.re * q + b.im;
  return { re: (a.re * q + a.im) / d, im: (a.im * q - a.re) / d };
}

/** |a| (Math.hypot: no overflow of a.re² + a.im²). */
export function cabs(a: Complex): number {
  req("a", a);
  return Math.hypot(a.re, a.im);
}

/** arg a ∈ (−π, π] (atan2; arg 0 = 0). */
export function carg(a: Complex): number {
  req("a", a);
  return Math.atan2(a.im, a.re);
}

/** r·e^{iθ} = r cos θ + i r sin θ, for r ≥ 0. */
export function cpolar(r: number, theta: number): Complex {
  requirePositive("r", r, true), requireFinite("theta", theta);
  return { re: r * Math.cos(theta), im: r * Math.sin(theta) };
}

/** e^{a} = e^{a.re}(cos a.im + i sin a.im); throws a RangeError if e^{a.re} overflows. */
export function cexp(a: Complex): Complex {
  req("a", a);
  const m = Math.exp(a.re);
  if (!Number.isFinite(m)) throw new RangeError(`exp(a.re) overflows float64 (a.re = ${a.re})`);
  return { re: m * Math.cos(a.im), im: m * Math.sin(a.im) };
}

/**
 * a^p for a real power p ≥ 0 in polar form |a|^p·e^{ip·arg a} (the stable way to form λ^τ: no repeated products,
 * only a decaying power when |a| < 1). 0^0 = 1.
 */
export function cpow(a: Complex, p: number): Complex {
  req("a", a), requirePositive("p", p, true);
  if (p === 0) return { re: 1, im: 0 };
  return cpolar(Math.pow(cabs(a), p), p * carg(a));
}

/** A zero complex vector of length n ≥ 0. */
export function complexArray(n: number): ComplexArray {
  requireInt("n", n, 0);
  return { re: new Float64Array(n), im: new Float64Array(n) };
}

/** A complex vector from a list of complex numbers (copied). */
export function complexArrayFrom(values: readonly Complex[]): ComplexArray {
  if (!Array.isArray(values)) throw new TypeError("values must be an array of {re, im}");
  const out = complexArray(values.length);
  values.forEach((z, i) => {
    req(`values[${i}]`, z);
    out.re[i] = z.re;
    out.im[i] = z.im;
  });
  return out;
}

/** Checks that `a` is a ComplexArray with re and im of one length; returns that length. */
export function requireComplexArray(name: string, a: unknown): number {
  const c = a as ComplexArray;
  if (!c || !(c.re instanceof Float64Array) || !(c.im instanceof Float64Array)) {
    throw new TypeError(`${name} must be a ComplexArray {re: Float64Array, im: Float64Array}`);
  }
  if (c.re.length !== c.im.length) {
    throw new RangeError(`${name}.re has length ${c.re.length}, ${name}.im has ${c.im.length}`);
  }
  return c.re.length;
}

/** The i-th entry of a complex vector. */
export function complexAt(a: ComplexArray, i: number): Complex {
  const n = requireComplexArray("a", a);
  requireInt("i", i, 0, n - 1);
  return { re: a.re[i], im: a.im[i] };
}

/** The moduli |a_i| of a complex vector. */
export function cabsArray(a: ComplexArray): Float64Array {
  const n = requireComplexArray("a", a);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.hypot(a.re[i], a.im[i]);
  return out;
}

/**
 * max_i |a_i − b_i| over two equally long complex vectors (NaN entries make it NaN, Infinity gives Infinity: a
 * non-finite state is never hidden by the max).
 */
export function cmaxAbsDiff(a: ComplexArray, b: ComplexArray): number {
  const n = requireComplexArray("a", a), m = requireComplexArray("b", b);
  if (n !== m) throw new RangeError(`a has length ${n}, b has ${m}`);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.hypot(a.re[i] - b.re[i], a.im[i] - b.im[i]);
    if (Number.isNaN(d)) return NaN;
    if (d > worst) worst = d;
  }
  return worst;
}

/** A complex matrix as its real and imaginary parts (two ml-matrix matrices of one shape). */
export interface ComplexMatrix {
  re: Matrix;
  im: Matrix;
}

function requireComplexMatrix(name: string, a: unknown): ComplexMatrix {
  const c = a as ComplexMatrix;
  if (!c || !Matrix.isMatrix(c.re) || !Matrix.isMatrix(c.im)) {
    throw new TypeError(`${name} must be {re, im} ml-matrix matrices`);
  }
  if (c.re.rows !== c.im.rows || c.re.columns !== c.im.columns) {
    throw new RangeError(
      `${name}.re is ${c.re.rows}x${c.re.columns}, ${name}.im is ${c.im.rows}x${c.im.columns}`,
    );
  }
  return c;
}

/** The complex product a·b = (a.re·b.re − a.im·b.im) + i(a.re·b.im + a.im·b.re). */
export function cmatMul(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  requireComplexMatrix("a", a), requireComplexMatrix("b", b);
  if (a.re.columns !== b.re.rows) {
    throw new RangeError(`a's columns (${a.re.columns}) must equal b's rows (${b.re.rows})`);
  }
  return {
    re: a.re.mmul(b.re).sub(a.im.mmul(b.im)),
    im: a.re.mmul(b.im).add(a.im.mmul(b.re)),
  };
}

/** The complex matrix–vector product a·x. */
export function cmatVec(a: ComplexMatrix, x: ComplexArray): ComplexArray {
  requireComplexMatrix("a", a);
  if (requireComplexArray("x", x) !== a.re.columns) {
    throw new RangeError(`x must have length ${a.re.columns}`);
  }
  const out = complexArray(a.re.rows);
  for (let i = 0; i < a.re.rows; i++) {
    const ar = a.re.getRow(i), ai = a.im.getRow(i);
    let sr = 0, si = 0;
    for (let k = 0; k < ar.length; k++) {
      sr += ar[k] * x.re[k] - ai[k] * x.im[k];
      si += ar[k] * x.im[k] + ai[k] * x.re[k];
    }
    out.re[i] = sr;
    out.im[i] = si;
  }
  return out;
}
