import { exact, exactString, exactToNumber, paybackYears, waterCostChain } from "../../lib/physics/mod.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

const article = { people: 4, flowLPerMin: 8, minutesPerUse: 1, pricePerTonne: 3, daysPerYear: 365 };

Deno.test("waterCostChain: the article's numbers exactly", () => {
  const c = waterCostChain(article);
  assert.equal(exactString(c.dailyLitres), "32");
  assert.equal(exactString(c.dailyCost), "12/125"); // 0.096
  assert.equal(exactString(c.yearlyCost), "876/25"); // 35.04
  assert.equal(exactToNumber(c.dailyCost), 0.096);
  assert.equal(exactToNumber(c.yearlyCost), 35.04);
  assert.equal(exactString(paybackYears(700, c.yearlyCost)), "4375/219");
  assert.equal(exactString(paybackYears(350, c.yearlyCost)), "4375/438");
  assert.equal(exactString(paybackYears(0, c.yearlyCost)), "0");
});

Deno.test("exact: decimals and ratios are exact, negatives print", () => {
  assert.equal(exactString(exact("0.096")), "12/125");
  assert.equal(exactString(exact("7/14")), "1/2");
  assert.equal(exactString(exact(-1.5)), "-3/2");
});

Deno.test("cost: bad inputs", () => {
  assertThrowsWith(() => waterCostChain({ ...article, people: 0 }), RangeError, "people");
  assertThrowsWith(() => waterCostChain({ ...article, pricePerTonne: NaN }), RangeError, "pricePerTonne");
  assertThrowsWith(() => exact("abc"), TypeError, "x");
  assertThrowsWith(() => exact(Infinity, "flow"), RangeError, "flow");
  const c = waterCostChain(article);
  assertThrowsWith(() => paybackYears(-1, c.yearlyCost), RangeError, "price");
  assertThrowsWith(() => paybackYears(1, exact(0)), RangeError, "yearlySaving");
});
