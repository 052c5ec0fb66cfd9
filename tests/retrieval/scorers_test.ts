import {
  frobNorm,
  gramEigenvalues,
  initBackend,
  matFromRows,
  Matrix,
  relFrobError,
  Rng,
  selectRows,
  tf,
} from "../../lib/core/mod.ts";
import { deScores, fitDistilledDE, makeCrossScorer, scoresWithAlpha } from "../../lib/retrieval/scorers.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("makeCrossScorer: seeded, parts add up, interaction rescaled to the coarse std, not low-rank", async () => {
  await initBackend("wasm");
  const before = tf.memory().numTensors;
  const sc = makeCrossScorer({ nQ: 60, nI: 150, seed: 3 });
  assert.equal(tf.memory().numTensors, before, "makeCrossScorer leaks tensors");
  assert.equal(sc.S.rows, 60);
  assert.equal(sc.S.columns, 150);
  assert.equal(sc.X.columns, 16);
  assert.ok(relFrobError(scoresWithAlpha(sc, 2), sc.S) < 1e-12);
  assertClose(
    frobNorm(sc.interaction),
    frobNorm(Matrix.sub(sc.coarse, Matrix.mul(Matrix.ones(60, 150), sc.coarse.mean()))),
    { rel: 0.05 },
  );
  const again = makeCrossScorer({ nQ: 60, nI: 150, seed: 3 });
  assert.deepEqual(again.S.to1DArray(), sc.S.to1DArray());
  assert.notDeepEqual(makeCrossScorer({ nQ: 60, nI: 150, seed: 4 }).S.to1DArray(), sc.S.to1DArray());
  // the coarse part has rank <= 16; the full scores need many more directions
  const evC = gramEigenvalues(sc.coarse), evS = gramEigenvalues(sc.S);
  assert.ok(evC[16] / evC[0] < 1e-8);
  assert.ok(evS[30] / evS[0] > 1e-4);
  // chunking does not change the values: one query alone gives its row
  const one = makeCrossScorer({ nQ: 1, nI: 150, seed: 3 });
  assert.ok(one.X.getRow(0).every((v, i) => v === sc.X.get(0, i)));
  assertThrowsWith(() => makeCrossScorer({ nQ: 0, nI: 5, seed: 1 }), RangeError, "opts.nQ");
  assertThrowsWith(() => makeCrossScorer({ nQ: 2, nI: 5, seed: 1, alpha: -1 }), RangeError, "opts.alpha");
});

Deno.test("fitDistilledDE: recovers a score matrix that is a linear function of the features", () => {
  const rng = new Rng(7);
  const d = 5, nI = 40;
  const X = matFromRows(Array.from({ length: 60 }, () => rng.normals(d)));
  const B = matFromRows(Array.from({ length: d + 1 }, () => rng.normals(nI)));
  const withOnes = matFromRows(Array.from({ length: 60 }, (_, i) => [...X.getRow(i), 1]));
  const S = withOnes.mmul(B); // rank <= d + 1
  const train = Array.from({ length: 40 }, (_, i) => i), test = Array.from({ length: 20 }, (_, i) => 40 + i);
  const de = fitDistilledDE(selectRows(S, train), selectRows(X, train), d + 1, 1e-8);
  assert.equal(de.itemEmb.rows, nI);
  assert.ok(relFrobError(deScores(de, selectRows(X, test)), selectRows(S, test)) < 1e-6);
  assertThrowsWith(() => fitDistilledDE(S, selectRows(X, train), 3, 0), RangeError, "Xtrain");
  assertThrowsWith(() => deScores(de, matFromRows([[1, 2]])), RangeError, "feature columns");
});
