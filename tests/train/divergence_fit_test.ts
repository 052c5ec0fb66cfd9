import {
  gridMinimize2d,
  klDivergence,
  klToNormal,
  mixtureMoments,
  mixturePdf,
  normalPdf,
  tvDistance,
  tvToNormal,
} from "../../lib/train/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const x = Float64Array.from({ length: 4001 }, (_, i) => -20 + i * 0.01);

Deno.test("normalPdf / mixturePdf integrate to 1; mixture moments match quadrature", () => {
  const s = (f: Float64Array) => f.reduce((a, b) => a + b, 0) * 0.01;
  assertClose(s(normalPdf(x, 1, 2)), 1, { abs: 1e-9 });
  const m = { weights: [0.8, 0.2], means: [0, 5], sigmas: [1, 1] };
  const p = mixturePdf(x, m);
  assertClose(s(p), 1, { abs: 1e-9 });
  const mean = s(p.map((v, i) => v * x[i])), v2 = s(p.map((v, i) => v * x[i] ** 2)) - mean ** 2;
  const mm = mixtureMoments(m);
  assertClose(mm.mean, 1, { abs: 1e-15 });
  assertClose(mm.variance, 5, { abs: 1e-12 });
  assertClose(mean, 1, { abs: 1e-9 });
  assertClose(v2, 5, { abs: 1e-8 });
});

Deno.test("tvDistance and klDivergence: closed forms for two normals", () => {
  const p = normalPdf(x, 0, 1), q = normalPdf(x, 1, 1);
  // TV of N(0,1), N(1,1) = 2Φ(1/2) − 1 = erf(1/(2√2)) = 0.382924922548026
  assertClose(tvDistance(x, p, q), 0.382924922548026, { abs: 1e-5 }); // a kink at the crossing: O(h²)
  // KL(N(0,1) ‖ N(1, 4)) = log 2 + (1 + 1)/8 − 1/2
  assertClose(klDivergence(x, p, normalPdf(x, 1, 2)), Math.log(2) + 2 / 8 - 0.5, { abs: 1e-9 });
  assert.equal(tvDistance(x, p, p), 0);
  assert.equal(klDivergence([0, 1], [1, 1], [0, 1]), Infinity);
});

Deno.test("tvToNormal / klToNormal: equal the generic forms", () => {
  const p = mixturePdf(x, { weights: [0.8, 0.2], means: [0, 5], sigmas: [1, 1] });
  for (const [mu, s] of [[0.2, 1.3], [1, Math.sqrt(5)], [0.2, 1.3]]) {
    const q = normalPdf(x, mu, s);
    assertClose(tvToNormal(x, p, mu, s), tvDistance(x, p, q), { abs: 1e-12 });
    assertClose(klToNormal(x, p, mu, s), klDivergence(x, p, q), { abs: 1e-9 });
  }
  assertThrowsWith(() => tvToNormal(x, [1], 0, 1), RangeError, "one length");
  assertThrowsWith(() => klToNormal(x, p, 0, -1), RangeError, "sigma");
  assertThrowsWith(() => tvToNormal(x, p, Number.NaN, 1), RangeError, "mu");
});

Deno.test("gridMinimize2d: finds a quadratic's minimum on the finest grid", () => {
  const r = gridMinimize2d((a, b) => (a - 0.123) ** 2 + 2 * (b + 0.456) ** 2, [-1, 1], [-1, 1], [
    0.1,
    0.01,
    0.001,
  ]);
  assertClose(r.a, 0.123, { abs: 5e-4 + 1e-12 });
  assertClose(r.b, -0.456, { abs: 5e-4 + 1e-12 });
  assert.ok(r.evaluations > 441);
});

Deno.test("divergence_fit: bad inputs name the argument", () => {
  assertThrowsWith(() => normalPdf(x, 0, 0), RangeError, "sigma");
  assertThrowsWith(() => normalPdf(x, Number.NaN, 1), RangeError, "mu");
  assertThrowsWith(
    () => mixturePdf(x, { weights: [0.5, 0.4], means: [0, 1], sigmas: [1, 1] }),
    RangeError,
    "sum to 1",
  );
  assertThrowsWith(() => mixturePdf(x, { weights: [1], means: [0, 1], sigmas: [1] }), RangeError, "m must");
  assertThrowsWith(
    () => mixtureMoments({ weights: [-1, 2], means: [0, 1], sigmas: [1, 1] }),
    RangeError,
    "m.weights[0]",
  );
  assertThrowsWith(() => tvDistance([0, 1], [1], [1, 1]), RangeError, "one length");
  assertThrowsWith(() => tvDistance([0, 1], [1, Number.NaN], [1, 1]), RangeError, "p");
  assertThrowsWith(() => klDivergence([0, 1], [1, -1], [1, 1]), RangeError, "non-negative");
  const f = (a: number, b: number) => a * a + b * b;
  assertThrowsWith(() => gridMinimize2d(f, [1, 0], [-1, 1], [0.1]), RangeError, "aRange");
  assertThrowsWith(() => gridMinimize2d(f, [-1, 1], [-1, 1], []), RangeError, "steps");
  assertThrowsWith(() => gridMinimize2d(f, [-1, 1], [-1, 1], [0.1, 0.2]), RangeError, "decrease");
  assertThrowsWith(() => gridMinimize2d(f, [0.5, 1], [-1, 1], [0.1]), RangeError, "edge");
  assertThrowsWith(() => gridMinimize2d(1 as never, [-1, 1], [-1, 1], [0.1]), TypeError, "f");
});
