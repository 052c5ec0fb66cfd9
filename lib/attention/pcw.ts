/**
 * A one-layer, one-head attention LM in float64 and its Parallel Context Windows (PCW) readings (NBCE article,
 * "relation to PCW"): p(x_t|x_<t) = softmax(Σ_i a_{t,i} v_i W), with a = softmax(K q / √d).
 * - {@link singleLayerLogits}: the logits z = (Σ_i a_i v_i) W of one context.
 * - {@link pcwSingleLayer}: the article's reading of PCW, one attention over the concatenation with each context's
 *   weights divided by n (Σ_i a_i/n v_i) W, softmax-normalised.
 * - {@link pcwJointSoftmax}: what a single softmax over the concatenated keys gives (each context's weights scaled
 *   by its share Z_k/ΣZ of the partition function instead of 1/n).
 * @module
 */
import { requireAllFinite } from "../core/mod.ts";
import { logNormalize } from "./nbce.ts";

/** Per-context matrices: `blocks[k][i]` is row i of context k. */
type Blocks = readonly (readonly (readonly number[])[])[];
type Mat = readonly (readonly number[])[];

function checkBlock(name: string, m: readonly (readonly number[])[], cols: number): void {
  if (!Array.isArray(m) || m.length < 1) throw new RangeError(`${name} must be a non-empty matrix`);
  m.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new RangeError(`${name}[${i}] must have length ${cols}, got ${row?.length}`);
    }
    requireAllFinite(`${name}[${i}]`, row);
  });
}

function checkModel(
  q: readonly number[],
  keys: Blocks,
  values: Blocks,
  w: Mat,
): { d: number; dv: number; vocab: number } {
  if (!Array.isArray(q) || q.length < 1) throw new RangeError("q must be a non-empty vector");
  requireAllFinite("q", q);
  const d = q.length;
  if (!Array.isArray(keys) || keys.length < 1) throw new RangeError("keys must hold at least one context");
  if (!Array.isArray(values) || values.length !== keys.length) {
    throw new RangeError(`values must hold ${keys.length} contexts like keys`);
  }
  const dv = values[0]?.[0]?.length ?? 0;
  if (!(dv >= 1)) throw new RangeError("values[0] must be a non-empty matrix");
  keys.forEach((k, c) => {
    checkBlock(`keys[${c}]`, k, d);
    checkBlock(`values[${c}]`, values[c], dv);
    if (values[c].length !== k.length) {
      throw new RangeError(`values[${c}] must have ${k.length} rows like keys`);
    }
  });
  checkBlock("w", w, (w[0] ?? []).length);
  if (w.length !== dv) throw new RangeError(`w must have ${dv} rows (the value width), got ${w.length}`);
  return { d, dv, vocab: w[0].length };
}

/** Scores K q / √d of one context. */
function scores(q: readonly number[], k: readonly (readonly number[])[]): number[] {
  const s = Math.sqrt(q.length);
  return k.map((row) => row.reduce((acc, x, j) => acc + x * q[j], 0) / s);
}

function readout(weights: number[], v: readonly (readonly number[])[], out: Float64Array, scale: number) {
  weights.forEach((a, i) => v[i].forEach((x, j) => (out[j] += scale * a * x)));
}

function project(o: Float64Array, w: readonly (readonly number[])[]): Float64Array {
  const z = new Float64Array(w[0].length);
  o.forEach((x, j) => w[j].forEach((y, t) => (z[t] += x * y)));
  return z;
}

/**
 * Logits z = (Σ_i a_i v_i) W of a one-layer attention LM whose query `q` attends to one context's `keys`/`values`
 * (a = softmax(K q / √d)). Validated like {@link pcwSingleLayer}.
 */
export function singleLayerLogits(
  q: readonly number[],
  keys: Mat,
  values: Mat,
  w: Mat,
): Float64Array {
  const { dv } = checkModel(q, [keys], [values], w);
  const a = Array.from(logNormalize(scores(q, keys)), Math.exp);
  const o = new Float64Array(dv);
  readout(a, values, o, 1);
  return project(o, w);
}

/**
 * The article's PCW relation: log-probabilities of softmax((Σ_{i∈S_1⊕…⊕S_n} a_i/n v_i) W), each context's
 * attention weights a^{(k)} normalised within the context and divided by n (they still sum to 1).
 */
export function pcwSingleLayer(q: readonly number[], keys: Blocks, values: Blocks, w: Mat): Float64Array {
  const { dv } = checkModel(q, keys, values, w);
  const n = keys.length;
  const o = new Float64Array(dv);
  keys.forEach((k, c) => readout(Array.from(logNormalize(scores(q, k)), Math.exp), values[c], o, 1 / n));
  return logNormalize(project(o, w));
}

/**
 * One softmax over all concatenated keys (PCW's block-diagonal mask seen from a task token that attends to every
 * context): log-probabilities of softmax((Σ_i e^{s_i}/Σ_all e^{s} v_i) W).
 */
export function pcwJointSoftmax(q: readonly number[], keys: Blocks, values: Blocks, w: Mat): Float64Array {
  const { dv } = checkModel(q, keys, values, w);
  const a = Array.from(logNormalize(keys.flatMap((k) => scores(q, k))), Math.exp);
  const o = new Float64Array(dv);
  readout(a, values.flat(), o, 1);
  return logNormalize(project(o, w));
}
