/**
 * The book's own pages and its Jupyter Book 1 project files, as text: the home page (the notebooks by area, with
 * English and Chinese titles and claims counts), the claims report page (every claim linking to the cell that
 * makes it), the API reference page, `_toc.yml` (areas in publication order) and `_config.yml` (offline maths and
 * plotly, light/dark theme, search). `_config.yml` is written as JSON, which YAML reads as it is. Pure functions.
 * @module
 */
import { fmtValue } from "../../lib/core/format.ts";
import type { ClaimRecord } from "../report.ts";
import { CLAIM_KINDS, countByKind, PROVENANCES } from "../../lib/core/claim_kinds.ts";
import { mdCell, type NotebookReport } from "../report.ts";
import { type Area, groupByArea, navTitle, type NotebookInfo } from "./areas.ts";
import { claimAnchor, escapeHtml } from "./prepare.ts";

/** One notebook of the book. */
export interface BookNotebook {
  info: NotebookInfo;
  claims: ClaimRecord[];
  /** Its entry in out/report.json, when the report has it. */
  run?: NotebookReport;
}

/** The site's title. */
export const BOOK_TITLE = "Scientific Spaces notebooks";

/** The documents of the "Reference" part (file names without extension). */
export const CLAIMS_PAGE = "claims";
export const API_PAGE = "api";

function counts(claims: readonly ClaimRecord[]) {
  const c = { held: 0, failed: 0, deviation: 0 };
  for (const r of claims) if (r.verdict in c) c[r.verdict as keyof typeof c]++;
  return c;
}

function runText(run: NotebookReport | undefined): string {
  if (!run) return "not in the report";
  return `${run.status}${run.cached ? " (cached)" : ""}, ${run.profile}, ${run.seconds.toFixed(1)} s`;
}

function mdRow(cells: string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function mdTable(head: string[], rows: string[][]): string {
  return [mdRow(head), `|${head.map(() => "---").join("|")}|`, ...rows.map(mdRow)].join("\n");
}

/** A Markdown link to a notebook's page (MyST resolves it to the document). */
function docLink(name: string, text: string): string {
  return `[${mdCell(text).replace(/[[\]]/g, "\\$&")}](${name}.ipynb)`;
}

/** The home page (index.md). */
export function indexPage(notebooks: readonly BookNotebook[], generated: string): string {
  const all = notebooks.flatMap((n) => n.claims);
  const c = counts(all);
  const profiles = [...new Set(notebooks.map((n) => n.run?.profile).filter(Boolean))];
  const parts = [
    `# ${BOOK_TITLE}`,
    `Jupyter notebooks that re-derive and re-run, at CPU scale, articles of Su Jianlin's blog ` +
    `[Scientific Spaces (科学空间)](https://kexue.fm), mid-2022 to 2023: diffusion models, attention and ` +
    `scaling, retrieval, training, and a few life notes. Each notebook checks the article's steps and ` +
    `experiments and records them as **claims**, each with a verdict.`,
    `This book holds ${notebooks.length} executed notebook(s) with ${all.length} claim(s): ${c.held} held, ` +
    `${c.failed} failed, ${c.deviation} deviation(s)` +
    (profiles.length ? ` (${profiles.join(", ")} profile)` : "") + `. Built ${generated}.`,
    `Every page opens with its claims (each links to the cell that makes it), a download link for the ` +
    `executed notebook, and links to open it in JupyterLab or on a class hub. See also the ` +
    `[claims report](${CLAIMS_PAGE}.md) and the [API reference](${API_PAGE}.md) of the library.`,
  ];
  for (const { area, items } of groupByArea(notebooks.map((n) => ({ name: n.info.name, n })))) {
    parts.push(`## ${area.title}`);
    parts.push(mdTable(
      ["#", "title", "中文标题", "date", "claims held / failed / deviation", "run"],
      items.map(({ n }) => {
        const k = counts(n.claims);
        return [
          n.info.name.slice(0, 2),
          docLink(n.info.name, n.info.english || n.info.name),
          mdCell(n.info.chinese),
          n.info.date,
          `${k.held} / ${k.failed} / ${k.deviation}`,
          mdCell(runText(n.run)),
        ];
      }),
    ));
  }
  return parts.join("\n\n") + "\n";
}

const KIND_MEANS: Record<string, string> = {
  derivation: "a step of an article's derivation checked by an independent route",
  estimate: "a Monte Carlo or numerical estimate of an exactly known quantity",
  experiment: "an experiment of an article or paper re-run at CPU scale",
  finding: "a notebook's own observation, or an erratum with its proof",
};

/** The claims report page (claims.md): by kind and provenance, then every notebook's claims linked to their cells. */
export function claimsPage(notebooks: readonly BookNotebook[], generated: string): string {
  const all = notebooks.flatMap((n) => n.claims);
  const byKind = countByKind(all.filter((c) => CLAIM_KINDS.includes(c.kind)));
  const prov = Object.fromEntries(PROVENANCES.map((p) => [p, 0])) as Record<string, number>;
  for (const c of all) if (c.provenance in prov) prov[c.provenance]++;
  const exp = byKind.experiment, der = byKind.derivation;
  const parts = [
    `# Claims report`,
    `Every claim of the ${notebooks.length} notebook(s) in this book, as their ledgers recorded them ` +
    `(out/report.json and out/claims/). Built ${generated}. The same report for machines: ` +
    `<a href="report.json">report.json</a>, for people: <a href="report.md">report.md</a>.`,
    `## Claims by kind`,
    `${exp.held} of ${
      exp.held + exp.failed + exp.deviation
    } experiment claim(s) are reproduced at this scale ` +
    `(${exp.deviation} deviation(s), ${exp.failed} failed), and ${der.held} of ` +
    `${der.held + der.failed + der.deviation} derivation step(s) are checked by an independent route.`,
    mdTable(
      ["kind", "what it is", "claims", "held", "failed", "deviation"],
      CLAIM_KINDS.map((k) => {
        const v = byKind[k];
        return [k, KIND_MEANS[k], v.held + v.failed + v.deviation, v.held, v.failed, v.deviation].map(String);
      }),
    ),
    `Where the expected values come from: ${PROVENANCES.map((p) => `${p} ${prov[p]}`).join(" · ")}. ` +
    `"brief prototype" is a number computed while the notebook was specified, with a similar model: the ` +
    `weakest provenance, named as such.`,
    `## Notebooks`,
    mdTable(
      ["notebook", "run", "held", "failed", "deviation"],
      notebooks.map((n) => {
        const k = counts(n.claims);
        return [
          docLink(n.info.name, navTitle(n.info)),
          mdCell(runText(n.run)),
          ...[k.held, k.failed, k.deviation]
            .map(String),
        ];
      }),
    ),
  ];
  for (const n of notebooks) {
    parts.push(`## ${mdCell(navTitle(n.info)).replace(/^#+/, "")}`);
    const e = n.run?.error;
    parts.push(
      `${docLink(n.info.name, "Open the notebook")}. Run: ${mdCell(runText(n.run))}.` +
        (e ? ` Stopped at cell ${e.cell_index}: ${mdCell(`${e.ename}: ${e.evalue.split("\n")[0]}`)}` : ""),
    );
    if (n.claims.length === 0) {
      parts.push("No claims recorded.");
      continue;
    }
    parts.push(mdTable(
      ["claim", "kind", "expected from", "measured", "expected", "relation", "verdict", "source"],
      n.claims.map((c) => [
        `<a href="${escapeHtml(n.info.name)}.html#${claimAnchor(c.id)}">${escapeHtml(c.id)}</a>`,
        mdCell(c.kind ?? ""),
        mdCell(c.provenance ?? ""),
        mdCell(escapeHtml(fmtValue(c.measured))),
        mdCell(escapeHtml(fmtValue(c.expected))),
        mdCell(escapeHtml(c.relation ?? "")),
        `<span class="verdict-${escapeHtml(c.verdict)}">${mdCell(escapeHtml(c.verdict))}</span>` +
        (c.reason ? `: ${mdCell(escapeHtml(c.reason))}` : ""),
        mdCell(escapeHtml(c.source ?? "")),
      ]),
    ));
  }
  return parts.join("\n\n") + "\n";
}

/** One documented library area for the API page. */
export interface ApiArea {
  /** e.g. "core". */
  area: string;
  /** Link to its page in the generated reference, relative to the book's root. */
  href: string;
  /** The first sentence of its mod.ts module doc. */
  summary: string;
}

/** The API reference page (api.md): what it is and one link per library area. */
export function apiPage(areas: readonly ApiArea[], omitted: readonly string[]): string {
  const parts = [
    `# API reference`,
    `The library's public modules, \`lib/<area>/mod.ts\`, documented from their JSDoc by \`deno doc --html\` ` +
    `(each export names the article equation it implements). One page per area below, or ` +
    `<a href="api/all_symbols.html">every symbol</a>; the reference has its own search.`,
    mdTable(
      ["area", "what it holds"],
      areas.map((a) => [`<a href="${escapeHtml(a.href)}">lib/${escapeHtml(a.area)}</a>`, mdCell(a.summary)]),
    ),
  ];
  if (omitted.length) {
    parts.push(
      `Left out of the reference: ${omitted.map((o) => `\`${o}\``).join(", ")} — npm packages the library ` +
        `re-exports unchanged (their own documentation applies).`,
    );
  }
  return parts.join("\n\n") + "\n";
}

/** `_toc.yml`: the home page, one part per area (notebooks in publication order), then the reference pages. */
export function tocYaml(notebooks: readonly BookNotebook[]): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = ["format: jb-book", "root: index", "parts:"];
  const part = (area: Pick<Area, "title">, chapters: { file: string; title: string }[]) => {
    lines.push(`  - caption: ${q(area.title)}`, `    chapters:`);
    for (const c of chapters) lines.push(`      - file: ${q(c.file)}`, `        title: ${q(c.title)}`);
  };
  for (const { area, items } of groupByArea(notebooks.map((n) => ({ name: n.info.name, n })))) {
    part(area, items.map(({ n }) => ({ file: n.info.name, title: navTitle(n.info) })));
  }
  part({ title: "Reference" }, [
    { file: CLAIMS_PAGE, title: "Claims report" },
    { file: API_PAGE, title: "API reference" },
  ]);
  return lines.join("\n") + "\n";
}

/** What `_config.yml` needs from the build. */
export interface ConfigOptions {
  /** MathJax's path under _static (with its configuration query). */
  mathjaxPath: string;
  /** JavaScript files under _static loaded by every page (plotly.min.js). */
  jsFiles: string[];
  /** CSS files under _static. */
  cssFiles: string[];
}

/** `_config.yml` for Jupyter Book 1 (as JSON): no execution, offline MathJax and plotly, theme options. */
export function configYaml(opts: ConfigOptions): string {
  const config = {
    title: BOOK_TITLE,
    author: "the Scientific Spaces notebooks project, after Su Jianlin's articles",
    copyright: "articles by Su Jianlin (kexue.fm); notebooks by the project",
    only_build_toc_files: true,
    exclude_patterns: ["_build", "_static", "_extra", "**.ipynb_checkpoints"],
    execute: { execute_notebooks: "off" },
    parse: {
      myst_enable_extensions: ["colon_fence", "dollarmath", "amsmath", "linkify"],
      myst_dmath_double_inline: true,
    },
    html: {
      home_page_in_navbar: true,
      use_repository_button: false,
      use_issues_button: false,
      use_edit_page_button: false,
      use_multitoc_numbering: false,
    },
    sphinx: {
      config: {
        language: "en",
        html_title: BOOK_TITLE,
        html_static_path: ["_static"],
        html_extra_path: ["_extra"],
        html_js_files: opts.jsFiles,
        html_css_files: opts.cssFiles,
        mathjax_path: opts.mathjaxPath,
        // the download link gives the executed notebook itself; the book's prepared copy stays out of the site
        html_copy_source: false,
        html_show_sourcelink: false,
        html_theme_options: {
          search_bar_text: "Search the book…",
          use_download_button: false,
          use_fullscreen_button: true,
          home_page_in_toc: true,
          show_toc_level: 2,
          navigation_with_keys: false,
        },
        // the plotly figure JSON is drawn by its text/html rendering; myst-nb need not warn that it skips the JSON
        nb_mime_priority_overrides: [["html", "application/vnd.plotly.v1+json", null]],
        // Pygments' TypeScript lexer stumbles on some valid Deno code; the cell is then shown unhighlighted
        suppress_warnings: ["mystnb.unknown_mime_type", "misc.highlighting_failure"],
      },
    },
  };
  return JSON.stringify(config, null, 2) + "\n";
}
