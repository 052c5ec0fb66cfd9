/**
 * Driving JupyterLab in a real page: its launcher, and a notebook run through the UI (the Run menu's "Run All
 * Cells"), watched until every cell has executed, with the drawn plotly charts counted in the page. The page's
 * model is read through `window.jupyterapp` (the server runs with `--LabApp.expose_app_in_browser=True`), only
 * to observe; execution itself goes through the menu like a person's click.
 * @module
 */
import type { Page } from "playwright-core";

/** The little of the DOM the page-side callbacks use (Deno's type library has no DOM). */
interface DomNode {
  textContent: string | null;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
  getAttribute(name: string): string | null;
}

/**
 * The user settings the check runs JupyterLab with: no autosave (the executed notebook must not be written back),
 * all cells attached (no windowing), no news/update pop-ups.
 */
export const LAB_SETTINGS: Record<string, Record<string, unknown>> = {
  "@jupyterlab/docmanager-extension/plugin": { autosave: false },
  "@jupyterlab/notebook-extension/tracker": { windowingMode: "none" },
  "@jupyterlab/apputils-extension/notification": { fetchNews: "false", checkForUpdates: false },
};

/** Writes {@link LAB_SETTINGS} into a JupyterLab user-settings dir (`--LabApp.user_settings_dir`). */
export async function writeLabSettings(dir: string): Promise<void> {
  for (const [plugin, values] of Object.entries(LAB_SETTINGS)) {
    const file = `${dir}/${plugin}.jupyterlab-settings`;
    await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(file, JSON.stringify(values, null, 2) + "\n");
  }
}

/** What the launcher shows. */
export interface LauncherResult {
  /** Labels of the launcher's notebook cards. */
  notebookCards: string[];
}

/** Opens JupyterLab at `url`, waits for the launcher and returns its notebook cards' labels. */
export async function readLauncher(page: Page, url: string, timeoutMs = 60_000): Promise<LauncherResult> {
  await page.goto(url, { waitUntil: "domcontentloaded", timeout: timeoutMs });
  const cards = page.locator(".jp-Launcher-section").first().locator(".jp-LauncherCard");
  await cards.first().waitFor({ state: "visible", timeout: timeoutMs });
  const labels = await cards.evaluateAll((els) =>
    (els as unknown as DomNode[]).map((el) => (el.getAttribute("title") ?? el.textContent ?? "").trim())
  );
  return { notebookCards: labels };
}

/** The state of an open notebook as the page sees it. */
export interface NotebookState {
  /** The panel is open and its model loaded. */
  open: boolean;
  /** The kernel's name (e.g. "scispaces-deno"), if a kernel is attached. */
  kernelName?: string;
  /** The name the toolbar shows (e.g. "Deno (Scientific Spaces)"). */
  kernelDisplayName?: string;
  /** The kernel's status ("idle", "busy", "starting", ...). */
  kernelStatus?: string;
  /** Execution count of every code cell (null: not run). */
  counts: (number | null)[];
  /** "ename: evalue" of every error output. */
  errors: string[];
  /** Outputs carrying application/vnd.plotly.v1+json. */
  plotlyOutputs: number;
  /** Code cells whose prompt shows `[*]` (running or queued). */
  pending: number;
  /** Plotly charts drawn in the page (an element `.js-plotly-plot` holding an `svg.main-svg`). */
  plotsDrawn: number;
}

/** Reads {@link NotebookState} of the notebook panel open at `path` (relative to the server root). */
export function notebookState(page: Page, path: string): Promise<NotebookState> {
  return page.evaluate((nbPath: string) => {
    // deno-lint-ignore no-explicit-any
    const app = (globalThis as any).jupyterapp;
    const empty = { open: false, counts: [], errors: [], plotlyOutputs: 0, pending: 0, plotsDrawn: 0 };
    if (!app) return empty;
    // deno-lint-ignore no-explicit-any
    const panel = Array.from(app.shell.widgets("main") as Iterable<any>).find((w) =>
      w?.context?.path === nbPath
    );
    if (!panel?.content?.model || !panel.context.isReady) return empty;
    const node = panel.node as DomNode;
    const counts: (number | null)[] = [];
    const errors: string[] = [];
    let plotlyOutputs = 0;
    const cells = panel.content.model.cells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells.get(i);
      if (cell.type !== "code") continue;
      counts.push(cell.executionCount ?? null);
      for (const out of cell.outputs.toJSON()) {
        if (out.output_type === "error") errors.push(`${out.ename}: ${out.evalue}`);
        if (out.data && out.data["application/vnd.plotly.v1+json"]) plotlyOutputs++;
      }
    }
    const prompts = Array.from(node.querySelectorAll(".jp-CodeCell .jp-InputPrompt"));
    const kernel = panel.sessionContext?.session?.kernel;
    return {
      open: true,
      kernelName: kernel?.name,
      kernelDisplayName: panel.sessionContext?.kernelDisplayName,
      kernelStatus: kernel?.status,
      counts,
      errors,
      plotlyOutputs,
      pending: prompts.filter((p) => (p.textContent ?? "").includes("*")).length,
      plotsDrawn: Array.from(node.querySelectorAll(".js-plotly-plot")).filter((p) =>
        p.querySelector("svg.main-svg")
      )
        .length,
    };
  }, path);
}

/** Polls `probe` every `everyMs` until `done` holds, or throws after `timeoutMs` with `what` and the last state. */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (state: T) => boolean,
  what: string,
  timeoutMs: number,
  everyMs = 500,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let state = await probe();
  while (!done(state)) {
    if (performance.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${what}; last state: ${JSON.stringify(state)}`,
      );
    }
    await new Promise((r) => setTimeout(r, everyMs));
    state = await probe();
  }
  return state;
}

/** Opens `path` in JupyterLab and waits until its kernel is idle. */
export async function openNotebook(
  page: Page,
  baseUrl: string,
  token: string,
  path: string,
  timeoutMs = 120_000,
): Promise<NotebookState> {
  const url = `${baseUrl}lab/tree/${path.split("/").map(encodeURIComponent).join("/")}?token=${token}`;
  await page.goto(url, { waitUntil: "domcontentloaded", timeout: timeoutMs });
  return await pollUntil(
    () => notebookState(page, path),
    (s) => s.open && s.kernelStatus === "idle",
    `${path} to open with an idle kernel`,
    timeoutMs,
  );
}

/** Clicks Run → Run All Cells in the menu bar (falls back to the command palette if the menu item is missing). */
export async function clickRunAll(page: Page): Promise<string> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
  const item = page.locator(".lm-Menu-item:not(.lm-mod-disabled)", {
    has: page.locator(".lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }),
  });
  try {
    await item.waitFor({ state: "visible", timeout: 5000 });
    await item.click();
    return "menu Run > Run All Cells";
  } catch {
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+Shift+C");
    await page.keyboard.type("Run All Cells");
    await page.keyboard.press("Enter");
    return "command palette: Run All Cells";
  }
}

/**
 * Waits until the run started by {@link clickRunAll} is over: the kernel idle, no `[*]` prompt, and either every
 * code cell has a count or an error output ended the run; the state must hold on two polls in a row. Throws at once
 * if the kernel dies or restarts, and after `timeoutMs`.
 */
export async function waitForRunAll(page: Page, path: string, timeoutMs: number): Promise<NotebookState> {
  let settled = 0;
  return await pollUntil(
    () => notebookState(page, path),
    (s) => {
      if (
        s.kernelStatus === "dead" || s.kernelStatus === "autorestarting" || s.kernelStatus === "restarting"
      ) {
        throw new Error(
          `the kernel of ${path} went "${s.kernelStatus}" during Run All (crashed or out of memory?)`,
        );
      }
      const over = s.kernelStatus === "idle" && s.pending === 0 &&
        (s.counts.every((c) => c !== null) || s.errors.length > 0);
      settled = over ? settled + 1 : 0;
      return settled >= 2;
    },
    `every cell of ${path} to execute`,
    timeoutMs,
  );
}

/** Waits (up to `timeoutMs`) until at least `want` plotly charts are drawn; returns the final state. */
export async function waitForPlots(
  page: Page,
  path: string,
  want: number,
  timeoutMs = 30_000,
): Promise<NotebookState> {
  try {
    return await pollUntil(() => notebookState(page, path), (s) => s.plotsDrawn >= want, "plots", timeoutMs);
  } catch {
    return await notebookState(page, path); // the caller reports the shortfall
  }
}
