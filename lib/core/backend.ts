/**
 * tfjs backend initialisation. The wasm backend is the default: about 30x the pure-JS cpu backend on matmul here
 * (multi-threaded wasm does not work in Deno, so one core per kernel). If wasm cannot start, this says so loudly
 * (stderr and a cell output) and falls back to cpu, so a slow run is never a silent surprise.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { showBundle } from "./jupyter.ts";
import { requireOneOf } from "./validate.ts";

/** The backends this project uses. */
export type BackendName = "wasm" | "cpu";

/** What {@link initBackend} ended with. */
export interface BackendInfo {
  requested: BackendName;
  active: string;
  fellBack: boolean;
}

/**
 * Selects the tfjs backend (`wasm` by default) and waits until it is ready. Returns what is active; falls back to
 * `cpu` with a loud warning if the requested backend fails.
 */
export async function initBackend(name: BackendName = "wasm"): Promise<BackendInfo> {
  requireOneOf("name", name, ["wasm", "cpu"] as const);
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
    const msg = `WARNING: tfjs backend "${name}" is not available; running on "${tf.getBackend()}" ` +
      `(expect learned-model cells to be many times slower).`;
    console.error(msg);
    await showBundle({ "text/plain": msg, "text/html": `<b style="color:#cf222e">${msg}</b>` });
    return { requested: name, active: tf.getBackend(), fellBack: true };
  }
  return { requested: name, active: tf.getBackend(), fellBack: false };
}

export { tf };
