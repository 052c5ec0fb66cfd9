import { Rng } from "../../lib/core/mod.ts";
import {
  diagonalRecurrence,
  firstNonFinite,
  FLOAT_MAX,
  naiveCumsumRecurrence,
  naiveOverflowStep,
  scanCombine,
  scanLevels,
  upperLowerScan,
} from "../../lib/attention/mod.ts";
import { cmaxAbsDiff, type ComplexArray } from "../../lib/math/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

function problem(seed: number, n: number, L: number, r: number) {
  const rng = new Rng(seed);
  const th = rng.uniforms(n, 0, 2 * Math.PI);
  const lam: ComplexArray = { re: th.map((t) => r * Math.cos(t)), im: th.map((t) => r * Math.sin(t)) };
  const u = Array.from({ length: L }, () => ({ re: rng.normals(n), im: rng.normals(n) }));
  return { lam, u };
}

Deno.test("scanLevels is ⌈log₂ L⌉", () => {
  assert.deepEqual([1, 2, 3, 4, 5, 1023, 1024, 1025].map(scanLevels), [0, 1, 2, 2, 3, 10, 10, 11]);
});

Deno.test("upperLowerScan equals the sequential recurrence, for L a power of two or not", () => {
  for (const L of [1, 2, 7, 64, 100]) {
    const { lam, u } = problem(L, 3, L, 0.95);
    const seq = diagonalRecurrence(lam, u), sc = upperLowerScan(lam, u);
    assert.equal(sc.levels, scanLevels(L));
    seq.forEach((x, t) => assert.ok(cmaxAbsDiff(x, sc.states[t]) < 1e-12, `L=${L} t=${t}`));
  }
});

Deno.test("scanCombine folds (λ, u_0..u_t) into (λ^{t+1}, x_t) and is associative", () => {
  const { lam, u } = problem(5, 1, 6, 0.8);
  const l = { re: lam.re[0], im: lam.im[0] };
  const el = (t: number) => ({ a: l, b: { re: u[t].re[0], im: u[t].im[0] } });
  let acc = el(0);
  for (let t = 1; t < 6; t++) acc = scanCombine(acc, el(t));
  const x = diagonalRecurrence(lam, u)[5];
  assertClose(acc.b.re, x.re[0], { abs: 1e-14 });
  assertClose(acc.b.im, x.im[0], { abs: 1e-14 });
  const left = scanCombine(scanCombine(el(0), el(1)), el(2)),
    right = scanCombine(el(0), scanCombine(el(1), el(2)));
  assertClose(left.b.re, right.b.re, { abs: 1e-15 });
  assertClose(left.a.im, right.a.im, { abs: 1e-15 });
});

Deno.test("naive cumsum form: exact while finite, non-finite after the overflow step", () => {
  const { lam, u } = problem(9, 2, 300, 0.9);
  const seq = diagonalRecurrence(lam, u), nv = naiveCumsumRecurrence(lam, u);
  seq.forEach((x, t) => assert.ok(cmaxAbsDiff(x, nv[t]) < 1e-9, `t=${t}`));
  assert.equal(firstNonFinite(nv), -1);
  const k64 = naiveOverflowStep(0.9, "f64");
  assert.equal(k64, Math.floor(Math.log(Number.MAX_VALUE) / -Math.log(0.9)) + 1);
  assert.ok(Number.isFinite(0.9 ** -(k64 - 1)) && !Number.isFinite(0.9 ** -k64));
  const f32 = naiveOverflowStep(0.9, "f32");
  assert.equal(f32, 843); // 128 / log2(1/0.9) = 842.1
  assert.ok(Math.fround(0.9 ** -(f32 - 1)) <= FLOAT_MAX.f32 && !Number.isFinite(Math.fround(0.9 ** -f32)));
  const long = problem(4, 2, k64 + 5, 0.9);
  const first = firstNonFinite(naiveCumsumRecurrence(long.lam, long.u));
  assert.ok(first > 0 && first <= k64, `first non-finite ${first}, overflow step ${k64}`);
});

Deno.test("scan: bad inputs throw naming the argument", () => {
  const { lam, u } = problem(1, 2, 3, 0.5);
  assertThrowsWith(() => scanLevels(0), RangeError, "L");
  assertThrowsWith(() => upperLowerScan(lam, []), RangeError, "u");
  assertThrowsWith(
    () => upperLowerScan(lam, [{ re: new Float64Array(1), im: new Float64Array(1) }]),
    RangeError,
    "u[0]",
  );
  assertThrowsWith(() => naiveCumsumRecurrence({ re: [0] } as never, u), TypeError, "lam");
  assertThrowsWith(
    () =>
      scanCombine({ a: { re: NaN, im: 0 }, b: { re: 0, im: 0 } }, {
        a: { re: 0, im: 0 },
        b: { re: 0, im: 0 },
      }),
    RangeError,
    "first",
  );
  assertThrowsWith(() => scanCombine({} as never, {} as never), TypeError, "first");
  assertThrowsWith(() => naiveOverflowStep(1, "f32"), RangeError, "r");
  assertThrowsWith(() => naiveOverflowStep(0.5, "f16" as never), TypeError, "dtype");
  assertThrowsWith(() => firstNonFinite("x" as never), TypeError, "states");
  assertThrowsWith(() => firstNonFinite([{ re: [1], im: [1] }] as never), TypeError, "states[0]");
});
