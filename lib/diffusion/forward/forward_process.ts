/**
 * One interface for every forward process of the unified diffusion model (UDM, kexue.fm/archives/9262, and its
 * applications, /9271): x_t = F_t(x_0, ε) with ε drawn from a fixed law q(ε), and — where it exists — the inverse
 * in ε, ε = F_t^{-1}(x_0, x_t). Instances: Gaussian noise F_t = ᾱ_t x_0 + β̄_t ε, the same with uniform unit-variance
 * noise, an additive degradation x_0 + t·e (+σε), heat blur in the DCT basis (+σε), and pixel masking along a
 * random reveal order ε. All float64, row-major n×d.
 * @module
 */
import { requireAllFinite, requireInt, requirePositive, type Rng } from "../../core/mod.ts";
import { type DiscreteSchedule, requireStep } from "../schedule/mod.ts";
import { applyRows, heatBlurMatrix } from "./dct.ts";

/** Which corruption a {@link ForwardProcess} applies. */
export type ForwardKind = "gaussian" | "uniform" | "additive" | "blur" | "mask";

/** x_t = F_t(x_0, ε), ε ~ q (brief 07 step 2), on row-major float64 rows. */
export interface ForwardProcess {
  readonly kind: ForwardKind;
  /** Number of steps; t ∈ {0..T}, F_0 the identity on the data part. */
  readonly T: number;
  /** Values per data row x_0. */
  readonly d: number;
  /** Values per state row x_t (d, or 2d for masks: values then indicators). */
  readonly stateDim: number;
  /** Values per noise row ε. */
  readonly noiseDim: number;
  /** True when q(ε) is N(0, I): only then is partial reuse √(1−σ̃²)ε₁ + σ̃ε₂ again a draw of q (brief 07 step 5 iii). */
  readonly gaussianNoise: boolean;
  /** n fresh draws of ε ~ q (row-major n×noiseDim). */
  sampleNoise(rng: Rng, n: number): Float64Array;
  /** F_t(x_0, ε) for every row. */
  apply(x0: Float64Array, eps: Float64Array, t: number): Float64Array;
  /** ε = F_t^{-1}(x_0, x_t) (a draw among the ε consistent with x_t when several are; `rng` for that choice). */
  invert?(x0: Float64Array, xt: Float64Array, t: number, rng: Rng): Float64Array;
}

/** Rows of a row-major array with `width` values per row; validates type, length and finiteness. */
export function requireRowsOf(name: string, x: Float64Array, width: number): number {
  if (!(x instanceof Float64Array)) throw new TypeError(`${name} must be a Float64Array, got ${String(x)}`);
  if (x.length % width !== 0) {
    throw new RangeError(`${name} must have a length divisible by ${width}, got ${x.length}`);
  }
  requireAllFinite(name, x);
  return x.length / width;
}

function pair(
  fp: ForwardProcess,
  x0: Float64Array,
  other: Float64Array,
  otherName: string,
  w: number,
): number {
  const n = requireRowsOf("x0", x0, fp.d);
  if (requireRowsOf(otherName, other, w) !== n) {
    throw new RangeError(`${otherName} must have ${n} rows like x0, got ${other.length / w}`);
  }
  return n;
}

function affine(kind: "gaussian" | "uniform", s: DiscreteSchedule, d: number): ForwardProcess {
  requireInt("d", d, 1);
  const fp: ForwardProcess = {
    kind,
    T: s.T,
    d,
    stateDim: d,
    noiseDim: d,
    gaussianNoise: kind === "gaussian",
    sampleNoise: (rng, n) => {
      requireInt("n", n, 0);
      return kind === "gaussian" ? rng.normals(n * d) : rng.uniforms(n * d, -Math.sqrt(3), Math.sqrt(3));
    },
    apply: (x0, eps, t) => {
      requireStep("t", t, s, 0);
      pair(fp, x0, eps, "eps", d);
      const a = s.alphaBar[t], b = s.betaBar[t];
      return x0.map((v, i) => a * v + b * eps[i]);
    },
    invert: (x0, xt, t) => {
      requireStep("t", t, s, 1); // β̄_0 = 0: not invertible at t = 0
      pair(fp, x0, xt, "xt", d);
      const a = s.alphaBar[t], b = s.betaBar[t];
      return xt.map((v, i) => (v - a * x0[i]) / b);
    },
  };
  return fp;
}

/** Gaussian forward F_t(x_0, ε) = ᾱ_t x_0 + β̄_t ε, ε ~ N(0, I); inverse ε = (x_t − ᾱ_t x_0)/β̄_t (t ≥ 1). */
export function gaussianForward(s: DiscreteSchedule, d: number): ForwardProcess {
  return affine("gaussian", s, d);
}

/** The same affine map with ε ~ U[−√3, √3]^d (mean 0, variance 1, not Gaussian) — brief 07 step 2's second example. */
export function uniformNoiseForward(s: DiscreteSchedule, d: number): ForwardProcess {
  return affine("uniform", s, d);
}

/**
 * `fp` with its fresh-noise draws pinned: `sampleNoise(rng, n)` returns a copy of `eps` (n rows of fp.noiseDim) and
 * ignores `rng`; everything else is fp's. For checking a generic step (e.g. udmStep's partial reuse) against a
 * closed-form update written with the same z.
 */
export function withFixedNoise(fp: ForwardProcess, eps: Float64Array): ForwardProcess {
  if (!fp || typeof fp.apply !== "function" || typeof fp.sampleNoise !== "function") {
    throw new TypeError(`fp must be a ForwardProcess, got ${String(fp)}`);
  }
  const rows = requireRowsOf("eps", eps, fp.noiseDim), held = Float64Array.from(eps);
  return {
    ...fp,
    sampleNoise: (_rng, n) => {
      if (n !== rows) throw new RangeError(`n must be ${rows} (the rows of the fixed noise), got ${n}`);
      return Float64Array.from(held);
    },
  };
}

/** A degradation F_t(x_0) plus optional Gaussian noise σε (Cold Diffusion's generalised forward, article /9271 §3). */
function degraded(
  kind: "additive" | "blur",
  T: number,
  d: number,
  sigma: number,
  deg: (x0: Float64Array, t: number) => Float64Array,
): ForwardProcess {
  const fp: ForwardProcess = {
    kind,
    T,
    d,
    stateDim: d,
    noiseDim: d,
    gaussianNoise: true,
    sampleNoise: (rng, n) => rng.normals(requireInt("n", n, 0) * d),
    apply: (x0, eps, t) => {
      requireInt("t", t, 0, T);
      pair(fp, x0, eps, "eps", d);
      const y = deg(x0, t);
      if (sigma > 0) { for (let i = 0; i < y.length; i++) y[i] += sigma * eps[i]; }
      return y;
    },
  };
  if (sigma > 0) {
    fp.invert = (x0, xt, t) => {
      requireInt("t", t, 0, T);
      pair(fp, x0, xt, "xt", d);
      const y = deg(x0, t);
      return xt.map((v, i) => (v - y[i]) / sigma);
    };
  }
  return fp;
}

/**
 * The additive degradation F_t(x_0) = x_0 + t·e (+ σε): the case in which Cold Diffusion's Algorithm 2 undoes any
 * restorer's error (article /9271 §3). With σ = 0 the noise is ignored and there is no inverse.
 */
export function additiveForward(e: Float64Array, T: number, sigma = 0): ForwardProcess {
  if (!(e instanceof Float64Array) || e.length < 1) {
    throw new TypeError(`e must be a non-empty Float64Array, got ${String(e)}`);
  }
  requireAllFinite("e", e);
  requireInt("T", T, 1);
  requirePositive("sigma", sigma, true);
  const w = e.length;
  return degraded("additive", T, w, sigma, (x0, t) => x0.map((v, i) => v + t * e[i % w]));
}

/**
 * Heat blur in the 2-D DCT basis, F_t(x_0) = B_{τ_t} x_0 (+ σε), B_τ = Vᵀdiag(e^{−ωτ})V (article /9271 §3, blur).
 * `taus` holds τ_0..τ_T (τ_0 = 0, non-decreasing). With σ = 0 it is many-to-one at large τ and has no inverse.
 */
export function dctBlurForward(side: number, taus: ArrayLike<number>, sigma = 0): ForwardProcess {
  requireInt("side", side, 1);
  if (!taus || typeof taus.length !== "number" || taus.length < 2) {
    throw new RangeError(`taus must hold τ_0..τ_T (T >= 1), got length ${taus?.length}`);
  }
  requireAllFinite("taus", taus);
  if (taus[0] !== 0) throw new RangeError(`taus[0] must be 0, got ${taus[0]}`);
  for (let t = 1; t < taus.length; t++) {
    if (!(taus[t] >= taus[t - 1])) {
      throw new RangeError(`taus must be non-decreasing, got taus[${t}]=${taus[t]}`);
    }
  }
  requirePositive("sigma", sigma, true);
  const d = side * side, T = taus.length - 1;
  const mats = Array.from(taus, (tau) => (tau === 0 ? null : heatBlurMatrix(side, tau)));
  return degraded(
    "blur",
    T,
    d,
    sigma,
    (x0, t) => (mats[t] ? applyRows(mats[t]!, x0, d) : Float64Array.from(x0)),
  );
}

/** The number of masked pixels at step t: m_t = ⌈d t / T⌉. */
export function maskedCount(d: number, T: number, t: number): number {
  return Math.ceil((d * requireInt("t", t, 0, T)) / T);
}

/**
 * Pixel masking along a reveal order (article /9271 §3, masking): ε is a random permutation of the d pixels and
 * F_t(x_0, ε) masks the first m_t = ⌈d t/T⌉ pixels of ε. The state row is [values (masked → 0), indicators (1 =
 * masked)], so a masked pixel is never confused with a black one. Inverse: the masked set is visible in x_t, so ε is
 * "the masked pixels in a random order, then the revealed ones in a random order".
 */
export function pixelMaskForward(d: number, T: number): ForwardProcess {
  requireInt("d", d, 1);
  requireInt("T", T, 1);
  const fp: ForwardProcess = {
    kind: "mask",
    T,
    d,
    stateDim: 2 * d,
    noiseDim: d,
    gaussianNoise: false,
    sampleNoise: (rng, n) => {
      requireInt("n", n, 0);
      const out = new Float64Array(n * d);
      for (let r = 0; r < n; r++) out.set(rng.permutation(d), r * d);
      return out;
    },
    apply: (x0, eps, t) => {
      const n = pair(fp, x0, eps, "eps", d), m = maskedCount(d, T, t);
      const y = new Float64Array(n * 2 * d);
      for (let r = 0; r < n; r++) {
        y.set(x0.subarray(r * d, (r + 1) * d), r * 2 * d);
        for (let k = 0; k < m; k++) {
          const p = eps[r * d + k];
          if (!(Number.isInteger(p) && p >= 0 && p < d)) {
            throw new RangeError(`eps[${r * d + k}] must be a pixel index, got ${p}`);
          }
          y[r * 2 * d + p] = 0;
          y[r * 2 * d + d + p] = 1;
        }
      }
      return y;
    },
    invert: (x0, xt, t, rng) => {
      const n = pair(fp, x0, xt, "xt", 2 * d), m = maskedCount(d, T, t);
      const out = new Float64Array(n * d);
      for (let r = 0; r < n; r++) {
        const masked: number[] = [], shown: number[] = [];
        for (let p = 0; p < d; p++) (xt[r * 2 * d + d + p] === 1 ? masked : shown).push(p);
        if (masked.length !== m) {
          throw new RangeError(`xt row ${r} has ${masked.length} masked pixels, step ${t} needs ${m}`);
        }
        out.set([...rng.shuffle(masked), ...rng.shuffle(shown)], r * d);
      }
      return out;
    },
  };
  return fp;
}
