/**
 * Tables for people: one bundle with `text/html` (styled in JupyterLab) and `text/markdown`-like `text/plain`.
 * @module
 */
import { escapeHtml, fmtValue } from "./format.ts";
import { showBundle } from "./jupyter.ts";
import type { MimeBundle } from "./jupyter.ts";

/** A table cell: numbers are formatted to 5 significant digits. */
export type Cell = string | number | boolean | null;

/** Builds the bundle of a table with `headers` and `rows` (every row as long as `headers`). */
export function tableBundle(headers: string[], rows: Cell[][], caption?: string): MimeBundle {
  rows.forEach((r, i) => {
    if (r.length !== headers.length) {
      throw new RangeError(`rows[${i}] has ${r.length} cells, headers has ${headers.length}`);
    }
  });
  const text = (c: Cell) => (c === null ? "" : fmtValue(c));
  const widths = headers.map((h, j) => Math.max(h.length, ...rows.map((r) => text(r[j]).length)));
  const line = (cells: string[]) => "| " + cells.map((c, j) => c.padEnd(widths[j])).join(" | ") + " |";
  const plain = [
    ...(caption ? [caption] : []),
    line(headers),
    "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|",
    ...rows.map((r) => line(r.map(text))),
  ].join("\n");
  const th = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const trs = rows.map((r) =>
    `<tr>${
      r.map((c) =>
        `<td style="text-align:${typeof c === "number" ? "right" : "left"}">${escapeHtml(text(c))}</td>`
      ).join("")
    }</tr>`
  ).join("");
  const cap = caption
    ? `<caption style="caption-side:top;text-align:left">${escapeHtml(caption)}</caption>`
    : "";
  return {
    "text/html": `<table>${cap}<thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`,
    "text/plain": plain,
  };
}

/** Shows a table as a cell output (or prints it outside the kernel). */
export async function showTable(headers: string[], rows: Cell[][], caption?: string): Promise<void> {
  await showBundle(tableBundle(headers, rows, caption));
}
