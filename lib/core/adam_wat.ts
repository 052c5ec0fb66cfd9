/**
 * The fused Adam (+ EMA) update as a small WebAssembly SIMD module, written here as WebAssembly text and assembled
 * by wabt (npm `wabt`, pinned in deno.json; no compiler on the user's machine). `deno task setup` assembles it into
 * `.cache/wasm/`; {@link adamWasmBinary} reads that file, or assembles it on first use if it is missing.
 *
 * The module imports tfjs-backend-wasm's memory and exports one function over byte offsets into it:
 * `adam(w, g, m, v, out, e, eout, ema, n, β₁, 1−β₁, β₂, 1−β₂, 1−β₁ᵗ, 1−β₂ᵗ, −lr, ε, d, 1−d)`, computing per element,
 * in float32 and in the order of tfjs 4.22's AdamOptimizer (so results match it):
 *   m ← m·β₁ + g·(1−β₁);  v ← v·β₂ + g²·(1−β₂);  out = (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε) · (−lr) + w
 * and, when `ema` ≠ 0, eout = e·d + out·(1−d) (an exponential moving average of the weights).
 * m and v are updated in place; `out` and `eout` are separate buffers. Four lanes at a time, then a scalar tail.
 * This module imports nothing from tfjs, so `setup` can load it before npm packages are cached.
 * @module
 */
import { repoRoot } from "./paths.ts";

/** The wabt version the module is assembled with (deno.json pins the same). */
export const WABT_VERSION = "1.0.39";

const F32_PARAMS = ["b1", "omb1", "b2", "omb2", "c1", "c2", "nlr", "eps", "d", "omd"];

/** The per-element update for lane type `t` (f32x4 or f32): one description for the vector loop and the tail. */
function body(t: "f32x4" | "f32"): string {
  const ld = t === "f32x4" ? "v128.load" : "f32.load", st = t === "f32x4" ? "v128.store" : "f32.store";
  const sfx = t === "f32x4" ? "4" : "1";
  const c = (p: string) => (t === "f32x4" ? `(f32x4.splat (local.get $${p}))` : `(local.get $${p})`);
  const at = (p: string) => `(i32.add (local.get $${p}) (local.get $off))`;
  const G = `(local.get $g${sfx})`, M = `(local.get $m${sfx})`, V = `(local.get $v${sfx})`;
  const W = `(local.get $w${sfx})`;
  return `
        (local.set $g${sfx} (${ld} ${at("g")}))
        (local.set $m${sfx} (${t}.add (${t}.mul (${ld} ${at("m")}) ${c("b1")}) (${t}.mul ${G} ${c("omb1")})))
        (local.set $v${sfx} (${t}.add (${t}.mul (${ld} ${at("v")}) ${c("b2")})
                                     (${t}.mul (${t}.mul ${G} ${G}) ${c("omb2")})))
        (${st} ${at("m")} ${M})
        (${st} ${at("v")} ${V})
        (local.set $w${sfx} (${t}.add
          (${t}.mul (${t}.div (${t}.div ${M} ${c("c1")}) (${t}.add (${t}.sqrt (${t}.div ${V} ${c("c2")})) ${
    c("eps")
  }))
                    ${c("nlr")})
          (${ld} ${at("w")})))
        (${st} ${at("o")} ${W})
        (if (local.get $ema) (then
          (${st} ${at("eo")} (${t}.add (${t}.mul (${ld} ${at("e")}) ${c("d")}) (${t}.mul ${W} ${
    c("omd")
  })))))`;
}

/** The WebAssembly text of the fused Adam (+ EMA) module. */
export function adamWat(): string {
  const ptrs = ["w", "g", "m", "v", "o", "e", "eo", "ema", "n"].map((p) => `(param $${p} i32)`).join(" ");
  const f32s = F32_PARAMS.map((p) => `(param $${p} f32)`).join(" ");
  return `(module
  (import "env" "memory" (memory 1))
  (func (export "adam") ${ptrs} ${f32s}
    (local $off i32) (local $end4 i32) (local $end i32)
    (local $g4 v128) (local $m4 v128) (local $v4 v128) (local $w4 v128)
    (local $g1 f32) (local $m1 f32) (local $v1 f32) (local $w1 f32)
    (local.set $end4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $vdone
      (loop $vloop
        (br_if $vdone (i32.ge_u (local.get $off) (local.get $end4)))${body("f32x4")}
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $vloop)))
    (block $sdone
      (loop $sloop
        (br_if $sdone (i32.ge_u (local.get $off) (local.get $end)))${body("f32")}
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br $sloop)))))
`;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Where the assembled module is cached: `<root>/.cache/wasm/adam-<hash of text and wabt version>.wasm`. */
export async function adamWasmPath(root: string = repoRoot()): Promise<string> {
  const hash = await sha256Hex(`wabt ${WABT_VERSION}\n${adamWat()}`);
  return `${root}/.cache/wasm/adam-${hash.slice(0, 16)}.wasm`;
}

/** Assembles {@link adamWat} with wabt (SIMD enabled) and returns the binary. */
export async function assembleAdamWasm(): Promise<Uint8Array<ArrayBuffer>> {
  const mod = await import("wabt");
  const wabt = await (mod.default as unknown as () => Promise<WabtApi>)();
  const parsed = wabt.parseWat("adam.wat", adamWat(), { simd: true });
  try {
    parsed.validate();
    return Uint8Array.from(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

interface WabtApi {
  parseWat(name: string, text: string, features: Record<string, boolean>): {
    validate(): void;
    toBinary(o: object): { buffer: Uint8Array };
    destroy(): void;
  };
}

/**
 * The assembled module's bytes: read from the cache, or assembled now and written there (best effort: a read-only
 * checkout still gets the bytes). `root` is the repository root. Returns where it came from too.
 */
export async function adamWasmBinary(
  root: string = repoRoot(),
): Promise<{ bytes: Uint8Array<ArrayBuffer>; source: "cache" | "assembled"; path: string }> {
  const path = await adamWasmPath(root);
  try {
    return { bytes: await Deno.readFile(path), source: "cache", path };
  } catch {
    // not built yet
  }
  const bytes = await assembleAdamWasm();
  try {
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    await Deno.writeFile(path, bytes);
  } catch {
    // read-only checkout: use the bytes without caching them
  }
  return { bytes, source: "assembled", path };
}
