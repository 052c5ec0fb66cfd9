import {
  applyRows,
  dct2Matrix,
  dctMatrix,
  heatBlur,
  heatBlurMatrix,
  heatFrequencies,
} from "../../lib/diffusion/mod.ts";
import { Rng } from "../../lib/core/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("dctMatrix / dct2Matrix are orthonormal", () => {
  for (const [m, n] of [[dctMatrix(7), 7], [dct2Matrix(4), 16]] as const) {
    let err = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += m[i * n + k] * m[j * n + k];
        err = Math.max(err, Math.abs(s - (i === j ? 1 : 0)));
      }
    }
    assert(err < 1e-13, `orthonormality error ${err}`);
  }
  assertThrowsWith(() => dctMatrix(0), RangeError, "n");
  assertThrowsWith(() => dct2Matrix(1.5), RangeError, "side");
});

Deno.test("heat blur: identity at τ=0, mean preserved, semigroup, flat at large τ", () => {
  const side = 5, d = 25, x = new Rng(3).normals(2 * d);
  assertAllClose(heatBlur(x, side, 0), x, { abs: 1e-12 });
  const y = heatBlur(x, side, 2);
  const mean = (a: Float64Array, r: number) => a.subarray(r * d, (r + 1) * d).reduce((s, v) => s + v, 0) / d;
  assertClose(mean(y, 1), mean(x, 1), { abs: 1e-12 });
  assertAllClose(heatBlur(heatBlur(x, side, 1.5), side, 0.5), y, { abs: 1e-12 });
  const flat = heatBlur(x, side, 200);
  for (let i = 0; i < d; i++) assertClose(flat[i], mean(x, 0), { abs: 1e-9 });
  assertClose(heatFrequencies(side)[side + 1], (2 * Math.PI ** 2) / 25, { rel: 1e-15 });
  const b = heatBlurMatrix(side, 1);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) assertClose(b[i * d + j], b[j * d + i], { abs: 1e-15 });
  }
  assertThrowsWith(() => heatBlurMatrix(side, -1), RangeError, "tau");
  assertThrowsWith(() => applyRows(b, new Float64Array(3), d), RangeError, "x");
  assertThrowsWith(() => applyRows(new Float64Array(3), x, d), RangeError, "m");
});
