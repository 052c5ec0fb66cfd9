/**
 * Headless Chromium for the browser checks: Debian's /usr/bin/chromium driven by playwright-core, with a fresh
 * user-data dir and the flags that keep it quiet offline (no background networking, updates, sync or QUIC).
 * @module
 */
import { chromium } from "playwright-core";
import type { BrowserContext } from "playwright-core";

/** Where the check expects Chromium (Debian's package). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** The command that installs it (what the CI script runs too). */
export const CHROMIUM_INSTALL_HINT = "apt-get update && apt-get install -y chromium";

/** Chromium's flags: headless, no sandbox (containers run as root), no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A running browser: one context with its own profile dir. */
export interface Browser {
  context: BrowserContext;
  /** Closes the browser and removes its profile dir; safe to call twice. */
  close(): Promise<void>;
}

/** Throws a clear error (with the install command) when Chromium is not at {@link CHROMIUM_PATH}. */
export async function requireChromium(path = CHROMIUM_PATH): Promise<void> {
  try {
    const info = await Deno.stat(path);
    if (info.isFile || info.isSymlink) return;
  } catch {
    // fall through
  }
  throw new Error(`Chromium not found at ${path}. Install Debian's chromium: ${CHROMIUM_INSTALL_HINT}`);
}

/** Launches headless Chromium with a fresh user-data dir and a desktop-sized viewport. */
export async function launchChromium(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Browser> {
  await requireChromium();
  const profileDir = await Deno.makeTempDir({ prefix: "chromium-profile-" });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1400, height: 1000 },
    });
  } catch (err) {
    await Deno.remove(profileDir, { recursive: true }).catch(() => {});
    throw new Error(`could not launch ${CHROMIUM_PATH}: ${(err as Error).message}`);
  }
  let closed = false;
  return {
    context,
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      await Deno.remove(profileDir, { recursive: true }).catch(() => {});
    },
  };
}
