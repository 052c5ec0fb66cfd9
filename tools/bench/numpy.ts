/**
 * numpy's matmul from the project venv, as a reference beside ours in `deno task bench`: one Python process started
 * once, which times `a @ b` (float32, n×n) each time it is asked, so its repeats can alternate with ours. OpenBLAS
 * in numpy gets one thread (OPENBLAS_NUM_THREADS=1), like lib/core's.
 * @module
 */
import { PYTHON } from "../paths.ts";

const SCRIPT = `
import json, sys, time
import numpy as np
n = int(sys.argv[1])
rng = np.random.default_rng(1)
a = rng.standard_normal((n, n), dtype=np.float32)
b = rng.standard_normal((n, n), dtype=np.float32)
blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
print(json.dumps({"numpy": np.__version__, "blas": f"{blas.get('name')} {blas.get('version')}"}), flush=True)
for line in sys.stdin:
    t0 = time.perf_counter()
    c = a @ b
    print(json.dumps((time.perf_counter() - t0) * 1000), flush=True)
`;

/** A running numpy process timing n×n float32 matmuls on request. */
export class NumpyMatMul {
  readonly version: string;
  readonly blas: string;
  #proc: Deno.ChildProcess;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #lines: AsyncIterator<string>;

  private constructor(
    proc: Deno.ChildProcess,
    lines: AsyncIterator<string>,
    head: { numpy: string; blas: string },
  ) {
    this.#proc = proc;
    this.#writer = proc.stdin.getWriter();
    this.#lines = lines;
    this.version = head.numpy;
    this.blas = head.blas;
  }

  /** Starts the process for n×n matmuls; null (with the reason on stderr) when the venv has no numpy. */
  static async start(n: number): Promise<NumpyMatMul | null> {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer >= 1, got ${n}`);
    let proc: Deno.ChildProcess;
    try {
      proc = new Deno.Command(PYTHON, {
        args: ["-c", SCRIPT, String(n)],
        env: { OPENBLAS_NUM_THREADS: "1" },
        stdin: "piped",
        stdout: "piped",
        stderr: "inherit",
      }).spawn();
    } catch (err) {
      console.error(`bench: no numpy reference (${err instanceof Error ? err.message : err})`);
      return null;
    }
    const lines = proc.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(lineSplitter())
      [Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done) {
      console.error("bench: no numpy reference (the venv's python could not import numpy)");
      await proc.status;
      return null;
    }
    return new NumpyMatMul(proc, lines, JSON.parse(first.value));
  }

  /** One timed matmul, in milliseconds (measured inside Python, without the pipe). */
  async time(): Promise<number> {
    await this.#writer.write(new TextEncoder().encode("go\n"));
    const line = await this.#lines.next();
    if (line.done) throw new Error("the numpy process ended");
    return JSON.parse(line.value);
  }

  /** Ends the process. */
  async close(): Promise<void> {
    await this.#writer.close();
    await this.#proc.status;
  }
}

function lineSplitter(): TransformStream<string, string> {
  let rest = "";
  return new TransformStream({
    transform(chunk, ctl) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      for (const p of parts) if (p.length > 0) ctl.enqueue(p);
    },
    flush(ctl) {
      if (rest.length > 0) ctl.enqueue(rest);
    },
  });
}
