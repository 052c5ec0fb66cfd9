import { Rng } from "../../lib/core/mod.ts";
import {
  BackgroundBigram,
  concatIds,
  PUNCTUATION,
  tokenize,
  Vocab,
  WindowCacheLM,
} from "../../lib/attention/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

const TEXT = "The cat sat. The cat ran; a dog sat! Did the dog run? The cat’s hat, the dog's bone.";

Deno.test("tokenize: lower-cased words with inner apostrophes and five punctuation marks", () => {
  assert.deepEqual(tokenize("Call me Ishmael. Some years ago—never mind"), [
    "call",
    "me",
    "ishmael",
    ".",
    "some",
    "years",
    "ago",
    "never",
    "mind",
  ]);
  assert.deepEqual(tokenize("the whale’s jaw, isn't it?"), [
    "the",
    "whale's",
    "jaw",
    ",",
    "isn't",
    "it",
    "?",
  ]);
  assert.deepEqual(tokenize(""), []);
  assertThrowsWith(() => tokenize(3 as never), TypeError, "text");
});

Deno.test("Vocab: first-seen ids, lookups, bad inputs", () => {
  const v = new Vocab(["b", "a", "b", "c"]);
  assert.equal(v.size, 3);
  assert.equal(v.id("a"), 1);
  assert.equal(v.tok(2), "c");
  assert.ok(v.has("c") && !v.has("z"));
  assert.deepEqual(Array.from(v.ids(["c", "b"])), [2, 0]);
  assertThrowsWith(() => v.id("z"), RangeError, "tok");
  assertThrowsWith(() => v.tok(3), RangeError, "i");
  assertThrowsWith(() => new Vocab([]), RangeError, "tokens");
  assertThrowsWith(() => new Vocab(["a", ""]), TypeError, "tokens");
  assertThrowsWith(() => new Vocab(null as never), TypeError, "tokens");
});

function model() {
  const toks = tokenize(TEXT);
  const vocab = new Vocab([...toks, ...PUNCTUATION, "zebra"]);
  return { toks, vocab, bg: new BackgroundBigram(toks, vocab, 0.1) };
}

Deno.test("BackgroundBigram: Witten–Bell formula by hand, normalised, unseen history = unigram", () => {
  const { toks, vocab, bg } = model();
  const V = vocab.size, N = toks.length;
  const the = vocab.id("the"), cat = vocab.id("cat"), dog = vocab.id("dog");
  // "the" is followed by cat ×2, dog, cat's, dog's (c = 5, T = 4)
  const lam = 5 / 9;
  const uni = (w: number) => (toks.filter((t) => t === vocab.tok(w)).length + 0.1) / (N + 0.1 * V);
  const p = bg.probs(the);
  assertClose(p[cat], lam * 2 / 5 + (1 - lam) * uni(cat), { abs: 1e-15 });
  assertClose(p[dog], lam * 1 / 5 + (1 - lam) * uni(dog), { abs: 1e-15 });
  assertClose(p.reduce((a, b) => a + b, 0), 1, { abs: 1e-12 });
  assert.equal(bg.historyCount(the), 5);
  const z = vocab.id("zebra");
  assertAllClose(bg.probs(z), bg.unigram, { abs: 1e-18 });
  assertAllClose(bg.logProbs("the"), Array.from(p, Math.log), { abs: 1e-15 });
  assertThrowsWith(() => new BackgroundBigram(toks, vocab, 0), RangeError, "addK");
  assertThrowsWith(() => new BackgroundBigram(["the"], vocab), RangeError, "train");
  assertThrowsWith(() => new BackgroundBigram(toks, {} as never), TypeError, "vocab");
  assertThrowsWith(() => bg.probs(V), RangeError, "h");
});

Deno.test("WindowCacheLM: the brief's mixture by hand, window, oracle, counter, logProbs = log probs", () => {
  const { vocab, bg } = model();
  const mu = 0.2;
  const lm = new WindowCacheLM(bg, { window: 6, mu });
  const seq = vocab.ids(tokenize("the cat sat . the dog . the"));
  // window = last 6: "sat . the dog . the" ; h = "the", followed once (by dog)
  const win = Array.from(seq.slice(seq.length - 6));
  const h = seq[seq.length - 1], dog = vocab.id("dog");
  const pb = bg.probs(h);
  const p = lm.probs(seq);
  for (const w of [dog, vocab.id("cat"), vocab.id("sat"), vocab.id("zebra")]) {
    const base = (1 - mu) * pb[w] + mu * win.filter((x) => x === w).length / 6;
    const want = 0.5 * base + (w === dog ? 0.5 : 0);
    assertClose(p[w], want, { abs: 1e-15 });
  }
  assertClose(p.reduce((a, b) => a + b, 0), 1, { abs: 1e-12 });
  assertAllClose(lm.logProbs(seq), Array.from(p, Math.log), { abs: 1e-13 });
  // with no occurrence of h in the window (other than last), μ = 0 returns the background
  const lone = vocab.ids(tokenize("cat sat dog the"));
  assertAllClose(lm.with({ mu: 0 }).probs(lone), pb, { abs: 1e-16 });
  // the oracle sees the whole sequence: "the" followed by cat and dog
  const o = lm.with({ window: Infinity }).probs(seq);
  assert.ok(o[vocab.id("cat")] > p[vocab.id("cat")]);
  const before = lm.evaluations;
  lm.probs(seq);
  lm.logProbs(seq);
  assert.equal(lm.evaluations - before, 2);
  assertThrowsWith(() => lm.probs([]), RangeError, "seq");
  assertThrowsWith(() => lm.probs([0, 999]), RangeError, "seq[last]");
  assertThrowsWith(() => lm.probs([999, 0]), RangeError, "seq[0]");
  assertThrowsWith(() => new WindowCacheLM(bg, { window: 0, mu }), RangeError, "opts.window");
  assertThrowsWith(() => new WindowCacheLM(bg, { window: 5, mu: 1 }), RangeError, "opts.mu");
  assertThrowsWith(() => new WindowCacheLM({} as never, { window: 5, mu }), TypeError, "bg");
  assertThrowsWith(() => new WindowCacheLM(bg, null as never), TypeError, "opts");
});

Deno.test("WindowCacheLM: random sequences stay normalised and logProbs matches probs", () => {
  const { vocab, bg } = model();
  const r = new Rng(3);
  for (let t = 0; t < 50; t++) {
    const seq = Array.from({ length: 1 + r.int(30) }, () => r.int(vocab.size));
    const lm = new WindowCacheLM(bg, { window: 1 + r.int(10), mu: r.uniform() * 0.9 });
    const p = lm.probs(seq);
    assertClose(p.reduce((a, b) => a + b, 0), 1, { abs: 1e-12 });
    assertAllClose(lm.logProbs(seq), Array.from(p, Math.log), { abs: 1e-12 });
  }
});

Deno.test("concatIds joins sequences", () => {
  assert.deepEqual(Array.from(concatIds([1, 2], new Int32Array([3]), [])), [1, 2, 3]);
});
