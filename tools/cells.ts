/**
 * Type-checking notebook code: `deno check` does not read .ipynb, so each notebook's code cells are joined with
 * ";\n" (plus `export {}`) into a temporary module placed beside the notebook (so "../lib/..." resolves), all
 * modules are checked in one `deno check`, and errors are mapped back to notebook, cell and line.
 * @module
 */
import { cellSource, type Notebook, readNotebook } from "./notebook.ts";

/** One code cell's source and its index in the notebook's cell list (markdown cells count). */
export interface CodeCell {
  index: number;
  source: string;
}

/** A notebook's code cells as one module, with where each cell starts. */
export interface CellModule {
  text: string;
  /** 1-based first line of each cell in `text`, in cell order. */
  starts: { index: number; line: number }[];
}

/** The code cells of a notebook (empty or whitespace-only cells are skipped, like the runner does). */
export function extractCells(nb: Notebook): CodeCell[] {
  return nb.cells.flatMap((cell, index) => {
    if (cell.cell_type !== "code") return [];
    const source = cellSource(cell);
    return source.trim() === "" ? [] : [{ index, source }];
  });
}

/** Joins cells with ";\n" and appends `export {}`, so top-level await and relative imports work in `deno check`. */
export function buildModule(cells: CodeCell[]): CellModule {
  const starts: CellModule["starts"] = [];
  let text = "", line = 1;
  for (const c of cells) {
    starts.push({ index: c.index, line });
    const body = c.source.replace(/\r\n/g, "\n");
    text += body + ";\n";
    line += body.split("\n").length;
  }
  return { text: text + "export {};\n", starts };
}

/** Maps a 1-based module line back to (cell index, 1-based line within the cell); null past the last cell. */
export function lineToCell(mod: CellModule, line: number): { index: number; line: number } | null {
  let found: { index: number; line: number } | null = null;
  for (const s of mod.starts) if (s.line <= line) found = { index: s.index, line: line - s.line + 1 };
  return found;
}

/** The outcome of {@link checkNotebooks}. */
export interface CellCheck {
  ok: boolean;
  /** One entry per type error: "<notebook> cell <i> line <l>:<c>: TS.... message" (or raw deno output). */
  errors: string[];
}

/** Type-checks the code cells of the given notebooks with one `deno check` run. */
export async function checkNotebooks(paths: string[]): Promise<CellCheck> {
  if (paths.length === 0) return { ok: true, errors: [] };
  const mods = new Map<string, { notebook: string; mod: CellModule }>();
  for (const path of paths) {
    const mod = buildModule(extractCells(await readNotebook(path)));
    const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".";
    const base = path.slice(path.lastIndexOf("/") + 1).replace(/\.ipynb$/, "");
    const tmp = `${dir}/.typecheck-${Deno.pid}-${base}.ts`;
    await Deno.writeTextFile(tmp, mod.text);
    mods.set(await Deno.realPath(tmp), { notebook: path, mod });
  }
  try {
    const res = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", ...mods.keys()],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(res.stdout) + new TextDecoder().decode(res.stderr);
    if (res.success) return { ok: true, errors: [] };
    const errors = mapErrors(text, mods);
    return { ok: false, errors: errors.length ? errors : [text.trim()] };
  } finally {
    for (const tmp of mods.keys()) await Deno.remove(tmp).catch(() => {});
  }
}

/** Rewrites `deno check` diagnostics that point into the temporary modules to notebook/cell/line. */
export function mapErrors(
  output: string,
  mods: Map<string, { notebook: string; mod: CellModule }>,
): string[] {
  const errors: string[] = [];
  for (const block of output.split(/\n\s*\n/)) {
    const head = block.split("\n").find((l) => /^TS\d+ \[ERROR\]/.test(l.trim()));
    if (!head) continue;
    const at = block.match(/at file:\/\/(\S+?):(\d+):(\d+)/);
    const message = head.trim().replace(/ \[ERROR\]:/, ":");
    const hit = at ? mods.get(decodeURIComponent(at[1])) : undefined;
    if (!at || !hit) {
      errors.push(at ? `${decodeURIComponent(at[1])}:${at[2]}:${at[3]}: ${message}` : message);
      continue;
    }
    const where = lineToCell(hit.mod, Number(at[2]));
    errors.push(
      where
        ? `${hit.notebook} cell ${where.index} line ${where.line}:${at[3]}: ${message}`
        : `${hit.notebook} (after the last cell): ${message}`,
    );
  }
  return errors;
}
