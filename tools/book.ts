/**
 * `deno task book [--out DIR] [--lab-url URL] [--hub-url URL] [--no-api] [--profile quick|full]`: the executed
 * notebooks in out/*.ipynb as a Jupyter Book 1 site (Sphinx + sphinx-book-theme + myst-nb, from the venv) in
 * out/book/, offline. When out/ holds no executed notebook (a fresh clone), every notebook is run first, in the
 * `--profile` given (default quick), through the run cache.
 *
 * Why Jupyter Book 1: Jupyter Book 2 (mystmd) downloads its site template (book-theme) from the network at build
 * time, and no registry reachable here ships it; Jupyter Book 1 builds entirely from PyPI packages.
 *
 * The site: a home page with the notebooks by area (English and Chinese titles, claims counts, run status); one page
 * per notebook opening with its claims (each linking to the cell that makes it), a download link for the executed
 * .ipynb and links to open it in JupyterLab or on a class hub (tools/book/prepare.ts); the import cell folded, the
 * run settings compact; interactive plotly figures drawn by a local plotly.min.js (the venv's Python plotly, the
 * plotly.js of JupyterLab's renderer) and maths by a local MathJax (npm mathjax, tools/book/mathjax.ts); the claims
 * report as its own page; the API reference from lib/'s JSDoc (`deno doc --html`, tools/book/api_docs.ts); Sphinx's
 * search; the theme's light and dark modes. The Jupyter Book project is staged in `<out>/../.book-src/` (kept for
 * inspection) and built with `jupyter-book build`; nothing is executed and nothing is fetched.
 * @module
 */
import { parseArgs } from "node:util";
import { ensureSetup } from "./setup.ts";
import { jupyterEnv, ROOT, VENV } from "./paths.ts";
import { readNotebook } from "./notebook.ts";
import type { NotebookReport, Report } from "./report.ts";
import type { ClaimRecord } from "./report.ts";
import { copyMathJax, MATHJAX_URL } from "./book/mathjax.ts";
import { notebookInfo } from "./book/areas.ts";
import { prepareNotebook } from "./book/prepare.ts";
import {
  API_PAGE,
  apiPage,
  type BookNotebook,
  CLAIMS_PAGE,
  claimsPage,
  configYaml,
  indexPage,
  tocYaml,
} from "./book/pages.ts";
import { buildApiDocs } from "./book/api_docs.ts";
import { runAndReport } from "./run.ts";
import { selectNotebooks } from "./select.ts";
import { DEFAULT_TIMEOUT_S } from "./runner.ts";

/** plotly.min.js of the venv's Python plotly (what its JupyterLab renderer uses too). */
export const PLOTLY_JS = `${VENV}/lib/python3.11/site-packages/plotly/package_data/plotly.min.js`;

/** The plotly.js major the book must use (the one of JupyterLab's renderer). */
export const PLOTLY_MAJOR = 4;

/** Where "Open in JupyterLab" points by default (`deno task lab`'s usual address). */
export const DEFAULT_LAB_URL = "http://localhost:8888/";
/** Where "Open on the class hub" points by default (classroom/'s local hub). */
export const DEFAULT_HUB_URL = "http://localhost:8000/";

/** Options of {@link buildBook}. */
export interface BookOptions {
  /** Executed notebooks: these files (default: every out/*.ipynb). */
  notebooks?: string[];
  /** Where the site goes (default out/book); replaced as a whole. */
  outDir?: string;
  /** The run report (default out/report.json; missing is fine). */
  reportPath?: string;
  /** Claims sidecars for notebooks the report lacks (default out/claims). */
  claimsDir?: string;
  /** JupyterLab and hub base URLs for the pages' links ("" leaves the link out). */
  labUrl?: string;
  hubUrl?: string;
  /** Build the API reference (default true). */
  api?: boolean;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

/** One page of the book. */
export interface BookPage {
  name: string;
  file: string;
  plots: number;
  claims: number;
  /** Claims whose cell was found and given an anchor. */
  anchored: number;
}

/** What {@link buildBook} wrote. */
export interface BookResult {
  outDir: string;
  index: string;
  pages: BookPage[];
  plotlyVersion: string;
  /** Sphinx's and deno doc's warnings. */
  warnings: string[];
}

/** The plotly.js version in the header of a plotly.min.js (e.g. "4.1.1"), or null. */
export function plotlyJsVersion(text: string): string | null {
  return /plotly\.js v(\d+\.\d+\.\d+)/.exec(text.slice(0, 500))?.[1] ?? null;
}

async function executedNotebooks(dir: string): Promise<string[]> {
  const files: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && e.name.endsWith(".ipynb")) files.push(`${dir}/${e.name}`);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return files.sort();
}

async function readReport(path: string): Promise<Report | null> {
  try {
    const report = JSON.parse(await Deno.readTextFile(path));
    return Array.isArray(report?.notebooks) ? report as Report : null;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw new Error(`cannot read the report ${path}: ${(err as Error).message}`);
  }
}

async function readSidecar(path: string): Promise<ClaimRecord[] | null> {
  try {
    const rows = JSON.parse(await Deno.readTextFile(path));
    return Array.isArray(rows) ? rows as ClaimRecord[] : null;
  } catch {
    return null;
  }
}

async function copyPlotly(staticDir: string): Promise<string> {
  let text: string;
  try {
    text = await Deno.readTextFile(PLOTLY_JS);
  } catch {
    throw new Error(`plotly.min.js not found at ${PLOTLY_JS}; run \`./deno task setup\``);
  }
  const version = plotlyJsVersion(text);
  if (version === null || Number(version.split(".")[0]) !== PLOTLY_MAJOR) {
    throw new Error(
      `${PLOTLY_JS} is plotly.js ${version ?? "(unknown)"}, the book expects major ${PLOTLY_MAJOR}`,
    );
  }
  await Deno.writeTextFile(`${staticDir}/plotly.min.js`, text);
  return version;
}

/** Runs `jupyter-book build` on `src` (HTML); returns its warnings. Throws with the log's tail on failure. */
async function jupyterBook(src: string): Promise<string[]> {
  const out = await new Deno.Command(`${VENV}/bin/jupyter-book`, {
    args: ["build", src, "--builder", "html", "--path-output", src],
    env: jupyterEnv({ NO_COLOR: "1", PYTHONWARNINGS: "ignore" }),
    cwd: src,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const ESC = String.fromCharCode(27); // colour codes, should a Sphinx extension ignore NO_COLOR
  const log = (new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr))
    .replace(new RegExp(`${ESC}\\[[0-9;]*m`, "g"), "");
  if (!out.success) throw new Error(`jupyter-book build failed (exit ${out.code}):\n${log.slice(-5000)}`);
  return log.split("\n").filter((l) => /\bWARNING\b/.test(l)).map((l) => l.replace(`${src}/`, ""));
}

/** Builds the book; see the module doc. Throws if there is no executed notebook. */
export async function buildBook(options: BookOptions = {}): Promise<BookResult> {
  const log = options.log ?? ((l: string) => console.error(l));
  const files = options.notebooks ?? await executedNotebooks(`${ROOT}/out`);
  if (files.length === 0) {
    throw new Error(
      "no executed notebooks in out/: run `./deno task run` (or `./deno task run 03 10 --profile quick`) first",
    );
  }
  const outDir = (options.outDir ?? `${ROOT}/out/book`).replace(/\/$/, "");
  const src = `${outDir.slice(0, outDir.lastIndexOf("/"))}/.book-src`;
  const report = await readReport(options.reportPath ?? `${ROOT}/out/report.json`);
  const byName = new Map<string, NotebookReport>((report?.notebooks ?? []).map((r) => [r.notebook, r]));
  const claimsDir = options.claimsDir ?? `${ROOT}/out/claims`;
  const labUrl = options.labUrl ?? DEFAULT_LAB_URL, hubUrl = options.hubUrl ?? DEFAULT_HUB_URL;

  await Deno.remove(src, { recursive: true }).catch(() => {});
  await Deno.mkdir(`${src}/_static`, { recursive: true });
  await Deno.mkdir(`${src}/_extra/executed`, { recursive: true });

  const notebooks: BookNotebook[] = [];
  const pages: BookPage[] = [];
  for (
    const file of [...files].sort((a, b) =>
      a.slice(a.lastIndexOf("/")).localeCompare(b.slice(b.lastIndexOf("/")))
    )
  ) {
    const name = file.slice(file.lastIndexOf("/") + 1).replace(/\.ipynb$/, "");
    const nb = await readNotebook(file);
    const run = byName.get(name);
    const claims = run?.claims ?? await readSidecar(`${claimsDir}/${name}.json`) ?? [];
    const prepared = prepareNotebook(nb, name, claims, {
      download: `executed/${name}.ipynb`,
      labUrl,
      hubUrl,
    }, run ?? {});
    await Deno.writeTextFile(`${src}/${name}.ipynb`, JSON.stringify(prepared.notebook));
    await Deno.copyFile(file, `${src}/_extra/executed/${name}.ipynb`);
    notebooks.push({ info: notebookInfo(name, nb), claims, run });
    pages.push({
      name,
      file: `${outDir}/${name}.html`,
      plots: prepared.plots,
      claims: claims.length,
      anchored: Object.values(prepared.anchors).filter(Boolean).length,
    });
  }
  const generated = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  await Deno.writeTextFile(`${src}/index.md`, indexPage(notebooks, generated));
  await Deno.writeTextFile(`${src}/${CLAIMS_PAGE}.md`, claimsPage(notebooks, generated));
  await Deno.writeTextFile(`${src}/_toc.yml`, tocYaml(notebooks));
  await Deno.writeTextFile(
    `${src}/_config.yml`,
    configYaml({ mathjaxPath: MATHJAX_URL, jsFiles: ["plotly.min.js"], cssFiles: ["book.css"] }),
  );
  for (const f of ["report.json", "report.md"]) {
    const from = `${(options.reportPath ?? `${ROOT}/out/report.json`).replace(/report\.json$/, "")}${f}`;
    await Deno.copyFile(from, `${src}/_extra/${f}`).catch(() => {});
  }
  await Deno.copyFile(`${ROOT}/tools/book/book.css`, `${src}/_static/book.css`);
  const plotlyVersion = await copyPlotly(`${src}/_static`);
  await copyMathJax(`${src}/_static`);

  const warnings: string[] = [];
  if (options.api ?? true) {
    log("book: API reference (deno doc --html over lib/*/mod.ts) ...");
    const api = await buildApiDocs(`${src}/_extra/api`);
    warnings.push(...api.warnings);
    await Deno.writeTextFile(`${src}/${API_PAGE}.md`, apiPage(api.areas, api.omitted));
  } else {
    await Deno.writeTextFile(`${src}/${API_PAGE}.md`, "# API reference\n\nNot built (`--no-api`).\n");
  }

  log(`book: jupyter-book build (${notebooks.length} notebooks) ...`);
  warnings.push(...await jupyterBook(src));
  await Deno.remove(outDir, { recursive: true }).catch(() => {});
  await Deno.rename(`${src}/_build/html`, outDir);
  return { outDir, index: `${outDir}/index.html`, pages, plotlyVersion, warnings };
}

/** Executes every notebook (through the run cache) when out/ holds no executed notebook yet, so a fresh clone's
 * `deno task book` gives a whole book. */
async function runIfEmpty(profile: "quick" | "full"): Promise<void> {
  if ((await executedNotebooks(`${ROOT}/out`)).length > 0) return;
  console.error(`book: out/ holds no executed notebook: running every notebook (${profile} profile) first`);
  await runAndReport(await selectNotebooks([]), {
    profile,
    timeoutS: DEFAULT_TIMEOUT_S[profile],
    jobs: 2,
    outDir: `${ROOT}/out`,
    cache: "use",
  });
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      out: { type: "string" },
      "lab-url": { type: "string" },
      "hub-url": { type: "string" },
      "no-api": { type: "boolean", default: false },
      profile: { type: "string", default: "quick" },
    },
    strict: true,
  });
  if (values.profile !== "quick" && values.profile !== "full") {
    console.error(`book: --profile must be quick or full, got ${JSON.stringify(values.profile)}`);
    Deno.exit(2);
  }
  await ensureSetup();
  const t0 = performance.now();
  try {
    await runIfEmpty(values.profile);
    const book = await buildBook({
      outDir: values.out
        ? (values.out.startsWith("/") ? values.out : `${Deno.cwd()}/${values.out}`)
        : undefined,
      labUrl: values["lab-url"],
      hubUrl: values["hub-url"],
      api: !values["no-api"],
    });
    for (const p of book.pages) {
      console.log(
        `book: ${p.name}.html (${p.plots} interactive plots, ${p.anchored}/${p.claims} claims linked)`,
      );
    }
    for (const w of book.warnings) console.error(`book: warning: ${w}`);
    console.log(
      `book: ${book.pages.length} pages, plotly.js ${book.plotlyVersion}, ${book.warnings.length} warning(s), in ${
        ((performance.now() - t0) / 1000).toFixed(1)
      } s -> ${book.index}`,
    );
  } catch (err) {
    console.error(`book: ${(err as Error).message}`);
    Deno.exit(1);
  }
}
