/**
 * LoRA seen through its gradients (Su, "梯度视角下的LoRA", kexue.fm/archives/9590): W = W₀ + AB with
 * A ∈ ℝ^{n×r}, B ∈ ℝ^{r×m}. The routines here are the article's formulas on tensors (float32 tfjs):
 * the two ways of computing XW (merged weight vs factored product), the gradients of A and B from the full
 * gradient G = ∂L/∂W (GBᵀ and AᵀG), the multiply-add counts of both implementations, the exact one-step expansion
 * of an SGD step, the random-projection update, the additive variant W₀ + A·I + I·B and optimizer-side LoRA
 * (projected SGD). The learned adapters of a network live in lib/train/adapters.ts.
 * @module
 */
import { matMulFast, requireInt, requireOneOf, requirePositive, type Rng, tf } from "../core/mod.ts";

/** How XW is computed: "merged" = X(W₀ + AB) (forms n×m), "factored" = XW₀ + (XA)B (only b×r extra). */
export type LoraImpl = "merged" | "factored";

function require2d(name: string, t: unknown): tf.Tensor2D {
  if (!(t instanceof tf.Tensor) || t.rank !== 2) {
    throw new TypeError(
      `${name} must be a rank-2 tensor, got ${t instanceof tf.Tensor ? `[${t.shape}]` : t}`,
    );
  }
  return t as tf.Tensor2D;
}

function checkFactors(W0: tf.Tensor2D, A: tf.Tensor2D, B: tf.Tensor2D): void {
  const [n, m] = W0.shape;
  if (A.shape[0] !== n) throw new RangeError(`A must have ${n} rows (W₀ is [${W0.shape}]), got [${A.shape}]`);
  if (B.shape[1] !== m) {
    throw new RangeError(`B must have ${m} columns (W₀ is [${W0.shape}]), got [${B.shape}]`);
  }
  if (A.shape[1] !== B.shape[0]) {
    throw new RangeError(`A's columns (${A.shape[1]}) must equal B's rows (${B.shape[0]})`);
  }
}

/**
 * Y = X(W₀ + AB) — article eq. of implementation (i) ("merged") or (ii) ("factored"): XW₀ + (XA)B. Equal in exact
 * arithmetic; they differ in what autodiff forms (the n×m gradient G for (i), only b×r products for (ii)).
 */
export function loraForward(
  x: tf.Tensor2D,
  W0: tf.Tensor2D,
  A: tf.Tensor2D,
  B: tf.Tensor2D,
  impl: LoraImpl,
): tf.Tensor2D {
  require2d("x", x);
  require2d("W0", W0);
  require2d("A", A);
  require2d("B", B);
  checkFactors(W0, A, B);
  if (x.shape[1] !== W0.shape[0]) {
    throw new RangeError(`x must have ${W0.shape[0]} columns, got [${x.shape}]`);
  }
  requireOneOf("impl", impl, ["merged", "factored"] as const);
  return tf.tidy(() =>
    impl === "merged"
      ? matMulFast(x, tf.add(W0, matMulFast(A, B)))
      : tf.add(matMulFast(x, W0), matMulFast(matMulFast(x, A), B))
  );
}

/** The article's gradient formulas: ∂L/∂A = G Bᵀ and ∂L/∂B = Aᵀ G, with G = ∂L/∂W (n×m). */
export function loraGradsFromFull(
  G: tf.Tensor2D,
  A: tf.Tensor2D,
  B: tf.Tensor2D,
): { gA: tf.Tensor2D; gB: tf.Tensor2D } {
  require2d("G", G);
  require2d("A", A);
  require2d("B", B);
  checkFactors(G, A, B);
  return tf.tidy(() => ({ gA: tf.matMul(G, B, false, true), gB: tf.matMul(A, G, true, false) }));
}

/**
 * Multiply-adds of the weight-gradient path for a batch of b rows (derivation 2): merged = b·n·m (G = XᵀδY) +
 * 2·n·m·r (GBᵀ and AᵀG), plus `mergeForward` = n·m·r to form W₀ + AB in the forward; factored = b·r·(n + 2m)
 * (δY·Bᵀ, Xᵀ(δY Bᵀ) and Zᵀ δY with Z = XA).
 */
export function loraWeightGradMacs(
  b: number,
  n: number,
  m: number,
  r: number,
): { merged: number; factored: number; mergeForward: number } {
  requireInt("b", b, 1);
  requireInt("n", n, 1);
  requireInt("m", m, 1);
  requireInt("r", r, 1);
  return { merged: b * n * m + 2 * n * m * r, factored: b * r * (n + 2 * m), mergeForward: n * m * r };
}

/**
 * One SGD step A' = A − ηGBᵀ, B' = B − ηAᵀG and its exact expansion (derivation 5):
 * A'B' − AB = −η(GBᵀB + AAᵀG) + η²GBᵀAᵀG. Returns `exact` = A'B' − AB (computed from the updated factors), and the
 * two terms of the expansion `firstOrder` = −η(GBᵀB + AAᵀG) and `secondOrder` = η²GBᵀAᵀG.
 */
export function sgdExpansion(
  G: tf.Tensor2D,
  A: tf.Tensor2D,
  B: tf.Tensor2D,
  eta: number,
): { exact: tf.Tensor2D; firstOrder: tf.Tensor2D; secondOrder: tf.Tensor2D } {
  require2d("G", G);
  require2d("A", A);
  require2d("B", B);
  checkFactors(G, A, B);
  requirePositive("eta", eta);
  return tf.tidy(() => {
    const gA = tf.matMul(G, B, false, true), gB = tf.matMul(A, G, true, false);
    const A1 = tf.sub(A, tf.mul(eta, gA)), B1 = tf.sub(B, tf.mul(eta, gB));
    const exact = tf.sub(tf.matMul(A1, B1), tf.matMul(A, B)) as tf.Tensor2D;
    const firstOrder = tf.mul(-eta, tf.add(tf.matMul(gA, B), tf.matMul(A, gB))) as tf.Tensor2D;
    const secondOrder = tf.mul(eta * eta, tf.matMul(gA, gB)) as tf.Tensor2D;
    return { exact, firstOrder, secondOrder };
  });
}

/**
 * The random-projection update of derivation 6 with fresh u ~ N(0, Iₙ), v ~ N(0, Iₘ) (drawn from `rng`):
 * uuᵀG + Gvᵀv, computed as u(uᵀG) + (Gvᵀ)v (no n×n product). E[·] = 2G (the article writes the dimensions of u and
 * v swapped).
 */
export function randomProjectionUpdate(G: tf.Tensor2D, rng: Rng): tf.Tensor2D {
  require2d("G", G);
  if (!rng || typeof rng.normals !== "function") throw new TypeError("rng must be an Rng");
  const [n, m] = G.shape;
  const u = Float32Array.from(rng.normals(n)), v = Float32Array.from(rng.normals(m));
  return tf.tidy(() => {
    const ut = tf.tensor2d(u, [n, 1]), vt = tf.tensor2d(v, [1, m]);
    return tf.add(tf.matMul(ut, tf.matMul(ut, G, true, false)), tf.matMul(tf.matMul(G, vt, false, true), vt));
  });
}

/**
 * The r × (r·reps) matrix of `reps` side-by-side r×r identities ("row", written I_{r(1×reps)} in derivation 7) or its
 * transpose, (r·reps) × r stacked identities ("col").
 */
export function blockIdentity(r: number, reps: number, orientation: "row" | "col"): tf.Tensor2D {
  requireInt("r", r, 1);
  requireInt("reps", reps, 1);
  requireOneOf("orientation", orientation, ["row", "col"] as const);
  return tf.tidy(() => {
    const row = tf.tile(tf.eye(r), [1, reps]) as tf.Tensor2D;
    return orientation === "row" ? row : tf.transpose(row);
  });
}

/**
 * The additive increment of derivation 7: A·I_{r(1×m/r)} + I_{r(n/r×1)}·B with A ∈ ℝ^{n×r}, B ∈ ℝ^{r×m}, r | n and
 * r | m. For r = 1 this is A𝟙_{1×m} + 𝟙_{n×1}B, rank ≤ 2; in general rank ≤ 2r.
 */
export function additiveDelta(A: tf.Tensor2D, B: tf.Tensor2D): tf.Tensor2D {
  require2d("A", A);
  require2d("B", B);
  const [n, r] = A.shape, [r2, m] = B.shape;
  if (r !== r2) throw new RangeError(`A's columns (${r}) must equal B's rows (${r2})`);
  if (n % r !== 0 || m % r !== 0) throw new RangeError(`r = ${r} must divide n = ${n} and m = ${m}`);
  return tf.tidy(() =>
    tf.add(tf.matMul(A, blockIdentity(r, m / r, "row")), tf.matMul(blockIdentity(r, n / r, "col"), B))
  );
}

/**
 * Optimizer-side LoRA with SGD (article §优化视角): given the full gradient G of W, update
 * A ← A − ηGBᵀ, B ← B − ηAᵀG (both from the old factors) and return W₀ + AB, the weight the network should use next.
 */
export class ProjectedSgd {
  readonly eta: number;
  readonly A: tf.Variable<tf.Rank.R2>;
  readonly B: tf.Variable<tf.Rank.R2>;

  /** @param A,B the factors (updated in place); @param eta the SGD step. */
  constructor(A: tf.Variable<tf.Rank.R2>, B: tf.Variable<tf.Rank.R2>, eta: number) {
    if (!(A instanceof tf.Variable) || !(B instanceof tf.Variable)) {
      throw new TypeError("A and B must be tf.Variable");
    }
    if (A.rank !== 2 || B.rank !== 2 || A.shape[1] !== B.shape[0]) {
      throw new RangeError(`A [n, r] and B [r, m] must share r, got [${A.shape}] and [${B.shape}]`);
    }
    this.eta = requirePositive("eta", eta);
    this.A = A;
    this.B = B;
  }

  /** One projected step from the full gradient G (n×m); returns W₀ + AB after the step (caller disposes). */
  step(W0: tf.Tensor2D, G: tf.Tensor2D): tf.Tensor2D {
    require2d("W0", W0);
    require2d("G", G);
    checkFactors(W0, this.A, this.B);
    if (G.shape.join() !== W0.shape.join()) {
      throw new RangeError(`G must have shape [${W0.shape}], got [${G.shape}]`);
    }
    return tf.tidy(() => {
      const { gA, gB } = loraGradsFromFull(G, this.A, this.B);
      this.A.assign(tf.sub(this.A, tf.mul(this.eta, gA)));
      this.B.assign(tf.sub(this.B, tf.mul(this.eta, gB)));
      return tf.add(W0, tf.matMul(this.A, this.B));
    });
  }
}

/**
 * A scalar whose gradient with respect to each `vars[i]` is the constant `grads[i]`: Σᵢ sum(varsᵢ ⊙ gradsᵢ). With it,
 * lib/train's Adam can step on gradients computed elsewhere — optimizer-side LoRA with Adam keeps its moments on the
 * projected gradients GBᵀ and AᵀG (compute them before the closure, so they are constants to autodiff).
 */
export function gradientSurrogate(vars: tf.Variable[], grads: tf.Tensor[]): tf.Scalar {
  if (!Array.isArray(vars) || vars.length === 0 || vars.some((v) => !(v instanceof tf.Variable))) {
    throw new TypeError("vars must be a non-empty array of tf.Variable");
  }
  if (!Array.isArray(grads) || grads.length !== vars.length) {
    throw new RangeError(`grads must hold one tensor per variable (${vars.length})`);
  }
  grads.forEach((g, i) => {
    if (!(g instanceof tf.Tensor) || g.shape.join() !== vars[i].shape.join()) {
      throw new RangeError(`grads[${i}] must have shape [${vars[i].shape}]`);
    }
  });
  return tf.tidy(() => tf.addN(vars.map((v, i) => tf.sum(tf.mul(v, grads[i])))) as tf.Scalar);
}
