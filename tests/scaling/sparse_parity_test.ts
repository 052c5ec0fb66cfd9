import { Rng } from "../../lib/core/mod.ts";
import {
  checkSparseParitySpec,
  makeSparseParityTasks,
  sampleSparseParity,
  selectParityRows,
  taskForUniform,
} from "../../lib/scaling/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

const spec = { nTasks: 20, nBits: 10, k: 3, gamma: 0.4 };

Deno.test("makeSparseParityTasks: distinct sorted subsets of size k, Zipf frequencies, seeded", () => {
  const t = makeSparseParityTasks(spec, new Rng(1));
  assert.equal(t.subsets.length, 20);
  assert.equal(new Set(t.subsets.map((s) => s.join())).size, 20);
  for (const s of t.subsets) {
    assert.equal(s.length, 3);
    assert.ok(s.every((b, i) => b >= 0 && b < 10 && (i === 0 || b > s[i - 1])));
  }
  assertClose(t.probs.reduce((a, b) => a + b, 0), 1, { abs: 1e-14 });
  assertClose(t.probs[0] / t.probs[3], 4 ** 1.4, { rel: 1e-13 });
  assert.equal(t.cdf[19], 1);
  assert.deepEqual(makeSparseParityTasks(spec, new Rng(1)).subsets, t.subsets);
});

Deno.test("makeSparseParityTasks / checkSparseParitySpec: bad inputs", () => {
  assertThrowsWith(() => makeSparseParityTasks({ ...spec, k: 11 }, new Rng(1)), RangeError, "spec.k");
  assertThrowsWith(
    () => makeSparseParityTasks({ ...spec, nTasks: 0 }, new Rng(1)),
    RangeError,
    "spec.nTasks",
  );
  assertThrowsWith(() => makeSparseParityTasks({ ...spec, gamma: 0 }, new Rng(1)), RangeError, "spec.gamma");
  assertThrowsWith(() => makeSparseParityTasks({ ...spec, nBits: 40 }, new Rng(1)), RangeError, "spec.nBits");
  assertThrowsWith(
    () => makeSparseParityTasks({ nTasks: 50, nBits: 5, k: 2, gamma: 1 }, new Rng(1)),
    RangeError,
    "C(nBits, k)",
  );
  assertThrowsWith(() => makeSparseParityTasks(spec, {} as Rng), TypeError, "rng");
  assertThrowsWith(() => checkSparseParitySpec(null as unknown as typeof spec), TypeError, "spec");
});

Deno.test("taskForUniform: binary search against a linear scan; bad inputs", () => {
  const t = makeSparseParityTasks(spec, new Rng(2));
  const rng = new Rng(3);
  for (let i = 0; i < 2000; i++) {
    const u = rng.uniform();
    const linear = t.cdf.findIndex((c) => u < c);
    assert.equal(taskForUniform(t.cdf, u), linear);
  }
  assertThrowsWith(() => taskForUniform(t.cdf, 1), RangeError, "u");
  assertThrowsWith(() => taskForUniform(new Float64Array(0), 0.5), TypeError, "cdf");
});

Deno.test("sampleSparseParity: one-hot control, label = parity of the subset, frequencies match p", () => {
  const t = makeSparseParityTasks(spec, new Rng(4));
  const n = 20000;
  const b = sampleSparseParity(new Rng(5), t, n);
  const counts = new Float64Array(20);
  let ones = 0;
  for (let r = 0; r < n; r++) {
    const row = b.control.subarray(r * 20, (r + 1) * 20);
    assert.equal(row.reduce((a, v) => a + v, 0), 1);
    assert.equal(row[b.task[r]], 1);
    const bits = b.bits.subarray(r * 10, (r + 1) * 10);
    const parity = t.subsets[b.task[r]].reduce((a, i) => a ^ bits[i], 0);
    assert.equal(b.label[r], parity);
    counts[b.task[r]] += 1;
    ones += b.label[r];
  }
  for (let i = 0; i < 20; i++) {
    const sd = Math.sqrt(n * t.probs[i] * (1 - t.probs[i]));
    assertClose(counts[i], n * t.probs[i], { abs: 5 * sd });
  }
  assertClose(ones / n, 0.5, { abs: 5 * Math.sqrt(0.25 / n) });
  const f = sampleSparseParity(new Rng(6), t, 50, 7);
  assert.ok(Array.from(f.task).every((v) => v === 7));
  assertThrowsWith(() => sampleSparseParity(new Rng(6), t, 0), RangeError, "n");
  assertThrowsWith(() => sampleSparseParity(new Rng(6), t, 5, 20), RangeError, "fixedTask");
  assertThrowsWith(() => sampleSparseParity({} as Rng, t, 5), TypeError, "rng");
});

Deno.test("selectParityRows: copies the chosen rows; bad inputs", () => {
  const t = makeSparseParityTasks(spec, new Rng(4));
  const b = sampleSparseParity(new Rng(5), t, 30);
  const s = selectParityRows(b, [4, 4, 29]);
  assert.equal(s.n, 3);
  assert.deepEqual(Array.from(s.bits.subarray(10, 20)), Array.from(b.bits.subarray(40, 50)));
  assert.deepEqual(Array.from(s.control.subarray(40, 60)), Array.from(b.control.subarray(29 * 20, 30 * 20)));
  assert.equal(s.label[2], b.label[29]);
  assert.equal(s.task[0], b.task[4]);
  assertThrowsWith(() => selectParityRows(b, [30]), RangeError, "idx[0]");
  assertThrowsWith(() => selectParityRows(b, []), RangeError, "idx.length");
  assertThrowsWith(() => selectParityRows({} as typeof b, [0]), TypeError, "batch");
});
