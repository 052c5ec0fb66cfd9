import {
  blurFlowField,
  blurredDensity,
  type Field,
  fokkerPlanckTerms,
  GaussianMixture,
  maxAbs,
  ouDensity,
  ouDriftField,
  relativeResidual,
} from "../../lib/diffusion/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const mix = new GaussianMixture({ means: [[-1.5], [1.0]], stds: [0.3, 0.5], weights: [0.3, 0.7] });
const sched = { sigma: (t: number) => t, dsigma: () => 1 };
const xs = Float64Array.from({ length: 201 }, (_v, i) => -5 + i * 0.05);

Deno.test("fokkerPlanckTerms: the blurred mixture solves the heat and continuity equations; a wrong D does not", () => {
  const density = blurredDensity(mix, sched);
  const heat = fokkerPlanckTerms(xs, 1, { dim: 1, density, diffusion: (t) => t });
  assert(relativeResidual(heat) < 1e-6, `heat residual ${relativeResidual(heat)}`);
  const cont = fokkerPlanckTerms(xs, 1, { dim: 1, density, drift: blurFlowField(mix, sched) });
  assert(relativeResidual(cont) < 1e-6, `continuity residual ${relativeResidual(cont)}`);
  const wrong = fokkerPlanckTerms(xs, 1, { dim: 1, density, diffusion: (t) => 0.8 * t });
  assertClose(relativeResidual(wrong), 0.2, { abs: 1e-4 });
  assertClose(relativeResidual(heat, { diffusion: true }), 1, { abs: 1e-12 });
  assertClose(maxAbs(heat.transport), 0, { abs: 1e-15 });
});

Deno.test("fokkerPlanckTerms: a 2-D OU density with drift and diffusion has a small residual; without diffusion a large one", () => {
  const ou = { A: [[1, 0.5], [-0.2, 0.6]], g: 0.8, m0: [1, -0.5], S0: [[0.3, 0.05], [0.05, 0.2]] };
  const pts: number[] = [];
  for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) pts.push(-2 + i * 0.5, -2 + j * 0.5);
  const terms = fokkerPlanckTerms(Float64Array.from(pts), 0.7, {
    dim: 2,
    density: ouDensity(ou),
    drift: ouDriftField(ou.A),
    diffusion: () => 0.5 * ou.g ** 2,
    h: { xx: 1e-3 },
  });
  assert(relativeResidual(terms) < 1e-5, `residual ${relativeResidual(terms)}`);
  assert(relativeResidual(terms, { diffusion: true }) > 0.1, "the diffusion term matters");
});

Deno.test("fokkerPlanckTerms/relativeResidual: bad inputs throw, naming the argument", () => {
  const density = blurredDensity(mix, sched);
  assertThrowsWith(() => fokkerPlanckTerms(xs, 1, null as never), TypeError, "options");
  assertThrowsWith(() => fokkerPlanckTerms(xs, 1, { dim: 0, density }), RangeError, "options.dim");
  assertThrowsWith(
    () => fokkerPlanckTerms(xs, 1, { dim: 1, density: 3 as never }),
    TypeError,
    "options.density",
  );
  const f2: Field = { dim: 2, velocity: (x) => x };
  assertThrowsWith(
    () => fokkerPlanckTerms(xs, 1, { dim: 1, density, drift: f2 }),
    RangeError,
    "options.drift.dim",
  );
  assertThrowsWith(
    () => fokkerPlanckTerms(xs, 1, { dim: 1, density, diffusion: 2 as never }),
    TypeError,
    "options.diffusion",
  );
  assertThrowsWith(
    () => fokkerPlanckTerms(new Float64Array(0), 1, { dim: 1, density }),
    RangeError,
    "points",
  );
  assertThrowsWith(() => fokkerPlanckTerms(xs, NaN, { dim: 1, density }), RangeError, "t");
  assertThrowsWith(
    () => fokkerPlanckTerms(xs, 1, { dim: 1, density, h: { t: -1 } }),
    RangeError,
    "options.h.t",
  );
  assertThrowsWith(
    () => fokkerPlanckTerms(xs, 1, { dim: 1, density: () => new Float64Array(2) }),
    TypeError,
    "one value per row",
  );
  assertThrowsWith(() => relativeResidual(null as never), TypeError, "terms");
  const zero = { dpdt: new Float64Array(2), transport: new Float64Array(2), diffusion: new Float64Array(2) };
  assertThrowsWith(
    () => relativeResidual({ ...zero, residual: new Float64Array(2) }),
    RangeError,
    "vanishes",
  );
});
