/**
 * The window-limited toy language model of the NBCE notebooks (kexue.fm/archives/9617 and 9632): a tokenizer, a
 * vocabulary, a Witten–Bell-smoothed background bigram, and a context model with a hard window of W tokens
 * (topic-priming unigram cache + the bigram counts seen in the window). With `window = Infinity` the same model is
 * the exact long-context oracle. All float64.
 * @module
 */
import { requireFinite, requireInRange, requireInt, requirePositive } from "../core/mod.ts";

const TOKEN = /[a-z]+(?:'[a-z]+)?|[.,;!?]/g;
/** The punctuation tokens the tokenizer emits. */
export const PUNCTUATION: readonly string[] = [".", ",", ";", "!", "?"];

/**
 * Lower-cases `text` and splits it into words (with an inner apostrophe) and the punctuation marks `. , ; ! ?`
 * (NBCE brief: regex `/[a-z]+(?:'[a-z]+)?|[.,;!?]/g`). Typographic apostrophes (’) are read as ASCII ones first.
 */
export function tokenize(text: string): string[] {
  if (typeof text !== "string") throw new TypeError(`text must be a string, got ${typeof text}`);
  return text.toLowerCase().replace(/[\u2018\u2019]/g, "'").match(TOKEN) ?? [];
}

/** A vocabulary: ids in first-seen order. */
export class Vocab {
  readonly #ids = new Map<string, number>();
  readonly #toks: string[] = [];

  /** @param tokens every token of every corpus part the models will see (train ∪ test). */
  constructor(tokens: Iterable<string>) {
    if (tokens === null || typeof (tokens as Iterable<string>)[Symbol.iterator] !== "function") {
      throw new TypeError("tokens must be an iterable of strings");
    }
    for (const t of tokens) {
      if (typeof t !== "string" || t === "") {
        throw new TypeError(`tokens must be non-empty strings, got ${t}`);
      }
      if (!this.#ids.has(t)) {
        this.#ids.set(t, this.#toks.length);
        this.#toks.push(t);
      }
    }
    if (this.#toks.length === 0) throw new RangeError("tokens must not be empty");
  }

  /** Number of types. */
  get size(): number {
    return this.#toks.length;
  }

  /** True when `tok` is in the vocabulary. */
  has(tok: string): boolean {
    return this.#ids.has(tok);
  }

  /** The id of `tok` (RangeError if unknown). */
  id(tok: string): number {
    const i = this.#ids.get(tok);
    if (i === undefined) throw new RangeError(`tok ${JSON.stringify(tok)} is not in the vocabulary`);
    return i;
  }

  /** The ids of a token sequence. */
  ids(toks: readonly string[]): Int32Array {
    return Int32Array.from(toks, (t) => this.id(t));
  }

  /** The token of id `i`. */
  tok(i: number): string {
    requireInt("i", i, 0, this.#toks.length - 1);
    return this.#toks[i];
  }
}

/**
 * The background model p_bg(w | h): a bigram with Witten–Bell interpolation,
 * p_bg(w|h) = λ_h c(h,w)/c(h) + (1 − λ_h) p_uni(w), λ_h = c(h)/(c(h) + T(h)) (T(h) = distinct successors),
 * p_uni = add-k unigram over the whole vocabulary; an unseen h gives p_uni (NBCE brief 30, "Toy LM").
 */
export class BackgroundBigram {
  readonly vocab: Vocab;
  readonly addK: number;
  /** p_uni over the vocabulary. */
  readonly unigram: Float64Array;
  readonly #start: Int32Array;
  readonly #succ: Int32Array;
  readonly #count: Float64Array;
  readonly #total: Float64Array;
  readonly #cache = new Map<number, Float64Array>();
  readonly #logCache = new Map<number, Float64Array>();

  /** @param train training tokens (strings) or their ids; @param addK the unigram's add-k (default 0.1). */
  constructor(train: readonly string[] | Int32Array, vocab: Vocab, addK = 0.1) {
    if (!(vocab instanceof Vocab)) throw new TypeError("vocab must be a Vocab");
    requirePositive("addK", addK);
    const ids = train instanceof Int32Array ? train : vocab.ids(train as string[]);
    if (ids.length < 2) throw new RangeError(`train must hold at least 2 tokens, got ${ids.length}`);
    const V = vocab.size;
    for (const x of ids) requireInt("train[i]", x, 0, V - 1);
    this.vocab = vocab;
    this.addK = addK;
    const uc = new Float64Array(V).fill(addK);
    for (const x of ids) uc[x] += 1;
    const z = ids.length + addK * V;
    this.unigram = uc.map((c) => c / z);
    const maps = new Map<number, Map<number, number>>();
    for (let i = 0; i + 1 < ids.length; i++) {
      let m = maps.get(ids[i]);
      if (!m) maps.set(ids[i], m = new Map());
      m.set(ids[i + 1], (m.get(ids[i + 1]) ?? 0) + 1);
    }
    this.#start = new Int32Array(V + 1);
    for (let h = 0; h < V; h++) this.#start[h + 1] = this.#start[h] + (maps.get(h)?.size ?? 0);
    this.#succ = new Int32Array(this.#start[V]);
    this.#count = new Float64Array(this.#start[V]);
    this.#total = new Float64Array(V);
    for (const [h, m] of maps) {
      let k = this.#start[h];
      for (const [w, c] of m) {
        this.#succ[k] = w;
        this.#count[k++] = c;
        this.#total[h] += c;
      }
    }
  }

  /** c(h): how often `h` (an id) is followed by a token in the training text. */
  historyCount(h: number): number {
    requireInt("h", h, 0, this.vocab.size - 1);
    return this.#total[h];
  }

  /** p_bg(· | h) for the id `h`, as probabilities (a cached array: do not modify it). */
  probs(h: number): Float64Array {
    requireInt("h", h, 0, this.vocab.size - 1);
    const hit = this.#cache.get(h);
    if (hit) return hit;
    const c = this.#total[h], T = this.#start[h + 1] - this.#start[h];
    const lam = c > 0 ? c / (c + T) : 0;
    const p = new Float64Array(this.unigram.length);
    for (let i = 0; i < p.length; i++) p[i] = (1 - lam) * this.unigram[i];
    for (let k = this.#start[h]; k < this.#start[h + 1]; k++) p[this.#succ[k]] += lam * this.#count[k] / c;
    if (this.#cache.size > 4096) this.#cache.clear();
    this.#cache.set(h, p);
    return p;
  }

  /** log p_bg(· | h) for the token (string) or id `h`: the no-context row of the cloze task (a fresh copy). */
  logProbs(h: string | number): Float64Array {
    return Float64Array.from(this.cachedLogProbs(typeof h === "string" ? this.vocab.id(h) : h));
  }

  /** log p_bg(· | h) for the id `h` (a cached array: do not modify it). */
  cachedLogProbs(h: number): Float64Array {
    const hit = this.#logCache.get(h);
    if (hit) return hit;
    const l = logOf(this.probs(h));
    if (this.#logCache.size > 4096) this.#logCache.clear();
    this.#logCache.set(h, l);
    return l;
  }
}

function logOf(p: Float64Array): Float64Array {
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = Math.log(p[i]);
  return out;
}

/** Options of {@link WindowCacheLM}. */
export interface WindowLmOptions {
  /** The hard window W (tokens seen); `Infinity` gives the full-context oracle. */
  window: number;
  /** Topic-priming weight μ ∈ [0, 1) of the window's unigram cache. */
  mu: number;
}

/**
 * The context model with a hard window (NBCE brief 30): of the last W tokens of the sequence (h = its last token),
 * base = (1 − μ) p_bg(·|h) + μ p_u with p_u the window's token frequencies; if the window holds c_S(h) > 0
 * occurrences of h followed by a token, p = (1 − λ) base + λ c_S(h,·)/c_S(h), λ = c_S(h)/(c_S(h) + 1); else
 * p = base. `evaluations` counts the calls (one per "batch row").
 */
export class WindowCacheLM {
  readonly bg: BackgroundBigram;
  readonly window: number;
  readonly mu: number;
  /** Number of next-token distributions computed so far. */
  evaluations = 0;

  constructor(bg: BackgroundBigram, opts: WindowLmOptions) {
    if (!(bg instanceof BackgroundBigram)) throw new TypeError("bg must be a BackgroundBigram");
    if (!opts || typeof opts !== "object") throw new TypeError("opts must be { window, mu }");
    if (opts.window !== Infinity) requireInt("opts.window", opts.window, 1);
    requireInRange("opts.mu", opts.mu, 0, 0.999999);
    this.bg = bg;
    this.window = opts.window;
    this.mu = opts.mu;
  }

  /** The same model with another window (e.g. `Infinity` for the oracle) or μ; shares the background. */
  with(opts: Partial<WindowLmOptions>): WindowCacheLM {
    return new WindowCacheLM(this.bg, { window: opts.window ?? this.window, mu: opts.mu ?? this.mu });
  }

  /**
   * The model as a scaled background plus sparse additions: p(w) = scale · p_bg(w|h) + extra(w), `extra` non-zero
   * only on tokens of the window.
   */
  #parts(seq: ArrayLike<number>): { h: number; scale: number; extra: Map<number, number> } {
    if (!seq || typeof seq.length !== "number" || seq.length < 1) {
      throw new RangeError("seq must hold at least one token id");
    }
    const V = this.bg.vocab.size;
    const L = seq.length, start = Math.max(0, L - (this.window === Infinity ? L : this.window));
    const h = seq[L - 1];
    requireInt("seq[last]", h, 0, V - 1);
    this.evaluations++;
    const inc = this.mu / (L - start);
    const cache = new Map<number, number>();
    const succ = new Map<number, number>();
    let cS = 0;
    for (let i = start; i < L; i++) {
      const x = seq[i];
      if (!(x >= 0 && x < V && Number.isInteger(x))) {
        throw new RangeError(`seq[${i}] must be a token id, got ${x}`);
      }
      cache.set(x, (cache.get(x) ?? 0) + inc);
      if (i + 1 < L && x === h) {
        cS++;
        succ.set(seq[i + 1], (succ.get(seq[i + 1]) ?? 0) + 1);
      }
    }
    const lam = cS / (cS + 1);
    const extra = new Map<number, number>();
    for (const [w, c] of cache) extra.set(w, (1 - lam) * c);
    for (const [w, c] of succ) extra.set(w, (extra.get(w) ?? 0) + lam * c / cS);
    return { h, scale: (1 - this.mu) * (1 - lam), extra };
  }

  /** Next-token probabilities after the id sequence `seq` (at least one token). */
  probs(seq: ArrayLike<number>): Float64Array {
    const { h, scale, extra } = this.#parts(seq);
    const pb = this.bg.probs(h);
    const p = new Float64Array(pb.length);
    for (let i = 0; i < p.length; i++) p[i] = scale * pb[i];
    for (const [w, e] of extra) p[w] += e;
    return p;
  }

  /** Next-token log-probabilities after `seq` (one batch row of NBCE). */
  logProbs(seq: ArrayLike<number>): Float64Array {
    const { h, scale, extra } = this.#parts(seq);
    const pb = this.bg.probs(h), lb = this.bg.cachedLogProbs(h);
    const out = new Float64Array(pb.length);
    const ls = Math.log(scale);
    for (let i = 0; i < out.length; i++) out[i] = ls + lb[i];
    for (const [w, e] of extra) out[w] = Math.log(scale * pb[w] + e);
    return out;
  }
}

/** Concatenates id sequences (context ⊕ query ⊕ generated ...). */
export function concatIds(...parts: ArrayLike<number>[]): Int32Array {
  const n = parts.reduce((s, p) => s + requireFinite("parts[i].length", p.length), 0);
  const out = new Int32Array(n);
  let k = 0;
  for (const p of parts) for (let i = 0; i < p.length; i++) out[k++] = p[i];
  return out;
}
