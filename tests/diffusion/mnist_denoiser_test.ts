import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { MNIST14_DENOISER, mnistDenoiser, suLinearSchedule } from "../../lib/diffusion/mod.ts";
import { assert, assertRejectsWith } from "../_assert.ts";

await initBackend();
const S = suLinearSchedule(50);
const tiny = {
  ...MNIST14_DENOISER,
  hidden: 8,
  layers: 1,
  embDim: 4,
  steps: 3,
  batch: 4,
  warmup: 1,
  nTest: 2,
};

function digits(seed: number) {
  const n = 6, d = 4;
  return { images: new Rng(seed).normals(n * d).map((v) => Math.tanh(v)), n, d, splitSeed: seed };
}

Deno.test("mnistDenoiser: the second call with the same root and data is a cache hit with the same weights", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const data = digits(1);
    const a = await mnistDenoiser(S, data, new Rng(0), { spec: tiny, dir, label: null });
    assert.equal(a.cache.status, "trained");
    assert.equal(a.nTrain, 4);
    assert.ok(a.cache.path.endsWith("03-mnist14-eps-mlp.json"), a.cache.path);
    // what notebook 04 does after notebook 03: a fresh root generator with the same seed, the same digits
    const b = await mnistDenoiser(S, digits(1), new Rng(0), { spec: tiny, dir, label: null });
    assert.equal(b.cache.status, "hit", b.cache.reason);
    const x = new Rng(9).normals(3 * data.d);
    assert.deepEqual(b.ema!.predictArray(x, 7), a.ema!.predictArray(x, 7));
    // another split seed (or another root) is another model: retrained, and the reason names the data
    const c = await mnistDenoiser(S, digits(2), new Rng(0), { spec: tiny, dir, label: null });
    assert.equal(c.cache.status, "trained");
    assert.ok(c.cache.reason.includes("data"), c.cache.reason);
    for (const m of [a, b, c]) {
      m.net.dispose();
      m.ema?.dispose();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.ok(tf.memory().numTensors < 50, `tensors left: ${tf.memory().numTensors}`);
});

Deno.test("mnistDenoiser: bad inputs are named", async () => {
  const ok = digits(1);
  await assertRejectsWith(
    () => mnistDenoiser(S, { ...ok, images: [1] as unknown as Float64Array }, new Rng(0)),
    TypeError,
    "data",
  );
  await assertRejectsWith(() => mnistDenoiser(S, { ...ok, n: 5 }, new Rng(0)), RangeError, "data.images");
  await assertRejectsWith(
    () => mnistDenoiser(S, { ...ok, splitSeed: -1 }, new Rng(0)),
    RangeError,
    "splitSeed",
  );
  await assertRejectsWith(() => mnistDenoiser(S, ok, {} as Rng), TypeError, "root");
  await assertRejectsWith(
    () => mnistDenoiser(S, ok, new Rng(0), { spec: { ...tiny, nTest: 6 } }),
    RangeError,
    "spec.nTest",
  );
});

Deno.test("notebooks 03 and 04 ask the cache for the same MNIST model (one call, same arguments)", async () => {
  const calls = async (name: string) => {
    const nb = JSON.parse(await Deno.readTextFile(new URL(`../../notebooks/${name}.ipynb`, import.meta.url)));
    const code = nb.cells.filter((c: { cell_type: string }) => c.cell_type === "code")
      .map((c: { source: string | string[] }) => (Array.isArray(c.source) ? c.source.join("") : c.source))
      .join("\n");
    assert.ok(code.includes("const root = new Rng(0)"), `${name}: root generator`);
    assert.ok(code.includes('loadMnist({ size: 14, rng: root.fork("mnist") })'), `${name}: digits`);
    assert.ok(!/cachedDenoiser\([^)]*mnist/i.test(code), `${name}: an MNIST model outside mnistDenoiser`);
    return code.match(/mnistDenoiser\([^)]*\)/g) ?? [];
  };
  const a = await calls("03-ddpm-autoregressive-vae"), b = await calls("04-optimal-variance-analytic-dpm");
  assert.equal(a.length, 1, `03: ${a}`);
  assert.deepEqual(b, a);
});
