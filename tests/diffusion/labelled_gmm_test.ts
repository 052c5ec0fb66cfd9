import fc from "fast-check";
import { Rng } from "../../lib/core/mod.ts";
import { GaussianMixture } from "../../lib/diffusion/mod.ts";
import { classSampleStats, LabelledMixture, tri3 } from "../../lib/diffusion/mod.ts";
import { fdGradient } from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

// two components for class 0, one for class 1, unequal stds and weights
const lm = new LabelledMixture(
  new GaussianMixture({ means: [[-1, 0.5], [2, 1], [0, -2]], stds: [0.3, 0.7, 0.5], weights: [1, 2, 1] }),
  [0, 1, 0],
);

Deno.test("LabelledMixture: validation names the argument", () => {
  const g = new GaussianMixture({ means: [[0], [1]], stds: [1, 1] });
  assertThrowsWith(() => new LabelledMixture(g, [0]), RangeError, "labels");
  assertThrowsWith(() => new LabelledMixture(g, [0, 2]), RangeError, "class 1 is empty");
  assertThrowsWith(() => new LabelledMixture(g, [0, -1]), RangeError, "labels[1]");
  assertThrowsWith(() => new LabelledMixture({} as GaussianMixture, [0, 1]), TypeError, "mixture");
  assertThrowsWith(() => lm.classPosterior(new Float64Array(3)), RangeError, "x");
  assertThrowsWith(() => lm.classPosterior([0, 0] as unknown as Float64Array), TypeError, "x");
  assertThrowsWith(() => lm.classPosterior(Float64Array.of(0, NaN)), RangeError, "x[1]");
  assertThrowsWith(() => lm.gradLogClassPosterior(new Float64Array(2), 1, 0.1, 2), RangeError, "y");
  assertThrowsWith(() => lm.gradLogClassPosterior(new Float64Array(2), 1, -0.1, 0), RangeError, "b");
  assertThrowsWith(() => lm.gradLogClassPosterior(new Float64Array(4), [1], 0.1, 0), RangeError, "a");
  assertThrowsWith(() => lm.epsStarConditional(new Float64Array(2), 1, 0, 0), RangeError, "b");
  assertThrowsWith(() => lm.conditional(1.5), RangeError, "y");
  assertThrowsWith(() => lm.sample(-1, new Rng(0)), RangeError, "n");
  assertThrowsWith(() => tri3(0), RangeError, "std");
  assertThrowsWith(
    () =>
      new LabelledMixture(new GaussianMixture({ means: [[0]], stds: [0] }), [0]).classPosterior(
        new Float64Array(1),
      ),
    RangeError,
    "a²s_k² + b²",
  );
});

Deno.test("LabelledMixture: priors, conditionals, labelled samples", () => {
  assertAllClose(lm.prior, [0.5, 0.5], { abs: 1e-15 });
  assertAllClose(lm.conditional(0).weights, [0.5, 0.5], { abs: 1e-15 });
  assertAllClose(lm.conditional(0).means, [-1, 0.5, 0, -2], { abs: 0 + 1e-15 });
  const t = tri3();
  assert.equal(t.classes, 3);
  const { x, y } = t.sample(30000, new Rng(1));
  let n2 = 0, my = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 2) {
      n2++;
      my += x[2 * i + 1];
    }
  }
  assertClose(n2 / 30000, 1 / 3, { abs: 0.015 }); // SE ≈ 0.0027
  assertClose(my / n2, 1.5, { abs: 0.03 }); // SE ≈ 0.5/√10000 = 0.005
  assert.deepEqual(t.sample(4, new Rng(2)), t.sample(4, new Rng(2)));
});

Deno.test("LabelledMixture: posterior sums to 1, matches Bayes on the mixture, gradient matches finite differences", () => {
  const rng = new Rng(3);
  const x = rng.normals(2 * 200, 0, 2);
  for (const [a, b] of [[1, 0], [0.8, 0.6], [0.1, 0.995]]) {
    const p = lm.classPosterior(x, a, b);
    const r = lm.mixture.responsibilities(x, a, b);
    for (let i = 0; i < 200; i++) {
      assertClose(p[2 * i] + p[2 * i + 1], 1, { abs: 1e-14 });
      assertClose(p[2 * i + 1], r[3 * i + 1], { abs: 1e-12 });
    }
    for (const y of [0, 1]) {
      const g = lm.gradLogClassPosterior(x, a, b, y);
      const fd = fdGradient(
        (z) => lm.classPosterior(z, a, b).filter((_, j) => j % 2 === y).map(Math.log),
        x,
        2,
        1e-5,
      );
      assertAllClose(g, fd, { abs: 1e-5, rel: 1e-5 });
    }
  }
});

Deno.test("LabelledMixture: ε*(x|y) = ε*(x) − β̄ ∇log p(y|x) (article 06 step 5) and far points stay finite", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -4, max: 4, noNaN: true }),
      fc.double({ min: -4, max: 4, noNaN: true }),
      fc.double({ min: 0.05, max: 0.999, noNaN: true }),
      fc.integer({ min: 0, max: 1 }),
      (u, v, a, y) => {
        const x = Float64Array.of(u, v), b = Math.sqrt(1 - a * a);
        const lhs = lm.epsStarConditional(x, a, b, y);
        const e = lm.mixture.epsStar(x, a, b), g = lm.gradLogClassPosterior(x, a, b, y);
        return Math.abs(lhs[0] - (e[0] - b * g[0])) < 1e-9 && Math.abs(lhs[1] - (e[1] - b * g[1])) < 1e-9;
      },
    ),
  );
  const far = Float64Array.of(40, -40);
  const p = tri3().classPosterior(far);
  assert.ok(p.every(Number.isFinite));
  assert.ok(tri3().gradLogClassPosterior(far, 1, 0, 2).every(Number.isFinite));
});

Deno.test("LabelledMixture: bayesClass is the nearest mean for tri3", () => {
  const t = tri3();
  assert.deepEqual(Array.from(t.bayesClass(Float64Array.of(-1, 0, 1.1, 0.1, 0, 2))), [0, 1, 2]);
});

Deno.test("classSampleStats: purity, mean probability, moments; validation", () => {
  const t = tri3();
  const x = t.conditional(2).sample(20000, new Rng(9));
  const s = classSampleStats(t, x, 2);
  assertClose(s.mean[1], 1.5, { abs: 0.02 }); // SE 0.0035
  assertClose(s.std[0], 0.5, { abs: 0.02 }); // SE 0.0025
  assert.ok(s.purity > 0.85 && s.purity <= 1);
  assert.ok(s.meanProb > 0.85 && s.meanProb < s.purity + 0.05);
  assertThrowsWith(() => classSampleStats(t, x, 3), RangeError, "y");
  assertThrowsWith(() => classSampleStats(t, Float64Array.of(0, 0), 0), RangeError, "x");
  assertThrowsWith(() => classSampleStats({} as LabelledMixture, x, 0), TypeError, "lm");
});
