import { cachedModel, canonicalJson, initBackend, sha256Hex, tf } from "../../lib/core/mod.ts";
import { assert, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend("cpu");

function makeVars(seed: number): tf.Variable[] {
  return [
    tf.variable(tf.tensor2d([seed, 2, 3, 4, 5, 6], [2, 3])),
    tf.variable(tf.tensor1d([seed * 0.5, -1])),
  ];
}

/** A fake "training": sets the variables to values derived from `seed`, counts its calls. */
function trainer(vars: tf.Variable[], seed: number, calls: { n: number }) {
  return () => {
    calls.n += 1;
    vars[0].assign(tf.tensor2d([seed, seed + 1, 7, 8, 9, 10], [2, 3]));
    vars[1].assign(tf.tensor1d([seed / 3, 42]));
    return { finalLoss: seed / 10 };
  };
}

Deno.test("canonicalJson / sha256Hex", async () => {
  assert.equal(
    canonicalJson({ b: 1, a: [true, null, "x", { d: 2, c: 1 }] }),
    '{"a":[true,null,"x",{"c":1,"d":2}],"b":1}',
  );
  assertThrowsWith(() => canonicalJson({ a: NaN }), TypeError, "config.a");
  assertThrowsWith(() => canonicalJson({ f: () => 1 }), TypeError, "config.f");
  assertThrowsWith(() => canonicalJson({ d: new Date() }), TypeError, "config.d");
  assert.equal(
    await sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

Deno.test("cachedModel: miss → train and write; hit → load without training; changes → retrain with the reason", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const src = "tests/core/model_cache_test.ts";
    const calls = { n: 0 };
    const a = makeVars(0);
    const base = { name: "toy", dir, sources: [src], variables: () => a };
    const r1 = await cachedModel({ ...base, config: { steps: 5, lr: 0.1 }, train: trainer(a, 1, calls) });
    assert.equal(r1.status, "trained");
    assert.equal(r1.reason, "no cache entry");
    assert.equal(calls.n, 1);
    assert.deepEqual(r1.meta, { finalLoss: 0.1 });
    const trained = a.map((v) => Array.from(v.dataSync()));

    // a fresh model with other values: a hit loads the trained weights and does not train
    const b = makeVars(99);
    const r2 = await cachedModel({
      ...base,
      variables: () => b,
      config: { lr: 0.1, steps: 5 }, // same config, other key order
      train: trainer(b, 2, calls),
    });
    assert.equal(r2.status, "hit");
    assert.equal(calls.n, 1);
    assert.deepEqual(b.map((v) => Array.from(v.dataSync())), trained);
    assert.deepEqual(r2.meta, { finalLoss: 0.1 });
    assert.equal(r2.key, r1.key);

    // a config change retrains and names the field
    const r3 = await cachedModel({ ...base, config: { steps: 6, lr: 0.1 }, train: trainer(a, 3, calls) });
    assert.equal(r3.status, "trained");
    assert.ok(r3.reason.includes("config changed (steps)"), r3.reason);
    assert.equal(calls.n, 2);
    assert.notEqual(r3.key, r1.key);

    // a corrupt weights file retrains
    const bin = `${dir}/toy.bin`, bytes = await Deno.readFile(bin);
    bytes[0] ^= 0xff;
    await Deno.writeFile(bin, bytes);
    const r4 = await cachedModel({ ...base, config: { steps: 6, lr: 0.1 }, train: trainer(a, 3, calls) });
    assert.equal(r4.status, "trained");
    assert.ok(r4.reason.includes("corrupt"), r4.reason);
    const r5 = await cachedModel({ ...base, config: { steps: 6, lr: 0.1 }, train: trainer(a, 3, calls) });
    assert.equal(r5.status, "hit", "the rewritten entry is used again");

    // a changed source file retrains (a temporary source under the repository)
    const tmpSrc = "tests/core/.model_cache_tmp_source.ts";
    const root = new URL("../../", import.meta.url).pathname;
    await Deno.writeTextFile(`${root}${tmpSrc}`, "// v1\n");
    try {
      const withSrc = { ...base, sources: [src, tmpSrc], config: { steps: 6, lr: 0.1 } };
      assert.equal((await cachedModel({ ...withSrc, train: trainer(a, 4, calls) })).status, "trained");
      assert.equal((await cachedModel({ ...withSrc, train: trainer(a, 4, calls) })).status, "hit");
      await Deno.writeTextFile(`${root}${tmpSrc}`, "// v2\n");
      const r6 = await cachedModel({ ...withSrc, train: trainer(a, 4, calls) });
      assert.equal(r6.status, "trained");
      assert.ok(r6.reason.includes(`source changed (${tmpSrc})`), r6.reason);
    } finally {
      await Deno.remove(`${root}${tmpSrc}`);
    }

    // other shapes under the same key are refused, not loaded
    const wrong = [tf.variable(tf.zeros([3, 2])), tf.variable(tf.zeros([2]))];
    const cfg = { steps: 6, lr: 0.1 };
    const back = await cachedModel({ ...base, config: cfg, train: trainer(a, 5, calls) });
    assert.ok(back.reason.includes("source changed"), "the entry was last written with two sources");
    const keep = await cachedModel({ ...base, config: cfg, train: trainer(a, 5, calls) });
    assert.equal(keep.status, "hit");
    const r7 = await cachedModel({ ...base, variables: () => wrong, config: cfg, train: () => {} });
    assert.equal(r7.status, "trained");
    assert.ok(r7.reason.includes("shapes"), r7.reason);

    // mode off: trains, writes nothing; refresh: trains and overwrites
    const before = calls.n;
    const off = await cachedModel({
      ...base,
      name: "other",
      config: cfg,
      train: trainer(a, 6, calls),
      mode: "off",
    });
    assert.equal(off.status, "trained");
    assert.equal(calls.n, before + 1);
    await assertRejectsWith(
      () => Deno.stat(`${dir}/other.json`),
      Deno.errors.NotFound as ErrorConstructor,
      "",
    );
    const ref = await cachedModel({ ...base, config: cfg, train: trainer(a, 7, calls), mode: "refresh" });
    assert.equal(ref.reason, "refresh requested");
    wrong.forEach((v) => v.dispose());
    b.forEach((v) => v.dispose());
  } finally {
    await Deno.remove(dir, { recursive: true });
    tf.disposeVariables();
  }
});

Deno.test("cachedModel: bad options name the argument", async () => {
  const v = () => [tf.variable(tf.zeros([1]))];
  const ok = {
    name: "x",
    config: {},
    variables: v,
    train: () => {},
    dir: "/nonexistent-dir-never-written",
    mode: "off" as const,
  };
  await assertRejectsWith(() => cachedModel({ ...ok, name: "a/b" }), TypeError, "opts.name");
  await assertRejectsWith(() => cachedModel({ ...ok, config: { a: Infinity } }), TypeError, "config.a");
  await assertRejectsWith(() => cachedModel({ ...ok, sources: ["/etc/passwd"] }), TypeError, "opts.sources");
  await assertRejectsWith(
    () => cachedModel({ ...ok, sources: ["no/such/file.ts"] }),
    RangeError,
    "no/such/file.ts",
  );
  await assertRejectsWith(() => cachedModel({ ...ok, mode: "maybe" as "off" }), TypeError, "mode");
  await assertRejectsWith(
    () => cachedModel({ ...ok, train: undefined as unknown as () => void }),
    TypeError,
    "opts.train",
  );
  tf.disposeVariables();
});
