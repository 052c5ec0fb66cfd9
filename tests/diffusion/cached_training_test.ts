import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { cachedDenoiser, cachedVarianceHead, ring8, suLinearSchedule } from "../../lib/diffusion/mod.ts";
import { assert, assertRejectsWith } from "../_assert.ts";

await initBackend();
const S = suLinearSchedule(50);
const g = ring8(2, 0.1);

Deno.test("cachedDenoiser: trains once, then loads the same weights (EMA too); a changed option retrains", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const make = (steps: number) => ({
      name: "tiny",
      dir,
      net: { dim: 2, T: 50, hidden: 16, layers: 2, embDim: 8, rng: new Rng(1) },
      train: { steps, batch: 32, lr: 1e-3, ema: 0.9, rng: new Rng(2), label: null },
      sampleX0: (n: number, r: Rng) => g.sample(n, r),
      data: { ring8: { radius: 2, std: 0.1 } },
      dataSources: ["lib/diffusion/oracle/gmm.ts"],
    });
    const a = await cachedDenoiser(S, make(5));
    assert.equal(a.cache.status, "trained");
    assert.equal(a.lossCurve.loss.length, 5);
    const x = new Rng(3).normals(20);
    const pa = a.net.predictArray(x, 10), ea = a.ema!.predictArray(x, 10);
    const b = await cachedDenoiser(S, make(5));
    assert.equal(b.cache.status, "hit", b.cache.reason);
    assert.deepEqual(b.net.predictArray(x, 10), pa);
    assert.deepEqual(b.ema!.predictArray(x, 10), ea);
    assert.deepEqual(b.lossCurve, a.lossCurve);
    const c = await cachedDenoiser(S, make(6));
    assert.equal(c.cache.status, "trained");
    assert.ok(c.cache.reason.includes("config changed (train)"), c.cache.reason);
    for (const r of [a, b, c]) {
      r.net.dispose();
      r.ema?.dispose();
    }
    await assertRejectsWith(
      () => cachedDenoiser(S, { ...make(5), sampleX0: undefined as unknown as () => Float64Array }),
      TypeError,
      "opts.sampleX0",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.ok(tf.memory().numTensors < 50, `tensors left: ${tf.memory().numTensors}`);
});

Deno.test("cachedVarianceHead: keyed by the stage-1 key; trains once, then loads", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const stage1 = await cachedDenoiser(S, {
      name: "net",
      dir,
      net: { dim: 2, T: 50, hidden: 16, layers: 2, embDim: 8, rng: new Rng(1) },
      train: { steps: 3, batch: 16, lr: 1e-3, rng: new Rng(2), label: null },
      sampleX0: (n: number, r: Rng) => g.sample(n, r),
      data: "ring8",
    });
    const make = () => ({
      name: "head",
      dir,
      stage1,
      head: { inDim: 16, outDim: 2, hidden: 8, rng: new Rng(3) },
      train: { target: "npr" as const, steps: 4, batch: 16, lr: 1e-3, rng: new Rng(4), label: null },
      sampleX0: (n: number, r: Rng) => g.sample(n, r),
      data: "ring8",
    });
    const a = await cachedVarianceHead(S, make());
    assert.equal(a.cache.status, "trained");
    const x = new Rng(5).normals(10);
    const pa = a.head.predictArray(stage1.net, x, 5);
    const b = await cachedVarianceHead(S, make());
    assert.equal(b.cache.status, "hit", b.cache.reason);
    assert.deepEqual(b.head.predictArray(stage1.net, x, 5), pa);
    assert.equal(b.lossCurve.loss.length, 4);
    const c = await cachedVarianceHead(S, {
      ...make(),
      stage1: { ...stage1, cache: { ...stage1.cache, key: "other" } },
    });
    assert.ok(c.cache.reason.includes("stage1Key"), c.cache.reason);
    for (const r of [a, b, c]) r.head.dispose();
    stage1.net.dispose();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
