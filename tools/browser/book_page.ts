/**
 * The book in a real browser: a page of the HTML book opened from disk (file://, offline) must draw its plotly
 * figures with the local plotly.min.js. The page is either a page of out/book/ with a plot, or — when no book has
 * been built — a one-page book made here from a figure of lib/core, through the book's real pipeline.
 * @module
 */
import type { Page } from "playwright-core";
import { buildBook } from "../book.ts";
import { figureBundle } from "../../lib/core/figure.ts";
import type { Notebook } from "../book/plotly_html.ts";
import { KERNEL_DISPLAY, KERNEL_NAME, ROOT } from "../paths.ts";

/** What a book page shows. */
export interface BookPageResult {
  file: string;
  /** Plot containers the page has. */
  plots: number;
  /** Of them, drawn (holding an svg.main-svg). */
  drawn: number;
}

/** A small executed notebook with one plotly output, as the runner would write it. */
export function sampleExecutedNotebook(): Notebook {
  const xs = Array.from({ length: 41 }, (_, i) => i / 10 - 2);
  const bundle = figureBundle({
    data: [{ type: "scatter", mode: "lines", name: "x²", x: xs, y: xs.map((x) => x * x) }],
    layout: { title: { text: "Book check: a parabola" }, height: 380 },
  });
  return {
    cells: [
      { cell_type: "markdown", metadata: {}, source: "# Book check\n\nOne figure, drawn offline." },
      {
        cell_type: "code",
        metadata: {},
        execution_count: 1,
        source: "await showFigure(parabola);",
        outputs: [{ output_type: "display_data", metadata: {}, data: bundle }],
      },
    ],
    metadata: { kernelspec: { name: KERNEL_NAME, display_name: KERNEL_DISPLAY, language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** A page of out/book/ that has a plot (notebook 03 first), or null. */
export async function existingBookPage(dir = `${ROOT}/out/book`): Promise<string | null> {
  const pages: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && e.name.endsWith(".html") && e.name !== "index.html") pages.push(e.name);
    }
  } catch {
    return null;
  }
  for (const name of pages.sort()) {
    const text = await Deno.readTextFile(`${dir}/${name}`);
    if (text.includes("Plotly.newPlot")) return `${dir}/${name}`;
  }
  return null;
}

/** Builds a one-page book from {@link sampleExecutedNotebook} into `dir` and returns the page's path. */
export async function sampleBookPage(dir: string): Promise<string> {
  const nbFile = `${dir}/book-check.ipynb`;
  await Deno.writeTextFile(nbFile, JSON.stringify(sampleExecutedNotebook()));
  const book = await buildBook({
    notebooks: [nbFile],
    outDir: `${dir}/book`,
    reportPath: `${dir}/no-report.json`,
  });
  return book.pages[0].file;
}

/** Opens `file` in the page and waits (up to `timeoutMs`) for its plots to be drawn; screenshots the first one. */
export async function checkBookPage(
  page: Page,
  file: string,
  screenshot: string,
  timeoutMs = 30_000,
): Promise<BookPageResult> {
  await page.goto(`file://${file}`, { waitUntil: "domcontentloaded", timeout: timeoutMs });
  const drawn = page.locator(".book-plotly.js-plotly-plot svg.main-svg");
  await drawn.first().waitFor({ state: "attached", timeout: timeoutMs }).catch(() => {});
  const plots = await page.locator(".book-plotly").count();
  const result = {
    file,
    plots,
    drawn: await page.locator(".book-plotly.js-plotly-plot:has(svg.main-svg)").count(),
  };
  if (result.drawn > 0) {
    await page.locator(".book-plotly.js-plotly-plot").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshot });
  } else {
    await page.screenshot({ path: screenshot, fullPage: true });
  }
  return result;
}
