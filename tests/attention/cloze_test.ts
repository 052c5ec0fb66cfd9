import { Progress, Rng } from "../../lib/core/mod.ts";
import {
  buildToyCorpus,
  clozeRows,
  concatIds,
  evaluateCloze,
  naiveBayesCombine,
  nbceGenerate,
  runClozeSweep,
  sampleClozeTask,
  summarizeCloze,
  WindowCacheLM,
} from "../../lib/attention/mod.ts";
import { assert, assertAllClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

// a small synthetic corpus: random "words" from a tiny alphabet, so every word is in the vocabulary
function corpus() {
  const r = new Rng(7);
  const word = () => Array.from({ length: 2 + r.int(3) }, () => "abcdefgh"[r.int(8)]).join("");
  const text = (n: number) => Array.from({ length: n }, (_, i) => (i % 9 === 8 ? "." : word())).join(" ");
  return buildToyCorpus([text(3000)], Array.from({ length: 6 }, () => text(500)), { minTestTokens: 400 });
}

Deno.test("buildToyCorpus: vocabulary over train ∪ test, punctuation ids, filtered test documents", () => {
  const c = corpus();
  assert.equal(c.test.length, 6);
  assert.equal(c.trainTokens, 3000);
  assert.ok(c.punct.has(c.vocab.id(".")) && c.punct.size === 5);
  const few = buildToyCorpus(["a b c d"], ["a b", "a b c d e f"], { minTestTokens: 3 });
  assert.equal(few.test.length, 1);
  assertThrowsWith(() => buildToyCorpus([], ["a"]), RangeError, "train");
  assertThrowsWith(() => buildToyCorpus(["a b"], []), RangeError, "test");
  assertThrowsWith(
    () => buildToyCorpus(["a b"], ["a"], { minTestTokens: 0 }),
    RangeError,
    "opts.minTestTokens",
  );
});

Deno.test("sampleClozeTask: the acceptance rules hold on every task", () => {
  const c = corpus();
  const r = new Rng(1);
  for (let t = 0; t < 40; t++) {
    const n = 1 + (t % 4);
    const task = sampleClozeTask(r, c, n, { passageLen: 60, answerLen: 1 + (t % 3) })!;
    assert.ok(task);
    assert.equal(task.passages.length, n);
    const P = Array.from(task.passages[task.target]);
    assert.equal(P.filter((x) => x === task.query).length, 1);
    assert.ok(!c.punct.has(task.query));
    const i = P.indexOf(task.query);
    assert.deepEqual(task.answer, P.slice(i + 1, i + 1 + task.answer.length));
    const bg = c.bg.probs(task.query);
    assert.ok(bg.indexOf(Math.max(...bg)) !== task.answer[0]);
  }
  assertThrowsWith(() => sampleClozeTask(r, c, 7), RangeError, "n");
  assertThrowsWith(() => sampleClozeTask(r, c, 2, { passageLen: 1 }), RangeError, "opts.passageLen");
  assertThrowsWith(
    () => sampleClozeTask(r, c, 2, { passageLen: 10, answerLen: 10 }),
    RangeError,
    "opts.answerLen",
  );
});

Deno.test("evaluateCloze: reference methods read what they should", () => {
  const c = corpus();
  const lm = new WindowCacheLM(c.bg, { window: 64, mu: 0.2 });
  const task = sampleClozeTask(new Rng(2), c, 3, { passageLen: 60 })!;
  const out = evaluateCloze(lm, task, {
    none: "none",
    chunk: "oracleChunk",
    trunc: "truncate",
    oracle: "oracle",
    nb: "naiveBayes",
    minH: { beta: 0.25, pooling: "minEntropy" },
  });
  const w = task.answer[0];
  assert.equal(out.none.correct, false);
  assert.equal(out.chunk.correct, true); // the answer is copied with weight 1/2
  const { rows, uncond } = clozeRows(lm, task);
  assert.equal(rows.length, 3);
  assertAllClose([out.nb.nll], [-naiveBayesCombine(rows, uncond)[w]], { abs: 1e-12 });
  assertAllClose([out.chunk.nll], [-lm.logProbs(concatIds(task.passages[task.target], [task.query]))[w]], {
    abs: 1e-12,
  });
  assert.ok(out.minH.chosen >= 0 && out.none.chosen === -1);
  assertThrowsWith(() => evaluateCloze({} as never, task, { none: "none" }), TypeError, "lm");
  assertThrowsWith(() => evaluateCloze(lm, task, {}), RangeError, "methods");
  assertThrowsWith(() => evaluateCloze(lm, task, { x: "bogus" as never }), TypeError, "methods.x");
  assertThrowsWith(
    () => evaluateCloze(lm, { ...task, target: 5 }, { none: "none" }),
    RangeError,
    "task.target",
  );
});

Deno.test("runClozeSweep / summarizeCloze: tasks per n, same tasks for another model, summaries", async () => {
  const c = corpus();
  const lm = new WindowCacheLM(c.bg, { window: 64, mu: 0.2 });
  const methods = {
    trunc: "truncate" as const,
    chunk: "oracleChunk" as const,
    minH: { beta: 0, pooling: "minEntropy" as const },
  };
  const a = await runClozeSweep({
    corpus: c,
    lm,
    ns: [1, 2],
    tasks: 5,
    rng: new Rng(3),
    methods,
    passageLen: 60,
  });
  const b = await runClozeSweep({
    corpus: c,
    lm: lm.with({ mu: 0 }),
    ns: [2],
    tasks: 5,
    rng: new Rng(3),
    methods,
    passageLen: 60,
    progress: new Progress("test", 5),
  });
  assert.equal(a.length, 10);
  assert.deepEqual(a.filter((x) => x.n === 2).map((x) => x.task.query), b.map((x) => x.task.query));
  const s = summarizeCloze(a, "chunk", 2);
  assert.equal(s.tasks, 5);
  assert.equal(s.accuracy, 1);
  assert.ok(Number.isNaN(s.picksTarget));
  assert.ok(summarizeCloze(a, "minH", 1).picksTarget === 1);
  assertThrowsWith(() => summarizeCloze(a, "chunk", 4), RangeError, "n = 4");
  assertThrowsWith(() => summarizeCloze(a, "zzz", 1), RangeError, "method");
  await assertRejectsWith(
    () => runClozeSweep({ corpus: c, lm, ns: [], tasks: 1, rng: new Rng(0), methods }),
    RangeError,
    "options.ns",
  );
  await assertRejectsWith(
    () => runClozeSweep({ corpus: c, lm, ns: [1], tasks: 1, rng: {} as never, methods }),
    TypeError,
    "options.rng",
  );
  await assertRejectsWith(
    () => runClozeSweep({ corpus: c, lm, ns: [1], tasks: 0, rng: new Rng(0), methods }),
    RangeError,
    "options.tasks",
  );
});

Deno.test("nbceGenerate: n + 1 rows per step, row 0 sees query + generated, η = ∞ freezes the choice", () => {
  const c = corpus();
  const lm = new WindowCacheLM(c.bg, { window: 64, mu: 0.2 });
  const task = sampleClozeTask(new Rng(4), c, 3, { passageLen: 60, answerLen: 4 })!;
  const seen: number[][] = [];
  const g0: number[] = [];
  const g = nbceGenerate(lm, task.passages, [task.query], 4, { beta: 0.25, eta: 0 }, (s) => {
    seen.push([s.step, s.rows.length]);
    const want = lm.logProbs(concatIds([task.query], g0));
    assertAllClose(s.uncond, want, { abs: 1e-15 });
    assertAllClose(s.rows[1], lm.logProbs(concatIds(task.passages[1], [task.query], g0)), { abs: 1e-15 });
    g0.push(s.token);
  });
  assert.deepEqual(g0, g.tokens);
  assert.deepEqual(g.rowsPerStep, [4, 4, 4, 4]);
  assert.equal(g.tokens.length, 4);
  assert.equal(g.chosen.length, 4);
  assert.equal(seen.length, 4);
  const frozen = nbceGenerate(lm, task.passages, [task.query], 4, { beta: 0.25, eta: 1e9 });
  assert.equal(frozen.switches, 0);
  assertThrowsWith(() => nbceGenerate(lm, [], [task.query], 2, { beta: 0, eta: 0 }), RangeError, "contexts");
  assertThrowsWith(() => nbceGenerate(lm, task.passages, [], 2, { beta: 0, eta: 0 }), RangeError, "query");
  assertThrowsWith(() => nbceGenerate(lm, task.passages, [1], 0, { beta: 0, eta: 0 }), RangeError, "steps");
  assertThrowsWith(
    () => nbceGenerate(lm, task.passages, [1], 1, { beta: 0, eta: NaN }),
    RangeError,
    "opts.eta",
  );
  assertThrowsWith(
    () => nbceGenerate({} as never, task.passages, [1], 1, { beta: 0, eta: 0 }),
    TypeError,
    "lm",
  );
});
