/**
 * The run cache: a notebook whose inputs are unchanged is not executed again; its executed copy and claims from the
 * last good run are reused and the report marks it `cached: true`.
 *
 * The key of a notebook is the SHA-256 of the canonical JSON of: the profile, the bytes of the notebook file, the
 * bytes of every local module its code cells import, transitively (lib files, found by following relative import
 * specifiers), deno.lock and deno.json (npm versions and the import map), the Deno version (the kernel) and
 * tools/nbrun.py (how it is executed). Contents are hashed, not times: `touch` alone re-runs nothing, an edit re-runs
 * exactly the notebooks that import the edited file.
 *
 * Entries live in `<out>/cache/<profile>/`: `<name>.json` (key, the hash of every input, the report entry) and
 * `<name>.ipynb` (the executed notebook). Only runs that ended "ok" are stored; errors and timeouts run again.
 * @module
 */
import { cellSource, readNotebook } from "./notebook.ts";
import type { NotebookReport, Profile } from "./report.ts";
import { ROOT } from "./paths.ts";
import type { NotebookRef } from "./select.ts";

/** Bumped when the entry format or the key's recipe changes (old entries then miss). */
export const CACHE_FORMAT = 1;

/** Files that enter every key besides the notebook's own imports (repository-relative). */
export const GLOBAL_INPUTS: readonly string[] = ["deno.lock", "deno.json", "tools/nbrun.py"];

/** A cache entry as stored in `<out>/cache/<profile>/<name>.json`. */
export interface CacheEntry {
  format: number;
  key: string;
  /** SHA-256 of every input file (repository-relative path, or absolute outside the repository). */
  inputs: Record<string, string>;
  deno: string;
  profile: Profile;
  /** When the run that made the entry finished (ISO time). */
  created: string;
  /** The report entry of that run (status "ok"). */
  entry: NotebookReport;
}

/** The inputs and key of one notebook. */
export interface CacheKey {
  key: string;
  inputs: Record<string, string>;
}

/** What {@link lookupCache} found. */
export type CacheLookup =
  | { hit: true; entry: CacheEntry; key: CacheKey }
  | { hit: false; reason: string; key: CacheKey };

const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"'\n]+)["']|\/\/\/\s*<reference\s+(?:path|types)\s*=\s*["']([^"']+)["']/g;

/**
 * The module specifiers a piece of TypeScript names in `import ... from "x"`, `import "x"`, `import("x")`,
 * `export ... from "x"` and triple-slash references. A regex scan: it may over-report (a specifier inside a
 * comment or string), which only makes the key more conservative; it does not miss a static import.
 */
export function importSpecifiers(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(SPECIFIER)) out.add(m[1] ?? m[2]);
  return [...out];
}

/** True for specifiers resolved on disk relative to the importing file ("./x.ts", "../lib/core/mod.ts"). */
export function isLocalSpecifier(spec: string): boolean {
  return spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("/") || spec.startsWith("file:");
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}

/** Resolves a local specifier against the importing file's folder (normalising "." and ".."). */
export function resolveLocal(fromFile: string, spec: string): string {
  const raw = spec.startsWith("file://")
    ? decodeURIComponent(new URL(spec).pathname)
    : spec.startsWith("/")
    ? spec
    : `${dirOf(fromFile)}/${spec}`;
  const parts: string[] = [];
  for (const p of raw.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return "/" + parts.join("/");
}

/**
 * Every local file the notebook at `notebookPath` imports, transitively: the code cells' relative specifiers, then
 * each module's own. Absolute paths, sorted. A specifier naming a missing file is kept (its hash is "missing"), so
 * creating that file changes the key.
 */
export async function importGraph(notebookPath: string): Promise<string[]> {
  const nb = await readNotebook(notebookPath);
  const code = nb.cells.filter((c) => c.cell_type === "code").map(cellSource).join("\n");
  const seen = new Set<string>();
  const queue = importSpecifiers(code).filter(isLocalSpecifier).map((s) => resolveLocal(notebookPath, s));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(m?[jt]sx?|d\.ts)$/.test(file)) continue; // JSON and other assets: hashed, not parsed
    let text: string;
    try {
      text = await Deno.readTextFile(file);
    } catch {
      continue;
    }
    for (const s of importSpecifiers(text)) if (isLocalSpecifier(s)) queue.push(resolveLocal(file, s));
  }
  return [...seen].sort();
}

/** Hex SHA-256 of bytes. */
export async function sha256Hex(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  const digest = await crypto.subtle.digest("SHA-256", data as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function fileHash(path: string): Promise<string> {
  try {
    return await sha256Hex(await Deno.readFile(path));
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return "missing";
    throw err;
  }
}

function display(path: string, root: string): string {
  return path.startsWith(root + "/") ? path.slice(root.length + 1) : path;
}

/** The key of one notebook in one profile (see the module doc). `root` is the repository (default ROOT). */
export async function cacheKey(
  ref: NotebookRef,
  profile: Profile,
  root: string = ROOT,
): Promise<CacheKey> {
  const files = [ref.path, ...await importGraph(ref.path), ...GLOBAL_INPUTS.map((p) => `${root}/${p}`)];
  const inputs: Record<string, string> = {};
  for (const f of [...new Set(files)].sort()) inputs[display(f, root)] = await fileHash(f);
  const key = await sha256Hex(
    JSON.stringify({ format: CACHE_FORMAT, profile, deno: Deno.version.deno, inputs }),
  );
  return { key, inputs };
}

/** Where a notebook's entry lives. */
export function cachePaths(outDir: string, profile: Profile, name: string): { json: string; ipynb: string } {
  const dir = `${outDir}/cache/${profile}`;
  return { json: `${dir}/${name}.json`, ipynb: `${dir}/${name}.ipynb` };
}

/** Why two input maps differ, in a few words ("lib/core/claims.ts changed", "the notebook changed", ...). */
export function changedInputs(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const n of [...names].sort()) {
    if (!(n in before)) out.push(`${n} is new`);
    else if (!(n in after)) out.push(`${n} no longer imported`);
    else if (before[n] !== after[n]) out.push(`${n} changed`);
  }
  return out;
}

/** Looks a notebook up; a miss says why (no entry, which inputs changed, another Deno, a missing file). */
export async function lookupCache(
  ref: NotebookRef,
  profile: Profile,
  outDir: string,
  root: string = ROOT,
): Promise<CacheLookup> {
  const key = await cacheKey(ref, profile, root);
  const paths = cachePaths(outDir, profile, ref.name);
  let entry: CacheEntry;
  try {
    entry = JSON.parse(await Deno.readTextFile(paths.json));
  } catch {
    return { hit: false, reason: "not in the cache", key };
  }
  if (entry.format !== CACHE_FORMAT) return { hit: false, reason: "cache format changed", key };
  if (entry.key !== key.key) {
    const what = changedInputs(entry.inputs ?? {}, key.inputs);
    if (entry.deno !== Deno.version.deno) what.push(`Deno ${entry.deno} -> ${Deno.version.deno}`);
    const shown = what.length > 4 ? [...what.slice(0, 4), `${what.length - 4} more`] : what;
    return { hit: false, reason: shown.length ? shown.join(", ") : "key changed", key };
  }
  try {
    await Deno.stat(paths.ipynb);
  } catch {
    return { hit: false, reason: "the cached executed notebook is missing", key };
  }
  return { hit: true, entry, key };
}

/** Stores a finished run (only status "ok"; anything else removes a stale entry). Returns whether it stored. */
export async function storeCache(
  ref: NotebookRef,
  result: NotebookReport,
  key: CacheKey,
  outDir: string,
): Promise<boolean> {
  const paths = cachePaths(outDir, result.profile, ref.name);
  if (result.status !== "ok" || result.claims.some((c) => c.verdict === "failed")) {
    await Deno.remove(paths.json).catch(() => {});
    return false;
  }
  await Deno.mkdir(dirOf(paths.json), { recursive: true });
  await Deno.copyFile(`${outDir}/${ref.name}.ipynb`, paths.ipynb);
  const { cached: _c, cached_at: _a, ...entry } = result;
  const record: CacheEntry = {
    format: CACHE_FORMAT,
    key: key.key,
    inputs: key.inputs,
    deno: Deno.version.deno,
    profile: result.profile,
    created: new Date().toISOString(),
    entry,
  };
  await Deno.writeTextFile(paths.json, JSON.stringify(record, null, 2) + "\n");
  return true;
}

/**
 * Puts a hit back into `outDir` as if the notebook had just run: `<out>/<name>.ipynb` and `<out>/claims/<name>.json`
 * from the entry; returns the report entry with `cached: true` and `cached_at` (when the reused run finished).
 */
export async function restoreCache(
  ref: NotebookRef,
  hit: CacheEntry,
  outDir: string,
): Promise<NotebookReport> {
  const paths = cachePaths(outDir, hit.profile, ref.name);
  await Deno.mkdir(`${outDir}/claims`, { recursive: true });
  await Deno.copyFile(paths.ipynb, `${outDir}/${ref.name}.ipynb`);
  await Deno.writeTextFile(
    `${outDir}/claims/${ref.name}.json`,
    JSON.stringify(hit.entry.claims, null, 2) + "\n",
  );
  return { ...hit.entry, cached: true, cached_at: hit.created };
}
