import fc from "fast-check";
import { Rng } from "../../lib/core/mod.ts";
import {
  accuracyAt,
  aucBinary,
  averageRanks,
  evaluatePairs,
  optimalThreshold,
  spearman,
  spearmanFromAuc,
} from "../../lib/retrieval/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("averageRanks: ties get the average of the ranks they span", () => {
  assert.deepEqual(Array.from(averageRanks([10, 20, 20, 30])), [1, 2.5, 2.5, 4]);
  assert.deepEqual(Array.from(averageRanks([3, 1, 2])), [3, 1, 2]);
  assert.deepEqual(Array.from(averageRanks([5, 5, 5])), [2, 2, 2]);
  assertThrowsWith(() => averageRanks([1, NaN]), RangeError, "x[1]");
});

Deno.test("spearman: a hand-computed value with ties, invariance under monotone maps, sign flip", () => {
  // ranks of y = [1, 2, 3.5, 5, 3.5]: ρ = 8/√(10·9.5) (scipy.stats.spearmanr gives 0.820782681668123)
  assertClose(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), 8 / Math.sqrt(95), { abs: 1e-15 });
  const r = new Rng(1);
  const x = Array.from(r.normals(50)), y = x.map((v) => v + 0.5 * r.normal());
  const rho = spearman(x, y);
  assertClose(spearman(x.map(Math.exp), y.map((v) => v ** 3)), rho, { abs: 1e-14 });
  assertClose(spearman(x, y.map((v) => -v)), -rho, { abs: 1e-14 });
  assertClose(spearman(x, x), 1, { abs: 1e-15 });
});

Deno.test("aucBinary equals the pair count with ties ½; Spearman = affine(AUC) for untied scores", () => {
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1 })), {
      minLength: 2,
      maxLength: 30,
    }),
    (rows) => {
      const s = rows.map((r) => r[0]), y = rows.map((r) => r[1]);
      const n1 = y.reduce((p, v) => p + v, 0), n0 = y.length - n1;
      if (n0 === 0 || n1 === 0) return;
      let wins = 0;
      for (let i = 0; i < s.length; i++) {
        for (let j = 0; j < s.length; j++) {
          if (y[i] === 1 && y[j] === 0) wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
        }
      }
      assertClose(aucBinary(s, y), wins / (n0 * n1), { abs: 1e-14 });
    },
  ));
  const r = new Rng(2);
  for (let t = 0; t < 20; t++) {
    const n = 5 + r.int(200);
    const y = Array.from({ length: n }, (_, i) => (i < 2 ? i : r.int(2)));
    const s = y.map((v) => v + 1.5 * r.normal());
    const n1 = y.reduce((p, v) => p + v, 0);
    assertClose(spearman(s, y), spearmanFromAuc(aucBinary(s, y), n - n1, n1), { abs: 1e-12 });
  }
  assertClose(spearmanFromAuc(1, 50, 50), Math.sqrt(7500 / 9999), { abs: 1e-15 });
  assertThrowsWith(() => spearmanFromAuc(1.2, 1, 1), RangeError, "auc");
  assertThrowsWith(() => spearmanFromAuc(0.5, 0, 1), RangeError, "n0");
});

Deno.test("optimalThreshold: equals brute force over all midpoints and beats random thresholds", () => {
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 1 })), {
      minLength: 1,
      maxLength: 25,
    }),
    fc.array(fc.double({ min: -7, max: 7, noNaN: true }), { maxLength: 20 }),
    (rows, randomT) => {
      const s = rows.map((r) => r[0] / 2), y = rows.map((r) => r[1]);
      const best = optimalThreshold(s, y);
      assertClose(accuracyAt(s, y, best.threshold), best.accuracy, { abs: 1e-15 });
      const u = [...new Set(s)].sort((a, b) => a - b);
      const cands = [u[0] - 1, ...u.slice(1).map((v, i) => (v + u[i]) / 2), u[u.length - 1] + 1];
      const brute = Math.max(...cands.map((t) => accuracyAt(s, y, t)));
      assert.equal(best.accuracy, brute);
      for (const t of randomT) assert.ok(accuracyAt(s, y, t) <= best.accuracy);
    },
  ));
  assert.deepEqual(optimalThreshold([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), { threshold: 0.5, accuracy: 1 });
  assert.equal(accuracyAt([0.1, 0.6], [0, 1], 0.5), 1);
  assert.equal(accuracyAt([0.5, 0.6], [1, 1], 0.5), 0.5); // "score > threshold": a tie predicts 0
});

Deno.test("evaluatePairs: the validation threshold is applied to the test set", () => {
  const ev = evaluatePairs([0, 1, 2, 3], [0, 0, 1, 1], [0.5, 1.6, 3, -1], [0, 1, 1, 0]);
  assert.equal(ev.threshold, 1.5);
  assert.equal(ev.validAccuracy, 1);
  assert.equal(ev.testAccuracy, 1);
  assertAllClose([ev.testSpearman], [spearman([0.5, 1.6, 3, -1], [0, 1, 1, 0])], { abs: 1e-15 });
  const g = evaluatePairs([0, 1], [0, 1], [0, 1, 2], [0, 3, 4], [0, 1, 1]);
  assertClose(g.testSpearman, 1, { abs: 1e-15 });
});

Deno.test("bad inputs name the argument", () => {
  assertThrowsWith(() => spearman([1, 2], [1]), RangeError, "y");
  assertThrowsWith(() => spearman([1], [1]), RangeError, "x");
  assertThrowsWith(() => spearman([1, 1, 1], [1, 2, 3]), RangeError, "x is constant");
  assertThrowsWith(() => spearman([1, 2, 3], [0, 0, 0]), RangeError, "y is constant");
  assertThrowsWith(() => aucBinary([1, 2], [0, 2]), RangeError, "labels[1]");
  assertThrowsWith(() => aucBinary([1, 2], [1, 1]), RangeError, "labels");
  assertThrowsWith(() => aucBinary([1, Infinity], [0, 1]), RangeError, "scores[1]");
  assertThrowsWith(() => accuracyAt([1], [1], NaN), RangeError, "threshold");
  assertThrowsWith(() => accuracyAt([], [], 0), RangeError, "scores");
  assertThrowsWith(() => optimalThreshold([1, 2], [0, 0.5]), RangeError, "labels[1]");
});
