/**
 * The score as a ratio of two expectations over the data (article 23, step 2):
 *
 *   ∇log p_t(x) = E_{x₀}[∇ₓ p_t(x | x₀)] / E_{x₀}[p_t(x | x₀)],   p_t(x | x₀) = N(x; a x₀, b² I),
 *
 * i.e. a softmax-weighted average of the conditional scores (a x₀ − x)/b². With x₀ replaced by a batch of data points
 * (equal weights) it is the batch estimator that is biased (a ratio of Monte Carlo means; the bias falls like 1/B);
 * with quadrature nodes and weights p₀(x₀)·h it is the posterior average of step 4 computed by brute force. Weights
 * are combined in the log domain (log-sum-exp). Float64, any dimension d.
 * @module
 */
import { requireFinite, requireInt, requirePositive } from "../../core/mod.ts";
import type { Points } from "../schedule/mod.ts";

/**
 * Σ_i π_i(x)(a x₀ᵢ − x)/b² with π_i(x) ∝ w_i exp(−‖x − a x₀ᵢ‖²/(2b²)), for every row of x (n×d). `nodes` are the
 * x₀ᵢ (m×d); `weights` (m values ≥ 0, default equal) need not be normalised.
 */
export function kernelRatioScore(
  x: Points,
  nodes: Points,
  a: number,
  b: number,
  d: number,
  weights?: ArrayLike<number>,
): Points {
  requireInt("d", d, 1);
  if (!(x instanceof Float64Array) || x.length % d !== 0) {
    throw new RangeError(`x must be a Float64Array of whole rows of d=${d}`);
  }
  if (!(nodes instanceof Float64Array) || nodes.length === 0 || nodes.length % d !== 0) {
    throw new RangeError(`nodes must be a non-empty Float64Array of whole rows of d=${d}`);
  }
  requireFinite("a", a);
  requirePositive("b", b);
  const m = nodes.length / d, n = x.length / d;
  const logW = new Float64Array(m);
  if (weights !== undefined) {
    if (weights.length !== m) throw new RangeError(`weights must have ${m} values, got ${weights.length}`);
    for (let j = 0; j < m; j++) logW[j] = Math.log(requirePositive(`weights[${j}]`, weights[j], true));
  }
  const inv2 = 1 / (2 * b * b), ib2 = 1 / (b * b), l = new Float64Array(m), out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < m; j++) {
      let sq = 0;
      for (let q = 0; q < d; q++) sq += (x[i * d + q] - a * nodes[j * d + q]) ** 2;
      l[j] = logW[j] - sq * inv2;
      if (l[j] > max) max = l[j];
    }
    if (max === -Infinity) throw new RangeError("weights must not all be 0");
    let z = 0;
    for (let j = 0; j < m; j++) {
      const w = Math.exp(l[j] - max);
      z += w;
      for (let q = 0; q < d; q++) out[i * d + q] += w * (a * nodes[j * d + q] - x[i * d + q]);
    }
    for (let q = 0; q < d; q++) out[i * d + q] *= ib2 / z;
  }
  return out;
}

/**
 * The batch ("ratio") estimator of the score from B data points (article 23, step 2): x ↦ {@link kernelRatioScore}
 * with equal weights. Biased for finite B (a ratio of means); with B = 1 it is the single conditional score.
 */
export function ratioScoreEstimator(batchX0: Points, a: number, b: number, d: number): (x: Points) => Points {
  requireInt("d", d, 1);
  if (!(batchX0 instanceof Float64Array) || batchX0.length === 0 || batchX0.length % d !== 0) {
    throw new RangeError(`batchX0 must be a non-empty Float64Array of whole rows of d=${d}`);
  }
  requireFinite("a", a);
  requirePositive("b", b);
  const nodes = Float64Array.from(batchX0);
  return (x) => kernelRatioScore(x, nodes, a, b, d);
}
