/**
 * `deno task test:browser [--notebook path] [--timeout seconds]`: the project in a real browser. Starts the venv's
 * JupyterLab (tools/lab.ts) on a free loopback port with a token and NB_PROFILE=quick, drives Debian's headless
 * Chromium with playwright-core, and checks:
 *  (a) the kernelspec API and the launcher list the project kernel "Deno (Scientific Spaces)";
 *  (b) a notebook opened in JupyterLab runs through the UI (Run > Run All Cells) on the project kernel with no
 *      error output, and every plotly output is drawn in the page (`.js-plotly-plot` holding an svg);
 *  (c) the HTML book offline (tools/browser/book_page.ts: built first when out/book/ is missing): home page with both
 *      titles, search, navigation to a page with drawn plotly charts and typeset maths, claim links, the download
 *      link, the claims report and API pages, the dark theme, no network request; and a CJK font for the titles.
 * Screenshots go to out/browser/. The notebook is notebooks/03-ddpm-autoregressive-vae.ipynb, or the fixture
 * tests/fixtures/browser/plot_fixture.ipynb while 03 does not exist. JupyterLab and Chromium are stopped at the end,
 * also on failure. The last line reads `N passed, N failed`; the exit code is 1 if anything failed.
 * @module
 */
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { ensureSetup } from "./setup.ts";
import { KERNEL_DISPLAY, KERNEL_NAME, NOTEBOOKS, ROOT } from "./paths.ts";
import { freePort, startLab } from "./lab.ts";
import type { LabHandle, LabOptions } from "./lab.ts";
import { launchChromium, requireChromium } from "./browser/chromium.ts";
import type { Browser } from "./browser/chromium.ts";
import {
  clickRunAll,
  openNotebook,
  readLauncher,
  waitForPlots,
  waitForRunAll,
  writeLabSettings,
} from "./browser/lab_ui.ts";
import { checkBookSite, ensureBook } from "./browser/book_page.ts";

/** The notebook checked by default. */
export const DEFAULT_NOTEBOOK = `${NOTEBOOKS}/03-ddpm-autoregressive-vae.ipynb`;
/** The stand-in while notebook 03 does not exist. */
export const FIXTURE_NOTEBOOK = `${ROOT}/tests/fixtures/browser/plot_fixture.ipynb`;
/** Where screenshots and the server log go. */
export const SHOT_DIR = `${ROOT}/out/browser`;

/** One check's outcome. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
  seconds: number;
}

const secs = (t0: number) => (performance.now() - t0) / 1000;

/** Runs `fn` as the check `name`, recording pass (its detail) or fail (the error) into `results`. */
export async function runCheck(
  results: CheckResult[],
  name: string,
  fn: () => Promise<string>,
): Promise<boolean> {
  const t0 = performance.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true, detail, seconds: secs(t0) });
    console.log(`PASS ${name} (${secs(t0).toFixed(1)} s): ${detail}`);
    return true;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    results.push({ name, ok: false, detail, seconds: secs(t0) });
    console.log(`FAIL ${name} (${secs(t0).toFixed(1)} s): ${detail}`);
    return false;
  }
}

/** The notebook to run: `--notebook` if given, else notebook 03 if it exists, else the fixture (with a note). */
export async function chooseNotebook(arg: string | undefined): Promise<string> {
  if (arg) {
    const path = arg.startsWith("/") ? arg : `${ROOT}/${arg}`;
    await Deno.stat(path).catch(() => {
      throw new Error(`--notebook ${arg}: no such file (${path})`);
    });
    return path;
  }
  try {
    await Deno.stat(DEFAULT_NOTEBOOK);
    return DEFAULT_NOTEBOOK;
  } catch {
    console.log(
      `note: ${DEFAULT_NOTEBOOK.slice(ROOT.length + 1)} does not exist yet; using the fixture ` +
        `${FIXTURE_NOTEBOOK.slice(ROOT.length + 1)}`,
    );
    return FIXTURE_NOTEBOOK;
  }
}

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

async function checkKernelspecApi(lab: LabHandle): Promise<string> {
  const res = await fetch(`${lab.baseUrl}api/kernelspecs`, {
    headers: { Authorization: `token ${lab.token}` },
  });
  assert(res.ok, `GET /api/kernelspecs answered ${res.status}`);
  const body = await res.json() as { kernelspecs: Record<string, { spec: { display_name: string } }> };
  const spec = body.kernelspecs[KERNEL_NAME];
  assert(spec, `kernelspec ${KERNEL_NAME} not listed (have: ${Object.keys(body.kernelspecs).join(", ")})`);
  assert(
    spec.spec.display_name === KERNEL_DISPLAY,
    `kernelspec ${KERNEL_NAME} is named ${JSON.stringify(spec.spec.display_name)}, want ${KERNEL_DISPLAY}`,
  );
  return `${KERNEL_NAME} listed as "${KERNEL_DISPLAY}"`;
}

async function checkLauncher(page: Page, lab: LabHandle): Promise<string> {
  const launcher = await readLauncher(page, lab.url);
  await page.screenshot({ path: `${SHOT_DIR}/01-launcher.png` });
  assert(
    launcher.notebookCards.includes(KERNEL_DISPLAY),
    `the launcher's notebook cards are ${
      JSON.stringify(launcher.notebookCards)
    }, without "${KERNEL_DISPLAY}"`,
  );
  return `notebook cards: ${launcher.notebookCards.join(", ")}`;
}

async function checkRunAll(page: Page, lab: LabHandle, path: string, timeoutMs: number): Promise<string> {
  const file = `${lab.rootDir}/${path}`, original = await Deno.readTextFile(file);
  let result: string;
  try {
    result = await runAllInUi(page, lab, path, timeoutMs);
  } catch (err) {
    await page.screenshot({ path: `${SHOT_DIR}/02-notebook-failure.png` }).catch(() => {});
    throw err;
  }
  assert((await Deno.readTextFile(file)) === original, `${file} was modified by the check`);
  return result;
}

async function runAllInUi(page: Page, lab: LabHandle, path: string, timeoutMs: number): Promise<string> {
  const opened = await openNotebook(page, lab.baseUrl, lab.token, path);
  assert(opened.kernelName === KERNEL_NAME, `kernel is ${opened.kernelName}, want ${KERNEL_NAME}`);
  assert(
    opened.kernelDisplayName === KERNEL_DISPLAY,
    `toolbar shows kernel ${JSON.stringify(opened.kernelDisplayName)}, want "${KERNEL_DISPLAY}"`,
  );
  assert(
    opened.counts.every((c) => c === null),
    `${path} has execution counts already: commit it without outputs`,
  );
  const t0 = performance.now();
  const how = await clickRunAll(page);
  const state = await waitForRunAll(page, path, timeoutMs);
  const runSeconds = secs(t0);
  await page.screenshot({ path: `${SHOT_DIR}/02-notebook-after-run.png` });
  assert(state.errors.length === 0, `error outputs: ${state.errors.join(" | ").slice(0, 1500)}`);
  const unrun = state.counts.filter((c) => c === null).length;
  assert(unrun === 0, `${unrun} of ${state.counts.length} code cells did not run`);
  assert(state.plotlyOutputs > 0, "the notebook produced no plotly output");
  const drawn = await waitForPlots(page, path, state.plotlyOutputs);
  const plots = page.locator(".jp-NotebookPanel .js-plotly-plot:has(svg.main-svg)");
  if (drawn.plotsDrawn > 0) {
    await plots.first().screenshot({ path: `${SHOT_DIR}/03-first-plot.png` });
    await plots.last().screenshot({ path: `${SHOT_DIR}/04-last-plot.png` });
  }
  assert(
    drawn.plotsDrawn >= state.plotlyOutputs,
    `${drawn.plotsDrawn} of ${state.plotlyOutputs} plotly outputs drawn in the page`,
  );
  return `${state.counts.length} code cells run via ${how} in ${
    runSeconds.toFixed(1)
  } s on ${opened.kernelName}, ` +
    `${drawn.plotsDrawn}/${state.plotlyOutputs} plotly charts drawn`;
}

async function checkBook(page: Page, bookDir: string): Promise<string> {
  const { index, how } = await ensureBook(bookDir);
  const detail = await checkBookSite(page, index, SHOT_DIR);
  return `${index.slice(ROOT.length + 1)} (${how}): ${detail}`;
}

/** A CJK font, so that screenshots show the Chinese titles (Debian: fonts-noto-cjk). */
async function checkCjkFont(): Promise<string> {
  const out = await new Deno.Command("fc-list", {
    args: [":lang=zh", "family"],
    stdout: "piped",
    stderr: "null",
  })
    .output().catch(() => null);
  const families = out?.success
    ? new TextDecoder().decode(out.stdout).trim().split("\n").filter(Boolean)
    : [];
  assert(
    families.length > 0,
    "no font covers Chinese (fc-list :lang=zh is empty): apt-get install fonts-noto-cjk",
  );
  return `${families.length} font famil${families.length === 1 ? "y" : "ies"} for Chinese, e.g. ${
    families[0]
  }`;
}

/**
 * How the check starts JupyterLab: on `rootDir`, quick profile, with its own settings, workspaces, runtime and data
 * dirs and checkpoints in `tmp`, so it writes nothing into the repository or the home directory.
 */
function labOptions(rootDir: string, tmp: string): LabOptions {
  return {
    port: freePort(),
    token: crypto.randomUUID().replaceAll("-", ""),
    rootDir,
    // NB_OUT_DIR: the notebook's claims sidecar goes to tmp, not over the runner's out/claims/
    env: {
      NB_PROFILE: "quick",
      NB_OUT_DIR: `${tmp}/out`,
      JUPYTER_RUNTIME_DIR: `${tmp}/runtime`,
      JUPYTER_DATA_DIR: `${tmp}/data`,
    },
    args: [
      "--LabApp.expose_app_in_browser=True",
      `--LabApp.user_settings_dir=${tmp}/settings`,
      `--LabApp.workspaces_dir=${tmp}/workspaces`,
      `--FileCheckpoints.checkpoint_dir=${tmp}/checkpoints`,
    ],
    logFile: `${SHOT_DIR}/jupyterlab.log`,
  };
}

/** Runs every check; returns the results (also printed, with the summary line). */
export async function browserCheck(
  options: { notebook?: string; timeoutSeconds?: number; book?: string } = {},
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const t0 = performance.now();
  const timeoutMs = (options.timeoutSeconds ?? 300) * 1000;
  await Deno.mkdir(SHOT_DIR, { recursive: true });
  for await (const e of Deno.readDir(SHOT_DIR)) {
    if (e.isFile && e.name.endsWith(".png")) await Deno.remove(`${SHOT_DIR}/${e.name}`); // no stale screenshots
  }
  const tmp = await Deno.makeTempDir({ prefix: "browser-check-" });
  let lab: LabHandle | null = null;
  let browser: Browser | null = null;
  try {
    const target = await chooseNotebook(options.notebook);
    // JupyterLab serves the notebook's folder (notebooks/ for the real ones), as `deno task lab` does
    const rootDir = target.slice(0, target.lastIndexOf("/"));
    const path = target.slice(rootDir.length + 1);
    await runCheck(results, "setup: chromium, venv, kernel, JupyterLab", async () => {
      await requireChromium();
      await ensureSetup();
      await writeLabSettings(`${tmp}/settings`);
      lab = await startLab(labOptions(rootDir, tmp));
      browser = await launchChromium();
      return `JupyterLab at ${lab.baseUrl} on ${rootDir.slice(ROOT.length + 1)}/, log ${
        SHOT_DIR.slice(ROOT.length + 1)
      }/jupyterlab.log`;
    });
    if (lab !== null && browser !== null) {
      const theLab: LabHandle = lab, page = await (browser as Browser).context.newPage();
      await runCheck(
        results,
        "(a) kernelspec API lists the project kernel",
        () => checkKernelspecApi(theLab),
      );
      await runCheck(results, "(a) launcher shows the project kernel", () => checkLauncher(page, theLab));
      await runCheck(
        results,
        `(b) Run All in the UI draws plots: ${target.slice(ROOT.length + 1)}`,
        () => checkRunAll(page, theLab, path, timeoutMs),
      );
      await runCheck(results, "(c) a CJK font for the Chinese titles", () => checkCjkFont());
      await runCheck(
        results,
        "(c) the book offline: home, search, navigation to a page with a drawn chart and maths, claims, API, dark theme",
        () => checkBook(page, options.book ?? `${ROOT}/out/book`),
      );
    }
  } finally {
    await (browser as Browser | null)?.close();
    await (lab as LabHandle | null)?.stop();
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
  const passed = results.filter((r) => r.ok).length;
  console.log(
    `\nbrowser check: ${secs(t0).toFixed(1)} s; screenshots in ${SHOT_DIR.slice(ROOT.length + 1)}/`,
  );
  for (const r of results) console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.name}`);
  console.log(`${passed} passed, ${results.length - passed} failed`);
  return results;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { notebook: { type: "string" }, timeout: { type: "string" }, book: { type: "string" } },
  });
  const timeoutSeconds = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) {
    console.error(`--timeout must be a positive number of seconds, got ${values.timeout}`);
    Deno.exit(2);
  }
  const book = values.book === undefined
    ? undefined
    : values.book.startsWith("/")
    ? values.book
    : `${Deno.cwd()}/${values.book}`;
  const results = await browserCheck({
    notebook: values.notebook,
    timeoutSeconds,
    book: book?.replace(/\/$/, ""),
  });
  Deno.exit(results.every((r) => r.ok) ? 0 : 1);
}
