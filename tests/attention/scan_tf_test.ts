import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import {
  complexPowersTf,
  diagonalRecurrence,
  linearRecurrenceScanTf,
  naiveCumsumTf,
  scanLevels,
} from "../../lib/attention/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

function problem(seed: number, B: number, L: number, n: number, r: number) {
  const rng = new Rng(seed);
  const th = rng.uniforms(n, 0, 2 * Math.PI);
  const lam = { re: th.map((t) => r * Math.cos(t)), im: th.map((t) => r * Math.sin(t)) };
  const u = Array.from(
    { length: B },
    () => Array.from({ length: L }, () => ({ re: rng.normals(n), im: rng.normals(n) })),
  );
  const flat = (k: "re" | "im") => Float32Array.from(u.flatMap((s) => s.flatMap((x) => Array.from(x[k]))));
  return { lam, u, uRe: flat("re"), uIm: flat("im") };
}

Deno.test("linearRecurrenceScanTf matches the float64 sequential recurrence (float32 round-off), any L", () => {
  for (const L of [1, 5, 16, 37]) {
    const B = 2, n = 3, p = problem(L, B, L, n, 0.97);
    const out = tf.tidy(() => {
      const s = linearRecurrenceScanTf(
        tf.tensor1d(Float32Array.from(p.lam.re)),
        tf.tensor1d(Float32Array.from(p.lam.im)),
        tf.tensor3d(p.uRe, [B, L, n]),
        tf.tensor3d(p.uIm, [B, L, n]),
      );
      return { re: s.re.dataSync(), im: s.im.dataSync(), levels: s.levels, shape: s.re.shape };
    });
    assert.deepEqual(out.shape, [B, L, n]);
    assert.equal(out.levels, scanLevels(L));
    for (let b = 0; b < B; b++) {
      const seq = diagonalRecurrence(p.lam, p.u[b]);
      seq.forEach((x, t) => {
        for (let j = 0; j < n; j++) {
          assertClose(out.re[(b * L + t) * n + j], x.re[j], { abs: 1e-4 });
          assertClose(out.im[(b * L + t) * n + j], x.im[j], { abs: 1e-4 });
        }
      });
    }
  }
});

Deno.test("naiveCumsumTf: right while finite; non-finite in float32 past 128/log₂(1/r) steps", () => {
  const n = 2;
  const short = problem(3, 1, 50, n, 0.9);
  const long = problem(4, 1, 900, n, 0.9);
  const run = (p: typeof short, L: number) =>
    tf.tidy(() => {
      const s = naiveCumsumTf(
        tf.tensor1d(Float32Array.from(p.lam.re)),
        tf.tensor1d(Float32Array.from(p.lam.im)),
        tf.tensor3d(p.uRe, [1, L, n]),
        tf.tensor3d(p.uIm, [1, L, n]),
      );
      return { re: s.re.dataSync(), im: s.im.dataSync() };
    });
  const a = run(short, 50), seq = diagonalRecurrence(short.lam, short.u[0]);
  seq.forEach((x, t) => assertClose(a.re[t * n], x.re[0], { abs: 1e-3 }));
  const b = run(long, 900);
  assert.ok(b.re.slice(0, 700 * n).every(Number.isFinite));
  assert.ok(!b.re.slice(843 * n).every(Number.isFinite));
});

Deno.test("complexPowersTf: λ^p in polar form", () => {
  const v = tf.tidy(() => {
    const pw = complexPowersTf(tf.tensor1d([Math.log(0.5)]), tf.tensor1d([0.3]), tf.tensor1d([0, 1, 3]));
    return [pw.re.dataSync(), pw.im.dataSync()];
  });
  [0, 1, 3].forEach((p, i) => {
    assertClose(v[0][i], 0.5 ** p * Math.cos(0.3 * p), { abs: 1e-6 });
    assertClose(v[1][i], 0.5 ** p * Math.sin(0.3 * p), { abs: 1e-6 });
  });
});

Deno.test("scan_tf: bad shapes throw naming the argument", () => {
  tf.tidy(() => {
    const l = tf.zeros([2]) as tf.Tensor1D, u = tf.zeros([1, 3, 2]) as tf.Tensor3D;
    assertThrowsWith(() => linearRecurrenceScanTf(tf.zeros([2, 1]) as never, l, u, u), TypeError, "lamRe");
    assertThrowsWith(
      () => linearRecurrenceScanTf(l, tf.zeros([3]) as tf.Tensor1D, u, u),
      RangeError,
      "lamIm",
    );
    assertThrowsWith(
      () => linearRecurrenceScanTf(l, l, tf.zeros([1, 3, 4]) as tf.Tensor3D, u),
      RangeError,
      "uRe",
    );
    assertThrowsWith(() => naiveCumsumTf(l, l, u, tf.zeros([1, 4, 2]) as tf.Tensor3D), RangeError, "uIm");
    assertThrowsWith(() => complexPowersTf(l, tf.zeros([3]) as tf.Tensor1D, l), RangeError, "logR");
  });
});
