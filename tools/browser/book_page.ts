/**
 * The book in a real browser, offline (file://): the home page shows the notebooks by area with their Chinese and
 * English titles; a search finds a notebook page; the navigation leads from page to page to one with a drawn plotly
 * chart and typeset maths; a claim link reaches its cell; the download link points at an executed notebook; the
 * claims report and API reference pages open; the dark theme switches on; and no request leaves the machine.
 * Screenshots go to the given folder. When no book exists yet, {@link ensureBook} builds one: from out/*.ipynb if
 * there are executed notebooks, else after a quick run of notebooks 03 and 10 (through the run cache).
 * @module
 */
import type { Page } from "playwright-core";
import { buildBook } from "../book.ts";
import { ROOT } from "../paths.ts";
import { runAndReport } from "../run.ts";
import { selectNotebooks } from "../select.ts";
import { DEFAULT_TIMEOUT_S } from "../runner.ts";

/** The notebooks a missing book is built from. */
export const BOOK_SAMPLE = ["03", "10"];

/** The book's index page, building the book first when there is none (see the module doc). */
export async function ensureBook(
  bookDir = `${ROOT}/out/book`,
  log: (l: string) => void = (l) => console.log(l),
): Promise<{ index: string; how: string }> {
  const index = `${bookDir}/index.html`;
  if (await Deno.stat(index).then(() => true, () => false)) return { index, how: "the existing book" };
  let executed = 0;
  try {
    for await (const e of Deno.readDir(`${ROOT}/out`)) if (e.isFile && e.name.endsWith(".ipynb")) executed++;
  } catch { /* no out/ yet */ }
  let how = `built from the ${executed} executed notebook(s) in out/`;
  if (executed === 0) {
    log(`book: no book and no executed notebook: running ${BOOK_SAMPLE.join(", ")} (quick) first`);
    const refs = await selectNotebooks(BOOK_SAMPLE);
    await runAndReport(refs, {
      profile: "quick",
      timeoutS: DEFAULT_TIMEOUT_S.quick,
      jobs: 2,
      outDir: `${ROOT}/out`,
      cache: "use",
    }, log);
    how = `built after a quick run of ${refs.map((r) => r.name).join(", ")}`;
  }
  const book = await buildBook({ outDir: bookDir, log });
  return { index: book.index, how };
}

/** The little of the DOM the page-side callbacks use (Deno's type library has no DOM). */
interface El {
  textContent: string | null;
  getAttribute(name: string): string | null;
}

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** What the page currently shows: drawn plots, typeset maths, maths left raw. */
async function pageState(page: Page) {
  const plots = await page.locator(".book-plotly").count();
  const drawn = await page.locator(".book-plotly.js-plotly-plot:has(svg.main-svg)").count();
  const maths = await page.locator("mjx-container").count();
  const raw = await page.locator("span.math, div.math").evaluateAll((els) =>
    (els as unknown as El[]).filter((e) => /^\s*\\[([]/.test(e.textContent ?? "")).length
  );
  return { plots, drawn, maths, raw };
}

/** Waits (bounded) for the page's plots to be drawn and its maths to be typeset. */
async function settle(page: Page, timeoutMs = 30_000) {
  const deadline = performance.now() + timeoutMs;
  let s = await pageState(page);
  while (performance.now() < deadline && (s.drawn < s.plots || s.raw > 0 || s.maths === 0)) {
    await page.waitForTimeout(500);
    s = await pageState(page);
  }
  return s;
}

/** Runs the book checks; returns a one-line summary, throws naming what failed (with a screenshot of the page). */
export async function checkBookSite(page: Page, index: string, shots: string): Promise<string> {
  try {
    return await bookSiteChecks(page, index, shots);
  } catch (err) {
    await page.screenshot({ path: `${shots}/99-book-failure.png` }).catch(() => {});
    throw new Error(`${(err as Error).message.split("\n")[0]} (at ${page.url()}; see 99-book-failure.png)`);
  }
}

async function bookSiteChecks(page: Page, index: string, shots: string): Promise<string> {
  const external: string[] = [], missing: string[] = [];
  page.on("request", (r) => {
    if (!/^(file|data|blob|about):/.test(r.url())) external.push(r.url());
  });
  page.on("requestfailed", (r) => {
    // (Sphinx's search page fetches result pages for their summaries, which file:// refuses: not a missing file)
    if (/^file:/.test(r.url()) && r.resourceType() !== "fetch") {
      missing.push(r.url().replace(/^file:\/\/.*?\/book\//, ""));
    }
  });
  const done: string[] = [];

  // home: areas, both titles
  await page.goto(`file://${index}`, { waitUntil: "load" });
  const home = await page.locator("main").innerText();
  assert(/[\u4e00-\u9fff]/.test(home), "the home page shows no Chinese title");
  const areas = await page.locator("nav.bd-docs-nav p.caption").allInnerTexts();
  assert(areas.length >= 2, `the navigation has ${areas.length} part(s): ${areas.join(", ")}`);
  await page.screenshot({ path: `${shots}/05-book-home.png` });
  done.push(`home page with ${areas.length} navigation parts (${areas.join(", ")})`);

  // the first notebook page (through the navigation), and a word of its title to search for
  const first = page.locator(
    "nav.bd-docs-nav li.toctree-l1 a.reference.internal[href$='.html']:not([href='index.html'])",
  )
    .first();
  const firstHref = await first.getAttribute("href");
  assert(firstHref, "the navigation has no page link");
  await first.click();
  await page.waitForLoadState("load");
  const firstUrl = page.url();
  const title = await page.locator("article.bd-article h1").first().innerText();
  const english = await page.locator("article.bd-article h2").first().innerText().catch(() => "");
  const word = (english.match(/[A-Za-z]{5,}/g) ?? title.match(/[A-Za-z]{4,}/g) ?? ["notebook"])
    .sort((a, b) => b.length - a.length)[0];

  // search: type the word into the search box (as a reader would), or open the search page with it
  const opener = page.locator(".search-button-field:visible, .search-button__button:visible").first();
  if (await opener.count() > 0) await opener.click(); // the theme's search field opens a search dialog
  const box = page.locator("input[name='q']:visible").first();
  if (await box.count() > 0) {
    await box.fill(word);
    await box.press("Enter");
  } else {
    await page.goto(new URL(`search.html?q=${encodeURIComponent(word)}`, `file://${index}`).href);
  }
  await page.waitForURL(/search\.html/, { timeout: 15_000 });
  const hits = page.locator("#search-results ul.search li");
  await hits.first().waitFor({ state: "attached", timeout: 30_000 });
  const hitLinks = await hits.locator("a").evaluateAll((els) =>
    (els as unknown as El[]).map((e) => e.getAttribute("href") ?? "")
  );
  const firstPage = firstUrl.slice(firstUrl.lastIndexOf("/") + 1);
  assert(
    hitLinks.some((h) => h.split(/[?#]/)[0].endsWith(firstPage)),
    `searching "${word}" did not find ${firstPage} (found ${hitLinks.slice(0, 8).join(", ")})`,
  );
  await page.screenshot({ path: `${shots}/06-book-search.png` });
  done.push(`search "${word}": ${hitLinks.length} result(s), ${firstPage} among them`);

  // navigation: from the first page, "next" to a page with a drawn chart and typeset maths
  await page.goto(firstUrl, { waitUntil: "load" });
  let found: Awaited<ReturnType<typeof pageState>> | null = null;
  let visited = 0;
  for (; visited < 12; visited++) {
    const next = page.locator(".prev-next-area a.right-next");
    if (await next.count() === 0) break;
    await next.first().click();
    await page.waitForLoadState("load");
    const s = await settle(page);
    if (s.plots > 0 && s.drawn === s.plots && s.maths > 0 && s.raw === 0) {
      found = s;
      break;
    }
  }
  assert(found, `no page reached by "next" from ${firstPage} has drawn plots and typeset maths`);
  const pageName = page.url().slice(page.url().lastIndexOf("/") + 1);
  // (scrolled by the page itself: Playwright's scrollIntoViewIfNeeded waits for a stable box, which a responsive
  // plotly chart may not give while the machine is busy)
  await page.locator(".book-plotly.js-plotly-plot").first().evaluate((el) =>
    (el as unknown as { scrollIntoView(o: unknown): void }).scrollIntoView({ block: "center" })
  );
  await page.screenshot({ path: `${shots}/07-book-page-plot.png` });
  await page.locator("mjx-container").first().evaluate((el) =>
    (el as unknown as { scrollIntoView(o: unknown): void }).scrollIntoView({ block: "center" })
  );
  await page.screenshot({ path: `${shots}/08-book-page-maths.png` });
  done.push(
    `"next" x${
      visited + 1
    } to ${pageName}: ${found.drawn}/${found.plots} plotly charts drawn, ${found.maths} formulas typeset`,
  );

  // the page's summary: a claim link reaches its cell, the download link is an executed notebook
  const claimLink = page.locator(".claims-summary a[href^='#claim-']").first();
  if (await claimLink.count() > 0) {
    const target = (await claimLink.getAttribute("href"))!.slice(1);
    await claimLink.click();
    const visible = await page.locator(`[id="${target}"]`).isVisible().catch(() => false);
    const atHash = page.url().endsWith(`#${target}`);
    assert(
      atHash && await page.locator(`[id="${target}"]`).count() === 1,
      `the claim link #${target} has no target`,
    );
    done.push(`claim link #${target} reaches its cell${visible ? "" : " (an empty anchor)"}`);
  }
  const download = await page.locator("a.book-download").getAttribute("href");
  assert(download, "no download link for the executed notebook");
  const nbPath = decodeURIComponent(new URL(download, page.url()).pathname);
  const nb = JSON.parse(await Deno.readTextFile(nbPath));
  assert(
    nb.cells.some((c: { execution_count?: number }) => c.execution_count),
    `${download} is not executed`,
  );
  done.push(`download ${download} is an executed notebook`);

  // claims report and API reference
  await page.goto(new URL("claims.html", `file://${index}`).href, { waitUntil: "load" });
  const claimRows = await page.locator("main table a[href*='#claim-']").count();
  const claimsInBook = Number(/with (\d+) claim/.exec(home)?.[1] ?? "0");
  assert(claimRows > 0 || claimsInBook === 0, "the claims report links no claim to its cell");
  await page.screenshot({ path: `${shots}/09-book-claims.png` });
  await page.goto(new URL("api.html", `file://${index}`).href, { waitUntil: "load" });
  const apiHref = await page.locator("main a[href$='mod.ts/index.html']").first().getAttribute("href");
  assert(apiHref, "the API page does not link an area of the reference");
  await page.goto(new URL(apiHref, page.url()).href, { waitUntil: "load" });
  const symbols = await page.locator("a[href*='~']").count();
  assert(symbols > 5, `the API reference page ${apiHref} links ${symbols} symbol(s)`);
  await page.screenshot({ path: `${shots}/11-book-api.png` });
  done.push(
    `claims report (${claimRows} claim links), API reference (${
      apiHref.replace(/^.*api\//, "")
    }: ${symbols} links)`,
  );

  // dark theme
  await page.goto(`file://${index}`, { waitUntil: "load" });
  for (let i = 0; i < 3 && await page.locator("html[data-theme='dark']").count() === 0; i++) {
    await page.locator(".theme-switch-button").first().click();
  }
  assert(await page.locator("html[data-theme='dark']").count() === 1, "the theme button gives no dark theme");
  await page.screenshot({ path: `${shots}/10-book-dark.png` });
  done.push("dark theme");

  assert(
    external.length === 0,
    `requests left the machine: ${[...new Set(external)].slice(0, 5).join(", ")}`,
  );
  assert(
    missing.length === 0,
    `files the pages asked for are missing: ${[...new Set(missing)].slice(0, 5).join(", ")}`,
  );
  done.push("no network request, no missing file");
  return done.join("; ");
}
