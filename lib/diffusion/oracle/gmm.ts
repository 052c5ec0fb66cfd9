/**
 * Gaussian mixtures with isotropic (or diagonal) components pushed through the affine forward map x = a·x₀ + b·ε
 * (ε ~ N(0, I)), the marginal p(x_t) of every diffusion with p(x_t|x_0) = N(ᾱ_t x_0, β̄_t² I) (article 03, eq. for
 * p(x_t|x_0); a = ᾱ_t, b = β̄_t). Because x | component k ~ N(a m_k, diag(a² s_kq² + b²)), the density, its score,
 * E[x₀|x], Var[x₀|x] and the optimal noise predictor ε*(x) = E[ε|x] = −b ∇log p(x) are all closed form. Float64
 * throughout; log-sum-exp is stabilised. Diagonal components (brief 05's "aniso3") are given as one std per
 * dimension; code that assumes isotropic components reads `stds`, which throws for a diagonal mixture.
 *
 * Points are row-major Float64Array of n×d values (`d` = the mixture's dimension). `a` and `b` may be scalars or
 * one value per row (so a batch with mixed t can be evaluated in one call).
 * @module
 */
import {
  mean,
  requireAllFinite,
  requireFinite,
  requireInt,
  requirePositive,
  type Rng,
  stdError,
} from "../../core/mod.ts";
import type { DiscreteSchedule } from "../schedule/mod.ts";
import { noisyBatch } from "../forward/mod.ts";
import type { Points } from "../schedule/mod.ts";

/** Row-major n×d points (defined in points.ts, exported from here). */
export type { Points };

/** A per-call coefficient: one value for all rows, or one per row. */
export type Coef = number | ArrayLike<number>;

/** The parameters of a mixture. */
export interface MixtureSpec {
  /** K component means, each of length d. */
  means: number[][];
  /**
   * K per-component standard deviations (>= 0; 0 is a point mass), or K rows of d per-dimension standard
   * deviations (diagonal components).
   */
  stds: number[] | number[][];
  /** K weights (> 0); normalised to sum 1. Default: equal. */
  weights?: number[];
}

/** A mixture of K Gaussians N(m_k, s_k² I) (or N(m_k, diag(s_k1², …, s_kd²))) in d dimensions with weights w_k. */
export class GaussianMixture {
  readonly d: number;
  readonly k: number;
  /** K×d means, row-major. */
  readonly means: Float64Array;
  /** True when every component is isotropic (the spec gave one std per component). */
  readonly isotropic: boolean;
  readonly weights: Float64Array;
  readonly #logW: Float64Array;
  /** K×d per-dimension component variances s_kq², row-major. */
  readonly #var: Float64Array;
  readonly #stds: Float64Array | null;

  constructor(spec: MixtureSpec) {
    if (!spec || !Array.isArray(spec.means) || spec.means.length === 0) {
      throw new TypeError(`spec.means must be a non-empty array of mean vectors`);
    }
    const k = spec.means.length;
    const d = spec.means[0]?.length ?? 0;
    if (!(d >= 1)) throw new RangeError(`spec.means[0] must have length d >= 1, got ${d}`);
    this.k = k;
    this.d = d;
    this.means = new Float64Array(k * d);
    spec.means.forEach((m, i) => {
      if (!Array.isArray(m) || m.length !== d) {
        throw new RangeError(
          `spec.means[${i}] must have length ${d}, got ${Array.isArray(m) ? m.length : m}`,
        );
      }
      requireAllFinite(`spec.means[${i}]`, m);
      this.means.set(m, i * d);
    });
    if (!Array.isArray(spec.stds) || spec.stds.length !== k) {
      throw new RangeError(`spec.stds must have length ${k}, got ${spec.stds?.length}`);
    }
    this.#var = new Float64Array(k * d);
    this.isotropic = !spec.stds.some((s) => Array.isArray(s));
    if (this.isotropic) {
      this.#stds = Float64Array.from(
        spec.stds as number[],
        (s, i) => requirePositive(`spec.stds[${i}]`, s, true),
      );
      for (let j = 0; j < k; j++) this.#var.fill(this.#stds[j] ** 2, j * d, (j + 1) * d);
    } else {
      this.#stds = null;
      (spec.stds as unknown[]).forEach((row, j) => {
        if (!Array.isArray(row) || row.length !== d) {
          throw new RangeError(
            `spec.stds[${j}] must be ${d} per-dimension stds (all rows, when any is), got ${String(row)}`,
          );
        }
        row.forEach((s, q) => {
          this.#var[j * d + q] = requirePositive(`spec.stds[${j}][${q}]`, s, true) ** 2;
        });
      });
    }
    const w = spec.weights ?? Array.from({ length: k }, () => 1);
    if (!Array.isArray(w) || w.length !== k) throw new RangeError(`spec.weights must have length ${k}`);
    w.forEach((v, i) => requirePositive(`spec.weights[${i}]`, v));
    const total = w.reduce((a, b) => a + b, 0);
    this.weights = Float64Array.from(w, (v) => v / total);
    this.#logW = this.weights.map(Math.log);
  }

  /** The K isotropic component stds; throws for a diagonal mixture (use {@link diagStds}). */
  get stds(): Float64Array {
    if (!this.#stds) {
      throw new TypeError(
        "this mixture has diagonal components: stds is defined for isotropic mixtures only (use diagStds)",
      );
    }
    return this.#stds;
  }

  /** The K×d per-dimension component stds, row-major (a copy; defined for every mixture). */
  get diagStds(): Float64Array {
    return this.#var.map(Math.sqrt);
  }

  /** The variance s_kq² of component j in dimension q. */
  componentVar(j: number, q: number): number {
    requireInt("j", j, 0, this.k - 1);
    requireInt("q", q, 0, this.d - 1);
    return this.#var[j * this.d + q];
  }

  /** n draws x₀ from the mixture (row-major n×d). */
  sample(n: number, rng: Rng): Points {
    requireInt("n", n, 0);
    const { d, k } = this;
    const cdf = new Float64Array(k);
    let c = 0;
    for (let j = 0; j < k; j++) cdf[j] = c += this.weights[j];
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      let j = 0;
      while (j < k - 1 && u >= cdf[j]) j++;
      for (let q = 0; q < d; q++) {
        out[i * d + q] = this.means[j * d + q] + Math.sqrt(this.#var[j * d + q]) * rng.normal();
      }
    }
    return out;
  }

  /** Per-dimension mean and variance of the data x₀ (law of total variance). */
  moments(): { mean: Float64Array; variance: Float64Array } {
    const { d, k } = this;
    const mean = new Float64Array(d), variance = new Float64Array(d);
    for (let q = 0; q < d; q++) {
      let m = 0, m2 = 0;
      for (let j = 0; j < k; j++) {
        const mu = this.means[j * d + q];
        m += this.weights[j] * mu;
        m2 += this.weights[j] * (this.#var[j * d + q] + mu * mu);
      }
      mean[q] = m;
      variance[q] = m2 - m * m;
    }
    return { mean, variance };
  }

  #rows(x: Points): number {
    if (!(x instanceof Float64Array)) throw new TypeError(`x must be a Float64Array of n×${this.d} points`);
    if (x.length % this.d !== 0) {
      throw new RangeError(`x must have a length divisible by d=${this.d}, got ${x.length}`);
    }
    return x.length / this.d;
  }

  /**
   * The core pass: for each row, log p(x) and the responsibilities r_k(x) = P(k | x) (log-sum-exp stabilised).
   * Returns logp (n) and resp (n×K).
   */
  #pass(x: Points, a: Coef, b: Coef): { n: number; logp: Float64Array; resp: Float64Array } {
    const n = this.#rows(x);
    const A = coefs("a", a, n), B = coefs("b", b, n, true);
    const { d, k } = this;
    const logp = new Float64Array(n), resp = new Float64Array(n * k);
    const LOG2PI = Math.log(2 * Math.PI);
    // per-component, per-dimension 1/v_kq (v_kq = a²s_kq² + b²) and log-normalisers, recomputed only when (a, b)
    // changes between rows
    const inv = new Float64Array(k * d), norm = new Float64Array(k);
    let lastA = NaN, lastB = NaN;
    for (let i = 0; i < n; i++) {
      const ai = A(i), bi = B(i);
      if (ai !== lastA || bi !== lastB) {
        for (let j = 0; j < k; j++) {
          let logDet = 0;
          for (let q = 0; q < d; q++) {
            const v = ai * ai * this.#var[j * d + q] + bi * bi;
            if (!(v > 0)) {
              throw new RangeError(`a²s_k² + b² must be > 0 (component ${j}, row ${i}): a=${ai}, b=${bi}`);
            }
            inv[j * d + q] = 1 / v;
            logDet += Math.log(v);
          }
          norm[j] = this.#logW[j] - 0.5 * (logDet + d * LOG2PI);
        }
        lastA = ai;
        lastB = bi;
      }
      let max = -Infinity;
      for (let j = 0; j < k; j++) {
        let sq = 0;
        for (let q = 0; q < d; q++) {
          const r = x[i * d + q] - ai * this.means[j * d + q];
          sq += r * r * inv[j * d + q];
        }
        const l = norm[j] - 0.5 * sq;
        resp[i * k + j] = l;
        if (l > max) max = l;
      }
      let s = 0;
      for (let j = 0; j < k; j++) s += Math.exp(resp[i * k + j] - max);
      const lse = max + Math.log(s);
      logp[i] = lse;
      for (let j = 0; j < k; j++) resp[i * k + j] = Math.exp(resp[i * k + j] - lse);
    }
    return { n, logp, resp };
  }

  /** log p(x) of x = a·x₀ + b·ε, x₀ from the mixture (one value per row). */
  logpdf(x: Points, a: Coef = 1, b: Coef = 0): Float64Array {
    return this.#pass(x, a, b).logp;
  }

  /** Responsibilities P(component k | x), row-major n×K, each row summing to 1. */
  responsibilities(x: Points, a: Coef = 1, b: Coef = 0): Float64Array {
    return this.#pass(x, a, b).resp;
  }

  /** The score ∇ₓ log p(x) = Σ_k r_k(x) (a m_k − x) / (a² s_k² + b²) (per dimension), row-major n×d. */
  score(x: Points, a: Coef = 1, b: Coef = 0): Points {
    const { n, resp } = this.#pass(x, a, b);
    const A = coefs("a", a, n), B = coefs("b", b, n, true);
    const { d, k } = this;
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const ai = A(i), bi = B(i);
      for (let j = 0; j < k; j++) {
        const r = resp[i * k + j];
        for (let q = 0; q < d; q++) {
          const v = ai * ai * this.#var[j * d + q] + bi * bi;
          out[i * d + q] += (r * (ai * this.means[j * d + q] - x[i * d + q])) / v;
        }
      }
    }
    return out;
  }

  /**
   * The posterior mean E[x₀ | x] = Σ_k r_k(x) (m_k + a s_k² (x − a m_k) / (a² s_k² + b²)) (Tweedie's formula gives
   * the same as (x + b² ∇log p) / a), row-major n×d.
   */
  posteriorMeanX0(x: Points, a: Coef, b: Coef): Points {
    return this.#posterior(x, a, b).mean;
  }

  /** The per-dimension posterior variance Var(x₀ | x) (diagonal of the covariance), row-major n×d. */
  posteriorVarX0(x: Points, a: Coef, b: Coef): Points {
    return this.#posterior(x, a, b).variance;
  }

  #posterior(x: Points, a: Coef, b: Coef): { mean: Points; variance: Points } {
    const { n, resp } = this.#pass(x, a, b);
    const A = coefs("a", a, n), B = coefs("b", b, n, true);
    const { d, k } = this;
    const mean = new Float64Array(n * d), second = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const ai = A(i), bi = B(i);
      for (let j = 0; j < k; j++) {
        const r = resp[i * k + j];
        for (let q = 0; q < d; q++) {
          const s2 = this.#var[j * d + q], v = ai * ai * s2 + bi * bi;
          const g = (ai * s2) / v, pv = (s2 * bi * bi) / v;
          const m = this.means[j * d + q];
          const mu = m + g * (x[i * d + q] - ai * m);
          mean[i * d + q] += r * mu;
          second[i * d + q] += r * (pv + mu * mu);
        }
      }
    }
    for (let i = 0; i < n * d; i++) second[i] = Math.max(0, second[i] - mean[i] * mean[i]);
    return { mean, variance: second };
  }

  /**
   * The optimal noise predictor ε*(x) = E[ε | x] = (x − a E[x₀|x]) / b = −b ∇log p(x) (needs b > 0), row-major n×d:
   * the minimiser of the article's loss E‖ε − ε̂(ᾱ_t x₀ + β̄_t ε, t)‖² at a = ᾱ_t, b = β̄_t.
   */
  epsStar(x: Points, a: Coef, b: Coef): Points {
    const n = this.#rows(x);
    const B = coefs("b", b, n);
    const sc = this.score(x, a, b);
    for (let i = 0; i < n; i++) {
      const bi = B(i);
      for (let q = 0; q < this.d; q++) sc[i * this.d + q] *= -bi;
    }
    return sc;
  }
}

/** Reads a scalar-or-per-row coefficient, validated (b must be > 0 unless `allowZero`). */
function coefs(name: string, c: Coef, n: number, allowZero = false): (i: number) => number {
  if (typeof c === "number") {
    requireFinite(name, c);
    if (name === "b") requirePositive(name, c, allowZero);
    return () => c;
  }
  if (c === null || typeof c !== "object" || typeof c.length !== "number") {
    throw new TypeError(`${name} must be a number or an array of ${n} numbers, got ${String(c)}`);
  }
  if (c.length !== n) throw new RangeError(`${name} must have one value per row (${n}), got ${c.length}`);
  requireAllFinite(name, c);
  if (name === "b") { for (let i = 0; i < n; i++) requirePositive(`${name}[${i}]`, c[i], allowZero); }
  return (i) => c[i];
}

/**
 * The article's toy data "ring8": 8 equal-weight isotropic Gaussians with means r(cos 2πk/8, sin 2πk/8), std s
 * (defaults r = 2, s = 0.3: per-dimension variance r²/2 + s² = 2.09).
 */
export function ring8(radius = 2, std = 0.3): GaussianMixture {
  requirePositive("radius", radius);
  requirePositive("std", std);
  const means = Array.from({ length: 8 }, (_, k) => {
    const th = (2 * Math.PI * k) / 8;
    return [radius * Math.cos(th), radius * Math.sin(th)];
  });
  return new GaussianMixture({ means, stds: means.map(() => std) });
}

/** A Monte Carlo estimate with its standard error. */
export interface McEstimate {
  mean: number;
  stdError: number;
  n: number;
}

/**
 * The Bayes (irreducible) value of the DDPM loss per dimension, E_{t~U{1..T}, x₀, ε} ‖ε − ε*(x_t, t)‖² / d with
 * x_t = ᾱ_t x₀ + β̄_t ε (article step 6): no network can go below it. Monte Carlo over n draws (x₀ from the mixture,
 * t and ε from {@link noisyBatch}).
 */
export function bayesEpsLoss(gmm: GaussianMixture, s: DiscreteSchedule, n: number, rng: Rng): McEstimate {
  requireInt("n", n, 2);
  const batch = noisyBatch(gmm.sample(n, rng), gmm.d, s, rng);
  const per = rowSquaredError(batch.eps, gmm.epsStar(batch.xt, batch.a, batch.b), gmm.d);
  return { mean: mean(per), stdError: stdError(per), n };
}

/** Per-row mean squared difference ‖u_i − v_i‖² / d of two row-major n×d arrays (float64). */
export function rowSquaredError(u: ArrayLike<number>, v: ArrayLike<number>, d: number): Float64Array {
  requireInt("d", d, 1);
  if (u.length !== v.length || u.length % d !== 0) {
    throw new RangeError(
      `u and v must have the same length, divisible by d=${d}: got ${u.length} and ${v.length}`,
    );
  }
  const n = u.length / d, out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s2 = 0;
    for (let q = 0; q < d; q++) s2 += (u[i * d + q] - v[i * d + q]) ** 2;
    out[i] = s2 / d;
  }
  return out;
}

/**
 * Brief 05's toy data "aniso3": 3 equal-weight Gaussians with diagonal covariances, means (−1.5, −1), (1.5, −1),
 * (0, 1.2) and per-dimension stds (0.6, 0.05), (0.6, 0.05), (0.05, 0.4) — the two coordinates have very different
 * posterior variances, which a single isotropic σ̄² cannot capture.
 */
export function aniso3(): GaussianMixture {
  return new GaussianMixture({
    means: [[-1.5, -1], [1.5, -1], [0, 1.2]],
    stds: [[0.6, 0.05], [0.6, 0.05], [0.05, 0.4]],
  });
}
