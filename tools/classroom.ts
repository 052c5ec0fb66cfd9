/**
 * `deno task classroom [--port 8000] [--password PW] [--profile quick|full] [--state DIR]`: JupyterHub for a class on
 * this machine (classroom/jupyterhub_config.py: a shared password, SimpleLocalProcessSpawner, the project kernel
 * for every user). Prints the URL and runs until interrupted (Ctrl-C stops the hub and every student's server).
 * Other tools start it through {@link startHub}, which returns a handle with `stop()`.
 * @module
 */
import { parseArgs } from "node:util";
import { ensureClassroom } from "./setup.ts";
import { ROOT, VENV } from "./paths.ts";
import { freePort } from "./lab.ts";

/** Options of {@link startHub}. */
export interface HubOptions {
  /** The public port (the proxy), on 127.0.0.1 unless `ip` says otherwise. */
  port: number;
  /** The hub's own API port and the proxy's API port (default: free ports). */
  hubPort?: number;
  proxyApiPort?: number;
  ip?: string;
  /** The shared password (SharedPasswordAuthenticator; at least 8 characters). */
  password: string;
  /** Where the hub keeps its database, cookie secret and the students' homes. */
  stateDir: string;
  /** NB_PROFILE for every student's kernels (unset: the notebooks' default, full). */
  profile?: "quick" | "full";
  /** A token for a service with admin rights over users and servers (for scripts). */
  serviceToken?: string;
  /** Where the hub's log goes (default `<stateDir>/jupyterhub.log`). */
  logFile?: string;
  /** How long to wait for the hub to answer (default 90 s). */
  startTimeoutMs?: number;
}

/** A running hub. */
export interface HubHandle {
  /** e.g. `http://127.0.0.1:8000/`. */
  url: string;
  pid: number;
  stateDir: string;
  logFile: string;
  /** Stops the hub (SIGTERM: it stops the students' servers and the proxy; SIGKILL after 30 s); safe to call twice. */
  stop(): Promise<void>;
}

/** The hub's environment: the classroom's settings as CLASSROOM_* variables. */
export function hubEnv(o: HubOptions): Record<string, string> {
  const env: Record<string, string> = {
    CLASSROOM_REPO: ROOT,
    CLASSROOM_STATE: o.stateDir,
    CLASSROOM_VENV: VENV,
    CLASSROOM_IP: o.ip ?? "127.0.0.1",
    CLASSROOM_PORT: String(o.port),
    CLASSROOM_HUB_PORT: String(o.hubPort ?? freePort()),
    CLASSROOM_PROXY_API_PORT: String(o.proxyApiPort ?? freePort()),
    CLASSROOM_PASSWORD: o.password,
    PATH: `${VENV}/bin:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
    NO_COLOR: "1",
    JUPYTER_PLATFORM_DIRS: "1",
  };
  if (o.profile) env.CLASSROOM_PROFILE = o.profile;
  if (o.serviceToken) env.CLASSROOM_SERVICE_TOKEN = o.serviceToken;
  return env;
}

async function waitForHub(url: string, child: Deno.ChildProcess, timeoutMs: number, logFile: string) {
  let exited = false;
  child.status.then(() => exited = true);
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exited) break;
    try {
      const res = await fetch(`${url}hub/api/`, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  const log = await Deno.readTextFile(logFile).catch(() => "");
  throw new Error(
    `JupyterHub did not answer at ${url}hub/api/ ${
      exited ? "(it exited)" : `within ${timeoutMs / 1000} s`
    }; ` +
      `log tail:\n${log.split("\n").slice(-30).join("\n")}`,
  );
}

/** Starts JupyterHub with classroom/jupyterhub_config.py and waits until its API answers. */
export async function startHub(o: HubOptions): Promise<HubHandle> {
  await Deno.mkdir(o.stateDir, { recursive: true });
  const logFile = o.logFile ?? `${o.stateDir}/jupyterhub.log`;
  const log = await Deno.open(logFile, { write: true, create: true, truncate: true });
  const child = new Deno.Command(`${VENV}/bin/jupyterhub`, {
    args: ["-f", `${ROOT}/classroom/jupyterhub_config.py`],
    cwd: o.stateDir,
    env: hubEnv(o),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const pump = async (s: ReadableStream<Uint8Array>) => {
    for await (const chunk of s) await log.write(chunk).catch(() => 0);
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  const url = `http://${o.ip ?? "127.0.0.1"}:${o.port}/`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      child.kill("SIGTERM");
    } catch { /* gone */ }
    const killer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch { /* gone */ }
    }, 30_000);
    await child.status;
    clearTimeout(killer);
    await pumps.catch(() => {});
    log.close();
  };
  try {
    await waitForHub(url, child, o.startTimeoutMs ?? 90_000, logFile);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, pid: child.pid, stateDir: o.stateDir, logFile, stop };
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      port: { type: "string", default: "8000" },
      ip: { type: "string", default: "127.0.0.1" },
      password: { type: "string" },
      profile: { type: "string" },
      state: { type: "string", default: `${ROOT}/classroom/.state` },
    },
    strict: true,
  });
  if (values.profile !== undefined && values.profile !== "quick" && values.profile !== "full") {
    console.error(`classroom: --profile must be quick or full, got ${JSON.stringify(values.profile)}`);
    Deno.exit(2);
  }
  await ensureClassroom();
  const password = values.password ?? Deno.env.get("CLASSROOM_PASSWORD") ??
    crypto.randomUUID().slice(0, 13);
  if (password.length < 8) {
    console.error("classroom: the shared password needs at least 8 characters");
    Deno.exit(2);
  }
  const hub = await startHub({
    port: Number(values.port),
    ip: values.ip,
    password,
    profile: values.profile as "quick" | "full" | undefined,
    stateDir: values.state.startsWith("/") ? values.state : `${Deno.cwd()}/${values.state}`,
  });
  console.log(`classroom: JupyterHub at ${hub.url} — log in with any user name and the password ${password}`);
  console.log(`classroom: state (database, students' homes) in ${hub.stateDir}; log ${hub.logFile}`);
  console.log("classroom: Ctrl-C stops the hub and every student's server");
  const onSignal = async () => {
    console.log("classroom: stopping");
    await hub.stop();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
}
