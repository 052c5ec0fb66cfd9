/**
 * What one student costs the machine: every process whose environment has `JUPYTERHUB_USER=<name>` (the student's
 * single-user server and the kernels it starts) is found in /proc and sampled: resident memory (summed over the
 * processes) and CPU time (utime + stime, summed). Linux only; read as root or as the hub's user.
 * @module
 */

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const HZ = 100;

/** Pids whose environment has `JUPYTERHUB_USER=<user>`. */
export function userPids(user: string): number[] {
  const want = new TextEncoder().encode(`JUPYTERHUB_USER=${user}\0`);
  const pids: number[] = [];
  for (const e of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(e.name)) continue;
    let env: Uint8Array;
    try {
      env = Deno.readFileSync(`/proc/${e.name}/environ`);
    } catch {
      continue;
    }
    if (includes(env, want)) pids.push(Number(e.name));
  }
  return pids;
}

function includes(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    if (i > 0 && hay[i - 1] !== 0) continue; // only at the start of a variable
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Resident memory (bytes) and CPU seconds used so far of one process; null when it is gone. */
export function processUsage(pid: number): { rss: number; cpu: number } | null {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    return { rss: rssKb * 1024, cpu: ticks / HZ };
  } catch {
    return null;
  }
}

/** A student's usage over a stretch of time. */
export interface Usage {
  user: string;
  /** Largest summed resident memory seen (MiB). */
  peakRssMiB: number;
  /** CPU seconds used between start and stop, by the processes seen. */
  cpuSeconds: number;
  /** Wall seconds between start and stop. */
  wallSeconds: number;
  /** cpuSeconds / wallSeconds: cores kept busy on average. */
  cores: number;
  samples: number;
}

/** Samples a student's processes every `everyMs` until `stop()`; returns the {@link Usage}. */
export function sampleUser(user: string, everyMs = 500): { stop(): Usage } {
  const t0 = performance.now();
  const firstCpu = new Map<number, number>();
  const lastCpu = new Map<number, number>();
  let peak = 0, samples = 0, pids: number[] = [];
  const tick = () => {
    if (samples % 2 === 0) pids = userPids(user); // new kernels appear: rescan every second sample
    let rss = 0;
    for (const pid of pids) {
      const u = processUsage(pid);
      if (!u) continue;
      rss += u.rss;
      // a process already there at the start counts from then; one started since counts from its birth
      if (!firstCpu.has(pid)) firstCpu.set(pid, samples === 0 ? u.cpu : 0);
      lastCpu.set(pid, u.cpu);
    }
    peak = Math.max(peak, rss);
    samples++;
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop(): Usage {
      tick();
      clearInterval(timer);
      const wall = (performance.now() - t0) / 1000;
      let cpu = 0;
      for (const [pid, last] of lastCpu) cpu += last - (firstCpu.get(pid) ?? last);
      const r = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
      return {
        user,
        peakRssMiB: r(peak / 2 ** 20, 1),
        cpuSeconds: r(cpu),
        wallSeconds: r(wall),
        cores: r(wall > 0 ? cpu / wall : 0),
        samples,
      };
    },
  };
}
