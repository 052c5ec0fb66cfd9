import fc from "fast-check";
import {
  capabilityTable,
  capabilityUnder,
  capabilityValue,
  capabilityWord,
  requireCapability,
} from "../../lib/automata/capability.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("capabilityTable evaluates every check on every scheme and validates results", () => {
  const t = capabilityTable({ p: 2, q: 3 }, {
    even: (n) => n % 2 === 0,
    big: (n) => (n > 2 ? true : "unknown"),
  });
  assert.deepEqual(t, { p: { even: true, big: "unknown" }, q: { even: false, big: true } });
  assertThrowsWith(
    () => capabilityTable({ p: 1 }, { bad: () => "maybe" as never }),
    TypeError,
    "checks.bad(p)",
  );
  assertThrowsWith(() => capabilityTable({}, { a: () => true }), RangeError, "schemes");
  assertThrowsWith(() => capabilityTable({ p: 1 }, {}), RangeError, "checks");
  assertThrowsWith(() => capabilityTable({ p: 1 }, { a: 1 as never }), TypeError, "checks.a");
  assertThrowsWith(() => capabilityTable(null as never, { a: () => true }), TypeError, "schemes");
  assertThrowsWith(
    () =>
      capabilityTable({ p: 1 }, {
        boom: () => {
          throw new Error("x");
        },
      }),
    Error,
    "check boom failed on scheme p",
  );
});

Deno.test("capabilityUnder: true / unknown / false, and refuses non-monotone checks", () => {
  const has = (x: string) => (allowed: readonly string[]) => allowed.includes(x);
  assert.equal(capabilityUnder(has("a"), ["a"], ["b"]), true);
  assert.equal(capabilityUnder(has("b"), ["a"], ["b"]), "unknown");
  assert.equal(capabilityUnder(has("c"), ["a"], ["b"]), false);
  assert.equal(capabilityUnder(has("c"), ["a"]), false);
  assertThrowsWith(() => capabilityUnder((a) => a.length < 2, ["a"], ["b"]), RangeError, "monotone");
  assertThrowsWith(() => capabilityUnder(1 as never, []), TypeError, "check");
  assertThrowsWith(() => capabilityUnder(has("a"), "a" as never), TypeError, "known");
  assertThrowsWith(() => capabilityUnder(has("a"), [], "b" as never), TypeError, "maybe");
  assertThrowsWith(() => capabilityUnder(() => 1 as never, []), TypeError, "boolean");
});

Deno.test("property: capabilityUnder of 'contains any of T' matches the three-valued definition", () => {
  const ev = fc.subarray(["a", "b", "c", "d", "e"]);
  fc.assert(
    fc.property(ev, ev, ev, (target, known, maybe) => {
      const v = capabilityUnder((al) => target.some((t) => al.includes(t)), known, maybe);
      const lo = target.some((t) => known.includes(t)),
        hi = target.some((t) => known.includes(t) || maybe.includes(t));
      assert.equal(v, lo ? true : hi ? "unknown" : false);
    }),
    { numRuns: 200, seed: 15 },
  );
});

Deno.test("capability words and values", () => {
  assert.deepEqual([true, "unknown", false].map((v) => capabilityValue(v as never)), [1, 0.5, 0]);
  assert.deepEqual([true, "unknown", false].map((v) => capabilityWord(v as never)), ["yes", "unknown", "no"]);
  assertThrowsWith(() => capabilityValue("no" as never), TypeError, "v");
  assertThrowsWith(() => requireCapability("cell", 0), TypeError, "cell");
});
