import fc from "fast-check";
import {
  ddimCoeffs,
  ddpmPosteriorVar,
  largeVar,
  meanCoeffs,
  posteriorSigma,
  requireTrajectory,
  subTrajectory,
  suLinearSchedule,
} from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const S = suLinearSchedule(1000);

Deno.test("subTrajectory: uniform and quadratic, strictly increasing from 0 to T", () => {
  assert.deepEqual(Array.from(subTrajectory(1000, 10)), [
    0,
    100,
    200,
    300,
    400,
    500,
    600,
    700,
    800,
    900,
    1000,
  ]);
  assert.deepEqual(Array.from(subTrajectory(10, 10)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(Array.from(subTrajectory(1000, 25)).slice(0, 3), [0, 40, 80]);
  const q = subTrajectory(20, 10, "quadratic"); // round(20 (i/10)²) collides near 0: pushed up
  for (let i = 1; i < q.length; i++) assert.ok(q[i] > q[i - 1], `quadratic step ${i}`);
  assert.equal(q[10], 20);
  fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (T, K0) => {
    const K = Math.min(K0, T);
    for (const kind of ["uniform", "quadratic"] as const) {
      const tau = subTrajectory(T, K, kind);
      if (tau.length !== K + 1 || tau[0] !== 0 || tau[K] !== T) return false;
      for (let i = 1; i <= K; i++) if (!(tau[i] > tau[i - 1])) return false;
    }
    return true;
  }));
  assertThrowsWith(() => subTrajectory(10, 11), RangeError, "K");
  assertThrowsWith(() => subTrajectory(0, 1), RangeError, "T");
  assertThrowsWith(() => subTrajectory(10, 2, "cubic" as "uniform"), TypeError, "kind");
});

Deno.test("requireTrajectory: bad trajectories name the argument", () => {
  requireTrajectory("traj", [0, 5, 1000], S);
  assertThrowsWith(() => requireTrajectory("traj", [1, 5], S), RangeError, "traj[0]");
  assertThrowsWith(() => requireTrajectory("traj", [0, 5, 5], S), RangeError, "strictly increasing");
  assertThrowsWith(() => requireTrajectory("traj", [0, 1001], S), RangeError, "traj[1]");
  assertThrowsWith(() => requireTrajectory("traj", [0], S), TypeError, "traj");
});

Deno.test("ddimCoeffs: the DDIM family preserves the marginal for any σ² in [0, β̄_s²] (property)", () => {
  fc.assert(fc.property(
    fc.integer({ min: 2, max: 1000 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    (t, us, uv) => {
      const s = 1 + Math.min(t - 2, Math.floor(us * (t - 1))); // 1 <= s < t
      const sigma2 = uv * S.betaBar[s] ** 2;
      const c = ddimCoeffs(S, t, s, sigma2);
      const e1 = c.k * S.alphaBar[t] + c.gamma - S.alphaBar[s];
      const e2 = c.k ** 2 * S.betaBar[t] ** 2 + sigma2 - S.betaBar[s] ** 2;
      return Math.abs(e1) < 1e-12 && Math.abs(e2) < 1e-12;
    },
  ));
  const last = ddimCoeffs(S, 100, 0, 0);
  assert.equal(last.k, 0);
  assert.equal(last.gamma, 1);
  assertClose(last.x0Scale, S.betaBar[100] ** 2 / S.alphaBar[100] ** 2, { rel: 1e-15 });
  assertThrowsWith(() => ddimCoeffs(S, 10, 5, 2 * S.betaBar[5] ** 2), RangeError, "sigma2");
  assertThrowsWith(() => ddimCoeffs(S, 10, 5, -1), RangeError, "sigma2");
  assertThrowsWith(() => ddimCoeffs(S, 10, 10, 0), RangeError, "s must be < t");
  assertThrowsWith(() => ddimCoeffs(S, 1001, 10, 0), RangeError, "t");
});

Deno.test("ddpmPosteriorVar / largeVar: unit jumps give the small and large σ_t² of article 03", () => {
  for (const t of [1, 2, 10, 500, 1000]) {
    assertClose(ddpmPosteriorVar(S, t, t - 1), posteriorSigma(S, t, "small") ** 2, {
      rel: 1e-10,
      abs: 1e-300,
    });
    assertClose(largeVar(S, t, t - 1), posteriorSigma(S, t, "large") ** 2, { rel: 1e-10 });
  }
  // skip jumps: the brief's (β̄_s²/β̄_t²)(1 − ᾱ_t²/ᾱ_s²) and the DDPM mean k = ᾱ_{t|s} β̄_s²/β̄_t²
  const t = 700, s = 300;
  const r = S.alphaBar[t] / S.alphaBar[s];
  assertClose(largeVar(S, t, s), 1 - r * r, { rel: 1e-12 });
  assertClose(ddpmPosteriorVar(S, t, s), (S.betaBar[s] ** 2 / S.betaBar[t] ** 2) * (1 - r * r), {
    rel: 1e-12,
  });
  const m = meanCoeffs(S, t, s, "ddpm");
  assertClose(m.k, (r * S.betaBar[s] ** 2) / S.betaBar[t] ** 2, { rel: 1e-12 });
  assert.equal(meanCoeffs(S, t, s, "ddim").sigma2, 0);
  assert.equal(ddpmPosteriorVar(S, 50, 0), 0);
  assertThrowsWith(() => meanCoeffs(S, t, s, "euler" as "ddpm"), TypeError, "rule");
});
