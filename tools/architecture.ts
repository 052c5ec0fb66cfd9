/**
 * The architecture rules of lib/ (DESIGN.md, "Layout"), checked from the import statements of every module:
 *
 * 1. no import cycles between modules;
 * 2. a module reaches another area or sub-area only through that unit's `mod.ts` (a *unit* is the deepest folder
 *    at or above a module that has a `mod.ts`: `lib/core`, `lib/diffusion`, `lib/diffusion/flows`, ...);
 * 3. lib/core imports no other area;
 * 4. lib/ imports nothing outside lib/ by relative path (no tools/, tests/, notebooks/).
 *
 * `deno task check` does not need this module; `tests/lib/architecture_test.ts` runs it on lib/ and on planted
 * violations.
 * @module
 */

/** One import arrow between two modules (paths relative to the root given to {@link scanModules}). */
export interface ImportEdge {
  from: string;
  to: string;
}

/** One broken rule, with the modules involved. */
export interface Violation {
  rule: "cycle" | "internals" | "core-imports-area" | "outside-lib";
  detail: string;
}

const IMPORT_RE =
  /(?:^|[;\s])(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)/g;

/** Relative module specifiers imported (statically, re-exported or dynamically) by TypeScript source `text`. */
export function importSpecifiers(text: string): string[] {
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const out: string[] = [];
  for (const m of noComments.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith("./") || spec.startsWith("../")) out.push(spec);
  }
  return out;
}

/** Normalises "a/b/../c/./d.ts" to "a/c/d.ts" (POSIX separators; a leading ".." that escapes stays). */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const p of path.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === ".." && parts.length > 0 && parts.at(-1) !== "..") parts.pop();
    else parts.push(p);
  }
  return parts.join("/");
}

function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** Every .ts module under `root/lib` (relative to root, e.g. "lib/core/claims.ts") and its import arrows. */
export async function scanModules(root: string): Promise<{ modules: string[]; edges: ImportEdge[] }> {
  const modules: string[] = [];
  async function walk(dir: string) {
    for await (const e of Deno.readDir(`${root}/${dir}`)) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory) await walk(rel);
      else if (e.isFile && e.name.endsWith(".ts")) modules.push(rel);
    }
  }
  await walk("lib");
  modules.sort();
  const edges: ImportEdge[] = [];
  for (const from of modules) {
    const text = await Deno.readTextFile(`${root}/${from}`);
    for (const spec of importSpecifiers(text)) {
      edges.push({ from, to: normalizePath(`${dirname(from)}/${spec}`) });
    }
  }
  return { modules, edges };
}

/** The unit of a module: the deepest folder at or above it (within lib/) that has a mod.ts. */
export function unitOf(module: string, modules: ReadonlySet<string>): string {
  let dir = dirname(module);
  while (dir.startsWith("lib/")) {
    if (modules.has(`${dir}/mod.ts`)) return dir;
    dir = dirname(dir);
  }
  return dirname(module);
}

/** The area of a lib module: "lib/<area>". */
export function areaOf(module: string): string {
  return module.split("/").slice(0, 2).join("/");
}

/** The import cycles among `modules`, each as a closed path [a, b, ..., a]; one per strongly connected component. */
export function findCycles(modules: string[], edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>(modules.map((m) => [m, []]));
  for (const e of edges) if (next.has(e.to)) next.get(e.from)?.push(e.to);
  // Tarjan's strongly connected components
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>();
  const stack: string[] = [], comps: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || next.get(v)!.includes(v)) comps.push(comp);
    }
  };
  for (const m of modules) if (!idx.has(m)) visit(m);
  // a readable closed path inside each component
  return comps.map((comp) => {
    const inComp = new Set(comp);
    const start = [...comp].sort()[0];
    const path = [start];
    const seen = new Set([start]);
    let at = start;
    for (;;) {
      const w = next.get(at)!.find((x) => inComp.has(x) && (x === start || !seen.has(x)))!;
      path.push(w);
      if (w === start || seen.has(w)) break;
      seen.add(w);
      at = w;
    }
    return path;
  });
}

/** Every broken rule of the module graph under `root/lib`. */
export async function architectureViolations(root: string): Promise<Violation[]> {
  const { modules, edges } = await scanModules(root);
  const known = new Set(modules);
  const out: Violation[] = [];
  for (const cycle of findCycles(modules, edges)) out.push({ rule: "cycle", detail: cycle.join(" -> ") });
  for (const { from, to } of edges) {
    if (!to.startsWith("lib/")) {
      out.push({ rule: "outside-lib", detail: `${from} imports ${to}` });
      continue;
    }
    if (areaOf(from) === "lib/core" && areaOf(to) !== "lib/core") {
      out.push({ rule: "core-imports-area", detail: `${from} imports ${to}` });
    }
    const uFrom = unitOf(from, known), uTo = unitOf(to, known);
    if (uFrom !== uTo && to !== `${uTo}/mod.ts`) {
      out.push({
        rule: "internals",
        detail: `${from} imports ${to}, an internal of ${uTo} (use ${uTo}/mod.ts)`,
      });
    }
  }
  return out;
}
