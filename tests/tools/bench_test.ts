import assert from "node:assert/strict";
import { fmtMs, formatTable, measure, medianOf } from "../../tools/bench/measure.ts";

Deno.test("medianOf: odd, even, unsorted; rejects empty and non-finite", () => {
  assert.equal(medianOf([3, 1, 2]), 2);
  assert.equal(medianOf([4, 1, 3, 2]), 2.5);
  assert.throws(() => medianOf([]), RangeError);
  assert.throws(() => medianOf([1, NaN]), RangeError);
});

Deno.test("measure: warm-up calls are not timed", async () => {
  let calls = 0;
  const t = await measure(() => {
    calls++;
  }, { warmup: 2, repeats: 5 });
  assert.equal(calls, 7);
  assert.equal(t.runs.length, 5);
  assert.ok(t.min <= t.median);
  await assert.rejects(() => measure(() => {}, { repeats: 0 }), RangeError);
});

Deno.test("formatTable aligns text left and numbers right", () => {
  const text = formatTable(["name", "ms", "runs"], [["a", 1.234, "20"], ["long name", 123.4, "5"]]);
  assert.equal(
    text,
    [
      "name         ms  runs",
      "---------  ----  ----",
      "a          1.23    20",
      "long name   123     5",
    ].join("\n"),
  );
  assert.throws(() => formatTable(["a", "b"], [["x"]]), RangeError);
  assert.equal(fmtMs(12.345), "12.3");
});
