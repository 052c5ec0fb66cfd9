/**
 * `deno task test:classroom [--users 3] [--notebook 13] [--profile quick|full] [--no-binder]`: the classroom on this
 * machine, end to end. Starts JupyterHub (classroom/jupyterhub_config.py) on free loopback ports; logs `--users`
 * students in through the login form; starts their servers; runs one notebook in each, concurrently, through the
 * Jupyter REST API (sessions, contents) and the kernel protocol (the kernel's websocket); checks that every run
 * completes with no error and that its outputs are complete (a claim row for every claim the ledger wrote into the
 * student's home, and the final claims table); measures each student's memory and CPU (tools/classroom/measure.ts);
 * stops the servers and the hub and checks that no student process is left. Then the Binder files
 * (tools/classroom/binder_check.ts). Writes out/classroom/result.json; the last line is `N passed, N failed`.
 * @module
 */
import { parseArgs } from "node:util";
import { ensureClassroom } from "./setup.ts";
import { KERNEL_NAME, ROOT } from "./paths.ts";
import { freePort } from "./lab.ts";
import { type HubHandle, startHub } from "./classroom.ts";
import {
  login,
  readContents,
  serverApi,
  startServer,
  stopServer,
  type Student,
} from "./classroom/hub_client.ts";
import { runRemoteNotebook } from "./classroom/kernel_client.ts";
import { sampleUser, type Usage, userPids } from "./classroom/measure.ts";
import { binderChecks } from "./classroom/binder_check.ts";
import { matchSelector } from "./select.ts";
import { listNotebooks } from "./select.ts";
import type { Notebook } from "./notebook.ts";

/** The notebook run by default: cheap in the quick profile, with training, plots and claims. */
export const DEFAULT_NOTEBOOK = "13";

interface StudentResult {
  user: string;
  ok: boolean;
  detail: string;
  usage?: Usage;
  claims?: number;
  cells?: number;
}

function text(v: unknown): string {
  return Array.isArray(v) ? v.join("") : typeof v === "string" ? v : "";
}

async function runStudent(
  hub: HubHandle,
  user: string,
  password: string,
  nbName: string,
  timeoutS: number,
  log: (l: string) => void,
): Promise<StudentResult> {
  let s: Student | undefined;
  try {
    s = await login(hub.url, user, password);
    log(`classroom: ${user} logged in`);
    await startServer(s);
    const specs = await (await serverApi(s, "kernelspecs")).json() as {
      kernelspecs: Record<string, unknown>;
    };
    if (!specs.kernelspecs[KERNEL_NAME]) {
      throw new Error(`${user}'s server does not list the kernel ${KERNEL_NAME}`);
    }
    log(`classroom: ${user}'s server is up, running notebooks/${nbName}.ipynb`);
    const nb = await readContents(s, `notebooks/${nbName}.ipynb`) as Notebook;
    const meter = sampleUser(user);
    const run = await runRemoteNotebook(s, `notebooks/${nbName}.ipynb`, nb, {
      kernelName: KERNEL_NAME,
      timeoutS,
    });
    const usage = meter.stop();
    if (run.error) throw new Error(`${user}: ${run.error}`);
    const errors = run.cells.flatMap((c) => c.outputs.filter((o) => o.output_type === "error"));
    if (errors.length) {
      throw new Error(`${user}: error outputs: ${errors.map((e) => `${e.ename}: ${e.evalue}`).join("; ")}`);
    }
    const codeCells = nb.cells.filter((c) => c.cell_type === "code" && text(c.source).trim() !== "").length;
    if (run.cells.length !== codeCells) {
      throw new Error(`${user}: ${run.cells.length} of ${codeCells} code cells ran`);
    }
    // completeness: one claim row per claim the ledger wrote, and the final claims table
    const sidecar = await readContents(s, `out/claims/${nbName}.json`) as { id: string; verdict: string }[];
    const rows = new Set(
      run.cells.flatMap((c) => c.outputs.map((o) => text(o.data?.["text/plain"])))
        .filter((t) => t.startsWith("claim ")).map((t) => t.slice(6, t.indexOf(" [")).trim()),
    );
    const missing = sidecar.filter((c) => !rows.has(c.id)).map((c) => c.id);
    if (missing.length) throw new Error(`${user}: no claim row output for ${missing.join(", ")}`);
    const table = run.cells.some((c) =>
      c.outputs.some((o) => text(o.data?.["text/plain"]).includes(`Claims of ${nbName}`))
    );
    if (!table) throw new Error(`${user}: the final claims table output is missing`);
    const failed = sidecar.filter((c) => c.verdict === "failed").map((c) => c.id);
    if (failed.length) throw new Error(`${user}: failed claims ${failed.join(", ")}`);
    return {
      user,
      ok: true,
      usage,
      claims: sidecar.length,
      cells: run.cells.length,
      detail:
        `${run.cells.length} cells in ${
          run.seconds.toFixed(1)
        } s, ${sidecar.length} claims each with its row, ` +
        `the claims table, ${run.late} late output(s) put back; peak ${usage.peakRssMiB} MiB, ${usage.cpuSeconds} CPU s ` +
        `(${usage.cores} cores)`,
    };
  } catch (err) {
    return { user, ok: false, detail: err instanceof Error ? err.message : String(err) };
  } finally {
    if (s) await stopServer(s).catch((e) => log(`classroom: stopping ${user}'s server: ${e.message}`));
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      users: { type: "string", default: "3" },
      notebook: { type: "string", default: DEFAULT_NOTEBOOK },
      profile: { type: "string", default: "quick" },
      timeout: { type: "string" },
      "no-binder": { type: "boolean", default: false },
    },
    strict: true,
  });
  const nUsers = Number(values.users);
  if (!Number.isInteger(nUsers) || nUsers < 1) {
    throw new RangeError(`--users must be an integer >= 1, got ${values.users}`);
  }
  if (values.profile !== "quick" && values.profile !== "full") {
    throw new TypeError(`--profile must be quick or full, got ${JSON.stringify(values.profile)}`);
  }
  const profile = values.profile;
  const [ref] = matchSelector(values.notebook, await listNotebooks());
  const timeoutS = Number(values.timeout ?? (profile === "quick" ? 600 : 1800));
  const log = (l: string) => console.error(l);
  const checks: { name: string; ok: boolean; detail: string }[] = [];
  const t0 = performance.now();

  await ensureClassroom();
  const state = await Deno.makeTempDir({ prefix: "classroom-test-" });
  const password = crypto.randomUUID().slice(0, 12);
  const users = Array.from({ length: nUsers }, (_, i) => `student${i + 1}`);
  let hub: HubHandle | undefined;
  let students: StudentResult[] = [];
  try {
    hub = await startHub({
      port: freePort(),
      password,
      stateDir: state,
      profile,
      logFile: `${state}/jupyterhub.log`,
    });
    const started = (performance.now() - t0) / 1000;
    checks.push({
      name: "hub starts",
      ok: true,
      detail: `${hub.url} in ${started.toFixed(1)} s (${profile} profile)`,
    });
    log(`classroom: hub at ${hub.url}; ${nUsers} student(s) run ${ref.name} concurrently`);
    students = await Promise.all(users.map((u) => runStudent(hub!, u, password, ref.name, timeoutS, log)));
    for (const r of students) {
      checks.push({
        name: `${r.user} logs in, starts a server, runs ${ref.name}`,
        ok: r.ok,
        detail: r.detail,
      });
    }
    // a wrong password is refused
    const refused = await login(hub.url, "intruder", password + "x").then(() => false, () => true);
    checks.push({
      name: "a wrong password is refused",
      ok: refused,
      detail: refused ? "login refused" : "login accepted!",
    });
  } catch (err) {
    checks.push({ name: "hub", ok: false, detail: err instanceof Error ? err.message : String(err) });
  } finally {
    if (hub) {
      await hub.stop();
      await new Promise((r) => setTimeout(r, 1000));
      const left = users.flatMap((u) => userPids(u));
      let proxyLeft = false;
      try {
        const pid = Number((await Deno.readTextFile(`${state}/proxy.pid`)).trim());
        proxyLeft = pid > 0 && await Deno.stat(`/proc/${pid}`).then(() => true, () => false);
      } catch { /* no pid file: the hub removed it */ }
      checks.push({
        name: "the hub stops with every student's server and the proxy",
        ok: left.length === 0 && !proxyLeft,
        detail: left.length || proxyLeft
          ? `left running: ${left.join(", ")}${proxyLeft ? " proxy" : ""}`
          : "nothing left",
      });
      const logTail = (await Deno.readTextFile(hub.logFile).catch(() => "")).split("\n").slice(-40).join(
        "\n",
      );
      if (checks.some((c) => !c.ok)) console.error(`classroom: hub log tail:\n${logTail}`);
    }
  }
  const hubSeconds = (performance.now() - t0) / 1000;
  if (!values["no-binder"]) checks.push(...await binderChecks());

  const usages = students.map((s) => s.usage).filter((u): u is Usage => !!u);
  const result = {
    notebook: ref.name,
    profile,
    users: nUsers,
    hub_seconds: Math.round(hubSeconds * 10) / 10,
    total_seconds: Math.round((performance.now() - t0) / 100) / 10,
    per_user: usages,
    checks,
  };
  await Deno.mkdir(`${ROOT}/out/classroom`, { recursive: true });
  await Deno.writeTextFile(
    `${ROOT}/out/classroom/result-${profile}-${nUsers}.json`,
    JSON.stringify(result, null, 2) + "\n",
  );
  await Deno.remove(state, { recursive: true }).catch(() => {});

  for (const c of checks) console.log(`${c.ok ? "PASS" : "FAIL"} ${c.name}: ${c.detail}`);
  if (usages.length) {
    console.log(
      `classroom: per student (${ref.name}, ${profile} profile, ${nUsers} at once on ${navigator.hardwareConcurrency} cores):`,
    );
    for (const u of usages) {
      console.log(
        `  ${u.user}: peak ${u.peakRssMiB} MiB resident, ${u.cpuSeconds} CPU s over ${u.wallSeconds} s (${u.cores} cores)`,
      );
    }
  }
  console.log(
    `classroom: hub part ${
      hubSeconds.toFixed(1)
    } s, all ${result.total_seconds} s; out/classroom/result-${profile}-${nUsers}.json`,
  );
  const passed = checks.filter((c) => c.ok).length, failed = checks.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (err) {
    console.error(`test:classroom: ${err instanceof Error ? err.message : err}`);
    console.log("0 passed, 1 failed");
    Deno.exit(2);
  }
}
