import { Rng } from "../../lib/core/mod.ts";
import { loadMnist, mnistClassCounts } from "../../lib/data/mod.ts";
import { assert, assertClose, assertRejectsWith } from "../_assert.ts";

Deno.test("mnistClassCounts: the package's per-class counts", async () => {
  assert.deepEqual(await mnistClassCounts(), [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
});

Deno.test("loadMnist: seeded selection, 2×2 pooling, range mapping", async () => {
  const a = await loadMnist({ size: 14, perClass: 20, rng: new Rng(0) });
  const b = await loadMnist({ size: 14, perClass: 20, rng: new Rng(0) });
  assert.equal(a.n, 200);
  assert.equal(a.d, 196);
  assert.deepEqual(a.images, b.images);
  assert.deepEqual(a.labels, b.labels);
  for (let c = 0; c < 10; c++) assert.equal(a.labels.filter((l) => l === c).length, 20);
  assert.ok(a.images.every((v) => v >= -1 && v <= 1));
  const c28 = await loadMnist({ size: 28, perClass: 20, rng: new Rng(0), range: [0, 1] });
  assert.deepEqual(c28.labels, a.labels, "same rng, same selection whatever the size");
  // pooling: the 14×14 pixel (r, q) is the mean of the 2×2 block, then mapped [0,1] -> [-1,1]
  for (const [k, r, q] of [[0, 7, 7], [5, 3, 10], [199, 13, 0]]) {
    const src = c28.images.subarray(k * 784, (k + 1) * 784);
    const m = (src[2 * r * 28 + 2 * q] + src[2 * r * 28 + 2 * q + 1] + src[(2 * r + 1) * 28 + 2 * q] +
      src[(2 * r + 1) * 28 + 2 * q + 1]) / 4;
    assertClose(a.images[k * 196 + r * 14 + q], 2 * m - 1, { abs: 1e-12 });
  }
  const other = await loadMnist({ size: 14, perClass: 20, rng: new Rng(1) });
  assert.notDeepEqual(other.labels, a.labels);
  const some = await loadMnist({ digits: [3, 8], rng: new Rng(0) });
  assert.equal(some.n, 1032 + 944);
});

Deno.test("loadMnist: bad options name the argument", async () => {
  await assertRejectsWith(() => loadMnist({} as never), TypeError, "opts.rng");
  await assertRejectsWith(() => loadMnist({ size: 7 as never, rng: new Rng(0) }), RangeError, "opts.size");
  await assertRejectsWith(() => loadMnist({ range: [1, 0], rng: new Rng(0) }), RangeError, "opts.range");
  await assertRejectsWith(() => loadMnist({ perClass: 900, rng: new Rng(0) }), RangeError, "opts.perClass");
  await assertRejectsWith(() => loadMnist({ digits: [10], rng: new Rng(0) }), RangeError, "opts.digits[0]");
  await assertRejectsWith(() => loadMnist({ digits: [1, 1], rng: new Rng(0) }), RangeError, "opts.digits");
});
