/**
 * `deno task book`: the executed notebooks in out/*.ipynb as an HTML site in out/book/. Each plotly output gets an
 * interactive `text/html` rendering (tools/book/plotly_html.ts) before nbconvert (from the venv) turns the notebooks
 * into pages; the pages load plotly.min.js copied from the venv's Python plotly package (the same plotly.js as
 * JupyterLab's renderer), so the book works offline. out/book/index.html lists the notebooks with their status and
 * claims totals from out/report.json when it exists. Maths is typeset by a local MathJax (tools/book/mathjax.ts);
 * only require.js (unused by these pages) still points at nbconvert's CDN.
 * @module
 */
import { ensureSetup } from "./setup.ts";
import { jupyterEnv, ROOT, VENV } from "./paths.ts";
import { addPlotlyHtml, injectPlotlyScript } from "./book/plotly_html.ts";
import type { Notebook } from "./book/plotly_html.ts";
import { addIndexLink, bookEntries, bookIndexHtml, notebookTitle } from "./book/index_html.ts";
import { copyMathJax, MATHJAX_URL } from "./book/mathjax.ts";
import type { Report } from "./book/index_html.ts";

/** plotly.min.js of the venv's Python plotly (what its JupyterLab renderer uses too). */
export const PLOTLY_JS = `${VENV}/lib/python3.11/site-packages/plotly/package_data/plotly.min.js`;

/** The plotly.js major the book must use (the one of JupyterLab's renderer). */
export const PLOTLY_MAJOR = 4;

/** Options of {@link buildBook}. */
export interface BookOptions {
  /** Executed notebooks: these files (default: every out/*.ipynb). */
  notebooks?: string[];
  /** Where the site goes (default out/book). */
  outDir?: string;
  /** The run report (default out/report.json; missing is fine). */
  reportPath?: string;
}

/** One page of the book. */
export interface BookPage {
  name: string;
  file: string;
  plots: number;
}

/** What {@link buildBook} wrote. */
export interface BookResult {
  outDir: string;
  index: string;
  pages: BookPage[];
  plotlyVersion: string;
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

async function copyPlotly(outDir: string): Promise<string> {
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
  await Deno.writeTextFile(`${outDir}/plotly.min.js`, text);
  return version;
}

async function nbconvert(files: string[], outDir: string): Promise<void> {
  const out = await new Deno.Command(`${VENV}/bin/jupyter`, {
    args: [
      "nbconvert",
      "--to",
      "html",
      "--template",
      "lab",
      `--HTMLExporter.mathjax_url=${MATHJAX_URL}`,
      "--output-dir",
      outDir,
      ...files,
    ],
    env: jupyterEnv(),
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    const text = new TextDecoder().decode(out.stderr);
    throw new Error(`nbconvert failed (exit ${out.code}):\n${text.slice(-4000)}`);
  }
}

/** Builds the book; see the module doc. Throws if there is no executed notebook. */
export async function buildBook(options: BookOptions = {}): Promise<BookResult> {
  const files = options.notebooks ?? await executedNotebooks(`${ROOT}/out`);
  if (files.length === 0) throw new Error("no executed notebooks in out/: run `./deno task run` first");
  const outDir = options.outDir ?? `${ROOT}/out/book`;
  await Deno.mkdir(outDir, { recursive: true });
  const report = await readReport(options.reportPath ?? `${ROOT}/out/report.json`);
  const tmp = await Deno.makeTempDir({ prefix: "book-" });
  try {
    const pages: BookPage[] = [];
    const titles: { name: string; title: string | null }[] = [];
    for (const file of files) {
      const name = file.slice(file.lastIndexOf("/") + 1).replace(/\.ipynb$/, "");
      let nb: Notebook;
      try {
        nb = JSON.parse(await Deno.readTextFile(file));
      } catch (err) {
        throw new Error(`cannot read notebook ${file}: ${(err as Error).message}`);
      }
      const { notebook, added } = addPlotlyHtml(nb);
      await Deno.writeTextFile(`${tmp}/${name}.ipynb`, JSON.stringify(notebook));
      pages.push({ name, file: `${outDir}/${name}.html`, plots: added });
      titles.push({ name, title: notebookTitle(nb) });
    }
    await nbconvert(pages.map((p) => `${tmp}/${p.name}.ipynb`), outDir);
    for (const page of pages) {
      const html = await Deno.readTextFile(page.file);
      await Deno.writeTextFile(page.file, addIndexLink(injectPlotlyScript(html)));
    }
    const plotlyVersion = await copyPlotly(outDir);
    await copyMathJax(outDir);
    const index = `${outDir}/index.html`;
    await Deno.writeTextFile(
      index,
      bookIndexHtml(bookEntries(titles, report), { generated: new Date().toISOString() }),
    );
    return { outDir, index, pages, plotlyVersion };
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  await ensureSetup();
  const t0 = performance.now();
  try {
    const book = await buildBook();
    for (const p of book.pages) console.log(`book: ${p.name}.html (${p.plots} interactive plots)`);
    console.log(
      `book: ${book.pages.length} pages, plotly.js ${book.plotlyVersion}, in ${
        ((performance.now() - t0) / 1000).toFixed(1)
      } s -> ${book.index}`,
    );
  } catch (err) {
    console.error(`book: ${(err as Error).message}`);
    Deno.exit(1);
  }
}
