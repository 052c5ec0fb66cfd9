/**
 * tfjs backend initialisation. The wasm backend is the default: about 30x the pure-JS cpu backend on matmul here
 * (multi-threaded wasm does not work in Deno, so one core per kernel). On it, lib/core/native.ts adds OpenBLAS's
 * sgemm as the matmul (unless NB_BLAS=off), the fused Adam kernel and the gradient kernels wasm lacks. If wasm cannot
 * start, or OpenBLAS cannot be had, this says so loudly (stderr and a cell output) and falls back (to cpu, to the
 * wasm matmul), so a slow run is never a silent surprise.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { showBundle } from "./jupyter.ts";
import { registerMatMulGradient } from "./matmul_grad.ts";
import { blasWanted, type MatMulKind, setupNative } from "./native.ts";
import { requireOneOf } from "./validate.ts";

/** The backends this project uses. */
export type BackendName = "wasm" | "cpu";

/** What {@link initBackend} ended with. */
export interface BackendInfo {
  requested: BackendName;
  active: string;
  fellBack: boolean;
  /** Which matmul runs: "openblas" (sgemm through FFI), "wasm" (tfjs-backend-wasm's own) or "cpu". */
  matmul: MatMulKind;
  /** Why the matmul is not OpenBLAS (NB_BLAS=off, library missing, ...), or null when it is. */
  matmulNote: string | null;
}

let offNoted = false;

async function warnLoudly(msg: string): Promise<void> {
  console.error(msg);
  await showBundle({ "text/plain": msg, "text/html": `<b style="color:#cf222e">${msg}</b>` });
}

/**
 * Selects the tfjs backend (`wasm` by default) and waits until it is ready. Returns what is active; falls back to
 * `cpu` with a loud warning if the requested backend fails.
 */
export async function initBackend(name: BackendName = "wasm"): Promise<BackendInfo> {
  requireOneOf("name", name, ["wasm", "cpu"] as const);
  registerMatMulGradient();
  let ok = false;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch (err) {
    console.error(`tfjs backend ${name} failed to start: ${err}`);
    ok = false;
  }
  if (!ok || tf.getBackend() !== name) {
    await tf.setBackend("cpu");
    await tf.ready();
    await warnLoudly(
      `WARNING: tfjs backend "${name}" is not available; running on "${tf.getBackend()}" ` +
        `(expect learned-model cells to be many times slower).`,
    );
    return {
      requested: name,
      active: tf.getBackend(),
      fellBack: true,
      matmul: "cpu",
      matmulNote: "cpu backend",
    };
  }
  if (name === "cpu") {
    return { requested: name, active: "cpu", fellBack: false, matmul: "cpu", matmulNote: "cpu backend" };
  }
  const wanted = blasWanted();
  const status = await setupNative(wanted);
  if (status.matmul !== "openblas") {
    const msg = wanted
      ? `WARNING: OpenBLAS is not available (${status.blasNote}); matmul runs on tfjs-backend-wasm's own kernel ` +
        `(expect training to be ~3x slower).`
      : `note: NB_BLAS=off: matmul runs on tfjs-backend-wasm's own kernel, not OpenBLAS.`;
    if (wanted) await warnLoudly(msg);
    else if (!offNoted) console.error(msg);
    offNoted ||= !wanted;
  }
  if (status.adamNote) console.error(`note: ${status.adamNote}`);
  return {
    requested: name,
    active: "wasm",
    fellBack: false,
    matmul: status.matmul,
    matmulNote: status.blasNote,
  };
}

export { tf };
