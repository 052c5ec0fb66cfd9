import {
  requireAllFinite,
  requireFinite,
  requireInRange,
  requireInt,
  requireLength,
  requireOneOf,
  requirePositive,
} from "../../lib/core/validate.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("validate: good values pass through", () => {
  assert.equal(requireFinite("x", 1.5), 1.5);
  assert.equal(requireInt("T", 1000), 1000);
  assert.equal(requireInt("k", 0, 0), 0);
  assert.equal(requirePositive("s", 0, true), 0);
  assert.equal(requireInRange("p", 0.5, 0, 1), 0.5);
  assert.equal(requireOneOf("sigma", "small", ["small", "large"] as const), "small");
  requireAllFinite("xs", [1, 2]);
  requireLength("xs", [1, 2], 2);
});

Deno.test("validate: bad values throw errors naming the argument and the value", () => {
  assertThrowsWith(() => requireFinite("x", "1"), TypeError, "x must be a number");
  assertThrowsWith(() => requireFinite("x", Infinity), RangeError, "x must be finite");
  assertThrowsWith(() => requireInt("T", 0), RangeError, "T must be an integer >= 1, got 0");
  assertThrowsWith(() => requireInt("T", 2.5), RangeError, "got 2.5");
  assertThrowsWith(() => requireInt("k", 9, 0, 5), RangeError, "k must be an integer in [0, 5], got 9");
  assertThrowsWith(() => requirePositive("var", -1), RangeError, "var must be > 0, got -1");
  assertThrowsWith(() => requireInRange("p", 2, 0, 1), RangeError, "p must be in [0, 1]");
  assertThrowsWith(() => requireOneOf("sigma", "tiny", ["small", "large"]), TypeError, '"tiny"');
  assertThrowsWith(() => requireAllFinite("xs", [1, NaN]), RangeError, "xs[1]");
  assertThrowsWith(() => requireLength("xs", [1], 2), RangeError, "xs must have length 2");
});
