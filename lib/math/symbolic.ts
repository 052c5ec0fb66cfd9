/**
 * Symbolic identity checks: are two integer-polynomial expressions the same polynomial? Decided twice — by exact
 * expansion of both sides (mathjs parses, {@link expandPolynomial} expands over BigInt) and by exact evaluation at
 * more integer points than the degree (which alone is a proof for polynomials of that degree).
 * @module
 */
import { requireInt } from "../core/mod.ts";
import { expandPolynomial, type Poly, polyEval } from "./polynomial.ts";

/** The outcome of {@link polynomialIdentity}. */
export interface IdentityCheck {
  /** Coefficients of a − b, lowest degree first (an identity gives []). */
  difference: Poly;
  /** True when a − b expands to the zero polynomial. */
  symbolicZero: boolean;
  /** The degree bound used for the point check (max degree of the sides). */
  degree: number;
  /** The integer points where both sides were evaluated exactly (degree + 1 of them at least). */
  points: number[];
  /** True when both sides agree exactly at every point. */
  pointsAgree: boolean;
}

/** Checks that `a` and `b` are the same polynomial in `variable` (see the module doc for the two checks). */
export function polynomialIdentity(a: string, b: string, variable: string, start = 0): IdentityCheck {
  requireInt("start", start, -1_000_000, 1_000_000);
  const pa = expandPolynomial(a, variable), pb = expandPolynomial(b, variable);
  const difference = expandPolynomial(`(${a}) - (${b})`, variable);
  const degree = Math.max(pa.length, pb.length, 1) - 1;
  const points = Array.from({ length: degree + 2 }, (_, i) => start + i);
  const pointsAgree = points.every((x) => polyEval(pa, BigInt(x)) === polyEval(pb, BigInt(x)));
  return { difference, symbolicZero: difference.length === 0, degree, points, pointsAgree };
}
