import { sensitivity } from "../../lib/physics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const base = { a: 2, b: 3, c: 0.9 };
const f = (p: typeof base) => p.a * p.b + p.c;

Deno.test("sensitivity: one at a time", () => {
  const s = sensitivity(base, ["a", "b"], [0.5, 2], f);
  assert.equal(s.rows.length, 1 + 2 * 2);
  assertClose(s.nominal, 6.9, { abs: 1e-12 });
  assertClose(s.min, 3.9, { abs: 1e-12 }); // a or b halved
  assertClose(s.max, 12.9, { abs: 1e-12 });
  assert.ok(s.argmax.a === 2 || s.argmax.b === 2);
});

Deno.test("sensitivity: corners and clamping", () => {
  const s = sensitivity(base, ["a", "b", "c"], [0.5, 2], f, "corners", { c: [0, 1] });
  assert.equal(s.rows.length, 1 + 8);
  assertClose(s.max, 4 * 6 + 1, { abs: 1e-12 }); // c clamped at 1
  assertClose(s.min, 1 * 1.5 + 0.45, { abs: 1e-12 });
  assert.deepEqual(s.argmin, { a: 0.5, b: 0.5, c: 0.5 });
});

Deno.test("sensitivity: bad inputs", () => {
  assertThrowsWith(() => sensitivity(base, [], [1], f), TypeError, "keys");
  assertThrowsWith(() => sensitivity(base, ["a"], [], f), TypeError, "factors");
  assertThrowsWith(() => sensitivity(base, ["a"], [-1], f), RangeError, "factors[0]");
  assertThrowsWith(() => sensitivity(base, ["a"], [1], 3 as never), TypeError, "f");
  assertThrowsWith(() => sensitivity(base, ["a"], [1], () => NaN), RangeError, "f(base)");
  assertThrowsWith(() => sensitivity(base, ["a"], [1], f, "grid" as never), TypeError, "design");
  assertThrowsWith(() => sensitivity({ a: NaN }, ["a"], [1], () => 1), RangeError, "base.a");
});
