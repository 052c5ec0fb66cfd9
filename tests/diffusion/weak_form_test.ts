import {
  generatorValues,
  mcMean,
  ouDriftField,
  type TestFunction,
  testFunctionValues,
} from "../../lib/diffusion/mod.ts";
import { Rng } from "../../lib/core/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const cosPhi: TestFunction = {
  dim: 1,
  value: (x) => Math.cos(x[0]),
  gradient: (x) => Float64Array.of(-Math.sin(x[0])),
  laplacian: (x) => -Math.cos(x[0]),
};

Deno.test("generatorValues: exact and finite-difference derivatives of φ agree; the OU weak form holds at t = 0", () => {
  const rng = new Rng(5), n = 40000, m = 0.8, v = 0.3;
  const x = Float64Array.from({ length: n }, () => m + Math.sqrt(v) * rng.normal());
  const drift = ouDriftField([[0.7]]), D = 0.5 * 0.9 ** 2;
  const exact = generatorValues(x, 0, cosPhi, { drift, diffusion: D });
  const fd = generatorValues(x, 0, { dim: 1, value: cosPhi.value }, { drift, diffusion: D });
  for (let i = 0; i < 50; i++) assertClose(fd[i], exact[i], { abs: 1e-6 });
  // d/dt E cos x_t at t = 0 for x_t ~ N(m_t, v_t): E cos = cos(m) e^{−v/2}; m' = −θm, v' = −2θv + g²
  const th = 0.7, g2 = 0.81, dm = -th * m, dv = -2 * th * v + g2;
  const rate = (-Math.sin(m) * dm - 0.5 * Math.cos(m) * dv) * Math.exp(-v / 2);
  const est = mcMean(exact);
  assert(Math.abs(est.mean - rate) < 4 * est.stdError, `${est.mean} vs ${rate} ± ${est.stdError}`);
  assertClose(mcMean(testFunctionValues(x, cosPhi)).mean, Math.cos(m) * Math.exp(-v / 2), { abs: 0.01 });
  // no drift, no diffusion: the generator is zero
  assertClose(Math.max(...generatorValues(x.subarray(0, 10), 0, cosPhi)), 0, { abs: 1e-15 });
});

Deno.test("weak_form: bad inputs throw, naming the argument", () => {
  const x = Float64Array.of(0, 1, 2);
  assertThrowsWith(() => mcMean([1]), RangeError, "values");
  assertThrowsWith(() => testFunctionValues(x, null as never), TypeError, "phi");
  assertThrowsWith(() => testFunctionValues(x, { dim: 0, value: () => 0 }), RangeError, "phi.dim");
  assertThrowsWith(
    () => testFunctionValues(x, { ...cosPhi, gradient: 1 as never }),
    TypeError,
    "phi.gradient",
  );
  assertThrowsWith(() => testFunctionValues(Float64Array.of(1), cosPhi), RangeError, "samples");
  assertThrowsWith(() => generatorValues(x, NaN, cosPhi), RangeError, "t");
  assertThrowsWith(() => generatorValues(x, 0, cosPhi, { diffusion: NaN }), RangeError, "options.diffusion");
  assertThrowsWith(
    () => generatorValues(x, 0, cosPhi, { drift: ouDriftField([[1, 0], [0, 1]]) }),
    RangeError,
    "options.drift.dim",
  );
  assertThrowsWith(() => testFunctionValues(x, { dim: 1, value: () => NaN }), RangeError, "phi(x)");
});
