/**
 * `deno task bench [--json] [--only name,name]`: speed of the choices lib/core makes, as named workloads
 * (tools/bench/workloads.ts) each timed in several configurations — OpenBLAS on vs off, fused Adam vs tfjs's — whose
 * repeats alternate within one run, so the ratios hold even on a machine loaded by other work (the absolute times
 * do not: the load average is printed with them). numpy's matmul from the project venv runs beside ours, in the same
 * alternation. One core (wasm is single-threaded in Deno; OpenBLAS and numpy get one thread).
 *
 * Plain text by default: a table of medians and the off/on ratios. With --json: one JSON object
 * `{ meta, workloads: { <name>: { description, configs: { <config>: { medianMs, minMs, repeats, matmul,
 * optimizer } }, ratios: { <config>: median / median of "on" } } } }`.
 * @module
 */
import { initBackend, nativeStatus, tf, useBlas, useFloat64Blas } from "../lib/core/mod.ts";
import { alternate, formatTable, type Timing } from "./bench/measure.ts";
import { NumpyMatMul } from "./bench/numpy.ts";
import { type BenchConfig, workloads } from "./bench/workloads.ts";

/** One configuration's result. */
export interface ConfigResult extends BenchConfig {
  medianMs: number;
  minMs: number;
  repeats: number;
}

/** One workload's result. */
export interface WorkloadResult {
  description: string;
  configs: Record<string, ConfigResult>;
  /** Each configuration's median over the median of "on" (or of the first configuration). */
  ratios: Record<string, number>;
}

/** What `bench --json` prints. */
export interface BenchReport {
  meta: Record<string, unknown>;
  workloads: Record<string, WorkloadResult>;
}

/** The result of one workload from its timings. */
export function workloadResult(
  description: string,
  configs: Record<string, BenchConfig>,
  timings: Record<string, Timing>,
): WorkloadResult {
  const names = Object.keys(timings);
  if (names.length === 0) throw new RangeError("timings must hold at least one configuration");
  const base = timings.on ?? timings[names[0]];
  const out: WorkloadResult = { description, configs: {}, ratios: {} };
  for (const n of names) {
    if (!configs[n]) throw new RangeError(`timings has configuration "${n}" that configs lacks`);
    const t = timings[n];
    out.configs[n] = { ...configs[n], medianMs: t.median, minMs: t.min, repeats: t.runs.length };
    out.ratios[n] = t.median / base.median;
  }
  return out;
}

/** Runs the workloads (all, or those named in `only`) on the wasm backend; numpy beside matmul-1024. */
export async function runBench(only: string[] = []): Promise<BenchReport> {
  const info = await initBackend("wasm");
  if (info.matmul !== "openblas") throw new Error(`OpenBLAS is not available: ${info.matmulNote}`);
  const status = nativeStatus();
  const chosen = workloads().filter((w) => only.length === 0 || only.includes(w.name));
  if (chosen.length === 0) throw new RangeError(`--only names no workload: ${only.join(",")}`);
  const numpy = chosen.some((w) => w.name === "matmul-1024") ? await NumpyMatMul.start(1024) : null;
  const report: BenchReport = {
    meta: {
      tfjs: tf.version.tfjs,
      deno: Deno.version.deno,
      openblas: status.blas!.config,
      adamForms: "simd = WebAssembly SIMD module, js = plain JS over the heap, tfjs = tf.train.adam",
      numpy: numpy ? `numpy ${numpy.version} (${numpy.blas}, 1 thread)` : null,
      loadAverageBefore: Deno.loadavg(),
      method: "median of alternating repeats after warm-up rounds; ratios are within one run",
    },
    workloads: {},
  };
  try {
    for (const w of chosen) {
      console.error(`bench: ${w.name} ...`);
      const prepared = w.prepare();
      const configs = { ...w.configs };
      const fns: Record<string, () => void | number | Promise<number>> = { ...prepared.fns };
      if (w.name === "matmul-1024" && numpy) {
        fns.numpy = () => numpy.time();
        configs.numpy = { matmul: "numpy", optimizer: null };
      }
      try {
        const before = tf.memory().numTensors;
        const timings = await alternate(fns, { warmup: w.warmup, repeats: w.repeats });
        if (tf.memory().numTensors !== before) throw new Error(`${w.name} leaks tensors`);
        report.workloads[w.name] = workloadResult(w.description, configs, timings);
      } finally {
        prepared.dispose();
      }
    }
  } finally {
    await numpy?.close();
    useBlas(true);
    useFloat64Blas(true);
  }
  report.meta.loadAverageAfter = Deno.loadavg();
  return report;
}

/** The plain-text table of a report: one row per workload and configuration, with its ratio to "on". */
export function benchTable(report: BenchReport): string {
  const rows: (string | number)[][] = [];
  for (const [name, w] of Object.entries(report.workloads)) {
    for (const [cfg, r] of Object.entries(w.configs)) {
      rows.push([
        name,
        cfg,
        r.matmul,
        r.optimizer ?? "-",
        r.medianMs,
        r.minMs,
        `${w.ratios[cfg].toFixed(2)}x`,
      ]);
    }
  }
  return formatTable(["workload", "config", "matmul", "adam", "median ms", "min ms", "/ on"], rows);
}

if (import.meta.main) {
  const args = [...Deno.args];
  const json = args.includes("--json");
  const onlyAt = args.indexOf("--only");
  const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? "").split(",").filter((s) => s.length > 0) : [];
  const report = await runBench(only);
  if (json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    const m = report.meta;
    console.log(`bench: tfjs ${m.tfjs}, deno ${m.deno}; ${m.openblas}; ${m.numpy ?? "no numpy"}`);
    console.log(
      `${m.method}; load average ${JSON.stringify(m.loadAverageBefore)} -> ` +
        `${JSON.stringify(m.loadAverageAfter)} (2 cores)\n`,
    );
    console.log(benchTable(report));
  }
}
