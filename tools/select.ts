/**
 * Which notebooks a command acts on: `notebooks/NN-slug.ipynb`, all of them by default, or those named on the
 * command line by number ("3", "03") or by name ("03-ddpm-autoregressive-vae", with or without ".ipynb", or a path).
 * @module
 */
import { NOTEBOOKS } from "./paths.ts";

/** One notebook file. */
export interface NotebookRef {
  /** File name without extension, e.g. "03-ddpm-autoregressive-vae" (also the claims sidecar's name). */
  name: string;
  /** Absolute path of the .ipynb file. */
  path: string;
}

const NOTEBOOK_FILE = /^(\d{2})-[A-Za-z0-9._-]+\.ipynb$/;

/** Every `NN-*.ipynb` in `dir` (default notebooks/), sorted by name; [] when the folder is missing or empty. */
export async function listNotebooks(dir: string = NOTEBOOKS): Promise<NotebookRef[]> {
  const refs: NotebookRef[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && NOTEBOOK_FILE.test(e.name)) {
        refs.push({ name: e.name.replace(/\.ipynb$/, ""), path: `${dir.replace(/\/$/, "")}/${e.name}` });
      }
    }
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
  return refs.sort((a, b) => a.name.localeCompare(b.name));
}

/** Every `*.ipynb` file in `dir` (default notebooks/), sorted; [] when the folder is missing. */
export async function listIpynb(dir: string = NOTEBOOKS): Promise<string[]> {
  const paths: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && e.name.endsWith(".ipynb")) paths.push(`${dir.replace(/\/$/, "")}/${e.name}`);
    }
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
  return paths.sort();
}

/** Resolves one selector against the available notebooks (throws RangeError naming it when nothing matches). */
export function matchSelector(selector: string, all: NotebookRef[]): NotebookRef[] {
  if (typeof selector !== "string" || selector.trim() === "") {
    throw new TypeError(`notebook selector must be a non-empty string, got ${JSON.stringify(selector)}`);
  }
  const s = selector.trim().replace(/^.*\//, "").replace(/\.ipynb$/, "");
  let found: NotebookRef[];
  if (/^\d{1,2}$/.test(s)) {
    const nn = s.padStart(2, "0");
    found = all.filter((r) => r.name.startsWith(`${nn}-`));
  } else {
    found = all.filter((r) => r.name === s);
  }
  if (found.length === 0) {
    const names = all.map((r) => r.name);
    const shown = names.length > 8 ? [...names.slice(0, 8), `... (${names.length} in all)`] : names;
    throw new RangeError(
      `no notebook matches ${JSON.stringify(selector)}; give a number like "03" or a name like ` +
        `"03-ddpm-autoregressive-vae". Available: ${shown.length ? shown.join(", ") : "(none)"}`,
    );
  }
  return found;
}

/**
 * The notebooks selected by `selectors` (all of them when empty), in notebook order, without duplicates.
 * @throws RangeError naming a selector that matches no notebook.
 */
export async function selectNotebooks(selectors: string[], dir: string = NOTEBOOKS): Promise<NotebookRef[]> {
  const all = await listNotebooks(dir);
  if (selectors.length === 0) return all;
  const chosen = new Set<string>();
  for (const s of selectors) for (const r of matchSelector(s, all)) chosen.add(r.name);
  return all.filter((r) => chosen.has(r.name));
}
