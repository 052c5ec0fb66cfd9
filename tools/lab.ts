/**
 * `deno task lab [-- jupyter-lab args]`: JupyterLab from the project's venv on notebooks/, with the project's Deno
 * kernel listed. Extra arguments go to `jupyter lab` unchanged (e.g. `--port 8899 --no-browser
 * --IdentityProvider.token=secret`); on a headless machine JupyterLab prints the URL to open. Other tools start it through
 * {@link startLab}, which returns a handle with the URL and a `stop()`.
 * @module
 */
import { ensureSetup } from "./setup.ts";
import { jupyterEnv, NOTEBOOKS, VENV } from "./paths.ts";

/** Options of {@link startLab}. */
export interface LabOptions {
  /** TCP port on 127.0.0.1 (see {@link freePort}). */
  port: number;
  /** The server token (sent by clients as `?token=` or `Authorization: token ...`). */
  token: string;
  /** The folder JupyterLab serves (default notebooks/). */
  rootDir?: string;
  /** Extra environment for the server and the kernels it starts (e.g. `{ NB_PROFILE: "quick" }`). */
  env?: Record<string, string>;
  /** Extra `jupyter lab` arguments. */
  args?: string[];
  /** How long to wait for the server to answer (default 60 s). */
  startTimeoutMs?: number;
  /** Where the server's stdout/stderr go (default: a file in a temp dir, shown on failure). */
  logFile?: string;
}

/** A running JupyterLab. */
export interface LabHandle {
  /** Base URL, e.g. `http://127.0.0.1:8899/` (no token). */
  baseUrl: string;
  /** The URL to open JupyterLab, with the token. */
  url: string;
  /** The token. */
  token: string;
  /** The folder the server serves. */
  rootDir: string;
  /** The server log file. */
  logFile: string;
  /** The server's process id. */
  pid: number;
  /**
   * Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for its kernels to end (SIGKILL after 10 s);
   * safe to call twice.
   */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asks the OS for one, then releases it). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** The `jupyter lab` arguments {@link startLab} uses (without the user's extra args). */
export function labArgs(opts: { port: number; token: string; rootDir: string }): string[] {
  if (!Number.isInteger(opts.port) || opts.port <= 0 || opts.port > 65535) {
    throw new RangeError(`port must be an integer in 1..65535, got ${opts.port}`);
  }
  return [
    "lab",
    "--no-browser",
    "--ServerApp.ip=127.0.0.1",
    `--ServerApp.port=${opts.port}`,
    "--ServerApp.port_retries=0",
    `--IdentityProvider.token=${opts.token}`,
    `--ServerApp.root_dir=${opts.rootDir}`,
    ...rootArgs(),
  ];
}

/** `--allow-root` when running as root (containers, CI), where JupyterLab refuses to start without it. */
export function rootArgs(): string[] {
  return Deno.uid() === 0 ? ["--allow-root"] : [];
}

async function readTail(path: string, chars = 3000): Promise<string> {
  try {
    return (await Deno.readTextFile(path)).slice(-chars);
  } catch {
    return "(no log)";
  }
}

/** Process ids whose parent is `pid` (from /proc; empty where /proc is not readable). */
export async function childPids(pid: number): Promise<number[]> {
  const out: number[] = [];
  try {
    for await (const e of Deno.readDir("/proc")) {
      if (!/^\d+$/.test(e.name)) continue;
      try {
        const stat = await Deno.readTextFile(`/proc/${e.name}/stat`);
        // pid (comm) state ppid ...: comm may hold spaces, so split after the last ")"
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === pid) out.push(Number(e.name));
      } catch {
        // exited meanwhile
      }
    }
  } catch {
    return [];
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}

/** Waits up to `ms` for the processes `pids` to end, then sends SIGKILL to those still alive. */
async function reap(pids: number[], ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (pids.some(alive) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids.filter(alive)) {
    try {
      Deno.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
}

async function waitForServer(
  baseUrl: string,
  token: string,
  child: Deno.ChildProcess,
  timeoutMs: number,
): Promise<void> {
  let exited: Deno.CommandStatus | null = null;
  child.status.then((s) => exited = s).catch(() => {});
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exited) throw new Error(`JupyterLab exited early with code ${(exited as Deno.CommandStatus).code}`);
    try {
      const res = await fetch(`${baseUrl}api/status`, { headers: { Authorization: `token ${token}` } });
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`JupyterLab did not answer at ${baseUrl} within ${timeoutMs / 1000} s`);
}

/**
 * Starts the venv's JupyterLab on 127.0.0.1:`port` with `token` (call {@link ensureSetup} first) and waits until
 * its REST API answers. Its output goes to a log file; kernels it starts inherit `env`.
 */
export async function startLab(opts: LabOptions): Promise<LabHandle> {
  if (!opts.token) throw new TypeError("token must be a non-empty string");
  const rootDir = opts.rootDir ?? NOTEBOOKS;
  const logFile = opts.logFile ?? `${await Deno.makeTempDir({ prefix: "lab-log-" })}/jupyterlab.log`;
  const log = await Deno.open(logFile, { write: true, create: true, truncate: true });
  const child = new Deno.Command(`${VENV}/bin/jupyter`, {
    args: [...labArgs({ port: opts.port, token: opts.token, rootDir }), ...(opts.args ?? [])],
    cwd: rootDir,
    env: jupyterEnv(opts.env ?? {}),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // both streams into the one log file
  const pump = Promise.all([child.stdout, child.stderr].map(async (stream) => {
    for await (const chunk of stream) await log.write(chunk);
  })).catch(() => {}).finally(() => log.close());
  const baseUrl = `http://127.0.0.1:${opts.port}/`;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    const kernels = await childPids(child.pid); // kernel processes, to make sure they end too
    try {
      child.kill("SIGTERM"); // jupyter_server shuts its kernels down on SIGTERM
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    await child.status;
    clearTimeout(timer);
    await pump;
    await reap(kernels, 10_000);
  };
  try {
    await waitForServer(baseUrl, opts.token, child, opts.startTimeoutMs ?? 60_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- ${logFile} (tail) ---\n${await readTail(logFile)}`);
  }
  return {
    baseUrl,
    url: `${baseUrl}lab?token=${encodeURIComponent(opts.token)}`,
    token: opts.token,
    rootDir,
    logFile,
    pid: child.pid,
    stop,
  };
}

/** `deno task lab`: runs JupyterLab in the foreground on notebooks/, passing `args` through. */
export async function main(args: string[]): Promise<number> {
  await ensureSetup();
  console.error(`lab: JupyterLab on ${NOTEBOOKS} (kernel "Deno (Scientific Spaces)"); Ctrl-C to stop`);
  const child = new Deno.Command(`${VENV}/bin/jupyter`, {
    args: ["lab", `--ServerApp.root_dir=${NOTEBOOKS}`, ...rootArgs(), ...args],
    cwd: NOTEBOOKS,
    env: jupyterEnv(),
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  const forward = (signal: Deno.Signal) => () => {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  };
  const onInt = forward("SIGINT"), onTerm = forward("SIGTERM");
  Deno.addSignalListener("SIGINT", onInt);
  Deno.addSignalListener("SIGTERM", onTerm);
  const status = await child.status;
  Deno.removeSignalListener("SIGINT", onInt);
  Deno.removeSignalListener("SIGTERM", onTerm);
  return status.code;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
