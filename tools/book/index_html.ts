/**
 * The book's index page: one row per executed notebook with its title, run status, time and claims totals
 * (held / failed / deviations) from out/report.json when present. Pure functions.
 * @module
 */
import type { Notebook } from "./plotly_html.ts";

/** A claim as out/report.json carries it (only the verdict is used here). */
export interface ReportClaim {
  id?: string;
  verdict: "held" | "failed" | "deviation" | string;
}

/** One notebook of out/report.json. */
export interface ReportNotebook {
  notebook: string;
  profile?: string;
  status?: "ok" | "error" | "timeout" | string;
  seconds?: number;
  claims?: ReportClaim[];
}

/** out/report.json (only what the index reads). */
export interface Report {
  notebooks: ReportNotebook[];
}

/** One row of the index. */
export interface BookEntry {
  /** Notebook name without extension, e.g. "03-ddpm-autoregressive-vae". */
  name: string;
  /** Its title (first Markdown heading), or the name. */
  title: string;
  /** Link to its page, relative to the index. */
  href: string;
  /** From the report, when the notebook is in it. */
  status?: string;
  profile?: string;
  seconds?: number;
  held?: number;
  failed?: number;
  deviation?: number;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The first Markdown heading of a notebook (without the `#`s and inline markup), or null. */
export function notebookTitle(nb: Notebook): string | null {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const text = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    const m = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/m.exec(text);
    if (m) return m[1].replace(/[*_`]/g, "").trim();
  }
  return null;
}

/** Counts claims by verdict. */
export function claimCounts(claims: ReportClaim[] = []): { held: number; failed: number; deviation: number } {
  const counts = { held: 0, failed: 0, deviation: 0 };
  for (const c of claims) {
    if (c.verdict === "held" || c.verdict === "failed" || c.verdict === "deviation") counts[c.verdict]++;
  }
  return counts;
}

/** The index rows for notebooks `names` (with their titles), joined with the report's rows by notebook name. */
export function bookEntries(
  notebooks: { name: string; title: string | null }[],
  report: Report | null,
): BookEntry[] {
  const byName = new Map((report?.notebooks ?? []).map((r) => [r.notebook, r]));
  return notebooks.map(({ name, title }) => {
    const entry: BookEntry = { name, title: title ?? name, href: `${encodeURIComponent(name)}.html` };
    const r = byName.get(name);
    if (r) {
      Object.assign(
        entry,
        { status: r.status, profile: r.profile, seconds: r.seconds },
        claimCounts(r.claims),
      );
    }
    return entry;
  });
}

function cell(value: string | number | undefined, cls = ""): string {
  const text = value === undefined ? "–" : escapeHtml(String(value));
  return `<td${cls ? ` class="${cls}"` : ""}>${text}</td>`;
}

/** The index page (self-contained HTML, no scripts). */
export function bookIndexHtml(
  entries: BookEntry[],
  options: { title?: string; generated?: string } = {},
): string {
  const title = options.title ?? "Scientific Spaces notebooks";
  const sum = (k: "held" | "failed" | "deviation") => entries.reduce((s, e) => s + (e[k] ?? 0), 0);
  const rows = entries.map((e) =>
    `<tr>${cell(e.name.slice(0, 2), "num")}<td><a href="${escapeHtml(e.href)}">${
      escapeHtml(e.title)
    }</a></td>` +
    cell(e.status, `status ${e.status ?? "none"}`) + cell(e.profile) +
    cell(e.seconds === undefined ? undefined : e.seconds.toFixed(1), "num") + cell(e.held, "num") +
    cell(e.failed, e.failed ? "num bad" : "num") + cell(e.deviation, "num") + `</tr>`
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d0d7de; padding: 0.35rem 0.6rem; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status.ok { color: #1a7f37; } .status.error, .status.timeout, .bad { color: #cf222e; font-weight: 600; }
tfoot td { font-weight: 600; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Executed notebooks, with their run status and claims (from out/report.json)${
    options.generated ? `; built ${escapeHtml(options.generated)}` : ""
  }.</p>
<table>
<thead><tr><th class="num">#</th><th>Notebook</th><th>Status</th><th>Profile</th><th class="num">Seconds</th>` +
    `<th class="num">Held</th><th class="num">Failed</th><th class="num">Deviations</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
<tfoot><tr><td></td><td>${entries.length} notebooks</td><td></td><td></td><td></td>${
      cell(sum("held"), "num")
    }${cell(sum("failed"), "num")}${cell(sum("deviation"), "num")}</tr></tfoot>
</table>
</body>
</html>
`;
}

/** Adds a link back to the index at the top of a book page's body. */
export function addIndexLink(html: string): string {
  const m = /<body[^>]*>/i.exec(html);
  if (!m) throw new Error("the page has no <body>: cannot add the index link");
  const at = m.index + m[0].length;
  const nav =
    `\n<nav class="book-nav" style="max-width:72rem;margin:0.5rem auto;padding:0 1rem;font-family:` +
    `system-ui,sans-serif"><a href="index.html">&larr; All notebooks</a></nav>`;
  return html.slice(0, at) + nav + html.slice(at);
}
