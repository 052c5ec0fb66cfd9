import { Rng } from "../../lib/core/mod.ts";
import {
  attend,
  deltaMethodRms,
  perturbedAttentionError,
  ratioOfMeans,
  softmax,
} from "../../lib/attention/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("ratioOfMeans equals the softmax-weighted sum", () => {
  const r = new Rng(1);
  const s = r.normals(30), v = Array.from({ length: 30 }, () => r.normals(4));
  const a = ratioOfMeans(s, v), b = attend(s, v);
  a.forEach((x, i) => assertClose(x, b[i], { abs: 1e-14 }));
});

Deno.test("deltaMethodRms: hand computation on two points", () => {
  // p = (0.5, 0.5), v = (0, 2) in 1-D: o = 1, Σ p²(v − o)² = 0.5
  assertClose(deltaMethodRms([0.5, 0.5], [[0], [2]], 1), Math.sqrt(Math.expm1(1) * 0.5), { rel: 1e-14 });
  assert.equal(deltaMethodRms([0.5, 0.5], [[0], [2]], 0), 0);
});

Deno.test("perturbedAttentionError: σ = 0 gives 0; the delta method holds at large n; correlated noise does not average out", () => {
  const z = perturbedAttentionError(new Rng(2), { n: 50, d: 4, sigma: 0, draws: 3 });
  assert.equal(z.rms, 0);
  const e = perturbedAttentionError(new Rng(3), { n: 2000, d: 8, sigma: 0.5, draws: 200 });
  assertClose(e.rms, e.predicted, { rel: 0.15 });
  assert.ok(e.neff > 500 && e.neff < 2000);
  const c = perturbedAttentionError(new Rng(4), {
    n: 2000,
    d: 8,
    sigma: 1,
    draws: 50,
    valueMean: 1,
    correlated: true,
  });
  const i = perturbedAttentionError(new Rng(4), { n: 2000, d: 8, sigma: 1, draws: 50, valueMean: 1 });
  assert.ok(c.rel > 3 * i.rel);
  assertClose(softmax([0])[0], 1, { abs: 0 + 1e-300 });
});

Deno.test("bad inputs throw, naming the argument", () => {
  const r = new Rng(0);
  assertThrowsWith(() => ratioOfMeans([1], []), RangeError, "values");
  assertThrowsWith(() => ratioOfMeans([1000], [[1]]), RangeError, "logits[0]");
  assertThrowsWith(() => deltaMethodRms([1], [[1]], -1), RangeError, "sigma");
  assertThrowsWith(() => deltaMethodRms([1], [], 1), RangeError, "values");
  assertThrowsWith(
    () => perturbedAttentionError(r, { n: 0, d: 2, sigma: 1, draws: 2 }),
    RangeError,
    "opts.n",
  );
  assertThrowsWith(
    () => perturbedAttentionError(r, { n: 2, d: 2, sigma: 1, draws: 0 }),
    RangeError,
    "opts.draws",
  );
  assertThrowsWith(
    () => perturbedAttentionError(r, { n: 2, d: 2, sigma: 1, draws: 1, valueMean: NaN }),
    RangeError,
    "opts.valueMean",
  );
  assertThrowsWith(
    () => perturbedAttentionError(r, { n: 2, d: 2, sigma: 1, draws: 1, logitScale: -1 }),
    RangeError,
    "opts.logitScale",
  );
});
