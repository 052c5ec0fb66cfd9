/**
 * The ladder side network of Ladder Side-Tuning (Sung, Cho & Bansal 2022; Su, kexue.fm/archives/9138), in the
 * paper's gated form (brief 01, derivation 2): from the frozen backbone's states b₀ … b_L (computed without a tape),
 *
 *   z₀ = b₀D₀,   z_ℓ = g_ℓ(μ_ℓ z_{ℓ−1} + (1 − μ_ℓ) b_ℓD_ℓ),   h = μ_F · z_L U + (1 − μ_F) · b_L,
 *
 * with ladders D_ℓ ∈ ℝ^{H×s} (no bias), side width s = H/r, side blocks g_ℓ of the backbone's shape at width s
 * (z + relu(LN(z)W₁ + c₁)W₂ + c₂, the feed-forward part an {@link Mlp} s → [es] → s), up-projection U ∈ ℝ^{s×H}
 * and learnable gates μ = σ(α/T), α = 0 at start (μ = ½), T = 0.1. The task head reads LN(h). Trainable
 * (L+1)Hs + L(2es² + (e+1)s) + sH + (L+1), besides the head. Gradients never enter the backbone.
 * @module
 */
import { matMulFast, requireInt, requirePositive, type Rng, tf } from "../core/mod.ts";
import { layerNorm, type ResMlp } from "./backbone.ts";
import { heNormalVariable } from "./init.ts";
import { Mlp } from "./mlp.ts";

/** Options of {@link LadderSide}. */
export interface LadderOptions {
  /** Reduction r: side width s = H/r (the paper's default 8). */
  reduction: number;
  /** Gate temperature T (default 0.1). */
  gateT?: number;
  rng: Rng;
}

/** The side network (see the module note). */
export class LadderSide {
  readonly width: number;
  readonly sideWidth: number;
  readonly depth: number;
  readonly gateT: number;
  readonly ladders: tf.Variable<tf.Rank.R2>[];
  readonly blocks: Mlp[];
  readonly up: tf.Variable<tf.Rank.R2>;
  /** α₁ … α_L and α_F (the last one gates the output). */
  readonly gates: tf.Variable<tf.Rank.R1>;

  /** Builds a side network for `net` (its width H, depth L and expansion). */
  constructor(net: ResMlp, opts: LadderOptions) {
    if (!net || !Array.isArray(net.blocks) || typeof net.width !== "number") {
      throw new TypeError("net must be a ResMlp");
    }
    if (!opts || typeof opts !== "object") throw new TypeError("opts must be LadderOptions");
    if (!opts.rng || typeof opts.rng.normals !== "function") throw new TypeError("opts.rng must be an Rng");
    const H = net.width, L = net.depth;
    const r = requireInt("opts.reduction", opts.reduction, 1, H);
    if (H % r !== 0) throw new RangeError(`opts.reduction ${r} must divide the width ${H}`);
    this.gateT = requirePositive("opts.gateT", opts.gateT ?? 0.1);
    this.width = H;
    this.depth = L;
    const s = this.sideWidth = H / r, rng = opts.rng;
    this.ladders = Array.from({ length: L + 1 }, () => heNormalVariable(rng, H, s, 2 * H)); // std √(1/H)
    this.blocks = Array.from(
      { length: L },
      () => new Mlp({ inputs: s, outDim: s, hidden: [net.expand * s], outScale: 1 / Math.sqrt(L), rng }),
    );
    this.up = heNormalVariable(rng, s, H, 2 * s);
    this.gates = tf.tidy(() => tf.variable(tf.zeros([L + 1]))) as tf.Variable<tf.Rank.R1>;
  }

  /** The trainable variables: ladders, side blocks, up-projection, gates. */
  get variables(): tf.Variable[] {
    return [...this.ladders, ...this.blocks.flatMap((b) => b.variables), this.up, this.gates];
  }

  /** Trainable parameters (head excluded). */
  get numParams(): number {
    return this.variables.reduce((t, v) => t + v.size, 0);
  }

  /** The gates μ = σ(α/T) as numbers (μ₁ … μ_L, μ_F). */
  gateValues(): number[] {
    return Array.from(tf.tidy(() => tf.sigmoid(tf.div(this.gates, this.gateT)).dataSync()));
  }

  /** LN(h) from the backbone states [b₀, …, b_L] (as returned by ResMlp.states). Call inside tf.tidy. */
  features(states: readonly tf.Tensor2D[]): tf.Tensor2D {
    if (!Array.isArray(states) || states.length !== this.depth + 1) {
      throw new RangeError(`states must be the ${this.depth + 1} backbone states b₀..b_L`);
    }
    states.forEach((b, i) => {
      if (!(b instanceof tf.Tensor) || b.rank !== 2 || b.shape[1] !== this.width) {
        throw new RangeError(`states[${i}] must have shape [n, ${this.width}]`);
      }
    });
    const mu = tf.sigmoid(tf.div(this.gates, this.gateT));
    let z = matMulFast(states[0], this.ladders[0]);
    for (let l = 1; l <= this.depth; l++) {
      const m = tf.slice(mu, [l - 1], [1]);
      const mixed = tf.add(
        tf.mul(m, z),
        tf.mul(tf.sub(1, m), matMulFast(states[l], this.ladders[l])),
      ) as tf.Tensor2D;
      z = tf.add(mixed, this.blocks[l - 1].predict([layerNorm(mixed)])) as tf.Tensor2D;
    }
    const mF = tf.slice(mu, [this.depth], [1]);
    const h = tf.add(tf.mul(mF, matMulFast(z, this.up)), tf.mul(tf.sub(1, mF), states[this.depth]));
    return layerNorm(h as tf.Tensor2D);
  }

  /** Releases the side network's weights. */
  dispose(): void {
    tf.dispose([...this.ladders, this.up, this.gates]);
    this.blocks.forEach((b) => b.dispose());
  }
}
