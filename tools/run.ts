/**
 * `deno task run [names or numbers...] [--profile quick|full] [--timeout S] [--jobs 2] [--out DIR]`
 *
 * Executes the selected notebooks (all `notebooks/NN-*.ipynb` by default) headless through the Jupyter protocol,
 * two at a time, writes `<out>/<name>.ipynb`, `<out>/report.json` and `<out>/report.md`, and exits non-zero if a
 * notebook errored or timed out or a claim failed (naming the notebook, the cell and the claim).
 * A notebook whose inputs are unchanged since its last good run in this profile (tools/run_cache.ts) is not executed
 * again: its executed copy and claims are reused and the report marks it `cached: true`. `--force` executes all.
 * @module
 */
import { ROOT } from "./paths.ts";
import { buildReport, failures, type Profile, type Report, reportPassed, writeReport } from "./report.ts";
import { type CacheMode, DEFAULT_TIMEOUT_S, runNotebooks } from "./runner.ts";
import { type NotebookRef, selectNotebooks } from "./select.ts";
import { ensureSetup } from "./setup.ts";

export { runNotebook, runNotebooks } from "./runner.ts";
export { selectNotebooks } from "./select.ts";
export { writeReport } from "./report.ts";

/** Parsed command line of `deno task run`. */
export interface RunArgs {
  selectors: string[];
  profile: Profile;
  timeoutS: number;
  jobs: number;
  outDir: string;
  /** Run cache mode: "use" for `run`, "refresh" with `--force` (and by default for `test`). */
  cache: CacheMode;
}

const USAGE = "usage: deno task run [names or numbers...] [--profile quick|full] [--timeout S] [--jobs N] " +
  "[--out DIR] [--force]";

/**
 * Parses the command line; `defaultProfile` is "full" for `run`, `defaultCache` "use" for `run` ("refresh" for
 * `test`). `--force` executes every selected notebook (and refreshes the cache), `--cached` reuses unchanged ones.
 * Throws RangeError/TypeError naming the bad flag.
 */
export function parseRunArgs(
  argv: string[],
  defaultProfile: Profile = "full",
  defaultCache: CacheMode = "use",
): RunArgs {
  const selectors: string[] = [];
  let cache = defaultCache;
  let profile = defaultProfile, timeoutS: number | undefined, jobs = 2, outDir = `${ROOT}/out`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === "") throw new TypeError(`${flag} needs a value. ${USAGE}`);
      return v;
    };
    const num = (name: string, v: string, integer: boolean) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
        throw new RangeError(
          `${name} must be a positive ${integer ? "integer" : "number"}, got ${JSON.stringify(v)}`,
        );
      }
      return n;
    };
    if (flag === "--profile") {
      const v = value();
      if (v !== "quick" && v !== "full") {
        throw new TypeError(`--profile must be quick or full, got ${JSON.stringify(v)}`);
      }
      profile = v;
    } else if (flag === "--timeout") timeoutS = num("--timeout", value(), false);
    else if (flag === "--jobs") jobs = num("--jobs", value(), true);
    else if (flag === "--out") outDir = value().replace(/\/$/, "");
    else if (flag === "--quick") profile = "quick";
    else if (flag === "--full") profile = "full";
    else if (flag === "--force") cache = "refresh";
    else if (flag === "--cached") cache = "use";
    else if (flag === "--no-cache") cache = "off";
    else if (arg.startsWith("-")) throw new TypeError(`unknown option ${JSON.stringify(arg)}. ${USAGE}`);
    else selectors.push(arg);
  }
  return { selectors, profile, timeoutS: timeoutS ?? DEFAULT_TIMEOUT_S[profile], jobs, outDir, cache };
}

/** Runs the notebooks, writes the report, prints where it is and every failure; returns the report. */
export async function runAndReport(
  refs: NotebookRef[],
  args: Omit<RunArgs, "selectors">,
  log: (line: string) => void = (l) => console.error(l),
): Promise<Report> {
  const results = await runNotebooks(refs, { ...args, log });
  const report = buildReport(results, args.profile);
  const paths = await writeReport(args.outDir, report);
  const t = report.totals;
  log(
    `run: ${t.notebooks} notebook(s): ${t.ok} ok (${t.cached} cached), ${t.error} error, ${t.timeout} timeout; ` +
      `claims: ${t.held} held, ` +
      `${t.failed} failed, ${t.deviation} deviation; ${t.seconds} s of notebook time. Report: ${paths.md}`,
  );
  for (const f of failures(report)) log(`FAILED ${f}`);
  return report;
}

async function main(): Promise<number> {
  const args = parseRunArgs(Deno.args, "full");
  const refs = await selectNotebooks(args.selectors);
  await ensureSetup();
  if (refs.length === 0) console.error("run: no notebooks/NN-*.ipynb to run");
  const report = await runAndReport(refs, args);
  return reportPassed(report) ? 0 : 1;
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (err) {
    console.error(`run: ${err instanceof Error ? err.message : err}`);
    Deno.exit(2);
  }
}
