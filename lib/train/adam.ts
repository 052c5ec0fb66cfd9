/**
 * Adam (Kingma & Ba 2015) with an optional exponential moving average (EMA) of the weights, as every trainer in the
 * project uses it. Same formula and defaults as tfjs 4.22's `tf.train.adam` (β₁ = 0.9, β₂ = 0.999, ε = the backend's
 * 1e-7, bias correction by 1 − βᵗ accumulated in float32):
 *   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  w ← w − lr · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε),
 * and, with `ema`, e ← d·e + (1−d)·w after each step.
 *
 * On the wasm backend the update is fused: one pass per variable over the wasm heap (lib/core's fused Adam kernel,
 * "simd" or "js") instead of tfjs's ~14 kernel launches per variable. The moments are updated in place; new weights
 * (and EMA weights) go to fresh buffers that the variables are then assigned, so a net cloned from another (sharing
 * its buffers) and kernels that cache weights by tensor id are never fed stale data. Elsewhere (cpu backend) it is
 * tfjs's own AdamOptimizer plus the EMA in tf ops: form "tfjs".
 * @module
 */
import {
  activeWasmBackend,
  type AdamKernel,
  adamKernelOf,
  allocF32,
  fusedAdamKernel,
  requireInRange,
  requireOneOf,
  requirePositive,
  tensorFromInfo,
  tf,
  type WasmBackend,
} from "../core/mod.ts";

/** How the update runs: the fused kernel's SIMD module, its plain-JS form, or tfjs's own optimizer. */
export type AdamForm = "simd" | "js" | "tfjs";

/** Options of {@link adam}. */
export interface AdamOptions {
  /** β₁ in [0, 1) (default 0.9). */
  beta1?: number;
  /** β₂ in [0, 1) (default 0.999). */
  beta2?: number;
  /** ε > 0 (default: the backend's, 1e-7 in float32). */
  epsilon?: number;
  /** An EMA of the trained variables: `targets[i]` follows `varList[i]` of each minimize call with decay `decay`. */
  ema?: { decay: number; targets: tf.Variable[] };
  /** "auto" (default): the fused kernel on wasm, "tfjs" elsewhere; or a form asked for by name. */
  form?: "auto" | AdamForm;
}

/** Adam (+ EMA); build it with {@link adam}. `minimize` has tf.Optimizer's signature. */
export class Adam {
  readonly form: AdamForm;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly ema: { decay: number; targets: tf.Variable[] } | null;
  #lr: number;
  #kernel: AdamKernel | null;
  #tfjs: tf.AdamOptimizer | null;
  #slots = new Map<tf.Variable, { m: tf.Tensor; v: tf.Tensor }>();
  #accBeta1: number;
  #accBeta2: number;

  constructor(learningRate: number, opts: AdamOptions = {}) {
    this.#lr = requirePositive("learningRate", learningRate);
    this.beta1 = requireInRange("opts.beta1", opts.beta1 ?? 0.9, 0, 1);
    this.beta2 = requireInRange("opts.beta2", opts.beta2 ?? 0.999, 0, 1);
    if (this.beta1 >= 1) throw new RangeError(`opts.beta1 must be < 1, got ${this.beta1}`);
    if (this.beta2 >= 1) throw new RangeError(`opts.beta2 must be < 1, got ${this.beta2}`);
    this.epsilon = requirePositive("opts.epsilon", opts.epsilon ?? tf.backend().epsilon());
    this.ema = opts.ema === undefined ? null : checkEma(opts.ema);
    const form = requireOneOf("opts.form", opts.form ?? "auto", ["auto", "simd", "js", "tfjs"] as const);
    this.#kernel = form === "tfjs" ? null : form === "auto" ? fusedAdamKernel() : adamKernelOf(form);
    this.form = this.#kernel?.form ?? "tfjs";
    this.#tfjs = this.#kernel ? null : tf.train.adam(learningRate, this.beta1, this.beta2, this.epsilon);
    this.#accBeta1 = Math.fround(this.beta1);
    this.#accBeta2 = Math.fround(this.beta2);
  }

  /** The learning rate used by the next step (a trainer's schedule sets it before each step). */
  get learningRate(): number {
    return this.#lr;
  }

  set learningRate(lr: number) {
    this.#lr = requirePositive("learningRate", lr);
  }

  /**
   * One step on the loss `f` over `varList`: gradients, then the Adam (and EMA) update. Returns the loss when
   * `returnCost`, else null (the caller disposes the returned scalar, e.g. with tf.tidy).
   */
  minimize(f: () => tf.Scalar, returnCost = false, varList?: tf.Variable[]): tf.Scalar | null {
    if (typeof f !== "function") throw new TypeError("f must be a function returning a scalar loss");
    if (!Array.isArray(varList) || varList.length === 0 || varList.some((v) => !(v instanceof tf.Variable))) {
      throw new TypeError("varList must be a non-empty array of tf.Variable");
    }
    if (this.ema) checkTargets(this.ema.targets, varList);
    let cost: tf.Scalar;
    if (this.#tfjs) {
      (this.#tfjs as unknown as { learningRate: number }).learningRate = this.#lr; // read at every step (4.22)
      cost = this.#tfjs.minimize(f, true, varList)!;
      if (this.ema) emaInTfOps(this.ema, varList);
    } else {
      const { value, grads } = tf.variableGrads(f, varList);
      this.#fusedStep(varList, grads);
      tf.dispose(Object.values(grads));
      cost = value;
    }
    if (returnCost) return cost;
    cost.dispose();
    return null;
  }

  #fusedStep(vars: tf.Variable[], grads: tf.NamedTensorMap): void {
    const backend = activeWasmBackend();
    if (backend === null) {
      throw new Error(`Adam form "${this.form}" needs the wasm backend, now ${tf.getBackend()}`);
    }
    const scalars = {
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      lr: this.#lr,
      oneMinusAccBeta1: Math.fround(1 - this.#accBeta1),
      oneMinusAccBeta2: Math.fround(1 - this.#accBeta2),
      emaDecay: this.ema?.decay ?? 0,
    };
    tf.tidy(() => vars.forEach((w, i) => this.#updateOne(backend, w, grads[w.name], i, scalars)));
    this.#accBeta1 = Math.fround(this.#accBeta1 * Math.fround(this.beta1));
    this.#accBeta2 = Math.fround(this.#accBeta2 * Math.fround(this.beta2));
  }

  #updateOne(
    backend: WasmBackend,
    w: tf.Variable,
    g: tf.Tensor | undefined,
    i: number,
    scalars: Parameters<AdamKernel["update"]>[2],
  ): void {
    if (g === undefined || g === null) return; // no path from this variable to the loss: tfjs skips it too
    let slot = this.#slots.get(w);
    if (!slot) {
      slot = { m: tf.keep(tf.zerosLike(w)), v: tf.keep(tf.zerosLike(w)) };
      this.#slots.set(w, slot);
    }
    const target = this.ema?.targets[i];
    // allocate every output before the kernel takes heap views (allocation may grow the heap)
    const out = allocF32(backend, w.shape);
    const emaOut = target ? allocF32(backend, w.shape) : null;
    this.#kernel!.update(
      backend,
      { w, g, m: slot.m, v: slot.v, out, ema: target ? { e: target, out: emaOut! } : undefined },
      scalars,
    );
    w.assign(tensorFromInfo(out));
    if (target) target.assign(tensorFromInfo(emaOut!));
  }

  /**
   * Floats held by the optimizer state: the two moments (m, v) of every variable stepped so far, counted from the
   * slot tensors themselves (tfjs form: its accumulated moments). Adam's state is 2 floats per trainable parameter.
   */
  get stateSize(): number {
    if (this.#tfjs) {
      const t = this.#tfjs as unknown as Record<string, { variable: tf.Tensor }[] | undefined>;
      const sum = (xs: { variable: tf.Tensor }[] | undefined) =>
        (xs ?? []).reduce((s, x) => s + x.variable.size, 0);
      return sum(t.accumulatedFirstMoment) + sum(t.accumulatedSecondMoment);
    }
    let n = 0;
    for (const { m, v } of this.#slots.values()) n += m.size + v.size;
    return n;
  }

  /** Releases the moment estimates (the variables and EMA targets stay with their owners). */
  dispose(): void {
    for (const { m, v } of this.#slots.values()) tf.dispose([m, v]);
    this.#slots.clear();
    this.#tfjs?.dispose();
  }
}

function checkEma(ema: AdamOptions["ema"]): { decay: number; targets: tf.Variable[] } {
  if (!ema || typeof ema !== "object") throw new TypeError("opts.ema must be { decay, targets }");
  const decay = requireInRange("opts.ema.decay", ema.decay, 0, 1);
  if (decay >= 1) throw new RangeError(`opts.ema.decay must be < 1, got ${decay}`);
  if (!Array.isArray(ema.targets) || ema.targets.some((t) => !(t instanceof tf.Variable))) {
    throw new TypeError("opts.ema.targets must be an array of tf.Variable");
  }
  return { decay, targets: ema.targets };
}

function checkTargets(targets: tf.Variable[], vars: tf.Variable[]): void {
  if (targets.length !== vars.length) {
    throw new RangeError(
      `opts.ema.targets must have one variable per trained variable (${vars.length}), got ${targets.length}`,
    );
  }
  targets.forEach((t, i) => {
    if (t.shape.join() !== vars[i].shape.join()) {
      throw new RangeError(`opts.ema.targets[${i}] must have shape [${vars[i].shape}], got [${t.shape}]`);
    }
  });
}

function emaInTfOps(ema: { decay: number; targets: tf.Variable[] }, vars: tf.Variable[]): void {
  const d = ema.decay;
  tf.tidy(() => ema.targets.forEach((e, j) => e.assign(tf.add(tf.mul(e, d), tf.mul(vars[j], 1 - d)))));
}

/**
 * Adam with learning rate `learningRate` (> 0) and {@link AdamOptions}; fused on the wasm backend (see the module
 * note). Dispose it after training.
 */
export function adam(learningRate: number, opts: AdamOptions = {}): Adam {
  if (opts === null || typeof opts !== "object") throw new TypeError("opts must be an AdamOptions object");
  return new Adam(learningRate, opts);
}
