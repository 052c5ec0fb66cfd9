/**
 * The book's copy of an executed notebook (the executed notebook itself is not changed, and is what the reader
 * downloads). On the copy:
 * - the first code cell (the import cell) is tagged `hide-input`: the page shows its outputs (the run settings) and
 *   folds its source behind a toggle;
 * - run-settings and sizes tables are marked `run-settings` (the book's CSS sets them compact, in columns);
 * - every plotly output gets an interactive `text/html` rendering (plotly_html.ts);
 * - every claim gets an anchor `#claim-<id>` on the output row that made it (or, if that output was lost, on the
 *   cell whose source names the claim);
 * - after the first Markdown cell (the titles) comes a summary: links to download the executed notebook and to
 *   open it in JupyterLab or on a class hub, and the notebook's claims, each linking to its anchor.
 * Pure functions.
 * @module
 */
import { fmtValue } from "../../lib/core/format.ts";
import type { ClaimRecord } from "../report.ts";
import { cellSource, type NbCell, type NbOutput, type Notebook } from "../notebook.ts";
import { addPlotlyHtml } from "./plotly_html.ts";

/** The tag that folds a code cell's source (myst-nb / sphinx-togglebutton). */
export const HIDE_INPUT_TAG = "hide-input";

/** Captions of the tables the book shows compact. */
export const SETTINGS_CAPTION = /^(Run settings|Sizes\b|Settings\b)/;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The HTML id of a claim's anchor: `claim-<id>` with anything but letters, digits, `-` and `_` made `-`. */
export function claimAnchor(id: string): string {
  return `claim-${id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** Where the summary's links point. */
export interface PageLinks {
  /** The executed notebook, relative to the page (e.g. "executed/03-x.ipynb"). */
  download: string;
  /** JupyterLab's base URL (e.g. "http://localhost:8888/"), serving notebooks/; omitted when empty. */
  labUrl?: string;
  /** A JupyterHub's base URL (e.g. "http://localhost:8000/"), whose users have notebooks/ in their home. */
  hubUrl?: string;
}

/** How the notebook ran, from the report (all optional: a notebook missing from the report still gets a page). */
export interface RunFacts {
  status?: string;
  profile?: string;
  seconds?: number;
  cached?: boolean;
}

/** What {@link prepareNotebook} did. */
export interface Prepared {
  notebook: Notebook;
  /** Plotly outputs given an interactive rendering. */
  plots: number;
  /** Index (in the original notebook) of the cell tagged hide-input, or -1. */
  importCell: number;
  /** Claim id -> whether an anchor was placed for it. */
  anchors: Record<string, boolean>;
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : url + "/";
}

function text(v: unknown): string {
  return Array.isArray(v) ? v.join("") : typeof v === "string" ? v : "";
}

/** The summary cell's HTML: one block with no blank line, so Markdown passes it through as raw HTML. */
export function summaryHtml(
  name: string,
  claims: readonly ClaimRecord[],
  links: PageLinks,
  run: RunFacts,
  anchors: Record<string, boolean>,
): string {
  const file = `${name}.ipynb`;
  const actions = [
    `<a class="book-download" href="${escapeHtml(links.download)}" download="${
      escapeHtml(file)
    }">Download the executed notebook (${escapeHtml(file)})</a>`,
  ];
  if (links.labUrl) {
    actions.push(
      `<a class="book-open-lab" href="${
        escapeHtml(withTrailingSlash(links.labUrl) + "lab/tree/" + encodeURIComponent(file))
      }">Open in JupyterLab</a> (a local <code>./deno task lab</code>)`,
    );
  }
  if (links.hubUrl) {
    actions.push(
      `<a class="book-open-hub" href="${
        escapeHtml(
          withTrailingSlash(links.hubUrl) + "hub/user-redirect/lab/tree/notebooks/" +
            encodeURIComponent(file),
        )
      }">Open on the class hub</a>`,
    );
  }
  const counts = { held: 0, failed: 0, deviation: 0 };
  for (const c of claims) if (c.verdict in counts) counts[c.verdict as keyof typeof counts]++;
  const how = [
    run.profile ? `${run.profile} profile` : "",
    run.status ? `run ${run.status}${run.cached ? " (cached)" : ""}` : "",
    run.seconds !== undefined ? `${run.seconds.toFixed(1)} s` : "",
  ].filter(Boolean).join(", ");
  const caption = claims.length
    ? `Claims of this notebook: ${counts.held} held, ${counts.failed} failed, ${counts.deviation} deviation` +
      (how ? ` (${how})` : "")
    : `No claims recorded${how ? ` (${how})` : ""}`;
  const rows = claims.map((c) => {
    const id = escapeHtml(c.id);
    const cellLink = anchors[c.id] ? `<a href="#${claimAnchor(c.id)}">${id}</a>` : id;
    const verdict = c.verdict + (c.reason ? `: ${c.reason}` : "");
    return `<tr class="verdict-${escapeHtml(c.verdict)}"><td>${cellLink}</td><td>${
      escapeHtml(c.kind ?? "")
    }</td>` +
      `<td>${escapeHtml(c.provenance ?? "")}</td><td>${escapeHtml(fmtValue(c.measured))}</td>` +
      `<td>${escapeHtml(fmtValue(c.expected))}</td><td class="verdict">${escapeHtml(verdict)}</td></tr>`;
  });
  const table = claims.length
    ? `<table class="claims-table"><thead><tr><th>claim (links to its cell)</th><th>kind</th>` +
      `<th>expected from</th><th>measured</th><th>expected</th><th>verdict</th></tr></thead><tbody>` +
      rows.join("") + `</tbody></table>`
    : "";
  return `<div class="book-summary"><p class="book-actions">${actions.join(" · ")}</p>` +
    `<details class="claims-summary"${claims.length ? " open" : ""}><summary>${
      escapeHtml(caption)
    }</summary>${table}</details></div>`;
}

function findClaimOutput(cells: NbCell[], id: string): { cell: number; output: number } | null {
  const prefix = `claim ${id} [`;
  for (let ci = 0; ci < cells.length; ci++) {
    const outs = cells[ci].outputs ?? [];
    for (let oi = 0; oi < outs.length; oi++) {
      if (text(outs[oi].data?.["text/plain"]).startsWith(prefix)) return { cell: ci, output: oi };
    }
  }
  return null;
}

function findClaimSource(cells: NbCell[], id: string): number {
  const quoted = [`"${id}"`, `'${id}'`, `\`${id}\``];
  return cells.findIndex((c) => c.cell_type === "code" && quoted.some((q) => cellSource(c).includes(q)));
}

function markSettingsTables(cells: NbCell[]): void {
  for (const cell of cells) {
    for (const out of cell.outputs ?? []) {
      const html = text(out.data?.["text/html"]);
      const caption = /^<table><caption[^>]*>([^<]*)<\/caption>/.exec(html);
      if (caption && SETTINGS_CAPTION.test(caption[1]) && out.data) {
        out.data["text/html"] = `<div class="run-settings">${html}</div>`;
      }
    }
  }
}

/** Builds the book's copy of an executed notebook (see the module doc). The input is not modified. */
export function prepareNotebook(
  nb: Notebook,
  name: string,
  claims: readonly ClaimRecord[],
  links: PageLinks,
  run: RunFacts = {},
): Prepared {
  const { notebook, added } = addPlotlyHtml(nb);
  const cells = notebook.cells;
  const importCell = cells.findIndex((c) => c.cell_type === "code");
  if (importCell >= 0) {
    const meta = cells[importCell].metadata ??= {};
    const tags = Array.isArray(meta.tags) ? meta.tags as string[] : [];
    if (!tags.includes(HIDE_INPUT_TAG)) meta.tags = [...tags, HIDE_INPUT_TAG];
  }
  markSettingsTables(cells);
  const anchors: Record<string, boolean> = {};
  for (const c of claims) {
    if (c.id in anchors) continue;
    const at = findClaimOutput(cells, c.id);
    if (at) {
      const out = cells[at.cell].outputs![at.output];
      const html = text(out.data?.["text/html"]) ||
        `<pre>${escapeHtml(text(out.data?.["text/plain"]))}</pre>`;
      out.data!["text/html"] = `<div id="${claimAnchor(c.id)}" class="claim-anchor">${html}</div>`;
      anchors[c.id] = true;
      continue;
    }
    const ci = findClaimSource(cells, c.id);
    if (ci >= 0) {
      const anchor: NbOutput = {
        output_type: "display_data",
        data: { "text/html": `<span id="${claimAnchor(c.id)}" class="claim-anchor"></span>` },
        metadata: {},
      };
      (cells[ci].outputs ??= []).unshift(anchor);
      anchors[c.id] = true;
    } else {
      anchors[c.id] = false;
    }
  }
  const summary: NbCell = {
    cell_type: "markdown",
    metadata: {},
    source: summaryHtml(name, claims, links, run, anchors),
  };
  const firstMd = cells.findIndex((c) => c.cell_type === "markdown");
  cells.splice(firstMd >= 0 ? firstMd + 1 : 0, 0, summary);
  return { notebook, plots: added, importCell, anchors };
}
