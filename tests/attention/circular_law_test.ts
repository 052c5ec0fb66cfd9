import { Matrix, Rng } from "../../lib/core/mod.ts";
import { diskStatistics, glorotMatrix } from "../../lib/attention/mod.ts";
import { eigenvaluesGeneral } from "../../lib/core/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("eigenvaluesGeneral: a rotation block and a triangular matrix", () => {
  const c = Math.cos(0.4), s = Math.sin(0.4);
  const e = eigenvaluesGeneral(new Matrix([[0.9 * c, -0.9 * s], [0.9 * s, 0.9 * c]]));
  const ims = Array.from(e.im).sort();
  assertClose(ims[0], -0.9 * s, { abs: 1e-14 });
  assertClose(ims[1], 0.9 * s, { abs: 1e-14 });
  e.re.forEach((v) => assertClose(v, 0.9 * c, { abs: 1e-14 }));
  const t = eigenvaluesGeneral(new Matrix([[2, 1, 5], [0, -1, 3], [0, 0, 0.5]]));
  assert.deepEqual(Array.from(t.re).sort((a, b) => a - b), [-1, 0.5, 2]);
  assert.ok(t.im.every((v) => v === 0));
});

Deno.test("glorotMatrix: entry variance 1/d; trace of A Aᵀ / d ≈ 1; diskStatistics on hand values", () => {
  const a = glorotMatrix(new Rng(1), 200);
  const v = a.to1DArray().reduce((s, x) => s + x * x, 0) / (200 * 200);
  assertClose(v, 1 / 200, { rel: 0.02 });
  const st = diskStatistics({ re: Float64Array.from([0.3, 0, 1]), im: Float64Array.from([0.4, 0.9, 0]) });
  assertClose(st.meanAbs2, (0.25 + 0.81 + 1) / 3, { abs: 1e-15 });
  assertClose(st.fractionInside, 0, { abs: 1e-15 }); // |0.3+0.4i| = 0.5 is not < 0.5
  assert.equal(st.maxAbs, 1);
  assert.equal(
    diskStatistics({ re: Float64Array.from([0.1]), im: Float64Array.from([0]) }).fractionInside,
    1,
  );
});

Deno.test("circular law: bad inputs throw naming the argument", () => {
  assertThrowsWith(() => glorotMatrix(new Rng(1), 0), RangeError, "d");
  assertThrowsWith(() => glorotMatrix({} as never, 3), TypeError, "rng");
  assertThrowsWith(() => eigenvaluesGeneral([[1]] as never), TypeError, "a");
  assertThrowsWith(() => eigenvaluesGeneral(new Matrix([[1, 2]])), RangeError, "a");
  assertThrowsWith(() => eigenvaluesGeneral(new Matrix([[NaN]])), RangeError, "a[0]");
  assertThrowsWith(
    () => diskStatistics({ re: new Float64Array(0), im: new Float64Array(0) }),
    RangeError,
    "eigs",
  );
  assertThrowsWith(
    () => diskStatistics({ re: Float64Array.from([1]), im: Float64Array.from([1]) }, -1),
    RangeError,
    "rho",
  );
});
