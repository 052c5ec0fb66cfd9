/**
 * Guarded access to `Deno.jupyter`. Outside the Deno Jupyter kernel even `typeof Deno.jupyter` throws, so all
 * display code in the library goes through here and falls back to printing the `text/plain` part of a bundle.
 * The same library code therefore runs under `deno test`, `deno run` and the kernel.
 * @module
 */

/** A Jupyter MIME bundle: MIME type to data (strings, or JSON objects for JSON types). */
export type MimeBundle = Record<string, string | object>;

type JupyterApi = {
  display(obj: unknown, options?: { raw?: boolean; update?: boolean; display_id?: string }): Promise<void>;
};

let cached: JupyterApi | null | undefined;

/** The kernel's `Deno.jupyter` namespace, or null when not running inside the Deno Jupyter kernel. */
export function jupyterApi(): JupyterApi | null {
  if (cached !== undefined) return cached;
  try {
    // deno-lint-ignore no-explicit-any
    const api = (Deno as any).jupyter as JupyterApi | undefined;
    cached = api && typeof api.display === "function" ? api : null;
  } catch {
    cached = null;
  }
  return cached;
}

/** True inside the Deno Jupyter kernel. */
export function inJupyter(): boolean {
  return jupyterApi() !== null;
}

/** Options of {@link showBundle}: a display id to update the same output in place later. */
export interface ShowOptions {
  /** Names the output so later calls with `update: true` replace it. */
  displayId?: string;
  /** Replace the output with `displayId` instead of adding a new one. */
  update?: boolean;
}

/**
 * Shows a MIME bundle as a cell output (raw, so the kernel does not print the object as text). Outside the kernel,
 * prints its `text/plain` part to stdout (updates are printed too, one line each).
 */
export async function showBundle(bundle: MimeBundle, options: ShowOptions = {}): Promise<void> {
  const api = jupyterApi();
  if (api === null) {
    const text = bundle["text/plain"];
    if (typeof text === "string" && text.length > 0) console.log(text);
    return;
  }
  if (options.update && !options.displayId) throw new TypeError("options.update needs options.displayId");
  await api.display(bundle, { raw: true, display_id: options.displayId, update: options.update });
}

let counter = 0;
/** A fresh display id, unique within this kernel session. */
export function newDisplayId(prefix = "out"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}
