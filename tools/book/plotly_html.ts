/**
 * The book's rendering of plotly outputs: nbconvert knows nothing of `application/vnd.plotly.v1+json`, so before
 * converting, every output carrying it gets a `text/html` part — a div and a script calling `Plotly.newPlot` with the
 * figure's data, layout and frames — drawn by the local plotly.min.js the book page loads. Pure functions.
 * @module
 */
import { PLOTLY_MIME } from "../../lib/core/figure.ts";
import type { NbCell, NbOutput, Notebook } from "../notebook.ts";

/** The MIME type of plotly figures (lib/core's, as JupyterLab's renderer uses it). */
export { PLOTLY_MIME };

/** A plotly figure as stored in an output: data, layout, frames (anything else is ignored). */
export interface PlotlyFigureJson {
  data?: unknown[];
  layout?: Record<string, unknown>;
  frames?: unknown[];
  config?: Record<string, unknown>;
}

export type { NbCell, NbOutput, Notebook };

/** JSON that is safe inside a `<script>` element (no `</script>`, no `<!--`, no U+2028/2029 line breaks). */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** The height in px the div gets: the layout's height if it is a positive number, else 450. */
export function figureHeight(fig: PlotlyFigureJson): number {
  const h = fig.layout?.height;
  return typeof h === "number" && Number.isFinite(h) && h > 0 ? h : 450;
}

/**
 * The `text/html` rendering of a plotly figure: a div with id `id` and a script that draws `fig` into it with
 * `Plotly.newPlot(div, {data, layout, frames, config})` (responsive, no plotly logo). `id` must be a valid,
 * page-unique HTML id (letters, digits, `-`, `_`).
 */
export function plotlyHtml(fig: PlotlyFigureJson, id: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(id)) {
    throw new TypeError(`id must be a plain HTML id, got ${JSON.stringify(id)}`);
  }
  if (fig === null || typeof fig !== "object") throw new TypeError("fig must be a plotly figure object");
  if (fig.data !== undefined && !Array.isArray(fig.data)) {
    throw new TypeError(`fig.data of ${id} must be an array`);
  }
  const figure = {
    data: fig.data ?? [],
    layout: fig.layout ?? {},
    frames: fig.frames ?? [],
    config: { responsive: true, displaylogo: false, ...(fig.config ?? {}) },
  };
  return [
    `<div id="${id}" class="plotly-graph-div book-plotly" style="height:${
      figureHeight(fig)
    }px; width:100%;"></div>`,
    `<script type="text/javascript">`,
    `(function () {`,
    `  var el = document.getElementById(${JSON.stringify(id)});`,
    `  if (!window.Plotly) { el.textContent = "plotly.min.js did not load: this figure cannot be drawn."; return; }`,
    `  window.Plotly.newPlot(el, ${scriptSafeJson(figure)});`,
    `})();`,
    `</script>`,
  ].join("\n");
}

/** What {@link addPlotlyHtml} did. */
export interface AddPlotlyResult {
  /** A copy of the notebook with `text/html` added to plotly outputs. */
  notebook: Notebook;
  /** How many outputs got a rendering. */
  added: number;
}

/**
 * Adds a {@link plotlyHtml} `text/html` part to every display_data / execute_result / update output carrying
 * {@link PLOTLY_MIME} (the existing `text/html`, if any, is replaced). Ids are `plotly-<cell>-<output>`, unique within
 * the notebook (prefixed with `idPrefix`). The input is not modified.
 */
export function addPlotlyHtml(nb: Notebook, idPrefix = "plotly"): AddPlotlyResult {
  if (!nb || !Array.isArray(nb.cells)) throw new TypeError("nb must be a notebook with a cells array");
  const notebook = structuredClone(nb) as Notebook;
  let added = 0;
  notebook.cells.forEach((cell, ci) => {
    (cell.outputs ?? []).forEach((out, oi) => {
      const fig = out.data?.[PLOTLY_MIME];
      if (fig === undefined || out.data === undefined) return;
      out.data["text/html"] = plotlyHtml(fig as PlotlyFigureJson, `${idPrefix}-${ci}-${oi}`);
      added++;
    });
  });
  return { notebook, added };
}
