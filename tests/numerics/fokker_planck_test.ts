import { cellCentres, solveFokkerPlanck1d, trapezoid } from "../../lib/numerics/mod.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

const gauss = (x: number, m: number, v: number) =>
  Math.exp(-((x - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);
const maxErr = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - b[i]));
  return e;
};

Deno.test("Fokker–Planck 1-D: the heat equation spreads a Gaussian to variance v0 + 2Dt, error O(dx²)", () => {
  const run = (cells: number) => {
    const x = cellCentres(-8, 8, cells);
    const r = solveFokkerPlanck1d(
      { lo: -8, hi: 8, cells, drift: () => 0, diffusion: () => 0.5 },
      x.map((v) => gauss(v, 0.5, 0.25)),
      0,
      [1],
    );
    return maxErr(r.p[1], x.map((v) => gauss(v, 0.5, 0.25 + 1)));
  };
  const e1 = run(100), e2 = run(200);
  assert.ok(e1 < 2e-3, `error ${e1}`);
  assert.ok(e1 / e2 > 3.5 && e1 / e2 < 4.5, `order ratio ${e1 / e2}`);
});

Deno.test("Fokker–Planck 1-D: OU drift −x with D = 1 relaxes to N(0, 1) and conserves mass", () => {
  const cells = 200, x = cellCentres(-7, 7, cells);
  const r = solveFokkerPlanck1d(
    { lo: -7, hi: 7, cells, drift: (y) => -y, diffusion: () => 1 },
    x.map((v) => gauss(v, 2, 0.1)),
    0,
    [0.5, 6],
  );
  // OU: mean 2e^{-t}, variance 1 + (0.1 − 1)e^{-2t}
  const t = 0.5, m = 2 * Math.exp(-t), v = 1 - 0.9 * Math.exp(-2 * t);
  assert.ok(maxErr(r.p[1], x.map((y) => gauss(y, m, v))) < 3e-3);
  assert.ok(maxErr(r.p[2], x.map((y) => gauss(y, 0, 1))) < 3e-3);
  const dx = 14 / cells;
  for (const p of r.p) {
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) * dx - r.p[0].reduce((a, b) => a + b, 0) * dx) < 1e-12);
  }
  assert.ok(Math.abs(trapezoid(x, r.p[2]) - 1) < 1e-3);
});

Deno.test("Fokker–Planck 1-D: bad inputs", () => {
  const o = { lo: 0, hi: 1, cells: 10, drift: () => 0, diffusion: () => 1 };
  assertThrowsWith(() => solveFokkerPlanck1d(o, new Float64Array(9), 0, [1]), RangeError, "p0");
  assertThrowsWith(() => solveFokkerPlanck1d(o, new Float64Array(10), 0, [0]), RangeError, "increase");
  assertThrowsWith(
    () => solveFokkerPlanck1d({ ...o, diffusion: () => -1 }, new Float64Array(10), 0, [1]),
    RangeError,
    ">= 0",
  );
  assertThrowsWith(
    () => solveFokkerPlanck1d({ ...o, diffusion: () => 0, drift: () => 1 }, new Float64Array(10), 0, [1]),
    RangeError,
    "pure advection",
  );
  assertThrowsWith(() => cellCentres(1, 0, 10), RangeError, "hi");
  assertThrowsWith(
    () => solveFokkerPlanck1d({ ...o, drift: 1 as never }, new Float64Array(10), 0, [1]),
    TypeError,
    "drift",
  );
});

Deno.test("solveFokkerPlanck1d: a diffusion coefficient growing from 0 is resolved from the first step (heat, D(t) = t)", () => {
  // p_t = N(0, v0 + 2∫₀ᵗ s ds) = N(0, v0 + t²); one output time, so the solver chooses every step itself
  const v0 = 0.25, T = 1.5;
  const o = { lo: -8, hi: 8, cells: 400, drift: () => 0, diffusion: (t: number) => t };
  const x = cellCentres(o.lo, o.hi, o.cells);
  const gauss = (v: number) =>
    Float64Array.from(x, (xi) => Math.exp(-xi * xi / (2 * v)) / Math.sqrt(2 * Math.PI * v));
  const r = solveFokkerPlanck1d(o, gauss(v0), 0, [T]);
  const want = gauss(v0 + T * T);
  const err = Math.max(...r.p[1].map((p, i) => Math.abs(p - want[i])));
  assert(err < 2e-3, `max error ${err} against the closed form`);
  assert(r.steps > 100, `the solver takes many steps, got ${r.steps}`);
});
