import { initBackend, tf } from "../../lib/core/backend.ts";
import { conv2dBackpropFilterWasm, unsortedSegmentSumWasm } from "../../lib/core/grad_kernels.ts";
import { useBlas } from "../../lib/core/native.ts";
import { Rng } from "../../lib/core/random.ts";
import { assert, assertAllClose, assertThrowsWith } from "../_assert.ts";

function values(n: number, seed: number): Float32Array {
  return Float32Array.from(new Rng(seed).normals(n));
}

type ConvCase = {
  x: number[];
  f: number[];
  stride: number | [number, number];
  pad: "same" | "valid" | number;
};

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

/** The filter gradient for input x and output gradient dy, by the Conv2DBackpropFilter kernel of `backend`. */
async function filterGrad(c: ConvCase, backend: "wasm" | "cpu", blas: boolean): Promise<Float32Array> {
  await initBackend(backend);
  if (backend === "wasm") useBlas(blas);
  const info = tf.backend_util.computeConv2DInfo(c.x as never, c.f as never, c.stride, 1, c.pad);
  const dyShape = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  const x = tf.tensor(values(size(c.x), 1), c.x), dy = tf.tensor(values(size(dyShape), 3), dyShape);
  const attrs = { strides: c.stride, pad: c.pad, dataFormat: "NHWC", filterShape: c.f };
  const g = tf.engine().runKernel("Conv2DBackpropFilter", { x, dy }, attrs as never) as tf.Tensor;
  assert.deepEqual(g.shape, c.f);
  const out = g.dataSync() as Float32Array;
  tf.dispose([x, dy, g]);
  return out;
}

const convCases: ConvCase[] = [
  { x: [2, 7, 6, 3], f: [3, 3, 3, 4], stride: 1, pad: "same" },
  { x: [1, 9, 9, 2], f: [3, 2, 2, 5], stride: 2, pad: "valid" },
  { x: [3, 8, 5, 1], f: [5, 3, 1, 2], stride: [2, 1], pad: 1 },
  { x: [2, 5, 5, 4], f: [1, 1, 4, 3], stride: 1, pad: "valid" },
];

Deno.test("Conv2DBackpropFilter on wasm equals the cpu backend (BLAS on and off)", async () => {
  for (const c of convCases) {
    const cpu = await filterGrad(c, "cpu", false);
    for (const blas of [true, false]) {
      const wasm = await filterGrad(c, "wasm", blas);
      assertAllClose(
        wasm,
        cpu,
        { abs: 1e-4, rel: 1e-5 },
        `x [${c.x}] f [${c.f}] ${c.stride} ${c.pad} blas=${blas}`,
      );
    }
  }
  await initBackend("wasm");
});

/** The gradient of Σ conv2d(x, f)·w with respect to f, through tf.grad on `backend`. */
async function convGrad(backend: "wasm" | "cpu"): Promise<Float32Array> {
  await initBackend(backend);
  const x = tf.tensor4d(values(2 * 6 * 6 * 3, 7), [2, 6, 6, 3]), f = tf.tensor4d(values(36, 8), [2, 2, 3, 3]);
  const w = tf.tensor4d(values(2 * 3 * 3 * 3, 9), [2, 3, 3, 3]);
  const g = tf.grad((ff: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, ff as tf.Tensor4D, 2, "same"), w)))(f);
  const out = g.dataSync() as Float32Array;
  tf.dispose([x, f, w, g]);
  return out;
}

Deno.test("conv2d trains on wasm: its filter gradient through tf.grad equals the cpu backend's", async () => {
  assertAllClose(await convGrad("wasm"), await convGrad("cpu"), { abs: 1e-4, rel: 1e-5 });
  await initBackend("wasm");
});

/** The gradient of Σ gather(table, ids)·w with respect to the table, on `backend`. */
async function gatherGrad(backend: "wasm" | "cpu", ids: number[], rows: number, cols: number) {
  await initBackend(backend);
  const table = tf.tensor2d(values(rows * cols, 4), [rows, cols]);
  const w = tf.tensor2d(values(ids.length * cols, 5), [ids.length, cols]);
  const idx = tf.tensor1d(ids, "int32");
  const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, idx), w)))(table);
  const seg = tf.unsortedSegmentSum(w, tf.tensor1d(ids.map((i) => i - 1), "int32"), rows);
  const out = { grad: g.dataSync() as Float32Array, seg: seg.dataSync() as Float32Array };
  tf.dispose([table, w, idx, g, seg]);
  return out;
}

Deno.test("UnsortedSegmentSum on wasm (and gather's gradient) equals the cpu backend", async () => {
  const ids = [0, 3, 3, 1, 5, 0, 0, 2, 5];
  const cpu = await gatherGrad("cpu", ids, 6, 4), wasm = await gatherGrad("wasm", ids, 6, 4);
  assertAllClose(wasm.grad, cpu.grad, { abs: 1e-6 }, "gather gradient");
  assertAllClose(wasm.seg, cpu.seg, { abs: 1e-6 }, "segment sum with id −1 dropped");
  assert.ok(wasm.grad.some((v) => v !== 0));
});

Deno.test("gradient kernels reject what they do not support, naming the argument", async () => {
  await initBackend("wasm");
  const backend = tf.backend();
  const x = tf.tensor2d([[1, 2], [3, 4]]), ids2 = tf.tensor2d([[0, 1], [1, 0]], undefined, "int32");
  const idsF = tf.tensor1d([0, 1]), xi = tf.tensor2d([[1, 2], [3, 4]], undefined, "int32");
  const ids = tf.tensor1d([0, 1], "int32");
  const seg = (inputs: Record<string, tf.Tensor>, numSegments: number) => () =>
    unsortedSegmentSumWasm({ inputs, backend, attrs: { numSegments } } as never);
  assertThrowsWith(seg({ x, segmentIds: ids2 }, 2), RangeError, "segmentIds must be one-dimensional");
  assertThrowsWith(seg({ x, segmentIds: idsF }, 2), TypeError, "segmentIds must be int32");
  assertThrowsWith(seg({ x: xi, segmentIds: ids }, 2), TypeError, "x must be float32");
  assertThrowsWith(seg({ x, segmentIds: ids }, -1), RangeError, "numSegments");
  const x4 = tf.zeros([1, 2, 4, 4]), dy = tf.zeros([1, 3, 4, 4]);
  assertThrowsWith(
    () =>
      conv2dBackpropFilterWasm({
        inputs: { x: x4, dy },
        backend,
        attrs: { strides: 1, pad: "same", dataFormat: "NCHW", filterShape: [3, 3, 2, 3] },
      } as never),
    RangeError,
    "dataFormat",
  );
  tf.dispose([x, ids2, idsF, xi, ids, x4, dy]);
});
