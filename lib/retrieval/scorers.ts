/**
 * A synthetic "cross-encoder" whose score matrix is not low-rank, and dual-encoder baselines (notebook 12,
 * kexue.fm/archives/9336). No pretrained cross-encoder or ZeShEL data is available here, so the scorer is a small
 * random interaction model over query features x_q and item features y_k (both N(0, I_d)):
 *
 *   s(q, k) = b(q, k) + α·c(q, k),  b = x_qᵀ A y_k / √d  (a coarse bilinear part, rank ≤ d),
 *   c = w₂ᵀ tanh(W_x x_q + W_y y_k + W_p (x_q ⊙ y_k) / √d)   (an interaction part, rescaled to the std of b).
 *
 * Its spectrum decays but is not low-rank, like a real cross-encoder's. The "DE_BASE" baseline is the coarse part
 * alone (a dual encoder that models coarse similarity but was not aligned with this scorer); "DE_DSTILL" is a dual
 * encoder distilled from the anchor rows R: item embeddings = top right singular vectors of R, query tower = ridge
 * regression from [x_q, 1] to the queries' coordinates.
 * @module
 */
import {
  type Mat,
  matFromRows,
  matmul,
  Matrix,
  requireInt,
  requirePositive,
  Rng,
  solveSpd,
  tf,
  truncatedSvd,
} from "../core/mod.ts";

/** Options of {@link makeCrossScorer}. */
export interface CrossScorerOptions {
  /** number of queries and of items */
  nQ: number;
  nI: number;
  /** feature dimension d (default 16) */
  dim?: number;
  /** hidden units of the interaction part (default 64) */
  hidden?: number;
  /** weight α of the interaction part (default 2; 1 is the "easier" variant) */
  alpha?: number;
  seed: number;
}

/** The scorer's full score matrix and its parts (float64, rows = queries, columns = items). */
export interface CrossScorer {
  /** s = b + α·c: the "cross-encoder" scores, nQ × nI */
  S: Mat;
  /** the coarse bilinear part b (the DE_BASE scores) */
  coarse: Mat;
  /** the interaction part c rescaled to the std of b, so that S = coarse + α·interaction */
  interaction: Mat;
  /** query features (nQ × d) and item features (nI × d) */
  X: Mat;
  Y: Mat;
  alpha: number;
  /** the factor that rescaled c to the std of b */
  cScale: number;
}

function gaussMat(rng: Rng, r: number, c: number, std: number): Float32Array {
  const out = new Float32Array(r * c);
  for (let i = 0; i < out.length; i++) out[i] = std * rng.normal();
  return out;
}

function std(xs: Float32Array): number {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m += xs[i];
  m /= xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - m) ** 2;
  return Math.sqrt(v / xs.length);
}

function toMat(flat: Float32Array | Float64Array, r: number, c: number): Mat {
  const rows: Float64Array[] = new Array(r);
  for (let i = 0; i < r; i++) rows[i] = Float64Array.from(flat.subarray(i * c, (i + 1) * c));
  return new Matrix(rows);
}

/**
 * Builds the synthetic cross-encoder's score matrix for nQ queries × nI items (weights and features from one
 * seed). The interaction part is computed on tfjs (float32) one chunk of queries at a time —
 * (x ⊙ y)W_pᵀ for all items of a chunk as one matMul — then everything is widened to float64.
 */
export function makeCrossScorer(opts: CrossScorerOptions): CrossScorer {
  const nQ = requireInt("opts.nQ", opts.nQ, 1);
  const nI = requireInt("opts.nI", opts.nI, 1);
  const d = requireInt("opts.dim", opts.dim ?? 16, 1);
  const h = requireInt("opts.hidden", opts.hidden ?? 64, 1);
  const alpha = requirePositive("opts.alpha", opts.alpha ?? 2, true);
  const root = new Rng(requireInt("opts.seed", opts.seed, 0, 0xffffffff));
  const Xf = gaussMat(root.fork("query-features"), nQ, d, 1);
  const Yf = gaussMat(root.fork("item-features"), nI, d, 1);
  const Af = gaussMat(root.fork("A"), d, d, 1 / Math.sqrt(d));
  const WxT = gaussMat(root.fork("Wx"), d, h, 1 / Math.sqrt(3 * d)); // stored transposed: [d, h]
  const WyT = gaussMat(root.fork("Wy"), d, h, 1 / Math.sqrt(3 * d));
  const WpT = gaussMat(root.fork("Wp"), d, h, 1);
  const w2 = gaussMat(root.fork("w2"), h, 1, 1 / Math.sqrt(h));

  const chunk = Math.max(1, Math.floor(200_000 / nI)); // queries per chunk: chunk·nI·h floats at a time
  const [bFlat, cFlat] = tf.tidy(() => {
    const X = tf.tensor2d(Xf, [nQ, d]), Y = tf.tensor2d(Yf, [nI, d]);
    const A = tf.tensor2d(Af, [d, d]);
    const b = tf.div(tf.matMul(tf.matMul(X, A), tf.transpose(Y)), Math.sqrt(d));
    const wx = tf.tensor2d(WxT, [d, h]), wy = tf.tensor2d(WyT, [d, h]);
    const wp = tf.div(tf.tensor2d(WpT, [d, h]), Math.sqrt(d)), w = tf.tensor2d(w2, [h, 1]);
    const yWy = tf.matMul(Y, wy); // [nI, h]
    const parts: tf.Tensor[] = [];
    for (let start = 0; start < nQ; start += chunk) {
      const size = Math.min(chunk, nQ - start);
      parts.push(tf.tidy(() => {
        const xc = tf.slice(X, [start, 0], [size, d]);
        const prod = tf.reshape(tf.mul(tf.expandDims(xc, 1), tf.expandDims(Y, 0)), [size * nI, d]);
        const pre = tf.add(
          tf.reshape(tf.matMul(prod, wp), [size, nI, h]),
          tf.add(tf.expandDims(tf.matMul(xc, wx), 1), tf.expandDims(yWy, 0)),
        );
        return tf.reshape(tf.matMul(tf.reshape(tf.tanh(pre), [size * nI, h]), w), [size, nI]);
      }));
    }
    return [b.dataSync() as Float32Array, tf.concat(parts, 0).dataSync() as Float32Array];
  });
  const cScale = std(bFlat) / std(cFlat);
  const S = new Float64Array(nQ * nI), C = new Float64Array(nQ * nI);
  for (let i = 0; i < S.length; i++) {
    C[i] = cScale * cFlat[i];
    S[i] = bFlat[i] + alpha * C[i];
  }
  return {
    S: toMat(S, nQ, nI),
    coarse: toMat(bFlat, nQ, nI),
    interaction: toMat(C, nQ, nI),
    X: toMat(Xf, nQ, d),
    Y: toMat(Yf, nI, d),
    alpha,
    cScale,
  };
}

/** The score matrix coarse + α·interaction of the same scorer for another α (the weights are unchanged). */
export function scoresWithAlpha(sc: CrossScorer, alpha: number): Mat {
  requirePositive("alpha", alpha, true);
  return Matrix.add(sc.coarse, Matrix.mul(sc.interaction, alpha));
}

/** A distilled dual encoder: score(q, k) = [x_q, 1]·tower·itemEmb[k]ᵀ. */
export interface DistilledDE {
  /** item embeddings, nI × rank (top right singular vectors of R) */
  itemEmb: Mat;
  /** the query tower, (d + 1) × rank (ridge regression weights, last row = intercept) */
  tower: Mat;
}

/**
 * "DE_DSTILL": distils a dual encoder from the anchor rows R (k_q × nI) of the cross-encoder, whose queries have
 * features `Xtrain` (k_q × d). Item embeddings V_r = the top-`rank` right singular vectors of R; the training
 * queries' coordinates are R·V_r = U_r Σ_r; the query tower is the ridge regression (penalty `ridge`) from
 * [x_q, 1] to those coordinates. Uses the same k_q·nI cross-encoder calls as ANNCUR's index, plus this "training".
 */
export function fitDistilledDE(R: Mat, Xtrain: Mat, rank: number, ridge: number): DistilledDE {
  if (Xtrain.rows !== R.rows) {
    throw new RangeError(`Xtrain has ${Xtrain.rows} rows but R has ${R.rows}: one row per training query`);
  }
  requireInt("rank", rank, 1, Math.min(R.rows, R.columns));
  requirePositive("ridge", ridge, true);
  const { U, s, V } = truncatedSvd(R, rank);
  const r = s.length;
  const coords = U.clone();
  for (let j = 0; j < r; j++) for (let i = 0; i < coords.rows; i++) coords.set(i, j, coords.get(i, j) * s[j]);
  const Z = withOnes(Xtrain);
  const ZtZ = matmul(Z.transpose(), Z);
  for (let i = 0; i < ZtZ.rows; i++) ZtZ.set(i, i, ZtZ.get(i, i) + ridge);
  const tower = solveSpd(ZtZ, matmul(Z.transpose(), coords));
  return { itemEmb: V, tower };
}

/** Scores of the distilled dual encoder for queries with features `X` (n × d): n × nI. */
export function deScores(de: DistilledDE, X: Mat): Mat {
  if (X.columns + 1 !== de.tower.rows) {
    throw new RangeError(`X must have ${de.tower.rows - 1} feature columns, got ${X.columns}`);
  }
  return matmul(matmul(withOnes(X), de.tower), de.itemEmb.transpose());
}

function withOnes(X: Mat): Mat {
  return matFromRows(Array.from({ length: X.rows }, (_, i) => [...X.getRow(i), 1]));
}
