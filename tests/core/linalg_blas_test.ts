import {
  float64Blas,
  float64BlasNote,
  float64Route,
  gramEigenvalues,
  loadOpenBlas,
  matFromRows,
  matmul,
  Matrix,
  packRows,
  pinvRcond,
  Rng,
  singularValues,
  unpackRows,
  useFloat64Blas,
} from "../../lib/core/mod.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";
import { randn } from "../_matrices.ts";

/** `f` computed on ml-matrix / plain JS (float64 routes off) and on OpenBLAS/LAPACK (on); the route left as found. */
function bothRoutes<T>(f: () => T): { js: T; blas: T } {
  const was = float64Blas() !== null;
  try {
    useFloat64Blas(false);
    const js = f();
    assert(useFloat64Blas(true), `OpenBLAS must be loadable here: ${float64BlasNote()}`);
    return { js, blas: f() };
  } finally {
    useFloat64Blas(was);
  }
}

const rng = new Rng(11);
const lowRank = (r: number, c: number, k: number) => matmul(randn(rng, r, k), randn(rng, k, c));
const shapes: [string, Matrix][] = [
  ["tall 40×7", randn(rng, 40, 7)],
  ["wide 6×50", randn(rng, 6, 50)],
  ["square 30×30", randn(rng, 30, 30)],
  ["rank 3 of 25×18", lowRank(25, 18, 3)],
  ["1×1", matFromRows([[-2.5]])],
];

Deno.test("float64 routes: the library is found in .venv and NB_BLAS's setting is honoured", () => {
  assert(loadOpenBlas().ok, "scipy-openblas32 is installed by setup");
  const was = float64Blas() !== null;
  assert(!useFloat64Blas(false) && float64Blas() === null, "off");
  assert(float64BlasNote() === "NB_BLAS=off", `note: ${float64BlasNote()}`);
  assert(float64Route() === "ml-matrix + JS (NB_BLAS=off)", float64Route());
  assert(useFloat64Blas(true) && float64Blas() !== null && float64BlasNote() === null, "on");
  assert(float64Route().startsWith("OpenBLAS/LAPACK"), float64Route());
  useFloat64Blas(was);
  assertThrowsWith(() => useFloat64Blas("on" as never), TypeError, "on must be a boolean");
});

Deno.test("float64 routes: dgemm equals the JS product, above and below the size where it takes over", () => {
  for (const [m, k, n] of [[2, 3, 2], [37, 53, 29], [1, 200, 64], [64, 1, 80]]) {
    const a = randn(rng, m, k), b = randn(rng, k, n);
    const { js, blas } = bothRoutes(() => matmul(a, b));
    assert(blas.rows === m && blas.columns === n, `shape ${blas.rows}×${blas.columns}`);
    assertAllClose(blas.to1DArray(), js.to1DArray(), { abs: 1e-12 * Math.sqrt(k) });
  }
});

Deno.test("float64 routes: LAPACK's singular values, Gram eigenvalues and pseudo-inverse equal ml-matrix's", () => {
  for (const [name, a] of shapes) {
    const sv = bothRoutes(() => singularValues(a));
    const smax = sv.js[0];
    assertAllClose(sv.blas, sv.js, { abs: 1e-12 * smax }, `${name}: singular values`);
    const ge = bothRoutes(() => gramEigenvalues(a));
    assertAllClose(ge.blas, ge.js, { abs: 1e-11 * smax * smax }, `${name}: Gram eigenvalues`);
    for (const rcond of [1e-15, 1e-1]) {
      const p = bothRoutes(() => pinvRcond(a, rcond));
      assert(p.blas.rows === a.columns && p.blas.columns === a.rows, `${name}: pinv shape`);
      const scale = Math.max(...p.js.to1DArray().map(Math.abs));
      assertAllClose(
        p.blas.to1DArray(),
        p.js.to1DArray(),
        { abs: 1e-9 * scale },
        `${name}: pinv rcond ${rcond}`,
      );
    }
  }
});

Deno.test("float64 routes: the pseudo-inverse of a matrix whose singular values all fall under the cut is zero", () => {
  const a = matFromRows([[1, 0], [0, 1e-20]]);
  const { js, blas } = bothRoutes(() => pinvRcond(a, 1e-3));
  assertAllClose(blas.to1DArray(), [1, 0, 0, 0], { abs: 1e-300 });
  assertAllClose(js.to1DArray(), [1, 0, 0, 0], { abs: 1e-300 });
  const zero = bothRoutes(() => pinvRcond(matFromRows([[0, 0, 0]]), 1e-15));
  assertAllClose(zero.blas.to1DArray(), [0, 0, 0], { abs: 1e-300 });
  assertAllClose(zero.js.to1DArray(), [0, 0, 0], { abs: 1e-300 });
});

Deno.test("packRows / unpackRows: a row-major round trip", () => {
  const a = randn(rng, 3, 4);
  const flat = packRows(a);
  assertAllClose(flat, a.to1DArray(), { abs: 1e-300 });
  assertAllClose(unpackRows(flat, 3, 4).to1DArray(), a.to1DArray(), { abs: 1e-300 });
});

Deno.test("OpenBlas.dsyevd with vectors: ascending eigenvalues and unit eigenvectors with A v = λ v", () => {
  const found = loadOpenBlas();
  assert(found.ok, "OpenBLAS present");
  const A = [4, 1, -2, 1, 3, 0.5, -2, 0.5, 1];
  const a = Float64Array.from(A), w = new Float64Array(3);
  assert(found.blas.dsyevd(3, a, w, true) === 0, "info 0");
  assert(w[0] <= w[1] && w[1] <= w[2], `ascending ${w}`);
  for (let j = 0; j < 3; j++) {
    const v = [a[j], a[3 + j], a[6 + j]]; // column j
    assertAllClose([Math.hypot(...v)], [1], { abs: 1e-12 });
    const av = [0, 1, 2].map((i) => A[3 * i] * v[0] + A[3 * i + 1] * v[1] + A[3 * i + 2] * v[2]);
    assertAllClose(av, v.map((x) => w[j] * x), { abs: 1e-12 });
  }
});
