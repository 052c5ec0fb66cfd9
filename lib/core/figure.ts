/**
 * Typed plotly figures shown as one MIME bundle: `application/vnd.plotly.v1+json` (drawn interactively by
 * JupyterLab through Python plotly's renderer, and by the HTML book) plus a short deterministic `text/plain`
 * summary (title, each trace's type, name and point count) that survives where no renderer exists. Plotly itself
 * cannot run in Deno (no DOM): Deno builds the JSON, the front end draws it.
 * @module
 */
import type { Data, Frame, Layout } from "plotly.js";
import { showBundle } from "./jupyter.ts";
import type { MimeBundle } from "./jupyter.ts";

/** A plotly figure: traces, layout and optional animation frames (drawn by the front end). */
export interface Figure {
  data: Data[];
  layout?: Partial<Layout>;
  frames?: Partial<Frame>[];
}

/** The MIME type JupyterLab's plotly renderer draws. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

function titleOf(layout: Partial<Layout> | undefined): string {
  const t = layout?.title as unknown;
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && "text" in t) return String((t as { text: unknown }).text ?? "");
  return "";
}

function pointCount(trace: Record<string, unknown>): number {
  for (const key of ["x", "y", "z", "values", "r"]) {
    const v = trace[key];
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      const arr = v as ArrayLike<unknown>;
      // heatmaps: z is an array of rows
      if (key === "z" && arr.length > 0 && Array.isArray(arr[0])) {
        return arr.length * (arr[0] as unknown[]).length;
      }
      return arr.length;
    }
  }
  return 0;
}

/** The deterministic text summary of a figure (used as `text/plain`). */
export function figureSummary(fig: Figure): string {
  const lines = [`Figure: ${titleOf(fig.layout) || "(untitled)"}`];
  fig.data.forEach((d, i) => {
    const t = d as Record<string, unknown>;
    const name = typeof t.name === "string" ? ` "${t.name}"` : "";
    lines.push(`  trace ${i}: ${String(t.type ?? "scatter")}${name}, ${pointCount(t)} points`);
  });
  if (fig.frames && fig.frames.length > 0) lines.push(`  ${fig.frames.length} animation frames`);
  return lines.join("\n");
}

function plainJson(value: unknown): unknown {
  // typed arrays become plain arrays; non-finite numbers become null (JSON has no NaN)
  return JSON.parse(JSON.stringify(value, (_k, v) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      return Array.from(v as unknown as ArrayLike<number>);
    }
    if (typeof v === "number" && !Number.isFinite(v)) return null;
    return v;
  }));
}

/** Builds the MIME bundle of `fig` (validated: at least one trace, every trace an object). */
export function figureBundle(fig: Figure): MimeBundle {
  if (!fig || !Array.isArray(fig.data)) throw new TypeError("fig.data must be an array of traces");
  fig.data.forEach((d, i) => {
    if (d === null || typeof d !== "object") throw new TypeError(`fig.data[${i}] must be a trace object`);
  });
  const layout = { template: "plotly_white", ...(fig.layout ?? {}) };
  const json: Record<string, unknown> = { data: fig.data, layout };
  if (fig.frames) json.frames = fig.frames;
  return { [PLOTLY_MIME]: plainJson(json) as object, "text/plain": figureSummary(fig) };
}

/** Shows a figure as a cell output (outside the kernel: prints its summary). */
export async function showFigure(fig: Figure): Promise<void> {
  await showBundle(figureBundle(fig));
}
