/**
 * The water-cost chain of notebook 19 (article 9405, §"does it save money?") in exact rational arithmetic (mathjs
 * fractions over BigInt): daily waste V = people × flow × minutes, daily cost V × price, yearly cost × days, and the
 * payback years of a kit = price / yearly cost. Exact, so "0.096 RMB/day" and "35.04 RMB/yr" are checked as
 * equalities, not within a tolerance.
 * @module
 */
import { divide, type Fraction, fraction, multiply, number as toNumber } from "mathjs";
import { requireFinite, requirePositive } from "../core/mod.ts";

/** An exact rational as a mathjs Fraction. */
export type Exact = Fraction;

/**
 * An exact rational from a decimal string ("0.096"), an integer, or a finite number whose decimal expansion is
 * exact (e.g. 3, 8, 1.5). Throws on non-finite input.
 */
export function exact(x: number | string, name = "x"): Exact {
  if (typeof x === "number") requireFinite(name, x);
  else if (typeof x !== "string" || !/^-?\d+(\.\d+)?(\/\d+)?$/.test(x.trim())) {
    throw new TypeError(
      `${name} must be a finite number or a decimal/ratio string, got ${JSON.stringify(x)}`,
    );
  }
  return fraction(x as string) as Exact;
}

/** An exact rational as "n/d" (or "n" when d = 1). */
export function exactString(f: Exact): string {
  const s = f.s < 0n ? "-" : "";
  return f.d === 1n ? `${s}${f.n}` : `${s}${f.n}/${f.d}`;
}

/** An exact rational as the nearest double. */
export function exactToNumber(f: Exact): number {
  return toNumber(f as unknown as number) as number;
}

/** Inputs of the article's cost chain (all > 0). */
export interface WaterCostInputs {
  /** people showering per day (article: 4) */
  people: number;
  /** hot-pipe flow in L/min (article: 8, measured by the author) */
  flowLPerMin: number;
  /** minutes of cold water run per shower (article: 1, assumed) */
  minutesPerUse: number;
  /** water price in RMB per tonne (article: 3) */
  pricePerTonne: number;
  /** days per year (365) */
  daysPerYear: number;
}

/** The chain's exact results. */
export interface WaterCostChain {
  dailyLitres: Exact;
  dailyCost: Exact;
  yearlyCost: Exact;
}

/** V_d = people·Q·t (L), cost = V_d/1000 t · price, yearly = cost · days — exactly (article 9405). */
export function waterCostChain(p: WaterCostInputs): WaterCostChain {
  const people = exact(requirePositive("people", p.people), "people");
  const flow = exact(requirePositive("flowLPerMin", p.flowLPerMin), "flowLPerMin");
  const minutes = exact(requirePositive("minutesPerUse", p.minutesPerUse), "minutesPerUse");
  const price = exact(requirePositive("pricePerTonne", p.pricePerTonne), "pricePerTonne");
  const days = exact(requirePositive("daysPerYear", p.daysPerYear), "daysPerYear");
  const dailyLitres = multiply(multiply(people, flow), minutes) as Exact;
  const dailyCost = multiply(divide(dailyLitres, fraction(1000)), price) as Exact;
  const yearlyCost = multiply(dailyCost, days) as Exact;
  return { dailyLitres, dailyCost, yearlyCost };
}

/** Payback years of a purchase of `price` against a yearly saving, exactly: price / yearlySaving. */
export function paybackYears(price: number | string, yearlySaving: Exact): Exact {
  const pr = exact(price, "price");
  if (exactToNumber(pr) < 0) throw new RangeError(`price must be >= 0, got ${price}`);
  if (!(exactToNumber(yearlySaving) > 0)) {
    throw new RangeError(`yearlySaving must be > 0, got ${exactString(yearlySaving)}`);
  }
  return divide(pr, yearlySaving) as Exact;
}
