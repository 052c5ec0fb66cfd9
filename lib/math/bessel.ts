/**
 * Modified Bessel functions I₀, I₁, K₀, K₁ of real argument by the polynomial approximations of Abramowitz & Stegun
 * (1964), §9.8, formulas 9.8.1–9.8.8. Their stated absolute errors (≤ 2.2e-7 on the scaled forms x^{1/2}e^{∓x}·f,
 * ≤ 1.6e-7 on I₀ for |x| ≤ 3.75) make the relative error below 1e-6 everywhere (tests check this against series and
 * integral references). Used by notebook 32 §6 for the steady temperature of a pan bottom heated by a central disk:
 * inner θ = S/m² + A I₀(mr), outer B I₀(mr) + C K₀(mr).
 * @module
 */
import { requireFinite, requirePositive } from "../core/mod.ts";

function poly(c: readonly number[], t: number): number {
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * t + c[i];
  return s;
}

// A&S 9.8.1–9.8.8 coefficients
const I0_SMALL = [1, 3.5156229, 3.0899424, 1.2067492, 0.2659732, 0.0360768, 0.0045813];
const I0_LARGE = [
  0.39894228,
  0.01328592,
  0.00225319,
  -0.00157565,
  0.00916281,
  -0.02057706,
  0.02635537,
  -0.01647633,
  0.00392377,
];
const I1_SMALL = [0.5, 0.87890594, 0.51498869, 0.15084934, 0.02658733, 0.00301532, 0.00032411];
const I1_LARGE = [
  0.39894228,
  -0.03988024,
  -0.00362018,
  0.00163801,
  -0.01031555,
  0.02282967,
  -0.02895312,
  0.01787654,
  -0.00420059,
];
const K0_SMALL = [-0.57721566, 0.4227842, 0.23069756, 0.0348859, 0.00262698, 0.0001075, 0.0000074];
const K0_LARGE = [1.25331414, -0.07832358, 0.02189568, -0.01062446, 0.00587872, -0.0025154, 0.00053208];
const K1_SMALL = [1, 0.15443144, -0.67278579, -0.18156897, -0.01919402, -0.00110404, -0.00004686];
const K1_LARGE = [1.25331414, 0.23498619, -0.0365562, 0.01504268, -0.00780353, 0.00325614, -0.00068245];

/** I₀(x), A&S 9.8.1 (|x| ≤ 3.75) and 9.8.2 (|x| > 3.75); even in x. Overflows to a RangeError above x ≈ 713. */
export function besselI0(x: number): number {
  const ax = Math.abs(requireFinite("x", x));
  if (ax <= 3.75) {
    const t = (ax / 3.75) ** 2;
    return poly(I0_SMALL, t);
  }
  const v = (Math.exp(ax) / Math.sqrt(ax)) * poly(I0_LARGE, 3.75 / ax);
  if (!Number.isFinite(v)) throw new RangeError(`x is too large for besselI0 (overflow), got ${x}`);
  return v;
}

/** I₁(x), A&S 9.8.3 (|x| ≤ 3.75) and 9.8.4 (|x| > 3.75); odd in x. */
export function besselI1(x: number): number {
  const ax = Math.abs(requireFinite("x", x));
  let v: number;
  if (ax <= 3.75) v = ax * poly(I1_SMALL, (ax / 3.75) ** 2);
  else v = (Math.exp(ax) / Math.sqrt(ax)) * poly(I1_LARGE, 3.75 / ax);
  if (!Number.isFinite(v)) throw new RangeError(`x is too large for besselI1 (overflow), got ${x}`);
  return x < 0 ? -v : v;
}

/** K₀(x) for x > 0, A&S 9.8.5 (x ≤ 2) and 9.8.6 (x > 2). */
export function besselK0(x: number): number {
  requirePositive("x", x);
  if (x <= 2) return -Math.log(x / 2) * besselI0(x) + poly(K0_SMALL, (x / 2) ** 2);
  return (Math.exp(-x) / Math.sqrt(x)) * poly(K0_LARGE, 2 / x);
}

/** K₁(x) for x > 0, A&S 9.8.7 (x ≤ 2) and 9.8.8 (x > 2). */
export function besselK1(x: number): number {
  requirePositive("x", x);
  if (x <= 2) return (x * Math.log(x / 2) * besselI1(x) + poly(K1_SMALL, (x / 2) ** 2)) / x;
  return (Math.exp(-x) / Math.sqrt(x)) * poly(K1_LARGE, 2 / x);
}
