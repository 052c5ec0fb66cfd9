import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { constantVariable, heNormalVariable } from "../../lib/train/init.ts";
import { assert, assertAllClose, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("heNormalVariable: the seeded draws in row-major order, He scale, no stray tensor", async () => {
  await initBackend("wasm");
  const before = tf.memory().numTensors;
  const w = heNormalVariable(new Rng(4), 300, 200, 300, 0.5);
  assert.equal(tf.memory().numTensors, before + 1, "only the variable survives");
  assert.deepEqual(w.shape, [300, 200]);
  const ref = new Rng(4).normals(300 * 200, 0, 0.5 * Math.sqrt(2 / 300));
  const got = w.dataSync();
  assertAllClose(got.subarray(0, 50), Float32Array.from(ref.subarray(0, 50)), { abs: 0 + 1e-12 });
  let s2 = 0;
  for (const v of got) s2 += v * v;
  // variance 0.25·2/300; 60,000 draws: relative SE of the variance √(2/60000) ≈ 0.6 %, 5 SE
  assertClose(s2 / got.length, (0.25 * 2) / 300, { rel: 0.03 });
  w.dispose();
});

Deno.test("constantVariable fills; bad arguments name themselves", () => {
  const b = constantVariable(3, Math.log(Math.E - 1));
  assertAllClose(b.dataSync(), [0.5413, 0.5413, 0.5413], { abs: 1e-4 });
  b.dispose();
  assertThrowsWith(() => heNormalVariable(new Rng(0), 0, 3), RangeError, "rows");
  assertThrowsWith(() => heNormalVariable(new Rng(0), 2, 3, 2, -1), RangeError, "scale");
  // deno-lint-ignore no-explicit-any
  assertThrowsWith(() => heNormalVariable({} as any, 2, 3), TypeError, "rng");
  assertThrowsWith(() => constantVariable(2, NaN), RangeError, "value");
});
