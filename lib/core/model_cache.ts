/**
 * A cache of trained weights, so that a notebook can reuse a model that takes minutes to train without ever using
 * stale weights. An entry is two files in `data/models/` (git-ignored; override the folder with NB_MODEL_CACHE_DIR):
 * `<name>.bin` (the float32 values of the variables, little-endian, in order) and `<name>.json` (the key, the
 * config, the SHA-256 of every listed source file, tfjs version and backend (with "+openblas" when OpenBLAS runs the
 * matmul: its float32 sums differ from the wasm kernel's in the last digits), shapes, the SHA-256 of the .bin, and
 * metadata such as the final loss).
 *
 * The key is the SHA-256 of the canonical JSON of { config, source hashes, tfjs version, backend }. An entry is used
 * only if its key equals the key of the request and its weights file has the recorded hash and shapes; otherwise the
 * model is trained again and the entry overwritten, and the result says why (no entry, which config fields changed,
 * which source files changed, a corrupt file). Listing the lib modules that define the model and its training as
 * `sources` means any edit to them retrains. NB_MODEL_CACHE=off (or `mode: "off"`) trains without reading or writing;
 * `mode: "refresh"` trains and overwrites.
 * @module
 */
import { tf } from "./backend.ts";
import { blasActive } from "./native.ts";
import { repoRoot } from "./paths.ts";
import { requireOneOf } from "./validate.ts";

/** A JSON value (what a config may hold). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How the cache is used: "use" (default), "refresh" (always train, then write), "off" (train, no read or write). */
export type CacheMode = "use" | "refresh" | "off";

/** Options of {@link cachedModel}. */
export interface ModelCacheOptions {
  /** File-name-safe entry name, e.g. "mnist14-eps-mlp". */
  name: string;
  /** Everything that determines the trained weights (architecture, data, seeds, optimiser, steps…). */
  config: Json;
  /** Repository-relative paths of the code that defines the model and its training (their content enters the key). */
  sources?: string[];
  /** The variables to fill (on a hit) or save (after training), in a fixed order. */
  variables: () => tf.Variable[];
  /** Trains the model in place; may return metadata to store with the weights (e.g. the final loss). */
  train: () => Promise<Json | void> | Json | void;
  /** The cache folder (default: NB_MODEL_CACHE_DIR or `<repo>/data/models`). */
  dir?: string;
  /** Default: NB_MODEL_CACHE if set ("use" | "refresh" | "off"), else "use". */
  mode?: CacheMode;
}

/** What {@link cachedModel} did. */
export interface ModelCacheResult {
  /** "hit": weights loaded; "trained": trained now (and written unless mode is "off"). */
  status: "hit" | "trained";
  /** Why it trained (or "key matches" for a hit). */
  reason: string;
  key: string;
  /** The .json path of the entry. */
  path: string;
  /** The metadata stored by (or returned from) the training run. */
  meta: Json;
  /** When the weights were trained (ISO time). */
  createdAt: string;
}

interface Entry {
  format: 1;
  name: string;
  key: string;
  config: Json;
  sources: Record<string, string>;
  tfjs: string;
  backend: string;
  shapes: number[][];
  weightsSha256: string;
  createdAt: string;
  meta: Json;
}

const NAME = /^[A-Za-z0-9._-]+$/;

/** JSON with object keys sorted at every level; throws a TypeError on values JSON cannot hold exactly. */
export function canonicalJson(value: unknown, path = "config"): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${path} must be finite to be cached, got ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v, i) => canonicalJson(v, `${path}[${i}]`)).join(",")}]`;
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const keys = Object.keys(value as object).sort();
    return `{${
      keys.map((k) =>
        `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k], `${path}.${k}`)}`
      )
        .join(",")
    }}`;
  }
  throw new TypeError(
    `${path} must be JSON (null, boolean, number, string, array, plain object), got ${typeof value}`,
  );
}

/** SHA-256 of bytes or a string, as lowercase hex. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function cacheDir(dir?: string): string {
  if (dir !== undefined) {
    if (typeof dir !== "string" || dir === "") {
      throw new TypeError(`dir must be a non-empty path, got ${String(dir)}`);
    }
    return dir.replace(/\/$/, "");
  }
  let env: string | undefined;
  try {
    env = Deno.env.get("NB_MODEL_CACHE_DIR");
  } catch {
    env = undefined;
  }
  return env && env.length > 0 ? env.replace(/\/$/, "") : `${repoRoot()}/data/models`;
}

function cacheMode(mode?: CacheMode): CacheMode {
  let raw: string | undefined = mode;
  if (raw === undefined) {
    try {
      raw = Deno.env.get("NB_MODEL_CACHE") || undefined;
    } catch {
      raw = undefined;
    }
  }
  return requireOneOf(
    mode === undefined ? "NB_MODEL_CACHE" : "mode",
    raw ?? "use",
    ["use", "refresh", "off"] as const,
  );
}

async function readJson(path: string): Promise<Entry | null> {
  try {
    return JSON.parse(await Deno.readTextFile(path)) as Entry;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    return { format: 0 } as unknown as Entry; // unreadable: treated as a corrupt entry
  }
}

/** Which parts of two keys' inputs differ, in words. */
function whatChanged(
  old: Entry,
  config: Json,
  sources: Record<string, string>,
  tfjs: string,
  backend: string,
): string {
  const out: string[] = [];
  const a = (old.config ?? {}) as Record<string, Json>, b = (config ?? {}) as Record<string, Json>;
  if (typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    const diff = keys.filter((k) => canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null));
    if (diff.length) out.push(`config changed (${diff.join(", ")})`);
  } else if (canonicalJson(old.config) !== canonicalJson(config)) out.push("config changed");
  const paths = [...new Set([...Object.keys(old.sources ?? {}), ...Object.keys(sources)])].sort();
  const changed = paths.filter((p) => (old.sources ?? {})[p] !== sources[p]);
  if (changed.length) out.push(`source changed (${changed.join(", ")})`);
  if (old.tfjs !== tfjs) out.push(`tfjs ${old.tfjs} → ${tfjs}`);
  if (old.backend !== backend) out.push(`backend ${old.backend} → ${backend}`);
  return out.length ? out.join("; ") : "key changed";
}

/**
 * Loads the weights of `opts.name` if the cached entry was made from the same config, sources, tfjs version and
 * backend; otherwise calls `opts.train()` and writes the entry. Never returns stale weights silently: the result's
 * `status` and `reason` say what happened (notebooks show them).
 */
export async function cachedModel(opts: ModelCacheOptions): Promise<ModelCacheResult> {
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be ModelCacheOptions");
  if (typeof opts.name !== "string" || !NAME.test(opts.name)) {
    throw new TypeError(`opts.name must be a file-name-safe string, got ${JSON.stringify(opts.name)}`);
  }
  if (typeof opts.variables !== "function") {
    throw new TypeError("opts.variables must be a function () => tf.Variable[]");
  }
  if (typeof opts.train !== "function") {
    throw new TypeError("opts.train must be a function that trains in place");
  }
  const configJson = canonicalJson(opts.config);
  const mode = cacheMode(opts.mode);
  const sources: Record<string, string> = {};
  for (const p of opts.sources ?? []) {
    if (typeof p !== "string" || p === "" || p.startsWith("/")) {
      throw new TypeError(`opts.sources entries must be repository-relative paths, got ${JSON.stringify(p)}`);
    }
    let text: string;
    try {
      text = await Deno.readTextFile(`${repoRoot()}/${p}`);
    } catch {
      throw new RangeError(`opts.sources: cannot read ${p} (relative to ${repoRoot()})`);
    }
    sources[p] = await sha256Hex(text);
  }
  const tfjs = tf.version.tfjs, backend = tf.getBackend() + (blasActive() ? "+openblas" : "");
  const key = await sha256Hex(canonicalJson({ config: JSON.parse(configJson), sources, tfjs, backend }));
  const dir = cacheDir(opts.dir);
  const jsonPath = `${dir}/${opts.name}.json`, binPath = `${dir}/${opts.name}.bin`;

  let reason = mode === "off" ? "cache off" : mode === "refresh" ? "refresh requested" : "";
  if (mode === "use") {
    const old = await readJson(jsonPath);
    if (old === null) reason = "no cache entry";
    else if (old.format !== 1) reason = "unreadable cache entry";
    else if (old.key !== key) reason = whatChanged(old, opts.config, sources, tfjs, backend);
    else {
      const loaded = await tryLoad(binPath, old, opts.variables());
      if (loaded === "ok") {
        return {
          status: "hit",
          reason: "key matches",
          key,
          path: jsonPath,
          meta: old.meta,
          createdAt: old.createdAt,
        };
      }
      reason = loaded;
    }
  }
  const meta = (await opts.train()) ?? null;
  canonicalJson(meta, "meta");
  const createdAt = new Date().toISOString();
  if (mode !== "off") {
    const vars = opts.variables();
    const bytes = packWeights(vars);
    const entry: Entry = {
      format: 1,
      name: opts.name,
      key,
      config: opts.config,
      sources,
      tfjs,
      backend,
      shapes: vars.map((v) => v.shape.slice()),
      weightsSha256: await sha256Hex(bytes),
      createdAt,
      meta,
    };
    await Deno.mkdir(dir, { recursive: true });
    // write to temporary names, then rename: a crash never leaves a half-written entry under the real name
    await Deno.writeFile(`${binPath}.tmp`, bytes);
    await Deno.writeTextFile(`${jsonPath}.tmp`, JSON.stringify(entry, null, 1) + "\n");
    await Deno.rename(`${binPath}.tmp`, binPath);
    await Deno.rename(`${jsonPath}.tmp`, jsonPath);
  }
  return { status: "trained", reason, key, path: jsonPath, meta, createdAt };
}

function packWeights(vars: tf.Variable[]): Uint8Array {
  if (!Array.isArray(vars) || vars.length === 0) {
    throw new TypeError("opts.variables() must return tf.Variable[]");
  }
  const total = vars.reduce((s, v) => s + v.size, 0);
  const out = new Float32Array(total);
  let at = 0;
  for (const v of vars) {
    if (v.dtype !== "float32") {
      throw new TypeError(`cached variables must be float32, got ${v.dtype} (${v.name})`);
    }
    out.set(v.dataSync() as Float32Array, at);
    at += v.size;
  }
  return new Uint8Array(out.buffer);
}

/** Loads the .bin into `vars` after checking hash and shapes; returns "ok" or why not. */
async function tryLoad(binPath: string, entry: Entry, vars: tf.Variable[]): Promise<string> {
  if (!Array.isArray(vars) || vars.length === 0) {
    throw new TypeError("opts.variables() must return tf.Variable[]");
  }
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(binPath);
  } catch {
    return "weights file missing";
  }
  if ((await sha256Hex(bytes)) !== entry.weightsSha256) return "weights file corrupt (hash mismatch)";
  const shapes = vars.map((v) => v.shape.join("x")).join(",");
  if (!Array.isArray(entry.shapes) || entry.shapes.map((s) => s.join("x")).join(",") !== shapes) {
    return "variable shapes differ from the cached ones";
  }
  const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  let at = 0;
  for (const v of vars) {
    const part = all.slice(at, at + v.size);
    at += v.size;
    tf.tidy(() => v.assign(tf.tensor(part, v.shape, "float32")));
  }
  return "ok";
}
