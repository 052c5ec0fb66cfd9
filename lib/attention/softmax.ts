/**
 * Softmax, its entropy and its Jacobian in float64 (notebooks 18, 26, 28): softmax(κs)_i = e^{κs_i}/Σ_j e^{κs_j}
 * with the maximum subtracted; entropy H = −Σ p_i log p_i (nats, 0·log 0 = 0) and its stable logits form
 * H = log Σ e^{s} − Σ p_i s_i; row-wise (optionally causal) softmax of a logit matrix; the Jacobian diag(p) − ppᵀ;
 * the effective count 1/Σp_i²; the attention output o = Σ p_i v_i.
 * @module
 */
import { requireAllFinite, requireFinite } from "../core/mod.ts";

function nonEmpty(name: string, xs: ArrayLike<number>): void {
  if (xs === null || typeof xs !== "object" || typeof xs.length !== "number") {
    throw new TypeError(`${name} must be an array of numbers`);
  }
  if (xs.length === 0) throw new RangeError(`${name} must not be empty`);
  requireAllFinite(name, xs);
}

/** softmax(scale·logits) in float64 (max-subtracted, so no overflow); scale = 1/temperature (article: κ). */
export function softmax(logits: ArrayLike<number>, scale = 1): Float64Array {
  nonEmpty("logits", logits);
  requireFinite("scale", scale);
  let m = -Infinity;
  for (let i = 0; i < logits.length; i++) m = Math.max(m, scale * logits[i]);
  const out = new Float64Array(logits.length);
  let z = 0;
  for (let i = 0; i < logits.length; i++) z += out[i] = Math.exp(scale * logits[i] - m);
  for (let i = 0; i < out.length; i++) out[i] /= z;
  return out;
}

/** log softmax(scale·logits)_i = scale·s_i − log Σ_j e^{scale·s_j} (float64, stable). */
export function logSoftmax(logits: ArrayLike<number>, scale = 1): Float64Array {
  nonEmpty("logits", logits);
  requireFinite("scale", scale);
  let m = -Infinity;
  for (let i = 0; i < logits.length; i++) m = Math.max(m, scale * logits[i]);
  let z = 0;
  for (let i = 0; i < logits.length; i++) z += Math.exp(scale * logits[i] - m);
  const lse = m + Math.log(z);
  return Float64Array.from(logits, (s) => scale * s - lse);
}

/** The entropy −Σ p_i log p_i of a probability vector, in nats (0·log 0 = 0); p must be ≥ 0 and sum to 1 ± 1e-9. */
export function entropy(p: ArrayLike<number>): number {
  nonEmpty("p", p);
  let sum = 0, h = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] < 0) throw new RangeError(`p[${i}] must be >= 0, got ${p[i]}`);
    sum += p[i];
    if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  }
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`p must sum to 1, got ${sum}`);
  return h;
}

/**
 * The entropy of softmax(scale·logits) from the logits, stably: H = log Σ e^{κs} − Σ p_i κs_i (article 28, step 5),
 * never taking log of an underflowed probability.
 */
export function entropyOfLogits(logits: ArrayLike<number>, scale = 1): number {
  const lp = logSoftmax(logits, scale);
  let h = 0;
  for (let i = 0; i < lp.length; i++) h -= Math.exp(lp[i]) * lp[i];
  return Math.max(0, h);
}

/**
 * Row-wise softmax of a logit matrix; with `causal`, row m only attends to columns n ≤ m (the others get
 * probability 0). Used for the attention matrices of notebook 18.
 */
export function softmaxRows(logits: ArrayLike<number>[], causal = false): Float64Array[] {
  if (!Array.isArray(logits) || logits.length === 0) {
    throw new RangeError("logits must be a non-empty array of rows");
  }
  return logits.map((row, m) => {
    if (causal && row.length < m + 1) throw new RangeError(`causal row ${m} needs at least ${m + 1} columns`);
    const head = causal ? Array.from(row).slice(0, m + 1) : row;
    const p = softmax(head);
    const out = new Float64Array(row.length);
    out.set(p);
    return out;
  });
}

/** The softmax Jacobian ∂p/∂s = diag(p) − ppᵀ (article 28, step 6), as rows. */
export function softmaxJacobian(p: ArrayLike<number>): Float64Array[] {
  entropy(p); // validates p as a distribution
  return Array.from(
    { length: p.length },
    (_, i) => Float64Array.from({ length: p.length }, (_, j) => (i === j ? p[i] : 0) - p[i] * p[j]),
  );
}

/** The effective number of attended positions n_eff = 1/Σ p_i² (article 28, step 3). */
export function effectiveCount(p: ArrayLike<number>): number {
  entropy(p);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] * p[i];
  return 1 / s;
}

/** The attention output o = Σ_i p_i v_i with p = softmax(logits) (article 28, step 1); values are rows v_i. */
export function attend(logits: ArrayLike<number>, values: ArrayLike<number>[]): Float64Array {
  const p = softmax(logits);
  if (values.length !== p.length) {
    throw new RangeError(`values must have ${p.length} rows (one per logit), got ${values.length}`);
  }
  const d = values[0].length;
  const o = new Float64Array(d);
  for (let i = 0; i < p.length; i++) {
    if (values[i].length !== d) {
      throw new RangeError(`values[${i}] must have length ${d}, got ${values[i].length}`);
    }
    for (let k = 0; k < d; k++) o[k] += p[i] * values[i][k];
  }
  return o;
}
