import assert from "node:assert/strict";
import { alternate, fmtMs, formatTable, measure, medianOf } from "../../tools/bench/measure.ts";
import { NumpyMatMul } from "../../tools/bench/numpy.ts";
import { prepareAdamUpdate, prepareEpsStep, workloads } from "../../tools/bench/workloads.ts";
import { benchTable, workloadResult } from "../../tools/bench.ts";
import { float64Blas, initBackend, tf } from "../../lib/core/mod.ts";

Deno.test("medianOf: odd, even, unsorted; rejects empty and non-finite", () => {
  assert.equal(medianOf([3, 1, 2]), 2);
  assert.equal(medianOf([4, 1, 3, 2]), 2.5);
  assert.throws(() => medianOf([]), RangeError);
  assert.throws(() => medianOf([1, NaN]), RangeError);
});

Deno.test("measure: warm-up calls are not timed", async () => {
  let calls = 0;
  const t = await measure(() => {
    calls++;
  }, { warmup: 2, repeats: 5 });
  assert.equal(calls, 7);
  assert.equal(t.runs.length, 5);
  assert.ok(t.min <= t.median);
  await assert.rejects(() => measure(() => {}, { repeats: 0 }), RangeError);
});

Deno.test("formatTable aligns text left and numbers right", () => {
  const text = formatTable(["name", "ms", "runs"], [["a", 1.234, "20"], ["long name", 123.4, "5"]]);
  assert.equal(
    text,
    [
      "name         ms  runs",
      "---------  ----  ----",
      "a          1.23    20",
      "long name   123     5",
    ].join("\n"),
  );
  assert.throws(() => formatTable(["a", "b"], [["x"]]), RangeError);
  assert.equal(fmtMs(12.345), "12.3");
});

Deno.test("alternate: rotates the order, skips warm-up rounds, takes a self-reported time", async () => {
  const order: string[] = [];
  const t = await alternate({
    a: () => void order.push("a"),
    b: () => void order.push("b"),
    c: () => (order.push("c"), 42),
  }, { warmup: 1, repeats: 3 });
  assert.deepEqual(order, ["a", "b", "c", "b", "c", "a", "c", "a", "b", "a", "b", "c"]);
  assert.deepEqual([t.a.runs.length, t.b.runs.length, t.c.runs.length], [3, 3, 3]);
  assert.deepEqual(t.c.runs, [42, 42, 42]);
  await assert.rejects(() => alternate({}), RangeError);
  await assert.rejects(() => alternate({ a: () => {} }, { repeats: 0 }), RangeError);
  await assert.rejects(() => alternate({ a: () => {} }, { warmup: -1 }), RangeError);
});

Deno.test("workloadResult: ratios to 'on'; benchTable shows one row per configuration", () => {
  const timing = (m: number) => ({ median: m, min: m / 2, runs: [m, m, m] });
  const r = workloadResult("w", {
    on: { matmul: "openblas", optimizer: "simd" },
    off: { matmul: "wasm", optimizer: "tfjs" },
  }, { on: timing(10), off: timing(35) });
  assert.deepEqual(r.ratios, { on: 1, off: 3.5 });
  assert.equal(r.configs.off.medianMs, 35);
  assert.equal(r.configs.off.repeats, 3);
  const text = benchTable({ meta: {}, workloads: { w: r } });
  assert.match(text, /w\s+off\s+wasm\s+tfjs\s+35\.0\s+17\.5\s+3\.50x/);
  assert.throws(() => workloadResult("w", {}, { on: timing(1) }), RangeError);
  assert.throws(() => workloadResult("w", {}, {}), RangeError);
});

Deno.test("bench workloads run on tiny nets without leaking tensors", async () => {
  await initBackend("wasm");
  const spec = { dim: 2, hidden: 8, embDim: 4, activation: "silu" as const, batch: 4, ema: 0.9 };
  const before = tf.memory().numTensors;
  const step = prepareEpsStep(spec, {
    off: { matmul: "wasm", optimizer: "tfjs" },
    on: { matmul: "openblas", optimizer: "simd" },
  });
  const upd = prepareAdamUpdate(spec);
  const mid = tf.memory().numTensors;
  for (const f of [...Object.values(step.fns), ...Object.values(upd.fns)]) f();
  assert.equal(tf.memory().numTensors, mid);
  step.dispose();
  upd.dispose();
  assert.equal(tf.memory().numTensors, before);
  await initBackend("wasm");
});

Deno.test("numpy beside ours: the venv's numpy times a matmul on request", async () => {
  await assert.rejects(() => NumpyMatMul.start(0), RangeError);
  const np = await NumpyMatMul.start(16);
  assert.ok(np !== null, "numpy must be installed in .venv (requirements.txt)");
  assert.match(np.version, /^\d+\.\d+/);
  const ms = await np.time();
  assert.ok(Number.isFinite(ms) && ms >= 0);
  await np.close();
});

Deno.test("bench: the float64 workloads are listed and run both routes, leaving OpenBLAS on", () => {
  const names = workloads().map((w) => w.name);
  for (const n of ["f64-matmul-500x3000", "f64-gram-eig-500x3000", "f64-pinv-500x200"]) {
    assert.ok(names.includes(n), `${n} listed`);
  }
  const pinv = workloads().find((w) => w.name === "f64-pinv-500x200")!;
  assert.deepEqual(Object.keys(pinv.configs).sort(), ["off", "on"]);
  const prepared = pinv.prepare();
  prepared.fns.off();
  assert.equal(float64Blas(), null);
  prepared.fns.on();
  prepared.dispose();
  assert.ok(float64Blas() !== null, "dispose switches the float64 routes back on");
});
