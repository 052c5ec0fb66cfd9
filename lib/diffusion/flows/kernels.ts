/**
 * The four 1-D scale kernels of article 16's examples, as laws of z = (x − x₀)/t: Gaussian (σ_t = t), Cauchy (the
 * gravity Green's function for d = 1, the Poisson kernel of the half-plane), logistic (from ψ_t(r) = tanh(r/t):
 * density ½sech²z, CDF ½(1 + tanh z)) and Laplace (from ψ_t(r) = 1 − e^{−r/t}: density ½e^{−|z|}). Each gives its log
 * density, CDF and quantile (for exact sampling). Float64.
 * @module
 */
import { requireFinite, requireOneOf } from "../../core/mod.ts";
import { normalCdf } from "../../core/mod.ts";

/** A symmetric unit-scale kernel on R: the law of (x − x₀)/t. */
export interface ScaleKernel {
  name: KernelName;
  /** k(z) (may underflow to 0 in the far tail: use {@link ScaleKernel.logpdf} there). */
  pdf: (z: number) => number;
  /** log k(z). */
  logpdf: (z: number) => number;
  /** K(z) = ∫_{−∞}^z k. */
  cdf: (z: number) => number;
  /** K⁻¹(u) for u in (0, 1). */
  quantile: (u: number) => number;
}

/** The kernels of article 16's end-to-end experiment. */
export const KERNEL_NAMES = ["gauss", "cauchy", "logistic", "laplace"] as const;
/** A kernel's name. */
export type KernelName = typeof KERNEL_NAMES[number];

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log cosh z without overflow. */
function logCosh(z: number): number {
  const a = Math.abs(z);
  return a + Math.log1p(Math.exp(-2 * a)) - Math.LN2;
}

function inverseNormalCdf(u: number): number {
  // Newton on normalCdf from a logistic start; normalCdf is accurate to ~1e-7, enough for sampling
  let z = Math.log(u / (1 - u)) / 1.702;
  for (let i = 0; i < 60; i++) {
    const step = (normalCdf(z) - u) / Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
    z -= Math.max(-1, Math.min(1, step));
    if (Math.abs(step) < 1e-13) break;
  }
  return z;
}

const KERNELS: Record<KernelName, Omit<ScaleKernel, "name">> = {
  gauss: {
    pdf: (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI),
    logpdf: (z) => -0.5 * z * z - LOG_SQRT_2PI,
    cdf: (z) => normalCdf(z),
    quantile: inverseNormalCdf,
  },
  cauchy: {
    pdf: (z) => 1 / (Math.PI * (1 + z * z)),
    logpdf: (z) => -Math.log(Math.PI) - Math.log1p(z * z),
    cdf: (z) => 0.5 + Math.atan(z) / Math.PI,
    quantile: (u) => Math.tan(Math.PI * (u - 0.5)),
  },
  logistic: {
    pdf: (z) => {
      const e = Math.exp(-2 * Math.abs(z));
      return (2 * e) / (1 + e) ** 2;
    },
    logpdf: (z) => -Math.LN2 - 2 * logCosh(z),
    cdf: (z) => 0.5 * (1 + Math.tanh(z)),
    quantile: (u) => Math.atanh(2 * u - 1),
  },
  laplace: {
    pdf: (z) => 0.5 * Math.exp(-Math.abs(z)),
    logpdf: (z) => -Math.LN2 - Math.abs(z),
    cdf: (z) => (z < 0 ? 0.5 * Math.exp(z) : 1 - 0.5 * Math.exp(-z)),
    quantile: (u) => (u < 0.5 ? Math.log(2 * u) : -Math.log(2 * (1 - u))),
  },
};

/**
 * One of the four kernels (article 16: Gaussian, Cauchy/gravity, logistic from tanh, Laplace from 1 − e^{−r/t}).
 * The Gaussian CDF uses lib/core's normalCdf (relative error < 1.2e-7) and its quantile inverts it by Newton. `pdf` and
 * `logpdf` are the hot path of the posterior mean and do not validate z (callers check their inputs); `cdf` and
 * `quantile` do.
 */
export function scaleKernel(name: KernelName): ScaleKernel {
  const k = requireOneOf("name", name, KERNEL_NAMES);
  const { pdf, logpdf, cdf, quantile } = KERNELS[k];
  return {
    name: k,
    pdf,
    logpdf,
    cdf: (z) => cdf(requireFinite("z", z)),
    quantile: (u) => {
      if (!(u > 0 && u < 1)) throw new RangeError(`u must be in (0, 1), got ${u}`);
      return quantile(u);
    },
  };
}
