/**
 * The named workloads of `deno task bench`, each with the configurations it compares (which matmul kernel, which
 * Adam) and the functions that run one repeat of each:
 *  - `matmul-1024`: a 1024×1024 float32 matmul, OpenBLAS vs tfjs-backend-wasm's kernel (vs numpy, added by bench.ts);
 *  - `ring8-step`, `ring8-256-step`, `mnist-step`: one training step of notebook 03's ε-MLPs (quick ring8: 2 + 64
 *    sinusoidal → 3 × 128 ReLU, batch 256; full ring8: width 256; full MNIST: 196 + 128 → 3 × 512 SiLU, batch 128,
 *    Adam + EMA 0.999), with everything off (wasm matmul with lib/core's matMulFast, tfjs's Adam), OpenBLAS with
 *    tfjs's Adam, OpenBLAS with the fused Adam in its JS form, and everything on (OpenBLAS + the fused SIMD Adam);
 *  - `adam-mnist`: the optimizer update alone over the MNIST ε-MLP's variables (+ EMA), in its three forms;
 *  - `f64-matmul-500x3000`, `f64-gram-eig-500x3000`, `f64-pinv-500x200`: lib/core/linalg's float64 routes at
 *    notebook 12's full sizes, OpenBLAS/LAPACK vs ml-matrix and the plain-JS product.
 * @module
 */
import {
  activeWasmBackend,
  adamKernelOf,
  allocF32,
  gramEigenvalues,
  matFromRows,
  matmul,
  pinvRcond,
  Rng,
  tf,
  useBlas,
  useFloat64Blas,
} from "../../lib/core/mod.ts";
import { EpsNet } from "../../lib/diffusion/mod.ts";
import { adam, type AdamForm } from "../../lib/train/mod.ts";

/** What one configuration runs. */
export interface BenchConfig {
  matmul: "openblas" | "wasm" | "numpy" | "js";
  optimizer: AdamForm | null;
}

/** A workload ready to run: one function per configuration (one repeat each), and the clean-up. */
export interface Prepared {
  fns: Record<string, () => void>;
  dispose(): void;
}

/** A named workload. */
export interface Workload {
  name: string;
  description: string;
  configs: Record<string, BenchConfig>;
  warmup: number;
  repeats: number;
  prepare(): Prepared;
}

/** The shape of one ε-MLP of notebook 03. */
export interface EpsSpec {
  dim: number;
  hidden: number;
  embDim: number;
  activation: "relu" | "silu";
  batch: number;
  ema: number;
}

const STEP_CONFIGS: Record<string, BenchConfig> = {
  off: { matmul: "wasm", optimizer: "tfjs" },
  "blas+tfjs-adam": { matmul: "openblas", optimizer: "tfjs" },
  "blas+js-adam": { matmul: "openblas", optimizer: "js" },
  on: { matmul: "openblas", optimizer: "simd" },
};

/** One training step of an ε-MLP per configuration, each with its own net and optimizer (same seeds). */
export function prepareEpsStep(spec: EpsSpec, configs: Record<string, BenchConfig>): Prepared {
  const T = 1000, rng = new Rng(7);
  const x = tf.tensor2d(Float32Array.from(rng.normals(spec.batch * spec.dim)), [spec.batch, spec.dim]);
  const eps = tf.tensor2d(Float32Array.from(rng.normals(spec.batch * spec.dim)), [spec.batch, spec.dim]);
  const t = Int32Array.from({ length: spec.batch }, () => 1 + rng.int(T));
  const owned: { dispose(): void }[] = [x, eps];
  const fns: Record<string, () => void> = {};
  for (const [name, cfg] of Object.entries(configs)) {
    const net = new EpsNet({ ...spec, T, layers: 3, rng: new Rng(11) });
    const ema = spec.ema > 0 ? net.clone() : null;
    const form = cfg.optimizer ?? "tfjs";
    const opt = adam(1e-3, { form, ...(ema ? { ema: { decay: spec.ema, targets: ema.variables } } : {}) });
    const vars = net.variables;
    owned.push(net, opt, ...(ema ? [ema] : []));
    fns[name] = () => {
      useBlas(cfg.matmul === "openblas");
      tf.tidy(() => {
        opt.minimize(() => tf.mean(tf.square(tf.sub(eps, net.predict(x, t)))) as tf.Scalar, true, vars)!
          .dataSync();
      });
    };
    fns[name](); // creates the optimizer's moments before any timing
  }
  return { fns, dispose: () => owned.forEach((o) => o.dispose()) };
}

/** One Adam (+ EMA) update of the MNIST ε-MLP's variables, by the fused kernel's forms and by tfjs's optimizer. */
export function prepareAdamUpdate(spec: EpsSpec): Prepared {
  const net = new EpsNet({ ...spec, T: 1000, layers: 3, rng: new Rng(5) }), ema = net.clone();
  const vars = net.variables,
    grads = vars.map((v) => tf.keep(tf.randomNormal(v.shape, 0, 1e-3, "float32", 3)));
  const moments = vars.map((v) => [tf.keep(tf.zerosLike(v)), tf.keep(tf.zerosLike(v))]);
  const scalars = {
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-7,
    lr: 1e-3,
    oneMinusAccBeta1: 0.1,
    oneMinusAccBeta2: 0.001,
    emaDecay: spec.ema,
  };
  const fused = (form: "simd" | "js") => () => {
    const backend = activeWasmBackend()!, kernel = adamKernelOf(form);
    tf.tidy(() =>
      vars.forEach((w, i) => {
        const out = allocF32(backend, w.shape), eout = allocF32(backend, w.shape);
        const [m, v] = moments[i];
        kernel.update(
          backend,
          { w, g: grads[i], m, v, out, ema: { e: ema.variables[i], out: eout } },
          scalars,
        );
        w.assign(tf.engine().makeTensorFromTensorInfo(out));
        ema.variables[i].assign(tf.engine().makeTensorFromTensorInfo(eout));
      })
    );
  };
  const tfOpt = tf.train.adam(1e-3), d = spec.ema;
  const tfjs = () => {
    tfOpt.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[i] })));
    tf.tidy(() => ema.variables.forEach((e, j) => e.assign(tf.add(tf.mul(e, d), tf.mul(vars[j], 1 - d)))));
  };
  tfjs(); // creates tfjs's moments
  return {
    fns: { simd: fused("simd"), js: fused("js"), tfjs },
    dispose: () => {
      tf.dispose([...grads, ...moments.flat()]);
      tfOpt.dispose();
      net.dispose();
      ema.dispose();
    },
  };
}

/** The ring8 ε-MLP of notebook 03's quick profile. */
export const RING8: EpsSpec = { dim: 2, hidden: 128, embDim: 64, activation: "relu", batch: 256, ema: 0 };
/** The MNIST ε-MLP of notebook 03's full profile. */
export const MNIST: EpsSpec = {
  dim: 196,
  hidden: 512,
  embDim: 128,
  activation: "silu",
  batch: 128,
  ema: 0.999,
};

/** Every workload, in the order the bench runs them. */
export function workloads(): Workload[] {
  const step = (name: string, spec: EpsSpec, what: string, repeats: number): Workload => ({
    name,
    description: what,
    configs: STEP_CONFIGS,
    warmup: 3,
    repeats,
    prepare: () => prepareEpsStep(spec, STEP_CONFIGS),
  });
  const mm = (n: number): Workload => ({
    name: `matmul-${n}`,
    description: `${n}×${n} · ${n}×${n} float32 matmul`,
    configs: { on: { matmul: "openblas", optimizer: null }, off: { matmul: "wasm", optimizer: null } },
    warmup: 2,
    repeats: 15,
    prepare: () => {
      const rng = new Rng(1);
      const a = tf.tensor2d(Float32Array.from(rng.normals(n * n)), [n, n]);
      const b = tf.tensor2d(Float32Array.from(rng.normals(n * n)), [n, n]);
      const run = (blas: boolean) => () => {
        useBlas(blas);
        tf.matMul(a, b).dispose(); // the wasm backend runs kernels synchronously: the product is done here
      };
      return { fns: { on: run(true), off: run(false) }, dispose: () => tf.dispose([a, b]) };
    },
  });
  const f64 = (
    name: string,
    description: string,
    shapes: [number, number][],
    run: (m: ReturnType<typeof matFromRows>[]) => void,
  ): Workload => ({
    name,
    description,
    configs: { on: { matmul: "openblas", optimizer: null }, off: { matmul: "js", optimizer: null } },
    warmup: 1,
    repeats: 5,
    prepare: () => {
      const rng = new Rng(2);
      const mats = shapes.map(([r, c]) => matFromRows(Array.from({ length: r }, () => rng.normals(c))));
      const go = (on: boolean) => () => {
        if (useFloat64Blas(on) !== on) throw new Error("the float64 OpenBLAS routes are not available");
        run(mats);
      };
      return { fns: { on: go(true), off: go(false) }, dispose: () => useFloat64Blas(true) };
    },
  });
  return [
    mm(1024),
    f64("f64-matmul-500x3000", "lib/core matmul, float64 500×3000 · 3000×500 (12's Gram size)", [
      [500, 3000],
      [
        3000,
        500,
      ],
    ], ([a, b]) => matmul(a, b)),
    f64(
      "f64-gram-eig-500x3000",
      "lib/core gramEigenvalues of a float64 500×3000 (12's spectrum)",
      [[500, 3000]],
      ([a]) => gramEigenvalues(a),
    ),
    f64(
      "f64-pinv-500x200",
      "lib/core pinvRcond of a float64 500×200 (12's anchor block)",
      [[500, 200]],
      ([a]) => pinvRcond(a),
    ),
    step("ring8-step", RING8, "03 quick: ring8 ε-MLP 2 + 64 → 3 × 128 ReLU, batch 256, Adam", 30),
    step(
      "ring8-256-step",
      { ...RING8, hidden: 256 },
      "03 full: ring8 ε-MLP at width 256, batch 256, Adam",
      25,
    ),
    step(
      "mnist-step",
      MNIST,
      "03 full: MNIST ε-MLP 196 + 128 → 3 × 512 SiLU, batch 128, Adam + EMA 0.999",
      20,
    ),
    {
      name: "adam-mnist",
      description: "the Adam + EMA update alone over the MNIST ε-MLP's 0.79 M parameters",
      configs: {
        simd: { matmul: "openblas", optimizer: "simd" },
        js: { matmul: "openblas", optimizer: "js" },
        tfjs: { matmul: "openblas", optimizer: "tfjs" },
      },
      warmup: 3,
      repeats: 30,
      prepare: () => prepareAdamUpdate(MNIST),
    },
  ];
}
