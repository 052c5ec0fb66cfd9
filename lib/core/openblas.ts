/**
 * OpenBLAS through Deno's FFI: the `libscipy_openblas` shared library that the PyPI package scipy-openblas32
 * (pinned in requirements.txt) installs into the project's .venv, opened with Deno.dlopen, on one thread (the runner
 * runs two notebooks at once on two cores, and OpenBLAS threads busy-wait after each call). Bound: `sgemm` (the
 * float32 matmul under tfjs), `dgemm` (the float64 matmul of lib/core/linalg) and LAPACK's divide-and-conquer
 * `dgesdd` (SVD) and `dsyevd` (symmetric eigenvalues) through LAPACKE, all row-major.
 *
 * Nothing here throws when the library is missing or cannot be opened: {@link loadOpenBlas} says why, and the caller
 * falls back loudly (lib/core/native.ts).
 * @module
 */
import { repoRoot } from "./paths.ts";

/** The bound routines of one opened OpenBLAS. */
export interface OpenBlas {
  /** The file opened. */
  readonly path: string;
  /** OpenBLAS's build description and the CPU kernel it chose (e.g. "OpenBLAS 0.3.34 DYNAMIC_ARCH … Haswell"). */
  readonly config: string;
  /** The CPU core type OpenBLAS dispatches to (e.g. "Haswell"). */
  readonly corename: string;
  /**
   * Row-major C[m×n] = A·B (A is m×k, or k×m when `transA`; B is k×n, or n×k when `transB`) with leading dimensions
   * lda, ldb, ldc, over float32 views (e.g. into the wasm heap).
   */
  sgemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    lda: number,
    b: Float32Array,
    ldb: number,
    c: Float32Array,
    ldc: number,
  ): void;
  /** {@link OpenBlas.sgemm} in float64 (C[m×n] = op(A)·op(B), row-major). */
  dgemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: Float64Array,
    lda: number,
    b: Float64Array,
    ldb: number,
    c: Float64Array,
    ldc: number,
  ): void;
  /**
   * LAPACKE_dgesdd on the row-major m×n matrix `a` (overwritten): singular values into `s` (min(m, n), descending);
   * with `jobz` "S" also the thin factors U (m×min) and Vᵀ (min×n), row-major; "N" computes values only (u and vt
   * unused, may be empty). Returns LAPACK's info (0: success; > 0: no convergence).
   */
  dgesdd(
    jobz: "N" | "S",
    m: number,
    n: number,
    a: Float64Array,
    s: Float64Array,
    u: Float64Array,
    vt: Float64Array,
  ): number;
  /**
   * LAPACKE_dsyevd on the symmetric n×n row-major matrix `a` (its upper triangle read; overwritten): eigenvalues into
   * `w`, ascending; with `vectors` true the unit eigenvectors replace `a`'s columns. Returns LAPACK's info.
   */
  dsyevd(n: number, a: Float64Array, w: Float64Array, vectors: boolean): number;
}

/** What {@link loadOpenBlas} found: the library, or why there is none. */
export type OpenBlasStatus = { ok: true; blas: OpenBlas } | { ok: false; reason: string };

const LIB_NAMES = ["libscipy_openblas.so", "libscipy_openblas.dylib"];

/** The path of scipy-openblas32's library inside `<root>/.venv` (any Python version), or null when absent. */
export function findOpenBlas(root: string = repoRoot()): string | null {
  if (typeof root !== "string" || root.length === 0) throw new TypeError("root must be a non-empty path");
  const libDir = `${root}/.venv/lib`;
  let pythons: string[];
  try {
    pythons = [...Deno.readDirSync(libDir)].filter((e) => e.isDirectory).map((e) => e.name).sort();
  } catch {
    return null;
  }
  for (const py of pythons) {
    for (const name of LIB_NAMES) {
      const path = `${libDir}/${py}/site-packages/scipy_openblas32/lib/${name}`;
      try {
        if (Deno.statSync(path).isFile) return path;
      } catch {
        // not this one
      }
    }
  }
  return null;
}

/** cblas_?gemm's parameters: order, transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc. */
function gemmParameters<S extends "f32" | "f64">(scalar: S) {
  return [
    "i32",
    "i32",
    "i32",
    "i32",
    "i32",
    "i32",
    scalar,
    "buffer",
    "i32",
    "buffer",
    "i32",
    scalar,
    "buffer",
    "i32",
  ] as const;
}

const SYMBOLS = {
  scipy_cblas_sgemm: { parameters: gemmParameters("f32"), result: "void" },
  scipy_cblas_dgemm: { parameters: gemmParameters("f64"), result: "void" },
  scipy_LAPACKE_dgesdd: {
    parameters: ["i32", "u8", "i32", "i32", "buffer", "i32", "buffer", "buffer", "i32", "buffer", "i32"],
    result: "i32",
  },
  scipy_LAPACKE_dsyevd: {
    parameters: ["i32", "u8", "u8", "i32", "buffer", "i32", "buffer"],
    result: "i32",
  },
  scipy_openblas_set_num_threads: { parameters: ["i32"], result: "void" },
  scipy_openblas_get_num_threads: { parameters: [], result: "i32" },
  scipy_openblas_get_config: { parameters: [], result: "pointer" },
  scipy_openblas_get_corename: { parameters: [], result: "pointer" },
} as const;

const ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;
const op = (trans: boolean) => (trans ? TRANS : NO_TRANS);
const N_CHAR = "N".charCodeAt(0), V_CHAR = "V".charCodeAt(0), U_CHAR = "U".charCodeAt(0);

function cString(p: Deno.PointerValue): string {
  return p === null ? "" : new Deno.UnsafePointerView(p).getCString();
}

/** Opens `path` with one OpenBLAS thread (OPENBLAS_NUM_THREADS=1 while it loads, then set_num_threads(1)). */
function open(path: string): OpenBlas {
  const before = Deno.env.get("OPENBLAS_NUM_THREADS");
  Deno.env.set("OPENBLAS_NUM_THREADS", "1"); // read once when the library initialises: no idle thread pool
  let lib: Deno.DynamicLibrary<typeof SYMBOLS>;
  try {
    lib = Deno.dlopen(path, SYMBOLS);
  } finally {
    if (before === undefined) Deno.env.delete("OPENBLAS_NUM_THREADS");
    else Deno.env.set("OPENBLAS_NUM_THREADS", before);
  }
  const s = lib.symbols;
  s.scipy_openblas_set_num_threads(1);
  const threads = s.scipy_openblas_get_num_threads();
  if (threads !== 1) throw new Error(`OpenBLAS kept ${threads} threads after set_num_threads(1)`);
  return {
    path,
    config: cString(s.scipy_openblas_get_config()),
    corename: cString(s.scipy_openblas_get_corename()),
    sgemm(transA, transB, m, n, k, a, lda, b, ldb, c, ldc) {
      s.scipy_cblas_sgemm(ROW_MAJOR, op(transA), op(transB), m, n, k, 1, a, lda, b, ldb, 0, c, ldc);
    },
    dgemm(transA, transB, m, n, k, a, lda, b, ldb, c, ldc) {
      s.scipy_cblas_dgemm(ROW_MAJOR, op(transA), op(transB), m, n, k, 1, a, lda, b, ldb, 0, c, ldc);
    },
    dgesdd(jobz, m, n, a, sv, u, vt) {
      const r = Math.min(m, n);
      // LAPACKE checks ldu ≥ 1 and ldvt ≥ 1 even when the factors are not computed
      return s.scipy_LAPACKE_dgesdd(ROW_MAJOR, jobz.charCodeAt(0), m, n, a, n, sv, u, r || 1, vt, n || 1);
    },
    dsyevd(n, a, w, vectors) {
      return s.scipy_LAPACKE_dsyevd(ROW_MAJOR, vectors ? V_CHAR : N_CHAR, U_CHAR, n, a, n, w);
    },
  };
}

const opened = new Map<string, OpenBlasStatus>();

/**
 * Opens OpenBLAS once per process: from `path` if given, else from the project's .venv ({@link findOpenBlas}).
 * Returns `{ ok: false, reason }` instead of throwing when the library is absent, cannot be opened (no FFI
 * permission, another platform's build) or lacks a symbol.
 */
export function loadOpenBlas(path?: string): OpenBlasStatus {
  if (path !== undefined && (typeof path !== "string" || path.length === 0)) {
    throw new TypeError(`path must be a non-empty string, got ${String(path)}`);
  }
  let file: string | null;
  try {
    file = path ?? findOpenBlas();
  } catch (err) {
    return { ok: false, reason: `cannot look for OpenBLAS: ${err instanceof Error ? err.message : err}` };
  }
  if (file === null) {
    return {
      ok: false,
      reason: "scipy-openblas32 is not installed in .venv (run `./deno task setup`)",
    };
  }
  const known = opened.get(file);
  if (known) return known;
  let status: OpenBlasStatus;
  try {
    status = { ok: true, blas: open(file) };
  } catch (err) {
    status = { ok: false, reason: `cannot open ${file}: ${err instanceof Error ? err.message : err}` };
  }
  opened.set(file, status);
  return status;
}
