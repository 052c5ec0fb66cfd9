import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { classifierLogProbGrad, gradWrtInput, LabelNet } from "../../lib/diffusion/mod.ts";
import { trainCondDenoiser, trainNoisyClassifier } from "../../lib/diffusion/mod.ts";
import { fdGradient } from "../../lib/diffusion/mod.ts";
import { tri3 } from "../../lib/diffusion/mod.ts";
import { suLinearSchedule } from "../../lib/diffusion/mod.ts";
import { assert, assertAllClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

await initBackend();
const S = suLinearSchedule(50);
const D = tri3();

Deno.test("LabelNet: validation names the argument", () => {
  assertThrowsWith(
    () => new LabelNet({ inDim: 0, outDim: 2, T: 5, rng: new Rng(0) }),
    RangeError,
    "opts.inDim",
  );
  assertThrowsWith(
    () => new LabelNet({ inDim: 2, outDim: 2, T: 5, labelSlots: 1, rng: new Rng(0) }),
    RangeError,
    "opts.labelSlots",
  );
  assertThrowsWith(
    () => new LabelNet({ inDim: 2, outDim: 2, T: 5, embDim: 3, rng: new Rng(0) }),
    RangeError,
    "opts.embDim",
  );
  assertThrowsWith(() => new LabelNet({ inDim: 2, outDim: 2, T: 5 } as never), TypeError, "opts.rng");
  const net = new LabelNet({ inDim: 2, outDim: 2, T: 5, labelSlots: 4, rng: new Rng(0) });
  assertThrowsWith(() => net.predictArray(new Float64Array(3), 1, 0), RangeError, "x");
  assertThrowsWith(() => net.predictArray(new Float64Array(2), 6, 0), RangeError, "t");
  assertThrowsWith(() => net.predictArray(new Float64Array(2), 1, 4), RangeError, "y");
  assertThrowsWith(() => net.predictArray(new Float64Array(2), 1), TypeError, "y is required");
  assertThrowsWith(() => net.predictArray(new Float64Array(4), 1, Int32Array.of(0)), RangeError, "y");
  const clf = new LabelNet({ inDim: 2, outDim: 3, T: 5, rng: new Rng(0) });
  assertThrowsWith(() => clf.predictArray(new Float64Array(2), 1, 0), TypeError, "y must be omitted");
  assertThrowsWith(() => classifierLogProbGrad(clf, new Float64Array(2), 1, 3), RangeError, "y");
  assertThrowsWith(() => gradWrtInput((u) => u, new Float64Array(3), 2), RangeError, "x");
  net.dispose();
  clf.dispose();
  assertThrowsWith(() => net.variables, Error, "disposed");
});

Deno.test("LabelNet: deterministic init, the label and null slots change the output, rows independent", () => {
  const a = new LabelNet({ inDim: 2, outDim: 2, T: 5, labelSlots: 4, rng: new Rng(1) });
  const b = new LabelNet({ inDim: 2, outDim: 2, T: 5, labelSlots: 4, rng: new Rng(1) });
  const x = Float64Array.of(0.1, 0.2, -0.3, 0.4);
  assert.deepEqual(a.predictArray(x, 3, 1), b.predictArray(x, 3, 1));
  assert.notDeepEqual(a.predictArray(x, 3, 1), a.predictArray(x, 3, a.nullLabel));
  assert.equal(a.nullLabel, 3);
  const both = a.predictArray(x, Int32Array.of(3, 3), Int32Array.of(1, 2));
  const one = a.predictArray(x.subarray(2), 3, 2);
  assertAllClose(both.subarray(2), one, { abs: 1e-6 });
  assert.equal(a.numParams, 2 * 128 + 64 * 128 + 4 * 128 + 128 + 128 * 128 + 128 + 128 * 2 + 2);
  a.dispose();
  b.dispose();
});

Deno.test("gradWrtInput / classifierLogProbGrad match finite differences of the float32 net", () => {
  const clf = new LabelNet({ inDim: 2, outDim: 3, T: 50, rng: new Rng(2), outScale: 1 });
  const x = new Rng(3).normals(2 * 6);
  const g = classifierLogProbGrad(clf, x, 20, 2);
  const logp = (z: Float64Array) => {
    const l = clf.predictArray(z, 20), out = new Float64Array(z.length / 2);
    for (let i = 0; i < out.length; i++) {
      const m = Math.max(l[3 * i], l[3 * i + 1], l[3 * i + 2]);
      out[i] = l[3 * i + 2] - m -
        Math.log(Math.exp(l[3 * i] - m) + Math.exp(l[3 * i + 1] - m) + Math.exp(l[3 * i + 2] - m));
    }
    return out;
  };
  assertAllClose(g, fdGradient(logp, x, 2, 1e-2), { abs: 2e-3, rel: 2e-2 }); // float32 net: h = 1e-2
  const n0 = tf.memory().numTensors;
  gradWrtInput((u) => tf.square(u), Float64Array.of(1, 2), 2);
  assert.equal(tf.memory().numTensors, n0);
  assertAllClose(gradWrtInput((u) => tf.square(u), Float64Array.of(1, 2), 2), [2, 4], { abs: 1e-6 });
  clf.dispose();
});

Deno.test("trainers: losses fall, tensors flat, validation", async () => {
  const sample = (n: number, r: Rng) => D.sample(n, r);
  const clf = new LabelNet({ inDim: 2, outDim: 3, T: 50, hidden: 32, rng: new Rng(4), outScale: 1 });
  const rc = await trainNoisyClassifier(clf, sample, S, {
    steps: 60,
    batch: 64,
    lr: 3e-3,
    rng: new Rng(5),
    label: null,
  });
  assert.ok(
    rc.loss.slice(-10).reduce((s, v) => s + v, 0) / 10 < rc.loss.slice(0, 10).reduce((s, v) => s + v, 0) / 10,
  );
  assert.equal(rc.numTensors[59], rc.numTensors[5]);
  const net = new LabelNet({ inDim: 2, outDim: 2, T: 50, labelSlots: 4, hidden: 32, rng: new Rng(6) });
  const rn = await trainCondDenoiser(net, sample, S, {
    steps: 40,
    batch: 64,
    lr: 3e-3,
    rng: new Rng(7),
    pUncond: 0.1,
    label: null,
  });
  assert.equal(rn.numTensors[39], rn.numTensors[5]);
  await assertRejectsWith(
    () => trainCondDenoiser(net, sample, S, { steps: 1, batch: 8, lr: 1e-3, rng: new Rng(0), pUncond: 1.5 }),
    RangeError,
    "opts.pUncond",
  );
  await assertRejectsWith(
    () => trainNoisyClassifier(net, sample, S, { steps: 1, batch: 8, lr: 1e-3, rng: new Rng(0) }),
    RangeError,
    "label slots",
  );
  await assertRejectsWith(
    () => trainCondDenoiser(clf, sample, S, { steps: 1, batch: 8, lr: 1e-3, rng: new Rng(0), pUncond: 0.1 }),
    RangeError,
    "net must map",
  );
  await assertRejectsWith(
    () =>
      trainNoisyClassifier(clf, sample, suLinearSchedule(10), {
        steps: 1,
        batch: 8,
        lr: 1e-3,
        rng: new Rng(0),
      }),
    RangeError,
    "schedule.T",
  );
  await assertRejectsWith(
    () => trainNoisyClassifier(clf, sample, S, { steps: 0, batch: 8, lr: 1e-3, rng: new Rng(0) }),
    RangeError,
    "opts.steps",
  );
  clf.dispose();
  net.dispose();
});
