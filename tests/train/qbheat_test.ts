import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import {
  cellMse,
  heatFill,
  maskedCells,
  MaskedPatchModel,
  maskFill,
  nearestVisible,
  patchGrid,
  pooledFeatures,
  pretrainMasked,
  standardizeWith,
} from "../../lib/train/mod.ts";
import { assert, assertAllClose, assertClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

Deno.test("patchGrid: pads and cuts into patches; nearestVisible and maskedCells", () => {
  const img = Float64Array.from({ length: 4 }, (_, i) => i + 1); // 2×2 image
  const g = patchGrid(img, 1, 2, 2, 2); // pad to 4×4, 2×2 patches
  // padded image rows: [0 0 0 0], [0 1 2 0], [0 3 4 0], [0 0 0 0]; cell 0 = [0 0 / 0 1]
  assert.deepEqual(Array.from(g), [0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0, 0, 0]);
  const nv = nearestVisible(2, 4);
  assert.equal(nv.source[3 * 4 + 3], 3);
  assert.equal(nv.dx[3 * 4 + 3], 2);
  assert.equal(nv.dy[2 * 4 + 0], 1);
  assert.equal(maskedCells(2, 4).reduce((a, b) => a + b, 0), 12);
  assertThrowsWith(() => patchGrid(img, 1, 2, 3, 1), RangeError, "grid·patch");
  assertThrowsWith(() => patchGrid(img, 2, 2, 2, 2), RangeError, "images");
  assertThrowsWith(() => nearestVisible(3, 2), RangeError, "grid");
});

Deno.test("heatFill / maskFill: the formula in float64", () => {
  const r = new Rng(1), n = 2, q = 2, grid = 4, d = 3;
  const z = Float32Array.from(r.normals(n * q * q * d));
  const A = Float32Array.from(r.normals(d * d, 0, 0.3)), B = Float32Array.from(r.normals(d * d, 0, 0.3));
  const out = tf.tidy(() =>
    heatFill(tf.tensor4d(z, [n, q, q, d]), tf.tensor2d(A, [d, d]), tf.tensor2d(B, [d, d]), grid).arraySync()
  );
  const nv = nearestVisible(q, grid);
  for (let k = 0; k < n; k++) {
    for (let c = 0; c < grid * grid; c++) {
      const zs = Array.from(z.subarray((k * q * q + nv.source[c]) * d, (k * q * q + nv.source[c] + 1) * d));
      for (let j = 0; j < d; j++) {
        let v = zs[j];
        for (let i = 0; i < d; i++) v += zs[i] * (nv.dx[c] * A[i * d + j] + nv.dy[c] * B[i * d + j]);
        assertClose(out[k][c][j], v, { abs: 1e-5 });
      }
    }
  }
  const m = Float32Array.from([1, 2, 3]);
  const mf = tf.tidy(() => maskFill(tf.tensor4d(z, [n, q, q, d]), tf.tensor1d(m), grid).arraySync());
  assertAllClose(mf[1][5], Array.from(z.subarray((1 * 4 + 3) * d, (1 * 4 + 4) * d)), { abs: 1e-6 }); // visible (1,1)
  assertAllClose(mf[0][15], [1, 2, 3], { abs: 1e-6 });
  const zt = tf.zeros([1, 2, 2, 3]) as tf.Tensor4D;
  assertThrowsWith(
    () => heatFill(zt, tf.zeros([2, 2]) as tf.Tensor2D, tf.zeros([3, 3]) as tf.Tensor2D, 4),
    RangeError,
    "A",
  );
  assertThrowsWith(() => maskFill(zt, tf.zeros([2]) as tf.Tensor1D, 4), RangeError, "maskVec");
  assertThrowsWith(
    () => heatFill(tf.zeros([2, 3]) as never, zt as never, zt as never, 4),
    RangeError,
    "zVisible",
  );
  zt.dispose();
});

const cfg = { patchDim: 4, grid: 4, q: 2, d: 8, embed: 4, width: 8, rng: new Rng(0) };

Deno.test("MaskedPatchModel: pretraining lowers the masked MSE, no tensor leak; features and standardisation", async () => {
  const r = new Rng(2), n = 32;
  const imgs = Float64Array.from({ length: n * 64 }, () => r.uniform());
  const pg = patchGrid(imgs, n, 8, 2, 4);
  for (const [fill, context] of [["heat", "local"], ["mask", "mean"]] as const) {
    const m = new MaskedPatchModel({ ...cfg, fill, context, rng: new Rng(0) });
    const before = tf.memory().numTensors;
    const log = await pretrainMasked(m, pg, n, {
      steps: 30,
      batch: 8,
      lr: 1e-2,
      rng: new Rng(1),
      label: null,
    });
    assert.equal(tf.memory().numTensors, before);
    assert.ok(
      log.loss.slice(-5).reduce((a, b) => a + b, 0) < log.loss.slice(0, 5).reduce((a, b) => a + b, 0),
    );
    assert.equal(cellMse(m, pg, n).length, 16);
    assert.equal(pooledFeatures(m, pg, n).length, n * 8);
    m.dispose();
  }
  const [a, b] = standardizeWith(Float64Array.from([1, 5, 3, 5]), Float64Array.from([2, 5]), 2);
  assertAllClose(a, [-1, 0, 1, 0], { abs: 1e-15 });
  assertAllClose(b, [0, 0], { abs: 1e-15 });
  assertThrowsWith(
    () => standardizeWith(new Float64Array(3), new Float64Array(2), 2),
    RangeError,
    "whole rows",
  );
  assertThrowsWith(
    () => new MaskedPatchModel({ ...cfg, fill: "x" as never }),
    TypeError,
    "c.fill",
  );
  assertThrowsWith(
    () => new MaskedPatchModel({ ...cfg, fill: "heat", q: 4 }),
    RangeError,
    "c.q",
  );
  assertThrowsWith(
    () => new MaskedPatchModel({ ...cfg, fill: "heat", context: "global" as never }),
    TypeError,
    "c.context",
  );
  assertThrowsWith(() => new MaskedPatchModel({ ...cfg, fill: "heat", width: 0 }), RangeError, "c.width");
  const m = new MaskedPatchModel({ ...cfg, fill: "heat" });
  await assertRejectsWith(
    () => pretrainMasked(m, pg, n, { steps: 0, batch: 8, lr: 1e-2, rng: new Rng(1) }),
    RangeError,
    "opts.steps",
  );
  await assertRejectsWith(
    () => pretrainMasked(m, pg.subarray(1), n, { steps: 1, batch: 8, lr: 1e-2, rng: new Rng(1) }),
    RangeError,
    "patches",
  );
  await assertRejectsWith(
    () => pretrainMasked({} as never, pg, n, { steps: 1, batch: 8, lr: 1e-2, rng: new Rng(1) }),
    TypeError,
    "model",
  );
  m.dispose();
});
