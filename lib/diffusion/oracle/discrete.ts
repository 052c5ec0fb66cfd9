/**
 * The toy discrete language of the masking model (article kexue.fm/archives/9271 §§5–6): sequences of length L over
 * V tokens from a first-order Markov chain (uniform start, uniform over a successor set), and its exact masked-LM
 * oracle. The oracle conditions the law p_λ = (1 − λ) p_Markov + λ·Uniform(V^L) on the visible tokens (the small
 * uniform mass keeps every context possible, so conditionals are always defined), by forward–backward in O(L V²):
 * per-position marginals and exact joint samples. Token id V is [MASK]. Float64.
 * @module
 */
import { requireInRange, requireInt, type Rng } from "../../core/mod.ts";

/** The first-order Markov language with an exact masked-LM oracle. */
export class MarkovLanguage {
  readonly V: number;
  readonly L: number;
  /** The [MASK] id (= V). */
  readonly MASK: number;
  readonly lambda: number;
  /** V×V transition matrix A[u][v] = 1/|succ(u)| on successors. */
  readonly A: Float64Array;
  readonly #succ: number[][];

  /** @param succ successor lists: succ[u] = the tokens that may follow u (non-empty, no repeats). */
  constructor(V: number, L: number, succ: number[][], lambda = 1e-3) {
    this.V = requireInt("V", V, 2);
    this.L = requireInt("L", L, 1);
    this.MASK = V;
    this.lambda = requireInRange("lambda", lambda, 0, 1);
    if (!Array.isArray(succ) || succ.length !== V) {
      throw new RangeError(`succ must have ${V} lists, got ${succ?.length}`);
    }
    this.A = new Float64Array(V * V);
    succ.forEach((s, u) => {
      if (!Array.isArray(s) || s.length === 0 || new Set(s).size !== s.length) {
        throw new RangeError(`succ[${u}] must be a non-empty list without repeats`);
      }
      s.forEach((v, j) => requireInt(`succ[${u}][${j}]`, v, 0, V - 1));
      for (const v of s) this.A[u * V + v] = 1 / s.length;
    });
    this.#succ = succ.map((s) => [...s]);
  }

  /** p_Markov(seq) = (1/V) ∏ A[x_{i−1}][x_i] (the data law, without the uniform mass). */
  prob(seq: ArrayLike<number>): number {
    this.#check(seq, false);
    let p = 1 / this.V;
    for (let i = 1; i < this.L; i++) p *= this.A[seq[i - 1] * this.V + seq[i]];
    return p;
  }

  /** True when every transition of seq is allowed. */
  isValid(seq: ArrayLike<number>): boolean {
    return this.prob(seq) > 0;
  }

  /** n sequences from p_Markov, row-major n×L. */
  sample(n: number, rng: Rng): Int32Array {
    requireInt("n", n, 0);
    const out = new Int32Array(n * this.L);
    for (let r = 0; r < n; r++) {
      let u = rng.int(this.V);
      out[r * this.L] = u;
      for (let i = 1; i < this.L; i++) {
        const s = this.#succ[u];
        u = s[rng.int(s.length)];
        out[r * this.L + i] = u;
      }
    }
    return out;
  }

  /** All valid sequences (by depth-first enumeration) with their probabilities. */
  enumerateValid(): { seqs: Int32Array[]; probs: Float64Array } {
    const seqs: Int32Array[] = [];
    const walk = (prefix: number[]) => {
      if (prefix.length === this.L) return void seqs.push(Int32Array.from(prefix));
      const next = prefix.length === 0 ? [...Array(this.V).keys()] : this.#succ[prefix[prefix.length - 1]];
      for (const v of next) walk([...prefix, v]);
    };
    walk([]);
    return { seqs, probs: Float64Array.from(seqs, (s) => this.prob(s)) };
  }

  /** Base-V integer key of a sequence (for counting). */
  key(seq: ArrayLike<number>): number {
    let k = 0;
    for (let i = 0; i < this.L; i++) k = k * this.V + seq[i];
    return k;
  }

  #check(seq: ArrayLike<number>, allowMask: boolean): void {
    if (!seq || seq.length !== this.L) {
      throw new RangeError(`seq must have length L=${this.L}, got ${seq?.length}`);
    }
    for (let i = 0; i < this.L; i++) {
      const v = seq[i];
      if (!Number.isInteger(v) || v < 0 || v > (allowMask ? this.V : this.V - 1)) {
        throw new RangeError(
          `seq[${i}] must be a token id in [0, ${allowMask ? this.V : this.V - 1}], got ${v}`,
        );
      }
    }
  }

  /** Forward–backward over p_Markov restricted to the visible tokens of x (MASK = free). */
  #fb(x: ArrayLike<number>): { alpha: Float64Array; beta: Float64Array; z: number; masked: number } {
    const { V, L, A, MASK } = this;
    const ok = (i: number, v: number) => (x[i] === MASK || x[i] === v ? 1 : 0);
    const alpha = new Float64Array(L * V), beta = new Float64Array(L * V);
    for (let v = 0; v < V; v++) alpha[v] = ok(0, v) / V;
    for (let i = 1; i < L; i++) {
      for (let v = 0; v < V; v++) {
        if (!ok(i, v)) continue;
        let s = 0;
        for (let u = 0; u < V; u++) s += alpha[(i - 1) * V + u] * A[u * V + v];
        alpha[i * V + v] = s;
      }
    }
    for (let v = 0; v < V; v++) beta[(L - 1) * V + v] = 1;
    for (let i = L - 2; i >= 0; i--) {
      for (let u = 0; u < V; u++) {
        let s = 0;
        for (let v = 0; v < V; v++) s += A[u * V + v] * ok(i + 1, v) * beta[(i + 1) * V + v];
        beta[i * V + u] = s;
      }
    }
    let z = 0, masked = 0;
    for (let v = 0; v < V; v++) z += alpha[(L - 1) * V + v];
    for (let i = 0; i < L; i++) if (x[i] === MASK) masked++;
    return { alpha, beta, z, masked };
  }

  /**
   * The exact masked-LM oracle: P_λ(x_i = v | visible tokens of x) for every position (L×V; visible positions are
   * one-hot) — mixture of the Markov posterior (forward–backward) and the uniform one, weighted by their evidence.
   */
  marginals(x: ArrayLike<number>): Float64Array {
    this.#check(x, true);
    const { V, L, lambda, MASK } = this;
    const { alpha, beta, z, masked } = this.#fb(x);
    const uni = Math.pow(V, masked - L); // P_U(visible)
    const denom = (1 - lambda) * z + lambda * uni;
    const out = new Float64Array(L * V);
    for (let i = 0; i < L; i++) {
      if (x[i] !== MASK) {
        out[i * V + x[i]] = 1;
        continue;
      }
      for (let v = 0; v < V; v++) {
        out[i * V + v] = ((1 - lambda) * alpha[i * V + v] * beta[i * V + v] + (lambda * uni) / V) / denom;
      }
    }
    return out;
  }

  /** One exact draw of all masked tokens jointly from P_λ(x | visible tokens) (forward filtering, backward sampling). */
  jointSample(x: ArrayLike<number>, rng: Rng): Int32Array {
    this.#check(x, true);
    const { V, L, lambda, MASK, A } = this;
    const { alpha, z, masked } = this.#fb(x);
    const wM = (1 - lambda) * z, wU = lambda * Math.pow(V, masked - L);
    const out = Int32Array.from(x);
    if (rng.uniform() * (wM + wU) >= wM) {
      for (let i = 0; i < L; i++) if (x[i] === MASK) out[i] = rng.int(V);
      return out;
    }
    const w = new Float64Array(V);
    for (let i = L - 1; i >= 0; i--) {
      for (let u = 0; u < V; u++) w[u] = alpha[i * V + u] * (i === L - 1 ? 1 : A[u * V + out[i + 1]]);
      out[i] = categorical(w, rng);
    }
    return out;
  }
}

/** A draw from unnormalised non-negative weights. */
export function categorical(w: ArrayLike<number>, rng: Rng): number {
  let total = 0;
  for (let i = 0; i < w.length; i++) total += w[i];
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new RangeError(`w must have a positive finite sum, got ${total}`);
  }
  let u = rng.uniform() * total, i = 0;
  while (i < w.length - 1 && (u -= w[i]) >= 0) i++;
  return i;
}

/** The six-token language of brief 08: successors {v+1, v+3 mod 6}, length 6 (192 valid sequences). */
export function toyLanguage(lambda = 1e-3): MarkovLanguage {
  return new MarkovLanguage(6, 6, Array.from({ length: 6 }, (_, v) => [(v + 1) % 6, (v + 3) % 6]), lambda);
}
