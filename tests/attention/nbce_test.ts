import { Rng } from "../../lib/core/mod.ts";
import {
  argmax,
  averagePoolTruncated,
  backgroundRank,
  entropyOfLogProbs,
  logNormalize,
  naiveBayesCombine,
  nbceCombine,
  nbceDecodeStep,
  type NbceState,
  partialEntropy,
  topPTruncateLogProbs,
} from "../../lib/attention/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

const r = new Rng(11);
const randRow = (V: number, s = 2) => logNormalize(r.normals(V, 0, s));
const NEG = -Infinity;

Deno.test("logNormalize / argmax / entropy: values, −∞ entries, bad inputs", () => {
  const l = logNormalize([1, 2, NEG]);
  assertClose(Math.exp(l[0]) + Math.exp(l[1]), 1, { abs: 1e-15 });
  assert.equal(l[2], NEG);
  assertClose(l[1] - l[0], 1, { abs: 1e-15 });
  assertAllClose(logNormalize([1000, 1000]), [Math.log(0.5), Math.log(0.5)], { abs: 1e-15 });
  assertThrowsWith(() => logNormalize([NEG]), RangeError, "z");
  assertThrowsWith(() => logNormalize([NaN, 1]), RangeError, "z[0]");
  assert.equal(argmax([1, 3, 3, 2]), 1);
  assertThrowsWith(() => argmax([]), RangeError, "x");
  assertClose(entropyOfLogProbs([Math.log(0.5), Math.log(0.5), NEG]), Math.log(2), { abs: 1e-15 });
});

Deno.test("partialEntropy: the clip formula, removed tokens contribute 0, no NaN", () => {
  const l = [Math.log(0.6), Math.log(0.3), NEG, -150];
  const want = -(0.6 * Math.log(0.6) + 0.3 * Math.log(0.3) + Math.exp(-150) * -100);
  assertClose(partialEntropy(l), want, { abs: 1e-15 });
  assertClose(partialEntropy(l, -200), -(0.6 * Math.log(0.6) + 0.3 * Math.log(0.3) - 150 * Math.exp(-150)), {
    abs: 1e-15,
  });
  assert.ok(Number.isFinite(partialEntropy([NEG, 0])));
  assertThrowsWith(() => partialEntropy([NaN]), RangeError, "logp[0]");
  assertThrowsWith(() => partialEntropy([0], NaN), RangeError, "clip");
});

Deno.test("topPTruncateLogProbs: crossing token kept, at least one kept, ties by index, no renormalisation", () => {
  const l = Array.from([0.5, 0.3, 0.15, 0.05], Math.log);
  const t = topPTruncateLogProbs(l, 0.8);
  assert.deepEqual(Array.from(t, (x) => x > NEG), [true, true, false, false]);
  assert.deepEqual(Array.from(topPTruncateLogProbs(l, 0.81), (x) => x > NEG), [true, true, true, false]);
  assert.deepEqual(Array.from(topPTruncateLogProbs(l, 0.01), (x) => x > NEG), [true, false, false, false]);
  assert.equal(t[0], l[0]); // not renormalised
  // uniform over 4 with p = 0.5: two kept, the first two by index (HF keeps the top until the mass reaches p)
  const u = Array(4).fill(Math.log(0.25));
  assert.deepEqual(Array.from(topPTruncateLogProbs(u, 0.5), (x) => x > NEG), [true, true, false, false]);
  const u3 = [Math.log(0.2), Math.log(0.4), Math.log(0.2), Math.log(0.2)];
  assert.deepEqual(Array.from(topPTruncateLogProbs(u3, 0.5), (x) => x > NEG), [true, true, false, false]);
  assert.deepEqual(Array.from(topPTruncateLogProbs(u3, 1), (x) => x > NEG), [true, true, true, true]);
  // against a brute-force rule on random rows: keep iff the mass ranked above is < p
  for (let k = 0; k < 30; k++) {
    const row = randRow(40, 1.5), p = 0.5 + 0.49 * r.uniform();
    const got = topPTruncateLogProbs(row, p);
    const order = Array.from(row.keys()).sort((a, b) => row[b] - row[a] || a - b);
    let above = 0;
    for (const i of order) {
      assert.equal(got[i] > NEG, above < p, `token ${i}`);
      above += Math.exp(row[i]);
    }
  }
  assertThrowsWith(() => topPTruncateLogProbs(l, 1.5), RangeError, "p");
  assertThrowsWith(() => topPTruncateLogProbs([], 0.9), RangeError, "logp");
  assertThrowsWith(() => topPTruncateLogProbs([NaN, 0], 0.9), RangeError, "logp[0]");
});

Deno.test("naiveBayesCombine and nbceCombine poolings against hand formulas", () => {
  const V = 30, n = 4;
  const rows = Array.from({ length: n }, () => randRow(V));
  const u = randRow(V);
  const want = logNormalize(
    Array.from({ length: V }, (_, i) => rows.reduce((s, x) => s + x[i], 0) - (n - 1) * u[i]),
  );
  assertAllClose(naiveBayesCombine(rows, u), want, { abs: 1e-12 });
  const b = 0.25;
  const avg = nbceCombine(rows, u, { beta: b, pooling: "average" });
  assertAllClose(
    avg.logp,
    logNormalize(
      Array.from({ length: V }, (_, i) => (1 + b) * rows.reduce((s, x) => s + x[i], 0) / n - b * u[i]),
    ),
    { abs: 1e-12 },
  );
  assert.equal(avg.chosen, -1);
  const mx = nbceCombine(rows, u, { beta: b, pooling: "max" });
  assertAllClose(
    mx.logp,
    logNormalize(
      Array.from({ length: V }, (_, i) => (1 + b) * Math.max(...rows.map((x) => x[i])) - b * u[i]),
    ),
    { abs: 1e-12 },
  );
  const H = rows.map(entropyOfLogProbs);
  const k = H.indexOf(Math.min(...H));
  const mh = nbceCombine(rows, u, { beta: b, pooling: "minEntropy" });
  assert.equal(mh.chosen, k);
  assertAllClose(mh.entropies, H, { abs: 1e-14 });
  assertAllClose(mh.logp, logNormalize(rows[k].map((x, i) => (1 + b) * x - b * u[i])), { abs: 1e-12 });
  // penalty: η large keeps the previous choice, η = 0 ignores it
  const other = (k + 1) % n;
  assert.equal(
    nbceCombine(rows, u, { beta: b, pooling: "minEntropy", prevK: other, eta: 1e9 }).chosen,
    other,
  );
  assert.equal(nbceCombine(rows, u, { beta: b, pooling: "minEntropy", prevK: other, eta: 0 }).chosen, k);
});

Deno.test("nbceCombine with Top-P: partial entropies, fallback rule, finite exactly on the chosen nucleus", () => {
  const V = 50;
  for (let t = 0; t < 20; t++) {
    const rows = Array.from({ length: 3 }, () => randRow(V, 3));
    const u = randRow(V, 3);
    const s = nbceCombine(rows, u, { beta: 0.25, pooling: "minEntropy", topP: 0.9 });
    const tr = rows.map((x) => topPTruncateLogProbs(x, 0.9)), tu = topPTruncateLogProbs(u, 0.9);
    const H = tr.map((x) => partialEntropy(x));
    assert.equal(s.chosen, H.indexOf(Math.min(...H)));
    const k = tr[s.chosen];
    const z = k.map((x, i) => (tu[i] > -100 ? 1.25 * x - 0.25 * tu[i] : x));
    assertAllClose(
      Array.from(s.logp).filter(Number.isFinite),
      Array.from(logNormalize(z)).filter(Number.isFinite),
      { abs: 1e-12 },
    );
    for (let i = 0; i < V; i++) assert.equal(Number.isFinite(s.logp[i]), k[i] > NEG);
    for (const pooling of ["average", "max"] as const) {
      assert.ok(nbceCombine(rows, u, { beta: 0.25, pooling, topP: 0.9 }).logp.every((x) => !Number.isNaN(x)));
    }
  }
});

Deno.test("averagePoolTruncated: −∞ counts as the clip value", () => {
  assertAllClose(averagePoolTruncated([[0, NEG], [-2, -4]], -100), [-1, -52], { abs: 1e-15 });
  assertThrowsWith(() => averagePoolTruncated([], -100), RangeError, "rows");
  assertThrowsWith(() => averagePoolTruncated([[0], [0, 1]], -100), RangeError, "rows[1]");
  assertThrowsWith(() => averagePoolTruncated([[0]], NaN), RangeError, "clip");
});

Deno.test("nbceCombine / naiveBayesCombine: bad inputs name the argument", () => {
  const rows = [randRow(5), randRow(5)], u = randRow(5);
  assertThrowsWith(() => nbceCombine(rows, u, { beta: -2, pooling: "max" }), RangeError, "opts.beta");
  assertThrowsWith(
    () => nbceCombine(rows, u, { beta: 0, pooling: "median" as never }),
    TypeError,
    "opts.pooling",
  );
  assertThrowsWith(() => nbceCombine(rows, u, { beta: 0, pooling: "max", eta: -1 }), RangeError, "opts.eta");
  assertThrowsWith(
    () => nbceCombine(rows, u, { beta: 0, pooling: "max", prevK: 2 }),
    RangeError,
    "opts.prevK",
  );
  assertThrowsWith(() => nbceCombine(rows, u, { beta: 0, pooling: "max", topP: 2 }), RangeError, "p");
  assertThrowsWith(() => nbceCombine(rows, [0], { beta: 0, pooling: "max" }), RangeError, "uncond");
  assertThrowsWith(() => nbceCombine(rows, u, null as never), TypeError, "opts");
  assertThrowsWith(() => nbceCombine([], u, { beta: 0, pooling: "max" }), RangeError, "rows");
  assertThrowsWith(() => naiveBayesCombine([rows[0], [1]], u), RangeError, "rows[1]");
  assertThrowsWith(() => naiveBayesCombine(rows, [1]), RangeError, "uncond");
});

Deno.test("nbceDecodeStep: state, switches, η = 0 equals nbceCombine", () => {
  const rowsA = [randRow(20, 0.2), randRow(20, 3)];
  const rowsB = [rowsA[1], rowsA[0]];
  const u = randRow(20);
  const st: NbceState = { prevK: null };
  const a = nbceDecodeStep(rowsA, u, st, { beta: 0.25, eta: 0 });
  assert.equal(a.chosen, 1);
  assert.equal(a.switched, false);
  assertAllClose(a.logp, nbceCombine(rowsA, u, { beta: 0.25, pooling: "minEntropy" }).logp, { abs: 1e-300 });
  const b = nbceDecodeStep(rowsB, u, st, { beta: 0.25, eta: 0 });
  assert.equal(b.chosen, 0);
  assert.equal(b.switched, true);
  const c = nbceDecodeStep(rowsA, u, st, { beta: 0.25, eta: 1e9 });
  assert.equal(c.chosen, 0);
  assert.equal(st.prevK, 0);
  assertThrowsWith(() => nbceDecodeStep(rowsA, u, {} as never, { beta: 0, eta: 0 }), TypeError, "state");
});

Deno.test("backgroundRank counts strictly more likely tokens", () => {
  assert.equal(backgroundRank([0.1, 0.5, 0.5, 0.2].map(Math.log), 0), 3);
  assert.equal(backgroundRank([0.1, 0.5, 0.5, 0.2].map(Math.log), 2), 0);
  assertThrowsWith(() => backgroundRank([0, 1], 2), RangeError, "token");
  assertThrowsWith(() => backgroundRank([], 0), RangeError, "bgLogp");
});
