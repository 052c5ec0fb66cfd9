import { mobyDickToyCorpus, sotuToyCorpus } from "../../lib/attention/mod.ts";
import { assert, assertRejectsWith } from "../_assert.ts";

Deno.test("mobyDickToyCorpus: the brief's split (chapters 1–100 train, 101–135 test)", async () => {
  const { corpus, facts } = await mobyDickToyCorpus(100);
  assert.ok(corpus.test.length >= 30 && corpus.test.length <= 35);
  assert.ok(corpus.test.every((d) => d.length > 400));
  assert.ok(corpus.vocab.size > 15000 && corpus.trainTokens > 150000);
  assert.ok(facts.some(([k]) => k.startsWith("chapters")));
  await assertRejectsWith(() => mobyDickToyCorpus(135), RangeError, "lastTrain");
});

Deno.test("sotuToyCorpus: the last addresses are the test texts", async () => {
  const { corpus, facts } = await sotuToyCorpus(2000, 2008, 3);
  assert.equal(corpus.test.length, 3);
  assert.ok(String(facts[1][1]).includes("/ 3 (2006–2008)"));
  await assertRejectsWith(() => sotuToyCorpus(2000, 2001, 5), RangeError, "nTest");
});
