import { Rng } from "../../lib/core/mod.ts";
import {
  categorical,
  MarkovLanguage,
  maskImproved,
  maskNaive,
  oracleJoint,
  oracleMarginals,
  toyLanguage,
  tvDistance,
  validityRate,
} from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

const lang = toyLanguage();

Deno.test("toy language: 192 valid sequences summing to 1", () => {
  const { seqs, probs } = lang.enumerateValid();
  assert(seqs.length === 192, `${seqs.length}`);
  assertClose(probs.reduce((a, b) => a + b, 0), 1, { abs: 1e-12 });
  assert(lang.isValid([0, 1, 2, 3, 4, 5]) && !lang.isValid([0, 2, 2, 3, 4, 5]), "validity");
  assertThrowsWith(() => lang.prob([0, 1]), RangeError, "seq");
  assertThrowsWith(() => new MarkovLanguage(3, 2, [[1], [2]]), RangeError, "succ");
  assertThrowsWith(() => new MarkovLanguage(3, 2, [[1], [2], [0]], 2), RangeError, "lambda");
});

Deno.test("oracle marginals equal brute-force enumeration of p_λ", () => {
  const M = lang.MASK, x = [M, 4, M, M, 2, M];
  const brute = new Float64Array(36);
  let z = 0;
  for (let k = 0; k < 6 ** 6; k++) {
    const s: number[] = [];
    for (let i = 5, r = k; i >= 0; i--, r = Math.floor(r / 6)) s[i] = r % 6;
    if (s.some((v, i) => x[i] !== M && x[i] !== v)) continue;
    const p = (1 - lang.lambda) * lang.prob(s) + lang.lambda / 6 ** 6;
    z += p;
    s.forEach((v, i) => (brute[i * 6 + v] += p));
  }
  assertAllClose(lang.marginals(x), brute.map((v) => v / z), { abs: 1e-12 });
  assertThrowsWith(() => lang.marginals([7, 0, 0, 0, 0, 0]), RangeError, "seq[0]");
});

Deno.test("samplers: improved and joint-naive are near exact, factorised naive is incoherent", async () => {
  const rng = new Rng(3), n = 1500;
  const imp = await maskImproved(lang, n, oracleMarginals(lang), rng);
  const nai = await maskNaive(lang, n, { marginals: oracleMarginals(lang) }, rng);
  const joi = await maskNaive(lang, n, { joint: oracleJoint(lang) }, rng);
  assert(validityRate(lang, imp) > 0.98 && validityRate(lang, joi) > 0.98, "exact samplers");
  assert(validityRate(lang, nai) < 0.9, `naive ${validityRate(lang, nai)}`);
  assert(tvDistance(lang, imp) < tvDistance(lang, nai), "tv");
  assertClose(tvDistance(lang, lang.sample(20000, rng)), 0, { abs: 0.06 });
  assertThrowsWith(() => categorical([0, 0], rng), RangeError, "w");
  assertThrowsWith(() => validityRate(lang, new Int32Array(5)), RangeError, "seqs");
});
