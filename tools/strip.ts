/**
 * `deno task strip [files...]`: removes outputs, execution counts and per-cell execution timing from
 * notebooks/*.ipynb (or the files given) in place, keeping all other metadata (kernelspec...), and leaves the
 * files `deno fmt`-clean. {@link findOutputs} is the check that committed notebooks carry no outputs.
 * @module
 */
import { listIpynb } from "./select.ts";
import { type Notebook, readNotebook } from "./notebook.ts";
import { NOTEBOOKS, ROOT } from "./paths.ts";

/** A copy of `nb` with no outputs, null execution counts and no `execution` timing metadata in code cells. */
export function stripNotebook(nb: Notebook): Notebook {
  const cells = nb.cells.map((cell) => {
    if (cell.cell_type !== "code") return cell;
    const metadata = { ...(cell.metadata ?? {}) };
    delete metadata.execution;
    return { ...cell, metadata, outputs: [], execution_count: null };
  });
  return { ...nb, cells };
}

/** What is left to strip in `nb`: one line per code cell with outputs, an execution count or timing. */
export function outputProblems(nb: Notebook): string[] {
  const out: string[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const what: string[] = [];
    if ((cell.outputs?.length ?? 0) > 0) what.push(`${cell.outputs!.length} output(s)`);
    if (cell.execution_count !== null && cell.execution_count !== undefined) {
      what.push(`execution_count ${cell.execution_count}`);
    }
    if (cell.metadata && "execution" in cell.metadata) what.push("execution timing metadata");
    if (what.length) out.push(`cell ${i}: ${what.join(", ")}`);
  });
  return out;
}

/** Checks that the notebooks carry no outputs; returns "<file>: cell i: ..." lines (empty when clean). */
export async function findOutputs(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    for (const p of outputProblems(await readNotebook(path))) out.push(`${path}: ${p}`);
  }
  return out;
}

/** Formats files in place with the project's `deno fmt` settings. */
export async function denoFmt(paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  const res = await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", "--config", `${ROOT}/deno.json`, ...paths],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!res.success) throw new Error(`deno fmt failed:\n${new TextDecoder().decode(res.stderr)}`);
}

/** Strips the files in place (only those that change are rewritten, then formatted); returns the changed ones. */
export async function stripFiles(paths: string[]): Promise<string[]> {
  const changed: string[] = [];
  for (const path of paths) {
    const nb = await readNotebook(path);
    if (outputProblems(nb).length === 0) continue;
    await Deno.writeTextFile(path, JSON.stringify(stripNotebook(nb), null, 1) + "\n");
    changed.push(path);
  }
  await denoFmt(changed);
  return changed;
}

if (import.meta.main) {
  const paths = Deno.args.length ? Deno.args : await listIpynb(NOTEBOOKS);
  const changed = await stripFiles(paths);
  console.error(
    `strip: ${changed.length} of ${paths.length} notebook(s) stripped${changed.length ? ":" : ""}`,
  );
  for (const p of changed) console.error(`  ${p}`);
}
