import {
  eulerMaruyamaOuMoments,
  gaussianDensity,
  ouDensity,
  ouDriftField,
  ouMarginal,
  ouMarginal1d,
} from "../../lib/diffusion/mod.ts";
import { Matrix, symmetricEigen } from "../../lib/core/mod.ts";
import { assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

const ou1 = { theta: 0.7, g: 0.9, m0: 1.5, v0: 0.2 };

Deno.test("ouMarginal (Lyapunov RK4) in 1-D equals the closed form ouMarginal1d", () => {
  for (const t of [0, 0.3, 2]) {
    const e = ouMarginal1d(ou1, t), r = ouMarginal({ A: [[0.7]], g: 0.9, m0: [1.5], S0: [[0.2]] }, t);
    assertClose(r.mean[0], e.mean, { abs: 1e-12 });
    assertClose(r.cov[0], e.variance, { abs: 1e-12 });
  }
  assertClose(ouMarginal1d(ou1, 50).variance, 0.81 / 1.4, { abs: 1e-12 });
});

Deno.test("ouMarginal: for symmetric A, Σ_t = Σ_∞ + e^{−At}(Σ₀ − Σ_∞)e^{−At} with Σ_∞ = g²A⁻¹/2 (eigendecomposition)", () => {
  const A = [[1.2, 0.4], [0.4, 0.7]], g = 0.8, S0 = [[0.5, 0.1], [0.1, 0.3]], t = 1.3;
  const { values, vectors } = symmetricEigen(A); // vectors[i][k]: component i of eigenvector k
  const V = new Matrix(vectors.map((v) => Array.from(v)));
  const fn = (f: (l: number) => number) => V.mmul(Matrix.diag(Array.from(values, f))).mmul(V.transpose());
  const E = fn((l) => Math.exp(-l * t)), Sinf = fn((l) => (g * g) / (2 * l));
  const want = Sinf.add(E.mmul(new Matrix(S0).sub(Sinf)).mmul(E));
  const got = ouMarginal({ A, g, m0: [1, -1], S0 }, t);
  assertAllClose(got.cov, want.to1DArray(), { abs: 1e-10 });
  assertAllClose(got.mean, E.mmul(Matrix.columnVector([1, -1])).to1DArray(), { abs: 1e-10 });
});

Deno.test("eulerMaruyamaOuMoments: exact at Δt → 0, first-order gap otherwise", () => {
  const e = ouMarginal1d(ou1, 1);
  const err = (k: number) => eulerMaruyamaOuMoments(ou1, 1, k).mean - e.mean;
  assertClose(err(20) / err(40), 2, { abs: 0.1 });
  assertClose(eulerMaruyamaOuMoments(ou1, 1, 100000).variance, e.variance, { abs: 1e-5 });
  assertClose(eulerMaruyamaOuMoments(ou1, 0.1, 1).variance, 0.93 ** 2 * 0.2 + 0.081, { abs: 1e-14 });
});

Deno.test("gaussianDensity, ouDensity and ouDriftField against hand-computed values", () => {
  const p = gaussianDensity({ mean: Float64Array.of(1, 0), cov: Float64Array.of(2, 0.5, 0.5, 1) });
  const det = 1.75, q = (0.5 * 0.5 * 1 - 2 * 0.5 * 0.5 * 1 + 2 * 1) / det; // x − m = (0.5, 1)
  assertClose(p(Float64Array.of(1.5, 1))[0], Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det)), {
    abs: 1e-14,
  });
  const ou = { A: [[0.7]], g: 0.9, m0: [1.5], S0: [[0.2]] }, m = ouMarginal1d(ou1, 0.5);
  assertClose(
    ouDensity(ou)(Float64Array.of(0.4), 0.5)[0],
    Math.exp(-((0.4 - m.mean) ** 2) / (2 * m.variance)) / Math.sqrt(2 * Math.PI * m.variance),
    { abs: 1e-12 },
  );
  const f = ouDriftField([[1, 2], [3, 4]]);
  assertAllClose(f.velocity(Float64Array.of(1, 1, 0, 1), 0), [-3, -7, -2, -4], { abs: 1e-15 });
  assertAllClose(f.divergence!(Float64Array.of(1, 1), 0), [-5], { abs: 1e-15 });
});

Deno.test("ou: bad inputs throw, naming the argument", () => {
  assertThrowsWith(() => ouMarginal1d(null as never, 1), TypeError, "ou");
  assertThrowsWith(() => ouMarginal1d({ ...ou1, theta: 0 }, 1), RangeError, "ou.theta");
  assertThrowsWith(() => ouMarginal1d({ ...ou1, v0: -1 }, 1), RangeError, "ou.v0");
  assertThrowsWith(() => ouMarginal1d(ou1, -1), RangeError, "t");
  assertThrowsWith(() => eulerMaruyamaOuMoments(ou1, 1, 0), RangeError, "steps");
  assertThrowsWith(() => eulerMaruyamaOuMoments(ou1, 0, 3), RangeError, "T");
  assertThrowsWith(() => ouMarginal({ A: [[1]], g: 1, m0: [], S0: [[1]] }, 1), TypeError, "m0");
  assertThrowsWith(() => ouMarginal({ A: [[1, 0]], g: 1, m0: [0], S0: [[1]] }, 1), RangeError, "ou.A");
  assertThrowsWith(() => ouMarginal({ A: [[1]], g: NaN, m0: [0], S0: [[1]] }, 1), RangeError, "ou.g");
  assertThrowsWith(() => ouMarginal({ A: [[1]], g: 1, m0: [0], S0: [[1]] }, 1, 0), RangeError, "dt");
  assertThrowsWith(() => ouDriftField([[1, 2]]), RangeError, "A");
  assertThrowsWith(
    () => gaussianDensity({ mean: Float64Array.of(0), cov: Float64Array.of(-1) }),
    RangeError,
    "positive",
  );
  assertThrowsWith(
    () => gaussianDensity({ mean: Float64Array.of(0), cov: Float64Array.of(1, 0) }),
    RangeError,
    "cov",
  );
  assertThrowsWith(() => gaussianDensity(null as never), TypeError, "g");
});
