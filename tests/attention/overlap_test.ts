import { Rng } from "../../lib/core/mod.ts";
import { buildToyCorpus, sampleDocumentQuery, slidingPassages } from "../../lib/attention/mod.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("slidingPassages: strides, the tail window, every token covered", () => {
  const doc = Array.from({ length: 10 }, (_, i) => i);
  assert.deepEqual(slidingPassages(doc, 4, 4).map((w) => Array.from(w)), [[0, 1, 2, 3], [4, 5, 6, 7], [
    6,
    7,
    8,
    9,
  ]]);
  assert.deepEqual(slidingPassages(doc, 4, 2).map((w) => w[0]), [0, 2, 4, 6]);
  assert.deepEqual(slidingPassages(doc, 5, 5).map((w) => w[0]), [0, 5]);
  assert.deepEqual(slidingPassages(doc, 10, 3).map((w) => w.length), [10]);
  assertThrowsWith(() => slidingPassages(doc, 11, 1), RangeError, "len");
  assertThrowsWith(() => slidingPassages(doc, 4, 5), RangeError, "stride");
  assertThrowsWith(() => slidingPassages(null as never, 1, 1), TypeError, "doc");
});

Deno.test("sampleDocumentQuery: h once in the document, not punctuation, not the background's guess", () => {
  const r = new Rng(2);
  const word = () => Array.from({ length: 2 + r.int(3) }, () => "abcdef"[r.int(6)]).join("");
  const text = (n: number) => Array.from({ length: n }, (_, i) => (i % 7 === 6 ? "," : word())).join(" ");
  const c = buildToyCorpus([text(2000)], [text(500)], { minTestTokens: 100 });
  const doc = c.test[0];
  for (let t = 0; t < 20; t++) {
    const q = sampleDocumentQuery(r, c, doc)!;
    assert.ok(q);
    assert.equal(Array.from(doc).filter((x) => x === q.query).length, 1);
    assert.ok(!c.punct.has(q.query));
    assert.equal(doc[Array.from(doc).indexOf(q.query) + 1], q.answer);
  }
  assert.equal(sampleDocumentQuery(r, c, [c.vocab.id(","), c.vocab.id(",")], 5), null);
  assertThrowsWith(() => sampleDocumentQuery(r, c, [1]), RangeError, "doc");
  assertThrowsWith(() => sampleDocumentQuery(r, c, doc, 0), RangeError, "maxTries");
});
