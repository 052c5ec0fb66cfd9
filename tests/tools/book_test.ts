import assert from "node:assert/strict";
import {
  addPlotlyHtml,
  figureHeight,
  PLOTLY_MIME,
  plotlyHtml,
  scriptSafeJson,
} from "../../tools/book/plotly_html.ts";
import type { Notebook } from "../../tools/book/plotly_html.ts";
import { plotlyJsVersion } from "../../tools/book.ts";

const fig = {
  data: [{ type: "scatter", x: [1, 2], y: [3, 4], name: "</script><b>x" }],
  layout: { title: { text: "T" }, height: 300 },
  frames: [{ name: "f0", data: [{ y: [5, 6] }] }],
};

function notebook(outputs: Notebook["cells"][number]["outputs"]): Notebook {
  return {
    cells: [
      { cell_type: "markdown", metadata: {}, source: ["# 03 DDPM = *autoregressive* VAE\n", "text"] },
      { cell_type: "code", metadata: {}, source: "x", outputs },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Runs the script part of a plotlyHtml rendering against a fake Plotly, returning newPlot's arguments. */
function runRendering(html: string): { id: string; figure: Record<string, unknown> } {
  const script = /<script[^>]*>([\s\S]*)<\/script>/.exec(html)![1];
  let call: { id: string; figure: Record<string, unknown> } | null = null;
  const fakeWindow = {
    Plotly: {
      newPlot: (el: { id: string }, figure: Record<string, unknown>) => call = { id: el.id, figure },
    },
  };
  const fakeDocument = { getElementById: (id: string) => ({ id, textContent: "" }) };
  new Function("window", "document", script)(fakeWindow, fakeDocument);
  assert.ok(call, "the script did not call Plotly.newPlot");
  return call;
}

Deno.test("plotlyHtml draws data, layout and frames into its own div", () => {
  const html = plotlyHtml(fig, "plotly-1-0");
  assert.match(
    html,
    /^<div id="plotly-1-0" class="plotly-graph-div book-plotly" style="height:300px; width:100%;">/,
  );
  const { id, figure } = runRendering(html);
  assert.equal(id, "plotly-1-0");
  assert.deepEqual(figure.data, fig.data);
  assert.deepEqual(figure.layout, fig.layout);
  assert.deepEqual(figure.frames, fig.frames);
  assert.deepEqual(figure.config, { responsive: true, displaylogo: false });
});

Deno.test("plotlyHtml keeps hostile strings inside the script", () => {
  const html = plotlyHtml(fig, "p");
  assert.equal(html.match(/<\/script>/g)?.length, 1, "a </script> in the data must not end the script");
  assert.equal(scriptSafeJson("a</script>\u2028&"), '"a\\u003c/script\\u003e\\u2028\\u0026"');
  assert.equal(JSON.parse(scriptSafeJson("a</script>\u2028&")), "a</script>\u2028&");
});

Deno.test("plotlyHtml validates its arguments", () => {
  assert.throws(() => plotlyHtml(fig, "bad id"), TypeError);
  assert.throws(() => plotlyHtml(fig, "1abc"), TypeError);
  assert.throws(() => plotlyHtml({ data: {} as unknown[] }, "p"), /fig.data of p must be an array/);
  assert.equal(figureHeight({}), 450);
  assert.equal(figureHeight({ layout: { height: -1 } }), 450);
  assert.equal(figureHeight({ layout: { height: 320 } }), 320);
});

Deno.test("addPlotlyHtml adds text/html to plotly outputs only, without touching its input", () => {
  const nb = notebook([
    { output_type: "display_data", metadata: {}, data: { [PLOTLY_MIME]: fig, "text/plain": "Figure: T" } },
    { output_type: "stream", name: "stdout", text: "hi" },
    { output_type: "execute_result", metadata: {}, execution_count: 1, data: { "text/plain": "1" } },
    {
      output_type: "execute_result",
      metadata: {},
      execution_count: 2,
      data: { [PLOTLY_MIME]: { data: [] } },
    },
  ]);
  const before = structuredClone(nb);
  const { notebook: out, added } = addPlotlyHtml(nb);
  assert.equal(added, 2);
  assert.deepEqual(nb, before);
  const outs = out.cells[1].outputs!;
  assert.match(String(outs[0].data!["text/html"]), /id="plotly-1-0"/);
  assert.deepEqual(outs[0].data![PLOTLY_MIME], nb.cells[1].outputs![0].data![PLOTLY_MIME]);
  assert.equal(outs[2].data!["text/html"], undefined);
  assert.match(String(outs[3].data!["text/html"]), /id="plotly-1-3"/);
  assert.deepEqual(outs[1], nb.cells[1].outputs![1]);
  assert.throws(() => addPlotlyHtml({} as Notebook), TypeError);
});

Deno.test("plotlyJsVersion reads the bundle's header", () => {
  assert.equal(plotlyJsVersion("/**\n* plotly.js v4.1.1\n* Copyright"), "4.1.1");
  assert.equal(plotlyJsVersion("nothing"), null);
});
