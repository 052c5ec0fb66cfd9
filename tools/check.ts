/**
 * `deno task check`: deno fmt --check, deno lint, deno check lib tests tools, the notebook cell type-check and
 * the "no committed outputs" check. Exits non-zero naming each step that failed and why.
 * @module
 */
import { checkNotebooks } from "./cells.ts";
import { NOTEBOOKS, ROOT } from "./paths.ts";
import { listIpynb } from "./select.ts";
import { denoFmt, findOutputs } from "./strip.ts";

/** The outcome of one check step. */
export interface StepResult {
  name: string;
  ok: boolean;
  seconds: number;
  /** What failed (empty when ok). */
  detail: string;
}

async function timed(name: string, fn: () => Promise<{ ok: boolean; detail: string }>): Promise<StepResult> {
  const t0 = performance.now();
  const r = await fn();
  return { name, ...r, seconds: Math.round((performance.now() - t0) / 100) / 10 };
}

async function deno(args: string[]): Promise<{ ok: boolean; detail: string }> {
  const res = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (new TextDecoder().decode(res.stdout) + new TextDecoder().decode(res.stderr))
    .split("\n").filter((l) => !/^(Check|Download) /.test(l) && !/^\s+\d+: /.test(l)).join("\n").trim();
  return { ok: res.success, detail: res.success ? "" : text.slice(-6000) };
}

/**
 * Notebooks that the project's formatter would change: each is formatted as a copy (in a temp folder, with the
 * project's deno.json) and compared byte for byte. `deno fmt --check` is not used for .ipynb because Deno 2.9.6
 * reports every notebook as "not formatted" on a cold fmt cache (a fresh clone), although formatting changes nothing.
 */
export async function unformattedNotebooks(paths: string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const tmp = await Deno.makeTempDir({ prefix: "fmt-ipynb-" });
  try {
    const copies = paths.map((_, i) => `${tmp}/${i}.ipynb`);
    await Promise.all(paths.map((p, i) => Deno.copyFile(p, copies[i])));
    await denoFmt(copies);
    const bad: string[] = [];
    for (let i = 0; i < paths.length; i++) {
      const [a, b] = await Promise.all([Deno.readFile(paths[i]), Deno.readFile(copies[i])]);
      if (a.length !== b.length || a.some((v, j) => v !== b[j])) bad.push(paths[i]);
    }
    return bad;
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

/** The repository's formatting: `deno fmt --check` for everything but notebooks, {@link unformattedNotebooks} for them. */
export function fmtStep(): Promise<StepResult> {
  return timed("fmt", async () => {
    const rest = await deno(["fmt", "--check", "--ignore=**/*.ipynb"]);
    const notebooks = [...await listIpynb(NOTEBOOKS), ...await listIpynbTree(`${ROOT}/tests/fixtures`)];
    const bad = await unformattedNotebooks(notebooks);
    const detail = [
      rest.detail,
      ...bad.map((p) => `not formatted: ${p.replace(`${ROOT}/`, "")} (run \`./deno fmt\`)`),
    ]
      .filter(Boolean).join("\n");
    return { ok: rest.ok && bad.length === 0, detail };
  });
}

async function listIpynbTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isDirectory) out.push(...await listIpynbTree(`${dir}/${e.name}`));
      else if (e.isFile && e.name.endsWith(".ipynb")) out.push(`${dir}/${e.name}`);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return out.sort();
}

/** `deno lint` over the repository. */
export function lintStep(): Promise<StepResult> {
  return timed("lint", () => deno(["lint"]));
}

/** `deno check lib tests tools`. */
export function typeStep(): Promise<StepResult> {
  return timed("types", () => deno(["check", "lib", "tests", "tools"]));
}

/** Type-checks the code cells of every notebook in `dir` (default notebooks/). */
export function cellsStep(dir: string = NOTEBOOKS): Promise<StepResult> {
  return timed("notebook cells", async () => {
    const r = await checkNotebooks(await listIpynb(dir));
    return { ok: r.ok, detail: r.errors.join("\n").replaceAll(`${ROOT}/`, "") };
  });
}

/** Checks that the notebooks in `dir` (default notebooks/) carry no outputs (fix: `deno task strip`). */
export function outputsStep(dir: string = NOTEBOOKS): Promise<StepResult> {
  return timed("no outputs", async () => {
    const problems = await findOutputs(await listIpynb(dir));
    const detail = problems.length ? `${problems.join("\n")}\n(run \`deno task strip\`)` : "";
    return { ok: problems.length === 0, detail };
  });
}

/** Prints one step's outcome to stderr (and what failed). */
export function printStep(r: StepResult, prefix = "check"): void {
  console.error(`${prefix}: ${r.ok ? "ok    " : "FAILED"} ${r.name} (${r.seconds} s)`);
  if (!r.ok) console.error(r.detail.split("\n").map((l) => `  ${l}`).join("\n"));
}

async function main(): Promise<number> {
  const steps = [fmtStep, lintStep, typeStep, cellsStep, outputsStep];
  const results: StepResult[] = [];
  for (const step of steps) {
    const r = await step();
    printStep(r);
    results.push(r);
  }
  const failed = results.filter((r) => !r.ok).map((r) => r.name);
  console.error(failed.length ? `check: FAILED: ${failed.join(", ")}` : "check: all ok");
  return failed.length ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main());
