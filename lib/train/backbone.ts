/**
 * The small residual backbone that notebooks 01 (ladder side-tuning) and 27 (LoRA) adapt — an MLP stand-in for a
 * pre-LN Transformer's feed-forward stack (brief 01, derivation 4):
 *
 *   b₀ = xE + e,   b_ℓ = b_{ℓ−1} + relu(LN(b_{ℓ−1})W₁ˡ + c₁ˡ)W₂ˡ + c₂ˡ  (ℓ = 1..L),   features = LN(b_L),
 *
 * with W₁ˡ ∈ ℝ^{H×eH} (expansion e = 4), LN without learned scale/shift, and a linear head on the features. It is
 * assembled from lib/train's {@link Mlp}: the embedding is an affine Mlp (no hidden layer), each block's feed-forward
 * part is an Mlp H → [eH] → H (ReLU), and the head an affine Mlp H → C. Only the residual stream and the layer norm
 * are added here, and a few hooks (prompt, feed-forward replacement, post-block adapter) through which
 * lib/train/adapters.ts injects LoRA, Adapters and prompts. Parameter count 784H + H + L(8H² + 5H) for e = 4.
 * @module
 */
import { requireInt, requirePositive, Rng, tf } from "../core/mod.ts";
import { Mlp } from "./mlp.ts";

/** Options of {@link ResMlp}. */
export interface ResMlpOptions {
  /** Input width (784 for MNIST). */
  inDim: number;
  /** Residual width H. */
  width: number;
  /** Number of residual blocks L. */
  depth: number;
  /** Feed-forward expansion e (default 4). */
  expand?: number;
  /** Classes of the pre-training head. */
  classes: number;
  /** Seeded generator of all initial weights (embedding, blocks in order, head). */
  rng: Rng;
}

/** Hooks of a forward pass (each optional); see lib/train/adapters.ts. */
export interface ResMlpHooks {
  /** Added to b₀ (a learned prompt vector, [H] or [1, H]). */
  prompt?: tf.Tensor;
  /** Replaces block ℓ's feed-forward output f(LN(b)) (e.g. with LoRA-modified weights); null = unchanged. */
  ffn?: (l: number, block: Mlp, h: tf.Tensor2D) => tf.Tensor2D | null;
  /** Maps block ℓ's output b_ℓ to a new b_ℓ (e.g. b + Adapter(b)). */
  after?: (l: number, b: tf.Tensor2D) => tf.Tensor2D;
}

/** Layer norm over the last axis without learned parameters: (x − mean)/√(var + ε), ε = 1e-5. */
export function layerNorm(x: tf.Tensor2D): tf.Tensor2D {
  if (!(x instanceof tf.Tensor) || x.rank !== 2) throw new TypeError("x must be a rank-2 tensor");
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))) as tf.Tensor2D;
  });
}

/** The residual MLP backbone with its pre-training head (see the module note). */
export class ResMlp {
  readonly inDim: number;
  readonly width: number;
  readonly depth: number;
  readonly expand: number;
  readonly classes: number;
  readonly embed: Mlp;
  readonly blocks: Mlp[];
  readonly head: Mlp;

  constructor(opts: ResMlpOptions) {
    if (!opts || typeof opts !== "object") throw new TypeError("opts must be ResMlpOptions");
    if (!(opts.rng instanceof Rng)) throw new TypeError("opts.rng must be an Rng");
    this.inDim = requireInt("opts.inDim", opts.inDim, 1);
    this.width = requireInt("opts.width", opts.width, 1);
    this.depth = requireInt("opts.depth", opts.depth, 1);
    this.expand = requireInt("opts.expand", opts.expand ?? 4, 1);
    this.classes = requireInt("opts.classes", opts.classes, 2);
    const H = this.width, rng = opts.rng;
    this.embed = new Mlp({ inputs: this.inDim, outDim: H, hidden: [], rng });
    this.blocks = Array.from({ length: this.depth }, () =>
      new Mlp({
        inputs: H,
        outDim: H,
        hidden: [this.expand * H],
        // the second matrix scaled by 1/√L so that the residual stream does not grow with depth
        outScale: 1 / Math.sqrt(this.depth),
        rng,
      }));
    this.head = new Mlp({ inputs: H, outDim: this.classes, hidden: [], rng });
  }

  /** Embedding and block variables (the head excluded), in a fixed order. */
  get backboneVariables(): tf.Variable[] {
    return [...this.embed.variables, ...this.blocks.flatMap((b) => b.variables)];
  }

  /** All variables: backbone then head. */
  get variables(): tf.Variable[] {
    return [...this.backboneVariables, ...this.head.variables];
  }

  /** Parameters of the backbone without the head: inDim·H + H + L(2eH² + (e+1)H). */
  get numBackboneParams(): number {
    return this.backboneVariables.reduce((s, v) => s + v.size, 0);
  }

  #checkX(x: tf.Tensor2D): void {
    if (!(x instanceof tf.Tensor) || x.rank !== 2 || x.shape[1] !== this.inDim) {
      throw new RangeError(`x must have shape [n, ${this.inDim}], got [${(x as tf.Tensor)?.shape}]`);
    }
  }

  /** b_ℓ from b_{ℓ−1} for block ℓ (0-based index), with the hooks. Inside the caller's tidy. */
  #block(l: number, b: tf.Tensor2D, hooks: ResMlpHooks): tf.Tensor2D {
    const blk = this.blocks[l];
    const h = layerNorm(b);
    const f = hooks.ffn?.(l, blk, h) ?? blk.predict([h]);
    const out = tf.add(b, f) as tf.Tensor2D;
    return hooks.after ? hooks.after(l, out) : out;
  }

  #embed(x: tf.Tensor2D, hooks: ResMlpHooks): tf.Tensor2D {
    const b0 = this.embed.predict([x]);
    return hooks.prompt ? tf.add(b0, hooks.prompt) as tf.Tensor2D : b0;
  }

  /**
   * The features LN(b_L) through the whole backbone with optional hooks — everything on the gradient tape when
   * called inside a gradient closure. Call inside tf.tidy.
   */
  features(x: tf.Tensor2D, hooks: ResMlpHooks = {}): tf.Tensor2D {
    this.#checkX(x);
    let b = this.#embed(x, hooks);
    for (let l = 0; l < this.depth; l++) b = this.#block(l, b, hooks);
    return layerNorm(b);
  }

  /** Pre-training logits head(LN(b_L)); call inside tf.tidy. */
  logits(x: tf.Tensor2D, hooks: ResMlpHooks = {}): tf.Tensor2D {
    return this.head.predict([this.features(x, hooks)]);
  }

  /**
   * The states b₀, b₁, …, b_L computed without a tape ("no-grad forward"), each block in its own tf.tidy so only the
   * states survive; with `keep: "last"` only [LN(b_L)] is returned (what a linear probe needs). The caller disposes.
   */
  states(x: tf.Tensor2D, keep: "all" | "last" = "all"): tf.Tensor2D[] {
    this.#checkX(x);
    if (keep !== "all" && keep !== "last") throw new RangeError(`keep must be "all" or "last", got ${keep}`);
    const out: tf.Tensor2D[] = [tf.tidy(() => this.#embed(x, {}))];
    for (let l = 0; l < this.depth; l++) {
      const prev = out[out.length - 1];
      const next = tf.tidy(() => this.#block(l, prev, {}));
      if (keep === "last") {
        prev.dispose();
        out[out.length - 1] = next;
      } else out.push(next);
    }
    if (keep === "last") {
      const last = out[0];
      const f = tf.tidy(() => layerNorm(last));
      last.dispose();
      return [f];
    }
    return out;
  }

  /** A copy with the same weights (e.g. to fine-tune fully without touching the pre-trained net). */
  clone(): ResMlp {
    const c = new ResMlp({
      inDim: this.inDim,
      width: this.width,
      depth: this.depth,
      expand: this.expand,
      classes: this.classes,
      rng: new Rng(0),
    });
    c.variables.forEach((v, i) => v.assign(this.variables[i]));
    return c;
  }

  /** Releases all weights. */
  dispose(): void {
    this.embed.dispose();
    this.blocks.forEach((b) => b.dispose());
    this.head.dispose();
  }
}

/** Accuracy of `logits` (a function of an [n, d] batch) on labelled rows, evaluated in chunks inside tf.tidy. */
export function accuracy(
  logits: (x: tf.Tensor2D) => tf.Tensor2D,
  x: tf.Tensor2D,
  labels: Int32Array | Uint8Array,
  chunk = 1000,
): number {
  if (typeof logits !== "function") throw new TypeError("logits must be a function of a batch");
  if (!(x instanceof tf.Tensor) || x.rank !== 2) throw new TypeError("x must be a rank-2 tensor");
  if (labels.length !== x.shape[0]) {
    throw new RangeError(`labels must have ${x.shape[0]} entries, got ${labels.length}`);
  }
  requirePositive("chunk", requireInt("chunk", chunk, 1));
  let right = 0;
  const n = x.shape[0];
  for (let s = 0; s < n; s += chunk) {
    const e = Math.min(n, s + chunk);
    const pred = tf.tidy(() => tf.argMax(logits(tf.slice(x, [s, 0], [e - s, -1])), 1).dataSync());
    for (let i = s; i < e; i++) if (pred[i - s] === labels[i]) right++;
  }
  return right / n;
}
