import { Rng } from "../../lib/core/mod.ts";
import {
  aniso3,
  epsPosterior,
  exactNprTarget,
  exactSnTarget,
  mleDiagVar,
  mleIsoVar,
  noisyBatch,
  nprTarget,
  nprVariance,
  snTarget,
  snVariance,
  suLinearSchedule,
} from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

const S = suLinearSchedule(1000);

Deno.test("mleIsoVar / mleDiagVar: the scaled mean squared residual, exact on small batches", () => {
  const eps = Float64Array.from([1, 0, 0, 2]), th = Float64Array.from([0, 0, 0, 0]);
  // per row ‖ε − ε_θ‖²/d = 0.5, 2 → mean 1.25
  const iso = mleIsoVar(eps, th, 2, 4);
  assertClose(iso.value, 5, { rel: 1e-15 });
  assertClose(iso.stdError, 4 * Math.sqrt(((0.75 ** 2) * 2) / 1 / 2), { rel: 1e-12 });
  const diag = mleDiagVar(eps, th, 2, 4);
  assertAllClose(diag.perDim, [2, 8], { rel: 1e-15 });
  assertClose((diag.perDim[0] + diag.perDim[1]) / 2, iso.value, { rel: 1e-15 }, "iso = mean of diag");
  assertThrowsWith(() => mleIsoVar(eps, new Float64Array(2), 2, 1), RangeError, "same length");
  assertThrowsWith(() => mleIsoVar(eps, th, 3, 1), RangeError, "d=3");
  assertThrowsWith(() => mleDiagVar(eps, th, 2, -1), RangeError, "x0Scale");
  assertThrowsWith(() => mleIsoVar([NaN], [0], 1, 1), RangeError, "eps[0]");
});

Deno.test("targets and variances: npr, sn (clipped and counted)", () => {
  assertAllClose(nprTarget([1, -2], [0.5, 1]), [0.25, 9], { abs: 1e-15 });
  assertAllClose(snTarget([1, -2]), [1, 4], { abs: 1e-15 });
  const sn = snVariance([1, 0.1], [0.5, 1], 2);
  assertAllClose(sn.variance, [1.5, 0], { abs: 1e-15 });
  assert.equal(sn.clipped, 1);
  assertAllClose(nprVariance([0.5, 2], 3), [1.5, 6], { abs: 1e-15 });
  assertThrowsWith(() => nprVariance([-1], 1), RangeError, "g[0]");
  assertThrowsWith(() => snTarget([]), TypeError, "eps");
});

Deno.test("exact targets on aniso3: E over x_t of the NPR target = the MLE; SN = NPR for a perfect mean", () => {
  const g = aniso3(), rng = new Rng(4), t = 200;
  const a = S.alphaBar[t], b = S.betaBar[t];
  const batch = noisyBatch(g.sample(30000, rng), 2, S, rng, t);
  const star = g.epsStar(batch.xt, a, b);
  const imperfect = star.map((v, i) => 0.9 * v + 0.1 * Math.tanh(batch.xt[i]));
  // E[(ε − ε_θ)²] estimated directly vs the average of the exact conditional target
  const gstar = exactNprTarget(g, batch.xt, a, b, imperfect);
  const direct = mleDiagVar(batch.eps, imperfect, 2, 1);
  for (let q = 0; q < 2; q++) {
    let m = 0;
    for (let i = q; i < gstar.length; i += 2) m += gstar[i] / 30000;
    assertClose(direct.perDim[q], m, { abs: 4 * direct.stdError[q] }, `dimension ${q}`);
  }
  // perfect mean: h* − ε*² = g* exactly
  const h = exactSnTarget(g, batch.xt, a, b), gp = exactNprTarget(g, batch.xt, a, b, star);
  for (let i = 0; i < 200; i++) assertClose(h[i] - star[i] ** 2, gp[i], { abs: 1e-12 });
  const { epsVar } = epsPosterior(g, batch.xt, a, b);
  const pv = g.posteriorVarX0(batch.xt, a, b);
  assertClose(epsVar[5], (a * a / (b * b)) * pv[5], { rel: 1e-12 });
  assertThrowsWith(() => exactNprTarget(g, batch.xt, a, b, new Float64Array(3)), RangeError, "epsTheta");
  assertThrowsWith(() => epsPosterior(g, batch.xt, a, 0), RangeError, "b");
});
