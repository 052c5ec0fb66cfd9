import { Matrix, Rng } from "../../lib/core/mod.ts";
import { dasguptaGuptaBound, distortionProfile, minJLDim, wordDimEstimate } from "../../lib/attention/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("dasguptaGuptaBound and wordDimEstimate: the formulas", () => {
  assertClose(dasguptaGuptaBound(8, 0.5), (4 * Math.log(8)) / (0.125 - 0.125 / 3), { rel: 1e-15 });
  assertClose(wordDimEstimate(Math.E ** 2), 16, { rel: 1e-15 });
  assertClose(wordDimEstimate(10, 2), 2 * Math.log(10), { rel: 1e-15 });
});

Deno.test("distortionProfile: brute force for one k with the same projection", () => {
  const r = new Rng(1);
  const x = new Matrix(Array.from({ length: 5 }, () => Array.from(r.normals(20))));
  const prof = distortionProfile(x, new Rng(7), 6);
  // rebuild R from the same seed and check k = 6 pair by pair
  const g = new Rng(7);
  const R = Array.from({ length: 20 }, () => Array.from(g.normals(6)));
  let worst = 0;
  for (let i = 0; i < 5; i++) {
    for (let j = i + 1; j < 5; j++) {
      let dx = 0, dy = 0;
      for (let c = 0; c < 20; c++) dx += (x.get(i, c) - x.get(j, c)) ** 2;
      for (let k = 0; k < 6; k++) {
        let p = 0;
        for (let c = 0; c < 20; c++) p += (x.get(i, c) - x.get(j, c)) * R[c][k];
        dy += p * p;
      }
      worst = Math.max(worst, Math.abs(dy / 6 / dx - 1));
    }
  }
  assertClose(prof[5], worst, { rel: 1e-12 });
});

Deno.test("minJLDim: a large-eps answer is small and each trial is reported", () => {
  const r = new Rng(2);
  const x = new Matrix(Array.from({ length: 6 }, () => Array.from(r.normals(64))));
  const m = minJLDim(x, 0.9, r, { trials: 3 });
  assert.equal(m.each.length, 3);
  assert.ok(m.median >= 1 && m.median <= 64);
});

Deno.test("bad inputs throw, naming the argument", () => {
  const r = new Rng(0);
  const x = new Matrix([[1, 0], [0, 1]]);
  assertThrowsWith(() => dasguptaGuptaBound(1, 0.5), RangeError, "n");
  assertThrowsWith(() => dasguptaGuptaBound(10, 1), RangeError, "eps");
  assertThrowsWith(() => wordDimEstimate(-1), RangeError, "n");
  assertThrowsWith(() => distortionProfile([[1]] as never, r, 1), TypeError, "x");
  assertThrowsWith(() => distortionProfile(x, r, 3), RangeError, "kMax");
  assertThrowsWith(() => distortionProfile(new Matrix([[1, 1], [1, 1]]), r, 1), RangeError, "equal rows");
  assertThrowsWith(() => minJLDim(x, 2, r), RangeError, "eps");
  assertThrowsWith(() => minJLDim(x, 0.5, r, { trials: 0 }), RangeError, "opts.trials");
  assertThrowsWith(() => minJLDim(x, 1e-9, r, { kMax: 1 }), RangeError, "kMax");
});
