import { initBackend, Rng } from "../../lib/core/mod.ts";
import { cachedMnistDenoiser, MNIST_EPS_CACHE_NAME } from "../../lib/diffusion/mnist_model.ts";
import { suLinearSchedule } from "../../lib/diffusion/schedule.ts";
import { assert, assertRejectsWith } from "../_assert.ts";

await initBackend();
const S = suLinearSchedule(50);
const fake = (n: number) => ({
  images: new Rng(9).normals(n * 196).map((v) => Math.tanh(v)),
  n,
  d: 196,
  side: 14,
  range: [-1, 1] as [number, number],
});
const cfg = { steps: 2, batch: 4, hidden: 8, warmup: 0, lr: 1e-3, ema: 0.9, nTest: 4 };

Deno.test("cachedMnistDenoiser: one configuration for notebooks 03 and 04 — the second caller loads the first's weights", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const a = await cachedMnistDenoiser(S, fake(12), new Rng(0), cfg, {
      dir,
      label: null as unknown as string,
    });
    assert.equal(a.cache.status, "trained");
    assert.ok(a.cache.path.includes(MNIST_EPS_CACHE_NAME));
    const b = await cachedMnistDenoiser(S, fake(12), new Rng(0), cfg, { dir });
    assert.equal(b.cache.status, "hit", b.cache.reason);
    const x = new Rng(1).normals(196);
    assert.deepEqual(b.ema!.predictArray(x, 7), a.ema!.predictArray(x, 7));
    const c = await cachedMnistDenoiser(S, fake(12), new Rng(1), cfg, { dir });
    assert.equal(c.cache.status, "trained", "another root seed is another model");
    for (const r of [a, b, c]) {
      r.net.dispose();
      r.ema?.dispose();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cachedMnistDenoiser: bad inputs", async () => {
  await assertRejectsWith(
    () => cachedMnistDenoiser(S, { ...fake(12), side: 28 }, new Rng(0), cfg),
    RangeError,
    "14×14",
  );
  await assertRejectsWith(
    () => cachedMnistDenoiser(S, fake(12), new Rng(0), { ...cfg, steps: 0 }),
    RangeError,
    "cfg.steps",
  );
  await assertRejectsWith(
    () => cachedMnistDenoiser(S, fake(12), new Rng(0), { ...cfg, nTest: 12 }),
    RangeError,
    "cfg.nTest",
  );
  await assertRejectsWith(() => cachedMnistDenoiser(S, null as never, new Rng(0), cfg), TypeError, "mnist");
});
