import { factoredSecondMoment, optimizerStateFloats } from "../../lib/train/mod.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

Deno.test("factoredSecondMoment: row/column sums, decay, exact on rank 1; validation", () => {
  const G2 = [[1, 2], [3, 4]];
  const { R, C, Vhat } = factoredSecondMoment(G2);
  assert.deepEqual(Array.from(R), [3, 7]);
  assert.deepEqual(Array.from(C), [4, 6]);
  assertAllClose(Vhat.flatMap((r) => Array.from(r)), [1.2, 1.8, 2.8, 4.2], { abs: 1e-12 });
  const next = factoredSecondMoment(G2, R, C, 0.5);
  assert.deepEqual(Array.from(next.R), [3, 7]);
  const V = [[2, 4], [3, 6]]; // rank 1
  assertAllClose(factoredSecondMoment(V).Vhat.flatMap((r) => Array.from(r)), [2, 4, 3, 6], { abs: 1e-12 });
  assertThrowsWith(() => factoredSecondMoment([[1, -1]]), RangeError, ">= 0");
  assertThrowsWith(() => factoredSecondMoment([[1, 2], [1]]), RangeError, "G2[1]");
  assertThrowsWith(() => factoredSecondMoment(G2, undefined, undefined, 1), RangeError, "beta");
  assertThrowsWith(() => factoredSecondMoment([]), TypeError, "G2");
});

Deno.test("optimizerStateFloats: Adam 2nm, AdaFactor n+m, LoRA 2r(n+m); validation", () => {
  assert.equal(optimizerStateFloats(4, 5, "adam"), 40);
  assert.equal(optimizerStateFloats(4, 5, "adafactor"), 9);
  assert.equal(optimizerStateFloats(4, 5, "lora-adam", 2), 36);
  assertThrowsWith(() => optimizerStateFloats(4, 5, "sgd" as "adam"), TypeError, "kind");
  assertThrowsWith(() => optimizerStateFloats(0, 5, "adam"), RangeError, "n");
});
