/**
 * Overlapping contexts for NBCE (brief 31, E5): one long document cut into windows of `len` tokens with a given
 * stride (stride < len overlaps), and a cloze query drawn from the whole document.
 * @module
 */
import { requireInt, type Rng } from "../core/mod.ts";
import { argmax } from "./nbce.ts";
import type { ToyCorpus } from "./cloze.ts";

/**
 * Windows doc[s, s+len) for s = 0, stride, 2·stride, … while s + len ≤ |doc|, plus a last window ending at |doc| if
 * the tail is not covered (so every token is in some window).
 */
export function slidingPassages(doc: ArrayLike<number>, len: number, stride: number): Int32Array[] {
  if (!doc || typeof doc.length !== "number") throw new TypeError("doc must be an array of token ids");
  requireInt("len", len, 1, doc.length);
  requireInt("stride", stride, 1, len);
  const d = Int32Array.from(doc);
  const out: Int32Array[] = [];
  let s = 0;
  for (; s + len <= d.length; s += stride) out.push(d.slice(s, s + len));
  if (s - stride + len < d.length) out.push(d.slice(d.length - len));
  return out;
}

/**
 * A query in a whole document: a position i with h = doc[i] occurring once in the document, h not punctuation,
 * argmax p_bg(·|h) ≠ doc[i+1]; returns { query: h, answer: doc[i+1] } or null after `maxTries`.
 */
export function sampleDocumentQuery(
  rng: Rng,
  corpus: ToyCorpus,
  doc: ArrayLike<number>,
  maxTries = 1000,
): { query: number; answer: number } | null {
  if (!doc || !(doc.length >= 2)) throw new RangeError("doc must hold at least 2 tokens");
  requireInt("maxTries", maxTries, 1);
  const counts = new Map<number, number>();
  for (let i = 0; i < doc.length; i++) counts.set(doc[i], (counts.get(doc[i]) ?? 0) + 1);
  for (let t = 0; t < maxTries; t++) {
    const i = rng.int(doc.length - 1);
    const h = doc[i];
    if (corpus.punct.has(h) || counts.get(h) !== 1) continue;
    if (argmax(corpus.bg.probs(h)) === doc[i + 1]) continue;
    return { query: h, answer: doc[i + 1] };
  }
  return null;
}
