import {
  couplingW2,
  normalCdf,
  Rng,
  w2Gaussian1d,
  wassersteinEmpirical1d,
  wassersteinQuantile1d,
} from "../../lib/core/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

/** Φ⁻¹ by bisection on lib/core's normalCdf (test-only; accurate to ~1e-12). */
function probit(u: number): number {
  let lo = -40, hi = 40;
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (lo + hi);
    if (normalCdf(mid) < u) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

Deno.test("w2Gaussian1d: the closed form agrees with the quantile integral of two Gaussians", () => {
  const exact = w2Gaussian1d(1, 0.5, -0.3, 2);
  assertClose(exact, Math.hypot(1.3, 1.5), { abs: 1e-15 });
  const q = wassersteinQuantile1d((u) => 1 + 0.5 * probit(u), (u) => -0.3 + 2 * probit(u), 20_000);
  assertClose(q, exact, { rel: 2e-4 });
  assert(w2Gaussian1d(0, 1, 0, 1) === 0, "identical Gaussians");
});

Deno.test("wassersteinEmpirical1d: equal sizes = sorted pairing; unequal sizes by merged quantiles; W1 of a shift", () => {
  const x = [3, 1, 2], y = [2, 5, 0];
  // sorted: (1,0) (2,2) (3,5): W2² = (1 + 0 + 4)/3
  assertClose(wassersteinEmpirical1d(x, y), Math.sqrt(5 / 3), { abs: 1e-15 });
  assertClose(wassersteinEmpirical1d(x, y, 1), (1 + 0 + 2) / 3, { abs: 1e-15 });
  // two atoms vs one: [0, 2] vs [1]: |0-1|²/2 + |2-1|²/2 = 1
  assertClose(wassersteinEmpirical1d([0, 2], [1]), 1, { abs: 1e-15 });
  // a sample against itself repeated twice is at distance 0
  assertClose(wassersteinEmpirical1d([0.3, -1, 4], [4, 0.3, -1, -1, 4, 0.3]), 0, { abs: 1e-15 });
  // a shift by c: W1 = W2 = c whatever the sizes
  const rng = new Rng(3), a = rng.normals(500);
  const b = Float64Array.from(a, (v) => v + 0.7);
  assertClose(wassersteinEmpirical1d(a, b, 1), 0.7, { abs: 1e-12 });
  assertClose(wassersteinEmpirical1d(a, b, 2), 0.7, { abs: 1e-12 });
});

Deno.test("couplingW2: any coupling bounds the monotone one; monotone pairs give W2; SE and weights", () => {
  const rng = new Rng(5), z = rng.normals(2000);
  const x = Float64Array.from(z, (v) => 2 * v + 1), y = Float64Array.from(z, (v) => 0.5 * v);
  const mono = couplingW2(x, y);
  assertClose(mono.value, wassersteinEmpirical1d(x, y), { abs: 1e-12 });
  assert(mono.stdError !== null && mono.stdError > 0, "an SE for equal weights");
  const shuffled = Float64Array.from(y).reverse();
  assert(couplingW2(x, shuffled).value >= mono.value, "another coupling costs more");
  // 2-D rows and quadrature weights
  const w = couplingW2([0, 0, 1, 1], [3, 4, 1, 1], 2, [1, 3]);
  assertClose(w.value, Math.sqrt(25 / 4), { abs: 1e-15 });
  assert(w.stdError === null, "no SE with weights");
});

Deno.test("wasserstein: bad inputs throw, naming the argument", () => {
  assertThrowsWith(() => w2Gaussian1d(0, -1, 0, 1), RangeError, "s1");
  assertThrowsWith(() => w2Gaussian1d(NaN, 1, 0, 1), RangeError, "m1");
  assertThrowsWith(() => wassersteinEmpirical1d([], [1]), RangeError, "xs");
  assertThrowsWith(() => wassersteinEmpirical1d([1], [NaN]), RangeError, "ys");
  assertThrowsWith(() => wassersteinEmpirical1d([1], [1], 3 as never), RangeError, "rho");
  assertThrowsWith(() => wassersteinQuantile1d(null as never, (u) => u, 10), TypeError, "qA");
  assertThrowsWith(() => wassersteinQuantile1d((u) => u, (u) => u, 0), RangeError, "n");
  assertThrowsWith(() => couplingW2([1, 2], [1], 1), RangeError, "xs and ys");
  assertThrowsWith(() => couplingW2([1, 2, 3], [1, 2, 3], 2), RangeError, "divisible");
  assertThrowsWith(() => couplingW2([1, 2], [1, 2], 1, [1]), RangeError, "weights");
  assertThrowsWith(() => couplingW2([1, 2], [1, 2], 1, [1, -1]), RangeError, "weights[1]");
  assertThrowsWith(() => couplingW2([1, 2], [1, 2], 0), RangeError, "d");
});
