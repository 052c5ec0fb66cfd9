/**
 * `deno task test`: the one test command.
 * 1. setup (idempotent); 2. `deno test -A --no-check=remote tests/` (unit tests of lib and tools);
 * 3. the notebook cell type-check; 4. the "no committed outputs" check; 5. every notebooks/NN-*.ipynb through
 * the runner in the quick profile into out/ (out/report.md and out/report.json), always executed (`--cached` reuses
 * notebooks whose inputs are unchanged, see tools/run_cache.ts).
 * Exits non-zero on any failing unit test, type error, cell error, timeout or failed claim, naming it; the last
 * line is `N passed, N failed` (unit tests + check steps + notebooks).
 * @module
 */
import { cellsStep, outputsStep, printStep } from "./check.ts";
import { ROOT } from "./paths.ts";
import { failures } from "./report.ts";
import { parseRunArgs, runAndReport } from "./run.ts";
import { selectNotebooks } from "./select.ts";
import { ensureSetup } from "./setup.ts";

/** Counts of a `deno test` run, and the names of failed tests. */
export interface UnitCounts {
  passed: number;
  failed: number;
  failedNames: string[];
}

/**
 * Parses `deno test` output: the summary line "ok | 12 passed (3 steps) | 0 failed (2s)" (or "FAILED | ...") and
 * the "name => file:line:col" lines of the FAILURES section. With no summary (e.g. a type error stopped the run)
 * it reports one failure.
 */
export function parseDenoTest(output: string): UnitCounts {
  const m = [...output.matchAll(/^(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/gm)]
    .pop();
  const tail = output.split(/^\s*FAILURES\s*$/m)[1] ?? "";
  const failedNames = [...tail.matchAll(/^(.+?) => (\S+)$/gm)].map((x) => `${x[1]} (${x[2]})`);
  if (!m) {
    return { passed: 0, failed: 1, failedNames: ["deno test produced no summary (see its output above)"] };
  }
  return { passed: Number(m[1]), failed: Number(m[2]), failedNames };
}

async function pump(from: ReadableStream<Uint8Array>, to: { write(p: Uint8Array): Promise<number> }) {
  const chunks: Uint8Array[] = [];
  for await (const chunk of from) {
    chunks.push(chunk);
    await to.write(chunk);
  }
  return new TextDecoder().decode(await new Blob(chunks as BlobPart[]).arrayBuffer());
}

/** Runs `deno test -A --no-check=remote tests/`, echoing its output, and returns its counts. */
export async function runUnitTests(): Promise<UnitCounts> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "--no-check=remote", "tests/"],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const [out, err] = await Promise.all([pump(child.stdout, Deno.stdout), pump(child.stderr, Deno.stderr)]);
  const status = await child.status;
  const counts = parseDenoTest(out + "\n" + err);
  if (!status.success && counts.failed === 0) {
    return { ...counts, failed: 1, failedNames: [`deno test exited with code ${status.code}`] };
  }
  return counts;
}

async function main(): Promise<number> {
  // the test really executes every notebook (and refreshes the run cache for a later `run`); `--cached` opts in to
  // reusing unchanged notebooks. On a fresh clone (CI) the cache is empty anyway.
  const args = parseRunArgs(Deno.args, "quick", "refresh");
  await ensureSetup();
  let passed = 0, failed = 0;
  const problems: string[] = [];

  console.error("test: unit tests (deno test tests/)");
  const unit = await runUnitTests();
  passed += unit.passed;
  failed += unit.failed;
  problems.push(...unit.failedNames.map((n) => `unit test ${n}`));

  for (const step of [cellsStep, outputsStep]) {
    const r = await step();
    printStep(r, "test");
    if (r.ok) passed += 1;
    else {
      failed += 1;
      problems.push(`${r.name}: ${r.detail.split("\n")[0]}`);
    }
  }

  const refs = await selectNotebooks(args.selectors);
  console.error(`test: ${refs.length} notebook(s) in the ${args.profile} profile into ${args.outDir}`);
  const report = await runAndReport(refs, args);
  for (const nb of report.notebooks) {
    if (nb.status !== "ok" || nb.claims.some((c) => c.verdict === "failed")) failed += 1;
    else passed += 1;
  }
  problems.push(...failures(report));

  for (const p of problems) console.error(`test: FAILED ${p}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (err) {
    console.error(`test: ${err instanceof Error ? err.message : err}`);
    console.log("0 passed, 1 failed");
    Deno.exit(2);
  }
}
