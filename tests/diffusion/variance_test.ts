import { Rng } from "../../lib/core/mod.ts";
import {
  analyticReverseVar,
  clipSigmaBar2,
  ddimCoeffs,
  exactSigmaBar2,
  GaussianMixture,
  reverseMomentsDirect,
  ring8,
  sigmaBar2FromEps,
  sigmaBar2FromMean,
  suLinearSchedule,
} from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

const S = suLinearSchedule(1000);

Deno.test("Gaussian data N(0, s0²): both forms and the exact σ̄² equal s0²β̄²/(ᾱ²s0² + β̄²)", () => {
  const s0 = 0.8, g = new GaussianMixture({ means: [[0, 0]], stds: [s0] });
  for (const t of [50, 300]) {
    const a = S.alphaBar[t], b = S.betaBar[t];
    const truth = (s0 * s0 * b * b) / (a * a * s0 * s0 + b * b);
    const rng = new Rng(t), n = 40000;
    const x0 = g.sample(n, rng), e = rng.normals(2 * n);
    const xt = x0.map((v, i) => a * v + b * e[i]);
    const f1 = sigmaBar2FromMean(x0, g.posteriorMeanX0(xt, a, b), 2);
    const f2 = sigmaBar2FromEps(g.epsStar(xt, a, b), 2, a, b);
    const ex = exactSigmaBar2(g, a, b, 1000, new Rng(1));
    assertClose(ex.value, truth, { rel: 1e-12 }, "exact (posterior variance is constant)");
    assertAllClose(ex.perDim, [truth, truth], { rel: 1e-12 });
    assertClose(f1.value, truth, { abs: 5 * f1.stdError }, `form 1 at t=${t}`);
    assertClose(f2.value, truth, { abs: 5 * f2.stdError }, `form 2 at t=${t}`);
    const known = sigmaBar2FromMean(x0, g.posteriorMeanX0(xt, a, b), 2, { mu0: [0, 0], dataVar: s0 * s0 });
    assertClose(known.value, truth, { abs: 5 * known.stdError }, "form 1 with the known data variance");
  }
});

Deno.test("sigmaBar2FromEps / FromMean: exact arithmetic on tiny batches", () => {
  // ε rows (1, 0) and (0, 1): E‖ε‖²/d = 0.5, factor 0.5
  const f2 = sigmaBar2FromEps(Float64Array.from([1, 0, 0, 1]), 2, 0.5, 1);
  assertClose(f2.value, 4 * 0.5, { rel: 1e-15 });
  assertClose(f2.stdError, 0, { abs: 1e-15 });
  // x0 = (±1), μ̄ = (±0.5), μ0 = 0: 1 − 0.25
  const f1 = sigmaBar2FromMean(Float64Array.from([1, -1]), Float64Array.from([0.5, -0.5]), 1);
  assertClose(f1.value, 0.75, { rel: 1e-15 });
  assertThrowsWith(() => sigmaBar2FromEps(new Float64Array(3), 2, 1, 1), RangeError, "epsTheta");
  assertThrowsWith(() => sigmaBar2FromEps(new Float64Array(2), 2, 0, 1), RangeError, "a");
  assertThrowsWith(
    () => sigmaBar2FromMean(new Float64Array(2), new Float64Array(4), 2),
    RangeError,
    "same length",
  );
  assertThrowsWith(
    () => sigmaBar2FromMean(new Float64Array(2), new Float64Array(2), 2, { mu0: [0] }),
    RangeError,
    "opts.mu0",
  );
  assertThrowsWith(() => sigmaBar2FromEps(Float64Array.from([NaN, 0]), 2, 1, 1), RangeError, "epsTheta[0]");
});

Deno.test("clipSigmaBar2: to [0, min(β̄²/ᾱ², Var)] and says which bound acted", () => {
  assert.deepEqual(clipSigmaBar2(-4.2, { x0Scale: 3000, dataVar: 2 }), { value: 0, clippedTo: "zero" });
  assert.deepEqual(clipSigmaBar2(5, { x0Scale: 3000, dataVar: 2 }), { value: 2, clippedTo: "dataVar" });
  assert.deepEqual(clipSigmaBar2(0.5, { x0Scale: 0.1, dataVar: 2 }), { value: 0.1, clippedTo: "x0Scale" });
  assert.deepEqual(clipSigmaBar2(0.5, { x0Scale: 0.1 }), { value: 0.1, clippedTo: "x0Scale" });
  assert.deepEqual(clipSigmaBar2(0.05, { x0Scale: 0.1, dataVar: 2 }), { value: 0.05, clippedTo: "none" });
  assertThrowsWith(() => clipSigmaBar2(NaN, { x0Scale: 1 }), RangeError, "value");
  assertThrowsWith(() => clipSigmaBar2(1, { x0Scale: -1 }), RangeError, "bounds.x0Scale");
});

Deno.test("analyticReverseVar: σ² + γ²σ̄², scalar and element-wise", () => {
  assert.equal(analyticReverseVar({ sigma2: 0.1, gamma: 2 }, 0.5), 2.1);
  assertAllClose(analyticReverseVar({ sigma2: 0.1, gamma: 2 }, [0, 1]), [0.1, 4.1], { abs: 1e-15 });
  assertThrowsWith(() => analyticReverseVar({ sigma2: -1, gamma: 1 }, 1), RangeError, "coeffs.sigma2");
  assertThrowsWith(() => analyticReverseVar({ sigma2: 0, gamma: 1 }, -1), RangeError, "sigmaBar2");
  assertThrowsWith(() => analyticReverseVar({ sigma2: 0, gamma: 1 }, [1, -1]), RangeError, "sigmaBar2[1]");
});

Deno.test("reverseMomentsDirect: Cov[x_s|x_t] = σ² + γ² Var[x_0|x_t] and mean = k x_t + γ E[x_0|x_t]", () => {
  const g = ring8(2, 0.1), rng = new Rng(7);
  for (const [t, s, u] of [[300, 200, 0.3], [900, 100, 1], [50, 0, 0], [10, 9, 0.7]] as const) {
    const c = ddimCoeffs(S, t, s, u * S.betaBar[s] ** 2);
    const a = S.alphaBar[t], b = S.betaBar[t];
    const x0 = g.sample(200, rng), e = rng.normals(400);
    const xt = x0.map((v, i) => a * v + b * e[i]);
    const direct = reverseMomentsDirect(g, S, c, xt);
    const pv = g.posteriorVarX0(xt, a, b), pm = g.posteriorMeanX0(xt, a, b);
    for (let i = 0; i < xt.length; i++) {
      assertClose(
        direct.variance[i],
        c.sigma2 + c.gamma ** 2 * pv[i],
        { rel: 1e-9, abs: 1e-14 },
        `var t=${t}`,
      );
      assertClose(direct.mean[i], c.k * xt[i] + c.gamma * pm[i], { abs: 1e-9 }, `mean t=${t}`);
    }
  }
  assertThrowsWith(
    () => reverseMomentsDirect(g, S, ddimCoeffs(S, 2, 1, 0), new Float64Array(3)),
    RangeError,
    "xt",
  );
});

Deno.test("exactSigmaBar2: deterministic, within the bounds, non-decreasing in t on ring8", () => {
  const g = ring8(2, 0.1);
  const a = exactSigmaBar2(g, S.alphaBar[100], S.betaBar[100], 5000, new Rng(3));
  const b = exactSigmaBar2(g, S.alphaBar[100], S.betaBar[100], 5000, new Rng(3));
  assert.equal(a.value, b.value);
  let prev = 0;
  for (const t of [1, 10, 100, 300, 600, 1000]) {
    const r = exactSigmaBar2(g, S.alphaBar[t], S.betaBar[t], 4000, new Rng(t));
    assert.ok(r.value <= Math.min(S.betaBar[t] ** 2 / S.alphaBar[t] ** 2, 2.01) + 1e-9, `bound at t=${t}`);
    assert.ok(r.value >= prev * 0.99, `monotone at t=${t}`);
    prev = r.value;
  }
  assertThrowsWith(() => exactSigmaBar2(g, 1, 1, 1, new Rng(1)), RangeError, "n");
});
