/**
 * `deno task bench`: a table of timings (numbers, not a timed test) for the choices DESIGN.md makes on speed:
 *  - a 512×512 float32 matmul on the tfjs wasm and cpu backends;
 *  - one training step of notebook 03's ring8 ε-MLP (lib/diffusion EpsMLP: x ∈ R² plus 64 sinusoidal time
 *    features → 3 × 128 ReLU → R², batch 256, Adam, MSE), with lib/core's matMulFast/dense (`matmul: "fast"`) and
 *    with plain tf.matMul gradients (`matmul: "tf"`), on wasm and cpu.
 * Each row: a few warm-up runs, then the median (and min) of several timed repeats. One core (wasm is
 * single-threaded in Deno).
 * @module
 */
import { initBackend, Rng, tf } from "../lib/core/mod.ts";
import type { BackendName } from "../lib/core/mod.ts";
import { EpsMLP } from "../lib/diffusion/mod.ts";
import { formatTable, measure } from "./bench/measure.ts";
import type { Timing } from "./bench/measure.ts";

/** One row of the table. */
export interface BenchRow {
  name: string;
  backend: string;
  timing: Timing;
}

/** Repeats per backend (cpu is ~30x slower on matmul, so fewer). */
const REPEATS: Record<BackendName, { matmul: number; step: number }> = {
  wasm: { matmul: 20, step: 30 },
  cpu: { matmul: 5, step: 8 },
};

/** The ring8 ε-MLP's shape (notebook 03): T steps, batch, widths. */
export const MLP_SHAPE = { dim: 2, T: 1000, hidden: 128, layers: 3, embDim: 64, batch: 256 } as const;

/** Times a [n, n] × [n, n] float32 matmul (result read back each time) on the active backend. */
export async function benchMatMul(n: number, repeats: number): Promise<Timing> {
  const rng = new Rng(1);
  const a = tf.tensor2d(Float32Array.from(rng.normals(n * n)), [n, n]);
  const b = tf.tensor2d(Float32Array.from(rng.normals(n * n)), [n, n]);
  try {
    return await measure(() => {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
    }, { warmup: 3, repeats });
  } finally {
    a.dispose();
    b.dispose();
  }
}

/** Times one Adam step of the ring8 ε-MLP with `matmul` ("fast": lib/core matMulFast, "tf": plain tf.matMul). */
export async function benchMlpStep(matmul: "fast" | "tf", repeats: number): Promise<Timing> {
  const { dim, T, hidden, layers, embDim, batch } = MLP_SHAPE;
  const rng = new Rng(7);
  const net = new EpsMLP({ dim, T, hidden, layers, embDim, activation: "relu", matmul, rng });
  const optimizer = tf.train.adam(1e-3);
  const x = tf.tensor2d(Float32Array.from(rng.normals(batch * dim)), [batch, dim]);
  const eps = tf.tensor2d(Float32Array.from(rng.normals(batch * dim)), [batch, dim]);
  const t = Int32Array.from({ length: batch }, () => 1 + Math.floor(rng.uniform() * T));
  const vars = net.variables;
  const step = () => {
    tf.tidy(() => {
      const loss = optimizer.minimize(
        () => tf.mean(tf.square(tf.sub(eps, net.predict(x, t)))) as tf.Scalar,
        true,
        vars,
      );
      loss!.dataSync();
    });
  };
  try {
    step(); // creates Adam's slot variables
    const before = tf.memory().numTensors;
    const timing = await measure(step, { warmup: 5, repeats });
    const after = tf.memory().numTensors;
    if (after !== before) throw new Error(`MLP step leaks tensors: ${before} -> ${after}`);
    return timing;
  } finally {
    optimizer.dispose();
    net.dispose();
    x.dispose();
    eps.dispose();
  }
}

/** Runs every benchmark on `backends`; returns the rows in order. */
export async function runBench(backends: BackendName[] = ["wasm", "cpu"]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const backend of backends) {
    const info = await initBackend(backend);
    if (info.fellBack) throw new Error(`backend ${backend} is not available (running on ${info.active})`);
    const reps = REPEATS[backend];
    rows.push({ name: "matmul 512x512", backend, timing: await benchMatMul(512, reps.matmul) });
    const fast = await benchMlpStep("fast", reps.step);
    rows.push({ name: "eps-MLP step, matMulFast/dense", backend, timing: fast });
    const plain = await benchMlpStep("tf", reps.step);
    rows.push({ name: "eps-MLP step, plain tf.matMul", backend, timing: plain });
  }
  return rows;
}

/** The table of `rows`, with the plain/fast ratio of each backend's MLP step. */
export function benchTable(rows: BenchRow[]): string {
  const table = formatTable(
    ["benchmark", "backend", "median ms", "min ms", "runs"],
    rows.map((r) => [r.name, r.backend, r.timing.median, r.timing.min, String(r.timing.runs.length)]),
  );
  const ratios = [...new Set(rows.map((r) => r.backend))].flatMap((b) => {
    const fast = rows.find((r) => r.backend === b && r.name.includes("matMulFast"));
    const plain = rows.find((r) => r.backend === b && r.name.includes("plain"));
    return fast && plain
      ? [`${b}: plain / fast = ${(plain.timing.median / fast.timing.median).toFixed(1)}x`]
      : [];
  });
  const mm = (b: string) => rows.find((r) => r.backend === b && r.name.startsWith("matmul"))?.timing.median;
  const cpu = mm("cpu"), wasm = mm("wasm");
  if (cpu !== undefined && wasm !== undefined) {
    ratios.push(`matmul: cpu / wasm = ${(cpu / wasm).toFixed(1)}x`);
  }
  return `${table}\n\n${ratios.join("; ")}`;
}

if (import.meta.main) {
  const { dim, embDim, hidden, layers, batch } = MLP_SHAPE;
  console.log(
    `bench: tfjs ${tf.version.tfjs}, deno ${Deno.version.deno}; eps-MLP = lib/diffusion EpsMLP ` +
      `(${dim} + ${embDim} sinusoidal -> ${layers} x ${hidden} ReLU -> ${dim}), batch ${batch}, Adam, MSE; ` +
      `median of timed repeats after warm-up\n`,
  );
  console.log(benchTable(await runBench()));
}
