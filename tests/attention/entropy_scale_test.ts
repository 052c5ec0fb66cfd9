import { Rng } from "../../lib/core/mod.ts";
import {
  entropyInvariantScale,
  entropyOfLogits,
  idealKeyDim,
  iidLogitEntropy,
  retrievalFocus,
  softmax,
} from "../../lib/attention/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("entropyInvariantScale and idealKeyDim: 1 and d at the base length", () => {
  assert.equal(entropyInvariantScale(512), 1);
  assertClose(entropyInvariantScale(2 ** 18), 2, { rel: 1e-15 });
  assert.equal(idealKeyDim(64, 512), 64);
  assert.equal(idealKeyDim(64, 8192), Math.round(64 * 13 / 9));
  assert.equal(idealKeyDim(64, 1), 1);
});

Deno.test("retrievalFocus: the exact reduction agrees with brute-force sampling of all keys (within 4 SE)", () => {
  const n = 40, d = 16, trials = 3000, kappa = 1.5, sq = 1;
  const fast = retrievalFocus(new Rng(1), { n, d, kappa, queryNoise: sq, trials });
  const r = new Rng(2);
  const W: number[] = [];
  for (let t = 0; t < trials; t++) {
    const keys = Array.from({ length: n }, () => r.normals(d));
    const q = keys[0].map((v) => v + sq * r.normal());
    const s = keys.map((k) => kappa * k.reduce((a, v, c) => a + v * q[c], 0) / Math.sqrt(d));
    W.push(softmax(s)[0]);
  }
  const m = W.reduce((a, v) => a + v, 0) / trials;
  assertClose(fast.targetWeight, m, { abs: 4 * Math.hypot(fast.targetWeightSE, fast.targetWeightSE) });
});

Deno.test("iidLogitEntropy: σ = 0 gives exactly ln n, i.e. a gap of 0", () => {
  const g = iidLogitEntropy(new Rng(3), 100, 0, 3);
  assertClose(g.mean, 0, { abs: 1e-12 });
  assertClose(entropyOfLogits(new Float64Array(100)), Math.log(100), { abs: 1e-12 });
});

Deno.test("bad inputs throw, naming the argument", () => {
  const r = new Rng(0);
  assertThrowsWith(() => entropyInvariantScale(0), RangeError, "n");
  assertThrowsWith(() => entropyInvariantScale(10, 1), RangeError, "base");
  assertThrowsWith(() => idealKeyDim(0, 10), RangeError, "d");
  assertThrowsWith(
    () => retrievalFocus(r, { n: 1, d: 4, kappa: 1, queryNoise: 1, trials: 5 }),
    RangeError,
    "opts.n",
  );
  assertThrowsWith(
    () => retrievalFocus(r, { n: 4, d: 4, kappa: -1, queryNoise: 1, trials: 5 }),
    RangeError,
    "opts.kappa",
  );
  assertThrowsWith(
    () => retrievalFocus(r, { n: 4, d: 4, kappa: 1, queryNoise: 1, trials: 1 }),
    RangeError,
    "opts.trials",
  );
  assertThrowsWith(() => iidLogitEntropy(r, 10, -1, 3), RangeError, "sigma");
  assertThrowsWith(() => iidLogitEntropy(r, 10, 1, 1), RangeError, "reps");
});
