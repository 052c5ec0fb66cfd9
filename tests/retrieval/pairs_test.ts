import { mean, Rng } from "../../lib/core/mod.ts";
import {
  makeParaphrasePairs,
  PAIR_KINDS,
  type PairSet,
  selectPairs,
  sentenceText,
} from "../../lib/retrieval/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const NC = 30, NF = 4, OFF = 1 + NF;

/** The concepts of sentence i (fillers and padding dropped), in order. */
function concepts(ids: Int32Array, i: number, L: number): number[] {
  return Array.from(ids.subarray(i * L, (i + 1) * L)).filter((t) => t >= OFF).map((t) => (t - OFF) % NC);
}
const sameBag = (u: number[], v: number[]) => [...u].sort().join() === [...v].sort().join();

function kindCheck(set: PairSet): void {
  const L = set.seqLen;
  for (let i = 0; i < set.n; i++) {
    const u = concepts(set.a, i, L), v = concepts(set.b, i, L);
    assert.equal(u.length, 4);
    assert.equal(v.length, 4);
    const matching = u.filter((c, k) => c === v[k]).length;
    const kind = PAIR_KINDS[set.kind[i]];
    if (kind === "positive") assert.deepEqual(u, v);
    if (kind === "order") {
      assert.ok(sameBag(u, v) && matching === 2, `order pair ${i}: ${u} vs ${v}`);
    }
    if (kind === "lexical") assert.equal(matching, 3);
    if (kind === "graded") {
      assert.equal(matching, set.grade[i]);
      assert.equal(set.label[i], set.grade[i]);
      assert.equal(set.binary[i], set.grade[i] >= 3 ? 1 : 0);
    }
  }
}

Deno.test("makeParaphrasePairs: kinds have the stated structure; tokens in range; deterministic", () => {
  for (const task of ["lexical", "order", "graded"] as const) {
    const set = makeParaphrasePairs({ task, n: 600, rng: new Rng(1) });
    assert.equal(set.vocabSize, OFF + 2 * NC);
    assert.equal(set.a.length, 600 * 6);
    assert.ok(
      set.a.every((t) => t >= 0 && t < set.vocabSize) && set.b.every((t) => t >= 0 && t < set.vocabSize),
    );
    kindCheck(set);
    const again = makeParaphrasePairs({ task, n: 600, rng: new Rng(1) });
    assert.deepEqual(again.a, set.a);
    assert.deepEqual(again.label, set.label);
    const other = makeParaphrasePairs({ task, n: 600, rng: new Rng(2) });
    assert.notDeepEqual(other.a, set.a);
  }
});

Deno.test("makeParaphrasePairs: class balance, kind mix and label-noise rate within 4 standard errors", () => {
  const n = 20_000;
  const A = makeParaphrasePairs({ task: "lexical", n, rng: new Rng(3) });
  const B = makeParaphrasePairs({ task: "order", n, rng: new Rng(4) });
  const se = (p: number, m: number) => 4 * Math.sqrt((p * (1 - p)) / m);
  for (const s of [A, B]) {
    assertClose(mean(Array.from(s.grade)), 0.5, { abs: se(0.5, n) });
    const flips = Array.from(s.label).filter((y, i) => y !== s.grade[i]).length;
    assertClose(flips / n, 0.05, { abs: se(0.05, n) });
  }
  const frac = (s: PairSet, k: string) => Array.from(s.kind).filter((v) => PAIR_KINDS[v] === k).length / n;
  assertClose(frac(A, "lexical"), 0.25, { abs: se(0.25, n) });
  assertClose(frac(A, "random"), 0.25, { abs: se(0.25, n) });
  assertClose(frac(B, "order"), 0.4, { abs: se(0.4, n) });
  assertClose(frac(B, "lexical"), 0.05, { abs: se(0.05, n) });
  const G = makeParaphrasePairs({ task: "graded", n, rng: new Rng(5) });
  for (let g = 0; g <= 4; g++) {
    assertClose(Array.from(G.grade).filter((v) => v === g).length / n, 0.2, { abs: se(0.2, n) });
  }
  const clean = makeParaphrasePairs({ task: "lexical", n: 500, labelNoise: 0, rng: new Rng(6) });
  assert.deepEqual(Array.from(clean.label), Array.from(clean.grade));
});

Deno.test("selectPairs picks rows; bad inputs name the argument", () => {
  const s = makeParaphrasePairs({ task: "order", n: 10, rng: new Rng(7) });
  const t = selectPairs(s, [3, 0]);
  assert.equal(t.n, 2);
  assert.deepEqual(Array.from(t.a.subarray(0, 6)), Array.from(s.a.subarray(18, 24)));
  assert.equal(t.label[1], s.label[0]);
  assertThrowsWith(() => selectPairs(s, [10]), RangeError, "idx[0]");
  const rng = new Rng(0);
  assertThrowsWith(() => makeParaphrasePairs({ task: "x" as never, n: 1, rng }), TypeError, "opts.task");
  assertThrowsWith(() => makeParaphrasePairs({ task: "lexical", n: 0, rng }), RangeError, "opts.n");
  assertThrowsWith(
    () => makeParaphrasePairs({ task: "lexical", n: 1, rng: 1 as never }),
    TypeError,
    "opts.rng",
  );
  assertThrowsWith(
    () => makeParaphrasePairs({ task: "lexical", n: 1, nConcepts: 7, rng }),
    RangeError,
    "opts.nConcepts",
  );
  assertThrowsWith(
    () => makeParaphrasePairs({ task: "lexical", n: 1, labelNoise: 2, rng }),
    RangeError,
    "opts.labelNoise",
  );
  assertThrowsWith(
    () => makeParaphrasePairs({ task: "graded", n: 1, positiveThreshold: 5, rng }),
    RangeError,
    "opts.positiveThreshold",
  );
});

Deno.test("sentenceText names words, synonyms and fillers", () => {
  const s = makeParaphrasePairs({ task: "lexical", n: 3, rng: new Rng(8) });
  const L = s.seqLen;
  s.a.set([OFF + 2, 1, OFF + NC + 7, 0, 0, 0], 0);
  assert.equal(sentenceText(s, 0, "a"), "w2 f1 s7");
  assert.ok(/^([wsf]\d+ ?)+$/.test(sentenceText(s, 1, "b")));
  assert.equal(L, 6);
  assertThrowsWith(() => sentenceText(s, 3, "a"), RangeError, "i");
  assertThrowsWith(() => sentenceText(s, 0, "c" as never), TypeError, "side");
});
