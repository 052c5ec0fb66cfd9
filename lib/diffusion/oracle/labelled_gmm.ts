/**
 * Labelled Gaussian mixtures for conditional generation (article 06, "conditional generation", kexue.fm/archives/9257):
 * each component of a {@link GaussianMixture} carries a class label y, so after the forward map
 * x_t = ᾱ_t x₀ + β̄_t ε every quantity of classifier guidance is closed form — the noisy classifier p(y|x_t), its
 * input gradient ∇log p(y|x_t), the conditional optimal noise predictor ε*(x_t|y) = −β̄_t ∇log p(x_t|y), and the
 * clean-data Bayes class. Float64 throughout; every class sum is done in log space (log-sum-exp), so far-off
 * points give exact 0/1 posteriors instead of 0/0.
 *
 * Points are row-major Float64Array n×d; `a` = ᾱ_t and `b` = β̄_t are scalars or one value per row (as in gmm.ts).
 * @module
 */
import { requireAllFinite, requireFinite, requireInt, requirePositive, type Rng } from "../../core/mod.ts";
import { type Coef, GaussianMixture, type Points } from "./gmm.ts";

/** A mixture with one class label per component. */
export class LabelledMixture {
  /** The unconditional mixture p(x₀) = Σ_k w_k N(m_k, s_k² I). */
  readonly mixture: GaussianMixture;
  /** The class of each component (length K, values 0..classes−1). */
  readonly labels: Int32Array;
  /** Number of classes C (every class owns at least one component). */
  readonly classes: number;
  /** The class priors p(y) = Σ_{k∈y} w_k. */
  readonly prior: Float64Array;
  readonly #conditional: GaussianMixture[];

  /** @param labels the class of each component of `mixture`, covering 0..C−1 with no gap. */
  constructor(mixture: GaussianMixture, labels: number[]) {
    if (!(mixture instanceof GaussianMixture)) throw new TypeError("mixture must be a GaussianMixture");
    if (!Array.isArray(labels) || labels.length !== mixture.k) {
      throw new RangeError(`labels must have one class per component (${mixture.k}), got ${labels?.length}`);
    }
    labels.forEach((l, i) => requireInt(`labels[${i}]`, l, 0));
    const C = Math.max(...labels) + 1;
    for (let c = 0; c < C; c++) {
      if (!labels.includes(c)) {
        throw new RangeError(`labels must cover classes 0..${C - 1}; class ${c} is empty`);
      }
    }
    this.mixture = mixture;
    this.labels = Int32Array.from(labels);
    this.classes = C;
    this.prior = new Float64Array(C);
    labels.forEach((l, k) => (this.prior[l] += mixture.weights[k]));
    this.#conditional = Array.from({ length: C }, (_, c) => {
      const ks = labels.flatMap((l, k) => (l === c ? [k] : []));
      const d = mixture.d;
      return new GaussianMixture({
        means: ks.map((k) => Array.from(mixture.means.subarray(k * d, (k + 1) * d))),
        stds: ks.map((k) => mixture.stds[k]),
        weights: ks.map((k) => mixture.weights[k]),
      });
    });
  }

  /** The data dimension d. */
  get d(): number {
    return this.mixture.d;
  }

  /** The class-conditional data law p(x₀|y), a mixture of the components of class y (weights renormalised). */
  conditional(y: number): GaussianMixture {
    return this.#conditional[this.#cls(y)];
  }

  #cls(y: number): number {
    return requireInt("y", y, 0, this.classes - 1);
  }

  /** n labelled draws (x₀, y) from the joint p(x₀, y): points row-major n×d and their classes. */
  sample(n: number, rng: Rng): { x: Points; y: Int32Array } {
    requireInt("n", n, 0);
    const { mixture: m, d } = this;
    const cdf = new Float64Array(m.k);
    let c = 0;
    for (let j = 0; j < m.k; j++) cdf[j] = c += m.weights[j];
    const x = new Float64Array(n * d), y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      let j = 0;
      while (j < m.k - 1 && u >= cdf[j]) j++;
      y[i] = this.labels[j];
      for (let q = 0; q < d; q++) x[i * d + q] = m.means[j * d + q] + m.stds[j] * rng.normal();
    }
    return { x, y };
  }

  /**
   * Per-row, per-component log-likelihood terms l_k = log w_k + log N(x; a m_k, (a² s_k² + b²) I) (n×K) and the
   * per-component scores g_k = (a m_k − x)/(a² s_k² + b²) (n×K×d).
   */
  #components(x: Points, a: Coef, b: Coef): { n: number; l: Float64Array; g: Float64Array } {
    if (!(x instanceof Float64Array)) throw new TypeError(`x must be a Float64Array of n×${this.d} points`);
    const { d } = this, m = this.mixture, K = m.k;
    if (x.length % d !== 0) throw new RangeError(`x must have a length divisible by d=${d}, got ${x.length}`);
    requireAllFinite("x", x);
    const n = x.length / d;
    const A = coef("a", a, n), B = coef("b", b, n);
    const l = new Float64Array(n * K), g = new Float64Array(n * K * d);
    const LOG2PI = Math.log(2 * Math.PI);
    for (let i = 0; i < n; i++) {
      const ai = A(i), bi = B(i);
      for (let k = 0; k < K; k++) {
        const v = ai * ai * m.stds[k] ** 2 + bi * bi;
        if (!(v > 0)) {
          throw new RangeError(`a²s_k² + b² must be > 0 (component ${k}, row ${i}): a=${ai}, b=${bi}`);
        }
        let sq = 0;
        for (let q = 0; q < d; q++) {
          const r = ai * m.means[k * d + q] - x[i * d + q];
          g[(i * K + k) * d + q] = r / v;
          sq += r * r;
        }
        l[i * K + k] = Math.log(m.weights[k]) - 0.5 * d * (Math.log(v) + LOG2PI) - (0.5 * sq) / v;
      }
    }
    return { n, l, g };
  }

  /**
   * The noisy classifier p(y|x_t) for every class (row-major n×C, rows sum to 1): Bayes' rule on the diffused
   * mixture, p(y|x) = Σ_{k∈y} w_k N(x; a m_k, v_k I) / Σ_k w_k N(x; a m_k, v_k I). a = 1, b = 0 is the clean
   * classifier p(y|x₀).
   */
  classPosterior(x: Points, a: Coef = 1, b: Coef = 0): Float64Array {
    const { n, l } = this.#components(x, a, b);
    const C = this.classes, out = new Float64Array(n * C);
    const lc = new Float64Array(C);
    for (let i = 0; i < n; i++) {
      this.#classLse(l, i, lc);
      const lse = logSumExp(lc);
      for (let c = 0; c < C; c++) out[i * C + c] = Math.exp(lc[c] - lse);
    }
    return out;
  }

  /** Fills lc[c] = log Σ_{k∈c} exp(l_k) for row i. */
  #classLse(l: Float64Array, i: number, lc: Float64Array): void {
    const K = this.mixture.k;
    lc.fill(-Infinity);
    for (let k = 0; k < K; k++) {
      const c = this.labels[k], v = l[i * K + k];
      const hi = Math.max(lc[c], v);
      lc[c] = hi === -Infinity ? -Infinity : hi + Math.log(Math.exp(lc[c] - hi) + Math.exp(v - hi));
    }
  }

  /**
   * ∇ₓ log p(y|x_t) (row-major n×d), the guidance direction of article 06 step 2. With r_k the responsibilities
   * under p(x_t) and ρ_k those within class y (0 outside y), ∇log p(y|x) = ∇log p(x|y) − ∇log p(x)
   * = Σ_k (ρ_k − r_k) g_k, g_k = (a m_k − x)/(a² s_k² + b²). Both sets of weights come from log space.
   */
  gradLogClassPosterior(x: Points, a: Coef, b: Coef, y: number): Points {
    this.#cls(y);
    const { n, l, g } = this.#components(x, a, b);
    const { d } = this, K = this.mixture.k, C = this.classes;
    const out = new Float64Array(n * d), lc = new Float64Array(C);
    for (let i = 0; i < n; i++) {
      this.#classLse(l, i, lc);
      const lse = logSumExp(lc), lseY = lc[y];
      for (let k = 0; k < K; k++) {
        const r = Math.exp(l[i * K + k] - lse);
        const rho = this.labels[k] === y ? Math.exp(l[i * K + k] - lseY) : 0;
        const w = rho - r;
        if (w === 0) continue;
        for (let q = 0; q < d; q++) out[i * d + q] += w * g[(i * K + k) * d + q];
      }
    }
    return out;
  }

  /**
   * The conditional optimal noise predictor ε*(x_t|y) = E[ε|x_t, y] = (x_t − a E[x₀|x_t, y]) / b (Tweedie on the
   * class-y mixture; needs b > 0): the minimiser of E‖ε − ε_θ(ᾱ_t x₀ + β̄_t ε, y, t)‖² of article 06 step 6.
   * Article step 5 states ε*(x_t|y) = ε*(x_t) − β̄_t ∇log p(y|x_t); the notebook checks it against this route.
   */
  epsStarConditional(x: Points, a: Coef, b: Coef, y: number): Points {
    const mean = this.conditional(y).posteriorMeanX0(x, a, b), d = this.d;
    const n = x.length / d;
    const A = coef("a", a, n), B = coef("b", b, n);
    for (let i = 0; i < n; i++) requirePositive(`b[${i}]`, B(i));
    const out = new Float64Array(x.length);
    for (let i = 0; i < n; i++) {
      const ai = A(i), bi = B(i);
      for (let q = 0; q < d; q++) out[i * d + q] = (x[i * d + q] - ai * mean[i * d + q]) / bi;
    }
    return out;
  }

  /** The Bayes class argmax_y p(y|x₀) of clean points (a = 1, b = 0): the label "purity" is measured with. */
  bayesClass(x: Points): Int32Array {
    const p = this.classPosterior(x, 1, 0), C = this.classes, n = p.length / C;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < C; c++) if (p[i * C + c] > p[i * C + best]) best = c;
      out[i] = best;
    }
    return out;
  }
}

/** Summary of samples aimed at class y (article 06 experiments): fidelity and diversity measures. */
export interface ClassSampleStats {
  /** Fraction of samples whose clean Bayes class argmax p(y|x₀) is y. */
  purity: number;
  /** Mean of the clean classifier p(y|x) over the samples. */
  meanProb: number;
  /** Per-dimension mean of the samples. */
  mean: number[];
  /** Per-dimension (unbiased) standard deviation of the samples. */
  std: number[];
}

/** Purity, mean p(y|x), mean position and per-dimension std of clean samples x (row-major n×d, n >= 2). */
export function classSampleStats(lm: LabelledMixture, x: Points, y: number): ClassSampleStats {
  if (!(lm instanceof LabelledMixture)) throw new TypeError("lm must be a LabelledMixture");
  requireInt("y", y, 0, lm.classes - 1);
  const p = lm.classPosterior(x, 1, 0), C = lm.classes, d = lm.d, n = x.length / d;
  if (n < 2) throw new RangeError(`x needs at least 2 rows, got ${n}`);
  const cls = lm.bayesClass(x);
  let purity = 0, meanProb = 0;
  const m = new Array<number>(d).fill(0), v = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) {
    if (cls[i] === y) purity++;
    meanProb += p[i * C + y];
    for (let q = 0; q < d; q++) m[q] += x[i * d + q] / n;
  }
  for (let i = 0; i < n; i++) for (let q = 0; q < d; q++) v[q] += (x[i * d + q] - m[q]) ** 2;
  return { purity: purity / n, meanProb: meanProb / n, mean: m, std: v.map((s) => Math.sqrt(s / (n - 1))) };
}

function logSumExp(v: Float64Array): number {
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (const x of v) s += Math.exp(x - max);
  return max + Math.log(s);
}

function coef(name: string, c: Coef, n: number): (i: number) => number {
  if (typeof c === "number") {
    requireFinite(name, c);
    if (name === "b") requirePositive(name, c, true);
    return () => c;
  }
  if (c === null || typeof c !== "object" || typeof c.length !== "number") {
    throw new TypeError(`${name} must be a number or an array of ${n} numbers, got ${String(c)}`);
  }
  if (c.length !== n) throw new RangeError(`${name} must have one value per row (${n}), got ${c.length}`);
  requireAllFinite(name, c);
  if (name === "b") { for (let i = 0; i < n; i++) requirePositive(`b[${i}]`, c[i], true); }
  return (i) => c[i];
}

/**
 * The notebook's toy "tri3" (after the CFG paper's Fig. 2, a mixture of three Gaussians, one per class): means
 * (−1, 0), (1, 0), (0, 1.5), isotropic std 0.5 (default), equal priors; class k = component k.
 */
export function tri3(std = 0.5): LabelledMixture {
  requirePositive("std", std);
  const means = [[-1, 0], [1, 0], [0, 1.5]];
  return new LabelledMixture(new GaussianMixture({ means, stds: [std, std, std] }), [0, 1, 2]);
}
