/**
 * Parameter-efficient adapters of the {@link ResMlp} backbone (notebooks 01 and 27), injected through its hooks:
 *
 * - {@link LoraFactor}: a trainable increment of one frozen matrix W₀ (n×m) — LoRA W₀ + AB with B = 0 at start
 *   ("zeroB", Hu et al.), the symmetric init W₀ − A₀B₀ + AB with A, B both random and A₀B₀ their frozen initial
 *   product (Su, archive 9590 §一个变体 neighbourhood), and the additive variant W₀ + A·I_{r(1×m/r)} + I_{r(n/r×1)}·B
 *   (derivation 7 of brief 27) — each computed "merged" (X(W₀ + Δ)) or "factored" (XW₀ + (XA)B, no n×m object);
 * - {@link makeLora}: LoRA on both feed-forward matrices of every block (trainable L·2r(H + eH) for rank r);
 * - {@link makeAdapters}: bottleneck Adapters b ← b + relu(bD)U after every block, D ∈ ℝ^{H×H/r}, U = 0 at start
 *   (2LH²/r parameters, no biases);
 * - {@link makePrompt}: one learned H-vector added to the embedding output (P-tuning's place: the input).
 * @module
 */
import { matMulFast, requireInt, requireOneOf, type Rng, tf } from "../core/mod.ts";
import type { ResMlp, ResMlpHooks } from "./backbone.ts";
import { heNormalVariable } from "./init.ts";
import { blockIdentity, type LoraImpl } from "./lora.ts";

/** How a {@link LoraFactor} starts: see the module note. */
export type LoraInit = "zeroB" | "symmetric" | "additive";

/** A trainable increment Δ of one frozen n×m matrix (see the module note). */
export class LoraFactor {
  readonly n: number;
  readonly m: number;
  readonly rank: number;
  readonly init: LoraInit;
  readonly impl: LoraImpl;
  readonly A: tf.Variable<tf.Rank.R2>;
  readonly B: tf.Variable<tf.Rank.R2>;
  /** Symmetric init: the frozen initial factors A₀, B₀; additive: the block identities (row, col); else null. */
  readonly #A0: tf.Tensor2D | null;
  readonly #B0: tf.Tensor2D | null;

  /** @param rng draws A (and B for "symmetric"): A ~ N(0, 1/n), B ~ N(0, 1/r); "additive" starts at A = B = 0. */
  constructor(n: number, m: number, rank: number, init: LoraInit, impl: LoraImpl, rng: Rng) {
    this.n = requireInt("n", n, 1);
    this.m = requireInt("m", m, 1);
    this.rank = requireInt("rank", rank, 1, Math.min(n, m));
    this.init = requireOneOf("init", init, ["zeroB", "symmetric", "additive"] as const);
    this.impl = requireOneOf("impl", impl, ["merged", "factored"] as const);
    if (!rng || typeof rng.normals !== "function") throw new TypeError("rng must be an Rng");
    if (init === "additive" && (n % rank !== 0 || m % rank !== 0)) {
      throw new RangeError(`additive rank ${rank} must divide n = ${n} and m = ${m}`);
    }
    const r = this.rank;
    if (init === "additive") {
      this.A = zerosVariable(n, r);
      this.B = zerosVariable(r, m);
      // the block identities I_{r(1×m/r)} and I_{r(n/r×1)} as constants: products with them are cheap matmuls
      this.#A0 = tf.keep(blockIdentity(r, m / r, "row"));
      this.#B0 = tf.keep(blockIdentity(r, n / r, "col"));
    } else {
      this.A = heNormalVariable(rng, n, r, 2 * n); // std √(1/n)
      this.B = init === "symmetric"
        ? heNormalVariable(rng, r, m, 2 * r) // std √(1/r)
        : zerosVariable(r, m);
      this.#A0 = init === "symmetric" ? tf.keep(this.A.clone()) as tf.Tensor2D : null;
      this.#B0 = init === "symmetric" ? tf.keep(this.B.clone()) as tf.Tensor2D : null;
    }
  }

  /** The trainable factors [A, B]. */
  get variables(): tf.Variable[] {
    return [this.A, this.B];
  }

  /** r(n + m) trainable parameters. */
  get numParams(): number {
    return this.rank * (this.n + this.m);
  }

  /** Δ as an n×m tensor (AB, AB − A₀B₀, or A·I + I·B). Call inside tf.tidy. */
  delta(): tf.Tensor2D {
    if (this.init === "additive") {
      return tf.add(matMulFast(this.A, this.#A0!), matMulFast(this.#B0!, this.B)) as tf.Tensor2D;
    }
    const ab = matMulFast(this.A, this.B);
    return this.#A0 ? tf.sub(ab, matMulFast(this.#A0, this.#B0!)) as tf.Tensor2D : ab;
  }

  /** x(W₀ + Δ) by this factor's implementation; x is [b, n], W0 [n, m]. Call inside tf.tidy. */
  apply(x: tf.Tensor2D, W0: tf.Tensor2D): tf.Tensor2D {
    if (!(x instanceof tf.Tensor) || x.rank !== 2 || x.shape[1] !== this.n) {
      throw new RangeError(`x must have shape [b, ${this.n}], got [${(x as tf.Tensor)?.shape}]`);
    }
    if (!(W0 instanceof tf.Tensor) || W0.shape.join() !== `${this.n},${this.m}`) {
      throw new RangeError(`W0 must have shape [${this.n}, ${this.m}]`);
    }
    if (this.impl === "merged") return matMulFast(x, tf.add(W0, this.delta()) as tf.Tensor2D);
    const base = matMulFast(x, W0);
    if (this.init === "additive") {
      // (xA)·I_row repeats the r columns of xA; (x·I_col) sums x's columns in r residue classes, then ·B
      const xa = matMulFast(matMulFast(x, this.A), this.#A0!);
      return tf.add(base, tf.add(xa, matMulFast(matMulFast(x, this.#B0!), this.B))) as tf.Tensor2D;
    }
    let y = tf.add(base, matMulFast(matMulFast(x, this.A), this.B)) as tf.Tensor2D;
    if (this.#A0) y = tf.sub(y, matMulFast(matMulFast(x, this.#A0), this.#B0!)) as tf.Tensor2D;
    return y;
  }

  /** Releases the factors and the frozen initial product. */
  dispose(): void {
    tf.dispose([this.A, this.B]);
    if (this.#A0) tf.dispose([this.#A0, this.#B0!]);
  }
}

function zerosVariable(rows: number, cols: number): tf.Variable<tf.Rank.R2> {
  return tf.tidy(() => tf.variable(tf.zeros([rows, cols]))) as tf.Variable<tf.Rank.R2>;
}

/** A set of adapters: the trainable variables, the hooks to pass to the backbone, and a disposer. */
export interface AdapterSet {
  variables: tf.Variable[];
  hooks: ResMlpHooks;
  numParams: number;
  dispose(): void;
}

function requireBackbone(net: ResMlp): void {
  if (!net || !Array.isArray(net.blocks) || typeof net.width !== "number") {
    throw new TypeError("net must be a ResMlp");
  }
}

/** Options of {@link makeLora}. */
export interface LoraOptions {
  rank: number;
  /** Default "zeroB". */
  init?: LoraInit;
  /** Default "factored". */
  impl?: LoraImpl;
  rng: Rng;
}

/** LoRA factors on W₁ and W₂ of every block: relu(h(W₁ + Δ₁) + c₁)(W₂ + Δ₂) + c₂. */
export function makeLora(net: ResMlp, opts: LoraOptions): AdapterSet & { factors: LoraFactor[][] } {
  requireBackbone(net);
  if (!opts || typeof opts !== "object") throw new TypeError("opts must be LoraOptions");
  const H = net.width, E = net.expand * H;
  const init = opts.init ?? "zeroB", impl = opts.impl ?? "factored";
  const factors = net.blocks.map(() => [
    new LoraFactor(H, E, opts.rank, init, impl, opts.rng),
    new LoraFactor(E, H, opts.rank, init, impl, opts.rng),
  ]);
  const hooks: ResMlpHooks = {
    ffn: (l, block, h) => {
      const [W1, c1, W2, c2] = block.variables as [
        tf.Variable<tf.Rank.R2>,
        tf.Variable,
        tf.Variable<tf.Rank.R2>,
        tf.Variable,
      ];
      const [f1, f2] = factors[l];
      const u = tf.relu(tf.add(f1.apply(h, W1), c1)) as tf.Tensor2D;
      return tf.add(f2.apply(u, W2), c2) as tf.Tensor2D;
    },
  };
  const all = factors.flat();
  return {
    factors,
    variables: all.flatMap((f) => f.variables),
    hooks,
    numParams: all.reduce((s, f) => s + f.numParams, 0),
    dispose: () => all.forEach((f) => f.dispose()),
  };
}

/** Bottleneck Adapters after every block: b ← b + relu(bD)U, D ∈ ℝ^{H×H/r} (He), U = 0; 2LH²/r parameters. */
export function makeAdapters(net: ResMlp, reduction: number, rng: Rng): AdapterSet {
  requireBackbone(net);
  const H = net.width;
  requireInt("reduction", reduction, 1, H);
  if (H % reduction !== 0) throw new RangeError(`reduction ${reduction} must divide the width ${H}`);
  if (!rng || typeof rng.normals !== "function") throw new TypeError("rng must be an Rng");
  const s = H / reduction;
  const parts = net.blocks.map(() => ({
    D: heNormalVariable(rng, H, s),
    U: zerosVariable(s, H),
  }));
  const variables = parts.flatMap((p) => [p.D, p.U]);
  return {
    variables,
    hooks: {
      after: (l, b) => tf.add(b, matMulFast(tf.relu(matMulFast(b, parts[l].D)), parts[l].U)) as tf.Tensor2D,
    },
    numParams: variables.reduce((t, v) => t + v.size, 0),
    dispose: () => tf.dispose(variables),
  };
}

/** One learned vector p ∈ ℝ^H (zero at start) added to the embedding output: b₀ = xE + e + p. */
export function makePrompt(net: ResMlp): AdapterSet {
  requireBackbone(net);
  const p = tf.tidy(() => tf.variable(tf.zeros([net.width])));
  return { variables: [p], hooks: { prompt: p }, numParams: net.width, dispose: () => p.dispose() };
}
