/**
 * Running a notebook on a remote Jupyter server through the kernel protocol: a session (so the kernel's cwd is the
 * notebook's folder) on the project kernel, its `channels` websocket (messages as JSON), one `execute_request` per
 * code cell, outputs gathered from iopub until the cell's `execute_reply` and `status: idle` have both arrived and a
 * short grace period has passed with nothing more for it (the Deno kernel can report idle before its last outputs:
 * DESIGN.md, "Known traps"); outputs that still arrive later for an earlier cell are put back into that cell.
 * @module
 */
import { serverApi, type Student } from "./hub_client.ts";
import type { NbOutput, Notebook } from "../notebook.ts";
import { cellSource } from "../notebook.ts";

/** One executed code cell. */
export interface CellRun {
  /** Index in the notebook's cell list. */
  index: number;
  status: "ok" | "error" | "aborted";
  outputs: NbOutput[];
  seconds: number;
}

/** A notebook run on a remote kernel. */
export interface RemoteRun {
  cells: CellRun[];
  seconds: number;
  /** Outputs that arrived after their cell had been closed and were put back. */
  late: number;
  error?: string;
}

interface Msg {
  channel: string;
  header: { msg_id: string; msg_type: string };
  parent_header: { msg_id?: string };
  content: Record<string, unknown>;
}

function message(session: string, username: string, msgType: string, content: unknown) {
  return {
    header: {
      msg_id: crypto.randomUUID(),
      username,
      session,
      date: new Date().toISOString(),
      msg_type: msgType,
      version: "5.3",
    },
    parent_header: {},
    metadata: {},
    content,
    channel: "shell",
    buffers: [],
  };
}

function toOutput(m: Msg): NbOutput | null {
  const c = m.content;
  switch (m.header.msg_type) {
    case "stream":
      return { output_type: "stream", name: c.name, text: c.text };
    case "display_data":
    case "update_display_data":
      return { output_type: "display_data", data: c.data as Record<string, unknown>, metadata: {} };
    case "execute_result":
      return { output_type: "execute_result", data: c.data as Record<string, unknown>, metadata: {} };
    case "error":
      return { output_type: "error", ename: c.ename, evalue: c.evalue, traceback: c.traceback };
    default:
      return null;
  }
}

/** Options of {@link runRemoteNotebook}. */
export interface RemoteOptions {
  kernelName: string;
  /** Seconds for the whole notebook. */
  timeoutS: number;
  /** Quiet time after a cell's reply and idle before it is closed (default 200 ms). */
  graceMs?: number;
}

/**
 * Runs every code cell of `nb` (a notebook at `path` in the student's home) on a new kernel of the student's server,
 * stopping at the first error, then deletes the session (and its kernel).
 */
export async function runRemoteNotebook(
  s: Student,
  path: string,
  nb: Notebook,
  opts: RemoteOptions,
): Promise<RemoteRun> {
  const t0 = performance.now();
  const res = await serverApi(s, "sessions", {
    method: "POST",
    body: JSON.stringify({
      path,
      name: path.split("/").pop(),
      type: "notebook",
      kernel: { name: opts.kernelName },
    }),
  });
  if (!res.ok) {
    throw new Error(`${s.name}: creating a session for ${path}: HTTP ${res.status} ${await res.text()}`);
  }
  const session = await res.json() as { id: string; kernel: { id: string } };
  const wsUrl = `${
    s.server.replace(/^http/, "ws")
  }api/kernels/${session.kernel.id}/channels?session_id=${session.id}`;
  // deno-lint-ignore no-explicit-any
  const ws = new (WebSocket as any)(wsUrl, { headers: { Authorization: `token ${s.token}` } }) as WebSocket;
  const inbox: Msg[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  ws.onmessage = (e) => {
    if (typeof e.data === "string") inbox.push(JSON.parse(e.data));
    wake?.();
  };
  ws.onclose = () => {
    closed = true;
    wake?.();
  };
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = (e) =>
      reject(new Error(`${s.name}: websocket to the kernel failed: ${(e as ErrorEvent).message ?? e}`));
  });
  const deadline = t0 + opts.timeoutS * 1000;
  const next = async (untilMs: number): Promise<Msg | null> => {
    while (inbox.length === 0) {
      if (closed) throw new Error(`${s.name}: the kernel's websocket closed`);
      const wait = untilMs - performance.now();
      if (wait <= 0) return null;
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, Math.min(wait, 1000));
      });
      wake = null;
    }
    return inbox.shift()!;
  };
  const byParent = new Map<string, CellRun>();
  let late = 0;
  const put = (m: Msg, run: CellRun, isLate: boolean) => {
    const out = toOutput(m);
    if (!out) return;
    if (m.header.msg_type === "update_display_data") return; // progress displays: the final one is kept elsewhere
    run.outputs.push(out);
    if (isLate) late++;
  };
  const cells: CellRun[] = [];
  let error: string | undefined;
  try {
    for (let index = 0; index < nb.cells.length; index++) {
      const cell = nb.cells[index];
      if (cell.cell_type !== "code" || cellSource(cell).trim() === "") continue;
      const req = message(session.id, s.name, "execute_request", {
        code: cellSource(cell),
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
        stop_on_error: true,
      });
      const run: CellRun = { index, status: "ok", outputs: [], seconds: 0 };
      const c0 = performance.now();
      byParent.set(req.header.msg_id, run);
      cells.push(run);
      ws.send(JSON.stringify(req));
      let replied = false, idle = false, quietUntil = Infinity;
      while (true) {
        const until = replied && idle ? Math.min(quietUntil, deadline) : deadline;
        const m = await next(until);
        if (m === null) {
          if (replied && idle) break; // the grace period passed with nothing more for this cell
          throw new Error(`timed out after ${opts.timeoutS} s in cell ${index}`);
        }
        const parent = m.parent_header?.msg_id;
        if (parent !== req.header.msg_id) {
          const earlier = parent ? byParent.get(parent) : undefined;
          if (earlier && m.channel === "iopub") put(m, earlier, true);
          continue;
        }
        if (m.channel === "shell" && m.header.msg_type === "execute_reply") {
          replied = true;
          const st = m.content.status as string;
          if (st !== "ok") run.status = st === "aborted" ? "aborted" : "error";
        } else if (m.channel === "iopub" && m.header.msg_type === "status") {
          if (m.content.execution_state === "idle") idle = true;
        } else if (m.channel === "iopub") {
          put(m, run, false);
        }
        if (replied && idle) quietUntil = performance.now() + (opts.graceMs ?? 200);
      }
      run.seconds = (performance.now() - c0) / 1000;
      if (run.status !== "ok") {
        const e = run.outputs.find((o) => o.output_type === "error");
        error = `cell ${index}: ${e ? `${e.ename}: ${e.evalue}` : run.status}`;
        break;
      }
    }
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  } finally {
    ws.close();
    const del = await serverApi(s, `sessions/${session.id}`, { method: "DELETE" }).catch(() => null);
    await del?.body?.cancel();
  }
  return { cells, seconds: (performance.now() - t0) / 1000, late, error };
}
