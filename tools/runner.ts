/**
 * Runs notebooks headless: each in its own `tools/nbrun.py` process (nbclient + the project kernel), `jobs` at a
 * time, so one failure or hang loses nothing else. Each run writes `<out>/<name>.ipynb` and the ledger writes
 * `<out>/claims/<name>.json`, which is read back into the run's result.
 * @module
 */
import { cellName } from "./report.ts";
import type { NotebookReport, Profile, ReportClaim, RunError, RunStatus } from "./report.ts";
import type { NotebookRef } from "./select.ts";
import { jupyterEnv, KERNEL_NAME, PYTHON, ROOT } from "./paths.ts";
import { type CacheKey, cacheKey, lookupCache, restoreCache, storeCache } from "./run_cache.ts";

/**
 * How a batch uses the run cache (tools/run_cache.ts): "use" reuses unchanged notebooks and stores new good runs,
 * "refresh" executes everything and stores good runs (`run --force`, `test`), "off" neither reads nor writes.
 */
export type CacheMode = "use" | "refresh" | "off";

/** Options of {@link runNotebooks}. */
export interface RunOptions {
  profile: Profile;
  /** Output folder (absolute or relative to the cwd): executed notebooks, claims/, report. */
  outDir: string;
  /** Seconds allowed for each whole notebook. */
  timeoutS: number;
  /** Notebooks run at once (default 2). */
  jobs?: number;
  /** How long to keep listening after a cell's `status: idle` (default 2 ms; see tools/nbrun.py). */
  graceMs?: number;
  /** Extra environment for the kernels. */
  env?: Record<string, string>;
  /** Progress lines (default: to stderr). Pass `() => {}` for silence. */
  log?: (line: string) => void;
  /** The run cache (default "off": execute, store nothing). */
  cache?: CacheMode;
}

/** Default seconds per notebook in each profile. */
export const DEFAULT_TIMEOUT_S: Record<Profile, number> = { full: 600, quick: 120 };

const NBRUN = `${ROOT}/tools/nbrun.py`;
/** Extra seconds the python process gets past the notebook timeout before it is killed from here. */
const HARD_KILL_MARGIN_S = 60;

interface NbrunResult {
  status: RunStatus;
  seconds: number;
  error?: RunError;
  late?: number;
}

function absolute(p: string): string {
  return p.startsWith("/") ? p.replace(/\/$/, "") : `${Deno.cwd()}/${p}`.replace(/\/\.?$/, "");
}

async function readClaims(path: string): Promise<ReportClaim[] | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
  const rows = JSON.parse(text);
  if (!Array.isArray(rows)) throw new TypeError(`${path}: expected a JSON array of claims`);
  return rows as ReportClaim[];
}

async function removeIfExists(path: string): Promise<void> {
  try {
    await Deno.remove(path);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}

function lastJsonLine(stdout: string): NbrunResult | null {
  const lines = stdout.trim().split("\n").reverse();
  for (const line of lines) {
    try {
      const v = JSON.parse(line);
      if (v && typeof v === "object" && typeof v.status === "string") return v as NbrunResult;
    } catch {
      // not the result line
    }
  }
  return null;
}

/** Runs one notebook and returns its report entry (never throws for a notebook's own failure). */
export async function runNotebook(ref: NotebookRef, opts: RunOptions): Promise<NotebookReport> {
  const out = absolute(opts.outDir);
  const executed = `${out}/${ref.name}.ipynb`;
  const sidecar = `${out}/claims/${ref.name}.json`;
  await Deno.mkdir(`${out}/claims`, { recursive: true });
  await removeIfExists(sidecar); // a stale sidecar must not pass for this run's claims
  const args = [
    NBRUN,
    ref.path,
    executed,
    "--timeout",
    String(opts.timeoutS),
    "--grace-ms",
    String(opts.graceMs ?? 2),
    "--kernel",
    KERNEL_NAME,
  ];
  const env = jupyterEnv({
    NB_PROFILE: opts.profile,
    NB_RUNNER: "1",
    NB_OUT_DIR: out,
    NO_COLOR: "1",
    ...opts.env,
  });
  const t0 = performance.now();
  const child = new Deno.Command(PYTHON, { args, env, stdout: "piped", stderr: "piped" }).spawn();
  let killedHere = false;
  let finalKill: ReturnType<typeof setTimeout> | undefined;
  const kill = (signal: Deno.Signal) => {
    try {
      child.kill(signal);
    } catch { /* already gone */ }
  };
  const hardKill = setTimeout(() => {
    killedHere = true;
    kill("SIGTERM");
    finalKill = setTimeout(() => kill("SIGKILL"), 10_000);
  }, (opts.timeoutS + HARD_KILL_MARGIN_S) * 1000);
  const { stdout, stderr } = await child.output();
  clearTimeout(hardKill);
  clearTimeout(finalKill);
  const seconds = Math.round((performance.now() - t0) / 10) / 100;
  const result = lastJsonLine(new TextDecoder().decode(stdout));
  const entry: NotebookReport = {
    notebook: ref.name,
    profile: opts.profile,
    status: "error",
    seconds,
    claims: (await readClaims(sidecar)) ?? [],
    executed: `${ref.name}.ipynb`,
  };
  if (killedHere) {
    entry.status = "timeout";
    entry.error = { cell_index: -1, ename: "Timeout", evalue: `nbrun.py did not return; killed` };
  } else if (result === null) {
    const tail = new TextDecoder().decode(stderr).trim().split("\n").slice(-15).join("\n");
    entry.error = { cell_index: -1, ename: "RunnerError", evalue: `nbrun.py printed no result:\n${tail}` };
  } else {
    entry.status = result.status;
    if (result.error) entry.error = result.error;
    entry.late_outputs = result.late ?? 0;
    if (result.status === "ok" && (await readClaims(sidecar)) === null) {
      entry.status = "error";
      entry.error = {
        cell_index: -1,
        ename: "NoClaims",
        evalue: `no claims written (${sidecar} is missing)`,
      };
    }
  }
  return entry;
}

/**
 * Runs notebooks `jobs` at a time (default 2) and returns their entries in the order given. Progress (start,
 * finish with status and time, how many are left, and a line every 30 s for long runs) goes to `opts.log`.
 */
export async function runNotebooks(refs: NotebookRef[], opts: RunOptions): Promise<NotebookReport[]> {
  const jobs = opts.jobs ?? 2;
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`jobs must be an integer >= 1, got ${jobs}`);
  if (!(opts.timeoutS > 0)) throw new RangeError(`timeoutS must be > 0, got ${opts.timeoutS}`);
  const log = opts.log ?? ((line: string) => console.error(line));
  const results: NotebookReport[] = new Array(refs.length);
  const running = new Map<string, number>();
  const t0 = performance.now();
  const secs = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
  let next = 0, done = 0;
  const ticker = setInterval(() => {
    const now = [...running].map(([name, start]) => `${name} (${secs(start)} s)`).join(", ");
    if (now) log(`run: still running ${now}; ${refs.length - done} left, ${secs(t0)} s elapsed`);
  }, 30_000);
  const mode = opts.cache ?? "off";
  const out = absolute(opts.outDir);
  const worker = async () => {
    while (next < refs.length) {
      const i = next++;
      const ref = refs[i];
      let key: CacheKey | undefined, why = "";
      if (mode === "use") {
        const found = await lookupCache(ref, opts.profile, out);
        if (found.hit) {
          results[i] = await restoreCache(ref, found.entry, out);
          done += 1;
          log(
            `run: cached ${ref.name} (inputs unchanged since ${found.entry.created}; ${
              results[i].claims.length
            } claims reused); ${refs.length - done} left, ${secs(t0)} s elapsed`,
          );
          continue;
        }
        key = found.key;
        why = ` (${found.reason})`;
      } else if (mode === "refresh") {
        key = await cacheKey(ref, opts.profile); // the inputs as they are when the run starts
      }
      running.set(ref.name, performance.now());
      log(`run: start ${ref.name} [${i + 1}/${refs.length}, ${opts.profile}]${why}`);
      results[i] = await runNotebook(ref, opts);
      running.delete(ref.name);
      done += 1;
      const r = results[i];
      if (key !== undefined) await storeCache(ref, r, key, out);
      const where = r.error
        ? ` ${cellName(r.error.cell_index)}: ${r.error.ename}: ${r.error.evalue.split("\n")[0]}`
        : "";
      const c = r.claims;
      const claims = `${c.filter((x) => x.verdict === "held").length} held, ` +
        `${c.filter((x) => x.verdict === "failed").length} failed, ` +
        `${c.filter((x) => x.verdict === "deviation").length} deviation`;
      log(
        `run: ${r.status === "ok" ? "done" : r.status.toUpperCase()} ${ref.name} in ${r.seconds} s` +
          `${where} (${claims}); ${refs.length - done} left, ${secs(t0)} s elapsed`,
      );
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, refs.length) }, worker));
  } finally {
    clearInterval(ticker);
  }
  return results;
}
