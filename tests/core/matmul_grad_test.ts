import { initBackend, matMulGradConfig, Rng, tf, useBlas } from "../../lib/core/mod.ts";
import { assert, assertAllClose } from "../_assert.ts";

await initBackend("wasm");

/** A row-major r×c matrix of normals. */
function normals(rng: Rng, r: number, c: number): number[][] {
  return Array.from({ length: r }, () => Array.from(rng.normals(c)));
}
const T = (m: number[][]) => m[0].map((_, j) => m.map((row) => row[j]));
const mul = (x: number[][], y: number[][]) =>
  x.map((row) => y[0].map((_, j) => row.reduce((s, v, k) => s + v * y[k][j], 0)));

Deno.test("matmul gradient: the four transpose-flag cases equal dL/dA, dL/dB in float64, with OpenBLAS and without", () => {
  const rng = new Rng(3);
  for (const blas of [true, false]) {
    useBlas(blas);
    for (const [tA, tB] of [[false, false], [false, true], [true, false], [true, true]] as const) {
      const p = 5, k = 4, q = 3;
      const opA = normals(rng, p, k), opB = normals(rng, k, q), W = normals(rng, p, q);
      const A = tA ? T(opA) : opA, B = tB ? T(opB) : opB;
      // L = Σ W ∘ (op(A)·op(B)): dL/dop(A) = W·op(B)ᵀ, dL/dop(B) = op(A)ᵀ·W
      const dOpA = mul(W, T(opB)), dOpB = mul(T(opA), W);
      const [gA, gB] = tf.tidy(() =>
        tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, tA, tB), tf.tensor2d(W)))
        )([tf.tensor2d(A), tf.tensor2d(B)]).map((g) => g.arraySync() as number[][])
      );
      assertAllClose(
        gA.flat(),
        (tA ? T(dOpA) : dOpA).flat(),
        { abs: 1e-5 },
        `dA, flags ${tA} ${tB}, blas ${blas}`,
      );
      assertAllClose(
        gB.flat(),
        (tB ? T(dOpB) : dOpB).flat(),
        { abs: 1e-5 },
        `dB, flags ${tA} ${tB}, blas ${blas}`,
      );
    }
  }
  useBlas(true);
});

Deno.test("matmul gradient: batched (rank 3) products without OpenBLAS equal those with it", () => {
  const rng = new Rng(4);
  const a = tf.tensor3d(Array.from(rng.normals(2 * 3 * 4)), [2, 3, 4]);
  const b = tf.tensor3d(Array.from(rng.normals(2 * 5 * 4)), [2, 5, 4]);
  const grads = (blas: boolean) => {
    useBlas(blas);
    return tf.tidy(() =>
      tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y, false, true))))([a, b])
        .map((g) => Array.from(g.dataSync()))
    );
  };
  const on = grads(true), off = grads(false);
  useBlas(true);
  assertAllClose(off[0], on[0], { abs: 1e-4 });
  assertAllClose(off[1], on[1], { abs: 1e-4 });
  tf.dispose([a, b]);
});

Deno.test("matmul gradient: an input no variable needs costs no product (one forward, one backward BatchMatMul)", async () => {
  for (const blas of [true, false]) {
    useBlas(blas);
    const x = tf.randomNormal([8, 6]) as tf.Tensor2D, w = tf.variable(tf.randomNormal([6, 4]));
    const info = await tf.profile(() => {
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.matMul(x, w as tf.Tensor2D)) as tf.Scalar, [
          w,
        ]);
        value.dataSync();
        Object.values(grads).forEach((g) => g.dataSync());
      });
    });
    const products = info.kernels.filter((k) => k.name === "BatchMatMul").length;
    assert(products === 2, `BatchMatMul kernels ${products}, blas ${blas}`);
    tf.dispose([x, w]);
  }
  useBlas(true);
  assert(matMulGradConfig.kernelName === "BatchMatMul", "registered for BatchMatMul");
});
