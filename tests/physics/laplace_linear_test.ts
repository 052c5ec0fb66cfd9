import { Matrix } from "ml-matrix";
import { Rng } from "../../lib/core/mod.ts";
import { anisotropy, commutingFlow, commutingPair, randomMatrix } from "../../lib/physics/mod.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

Deno.test("commutingPair: A and B commute, share eigenvectors; flow at (0,0) is z0, flows compose", () => {
  const p = commutingPair(4, new Rng(0));
  const c = p.A.mmul(p.B).sub(p.B.mmul(p.A));
  assert.ok(c.norm() < 1e-10);
  assert.ok(Array.from(p.b).every((v) => Math.abs(v) >= 0.2 && Math.abs(v) <= 0.6));
  const z0 = [1, -2, 0.5, 3];
  assertAllClose(commutingFlow(p, 0, 0, z0), z0, { abs: 1e-12 });
  const a = commutingFlow(p, 0.3, 0.2, commutingFlow(p, 0.1, 0.4, z0));
  assertAllClose(a, commutingFlow(p, 0.4, 0.6, z0), { abs: 1e-10 });
  // S = −A²(B²)⁻¹ makes A² + S B² vanish
  const S = anisotropy(p.A, p.B);
  assert.ok(p.A.mmul(p.A).add(S.mmul(p.B.mmul(p.B))).norm() < 1e-9);
});

Deno.test("laplace_linear: bad inputs name the argument", () => {
  assertThrowsWith(() => commutingPair(0, new Rng(0)), RangeError, "d");
  assertThrowsWith(() => commutingPair(2, 1 as never), TypeError, "rng");
  assertThrowsWith(() => commutingPair(2, new Rng(0), [1, 0]), RangeError, "aRange");
  assertThrowsWith(() => commutingPair(2, new Rng(0), [0, 1], [0, 1]), RangeError, "bAbs[0]");
  const p = commutingPair(2, new Rng(0));
  assertThrowsWith(() => commutingFlow(p, 0, 0, [1]), RangeError, "z0");
  assertThrowsWith(() => commutingFlow(p, Number.NaN, 0, [1, 1]), RangeError, "x and y");
  assertThrowsWith(() => anisotropy(new Matrix(2, 3), new Matrix(2, 2)), RangeError, "square");
  assert.equal(randomMatrix(3, new Rng(0), 0.3).rows, 3);
  assertThrowsWith(() => randomMatrix(0, new Rng(0)), RangeError, "d");
  assertThrowsWith(() => randomMatrix(2, 0 as never), TypeError, "rng");
  assertThrowsWith(() => randomMatrix(2, new Rng(0), -1), RangeError, "std");
});
