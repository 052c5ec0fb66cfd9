import { figureBundle, figureSummary, PLOTLY_MIME } from "../../lib/core/figure.ts";
import { inJupyter, showBundle } from "../../lib/core/jupyter.ts";
import { Progress } from "../../lib/core/progress.ts";
import { tableBundle } from "../../lib/core/table.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("jupyter: outside the kernel, display falls back to printing and does not throw", async () => {
  assert.equal(inJupyter(), false);
  await showBundle({ "text/plain": "" });
});

Deno.test("figure: bundle carries plotly JSON (typed arrays made plain, NaN made null) and a text summary", () => {
  const b = figureBundle({
    data: [
      { type: "scatter", name: "data", x: Float64Array.from([1, 2, 3]), y: [1, NaN, 9] },
      { type: "heatmap", z: [[1, 2], [3, 4]] },
    ],
    layout: { title: { text: "Ring" } },
    frames: [{ name: "0", data: [] }],
  });
  const json = b[PLOTLY_MIME] as {
    data: { x: unknown; y: unknown[] }[];
    layout: { template: string };
    frames: [];
  };
  assert.deepEqual(json.data[0].x, [1, 2, 3]);
  assert.equal(json.data[0].y[1], null);
  assert.equal(json.layout.template, "plotly_white");
  assert.equal(json.frames.length, 1);
  assert.equal(
    b["text/plain"],
    'Figure: Ring\n  trace 0: scatter "data", 3 points\n  trace 1: heatmap, 4 points\n  1 animation frames',
  );
  assert.equal(figureSummary({ data: [] }), "Figure: (untitled)");
});

Deno.test("figure: bad figures are rejected", () => {
  // deno-lint-ignore no-explicit-any
  assertThrowsWith(() => figureBundle({ data: "x" } as any), TypeError, "fig.data");
  // deno-lint-ignore no-explicit-any
  assertThrowsWith(() => figureBundle({ data: [null] } as any), TypeError, "fig.data[0]");
});

Deno.test("table: text and HTML renderings, ragged rows rejected", () => {
  const b = tableBundle(["a", "b"], [["x<y", 0.123456], ["z", null]], "cap");
  assert.equal(
    b["text/plain"],
    "cap\n| a   | b       |\n|-----|---------|\n| x<y | 0.12346 |\n| z   |         |",
  );
  assert.ok(String(b["text/html"]).includes("x&lt;y"));
  assertThrowsWith(() => tableBundle(["a", "b"], [["only one"]]), RangeError, "rows[0]");
});

Deno.test("progress: counts steps, clamps at the total, rejects bad totals", async () => {
  const p = new Progress("train", 4);
  await p.tick();
  await p.tick(10, { loss: 0.5 });
  assert.equal(p.done, 4);
  assert.match(p.text({ loss: 0.5 }), /train \[#+\] 4\/4 \(100%\) .* loss=0\.5/);
  assertThrowsWith(() => new Progress("x", 0), RangeError, "total");
  assertThrowsWith(() => new Progress("x", 3, { minIntervalMs: -1 }), RangeError, "minIntervalMs");
});
