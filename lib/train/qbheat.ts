/**
 * QB-Heat at toy scale (Chen et al. 2022, as read in kexue.fm/archives/9359): an image is a G×G grid of patches; the
 * encoder sees only the top-left q×q block (one quarter when G = 2q); the features of every masked cell are filled
 * from the nearest visible cell (x_s, y_s) = (min(x, q−1), min(y, q−1)) by one first-order step of ∂_x z = Az,
 * ∂_y z = Bz,
 *
 *   ẑ(x, y) = z(x_s, y_s)·(I + (x − x_s)A + (y − y_s)B)      (row vectors; A, B learnable, initialised at 0),
 *
 * or, as in MAE, by a shared learned [MASK] vector. The encoder and decoder around
 * the fill are in masked_patches.ts. Float32 tfjs; call the tensor functions inside tf.tidy.
 * @module
 */
import { requireInt, tf } from "../core/mod.ts";

/**
 * Cuts row-major side×side images (float64, n·side²) into a G×G grid of p×p patches after zero-padding to G·p
 * (centred): a Float32Array [n, G, G, p²] (row-major patch pixels). MNIST: side 28, p 4, G 8 (32×32).
 */
export function patchGrid(
  images: Float64Array,
  n: number,
  side: number,
  patch: number,
  grid: number,
): Float32Array {
  requireInt("n", n, 1);
  requireInt("side", side, 1);
  requireInt("patch", patch, 1);
  requireInt("grid", grid, 1);
  if (!(images instanceof Float64Array) || images.length !== n * side * side) {
    throw new RangeError(`images must be a Float64Array of n·side² = ${n * side * side} values`);
  }
  const full = grid * patch;
  if (full < side || (full - side) % 2 !== 0) {
    throw new RangeError(`grid·patch = ${full} must be ≥ side = ${side} with an even padding`);
  }
  const pad = (full - side) / 2, pp = patch * patch;
  const out = new Float32Array(n * grid * grid * pp);
  for (let k = 0; k < n; k++) {
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const R = r + pad, C = c + pad;
        const cell = Math.floor(R / patch) * grid + Math.floor(C / patch);
        out[(k * grid * grid + cell) * pp + (R % patch) * patch + (C % patch)] =
          images[k * side * side + r * side + c];
      }
    }
  }
  return out;
}

/** For each cell of the G×G grid (row-major), the nearest visible cell of the top-left q×q block and the offsets. */
export function nearestVisible(
  q: number,
  grid: number,
): { source: Int32Array; dx: Float32Array; dy: Float32Array } {
  requireInt("q", q, 1);
  requireInt("grid", grid, q);
  const m = grid * grid;
  const source = new Int32Array(m), dx = new Float32Array(m), dy = new Float32Array(m);
  for (let y = 0; y < grid; y++) {
    for (let x = 0; x < grid; x++) {
      const ys = Math.min(y, q - 1), xs = Math.min(x, q - 1);
      source[y * grid + x] = ys * q + xs;
      dx[y * grid + x] = x - xs;
      dy[y * grid + x] = y - ys;
    }
  }
  return { source, dx, dy };
}

function checkVisible(z: tf.Tensor, grid: number): [number, number, number] {
  if (!(z instanceof tf.Tensor) || z.rank !== 4 || z.shape[1] !== z.shape[2]) {
    throw new RangeError(`zVisible must be a [n, q, q, d] tensor, got [${(z as tf.Tensor)?.shape}]`);
  }
  const [n, q, , d] = z.shape as [number, number, number, number];
  requireInt("grid", grid, q);
  return [n, q, d];
}

/**
 * The QB-Heat fill: ẑ(x, y) = z(x_s, y_s)(I + (x − x_s)A + (y − y_s)B) for every cell of the G×G grid (visible cells
 * have zero offsets and keep their features). zVisible [n, q, q, d], A and B [d, d]; returns [n, G·G, d].
 */
export function heatFill(zVisible: tf.Tensor4D, a: tf.Tensor2D, b: tf.Tensor2D, grid: number): tf.Tensor3D {
  const [n, q, d] = checkVisible(zVisible, grid);
  for (const [name, m] of [["A", a], ["B", b]] as const) {
    if (!(m instanceof tf.Tensor) || m.rank !== 2 || m.shape[0] !== d || m.shape[1] !== d) {
      throw new RangeError(`${name} must be [${d}, ${d}], got [${(m as tf.Tensor)?.shape}]`);
    }
  }
  const { source, dx, dy } = nearestVisible(q, grid);
  const cells = grid * grid;
  const zs = tf.gather(tf.reshape(zVisible, [n, q * q, d]), tf.tensor1d(source, "int32"), 1);
  const flat = tf.reshape(zs, [n * cells, d]) as tf.Tensor2D;
  const za = tf.reshape(tf.matMul(flat, a), [n, cells, d]);
  const zb = tf.reshape(tf.matMul(flat, b), [n, cells, d]);
  return tf.add(
    zs,
    tf.add(tf.mul(za, tf.tensor3d(dx, [1, cells, 1])), tf.mul(zb, tf.tensor3d(dy, [1, cells, 1]))),
  ) as tf.Tensor3D;
}

/**
 * The MAE-style fill: visible cells keep their features, masked cells get one shared learned vector m (the [MASK]
 * token; MAE's decoder then adds a position embedding to every cell, see masked_patches.ts). zVisible [n, q, q, d],
 * maskVec [d]; returns [n, G·G, d].
 */
export function maskFill(zVisible: tf.Tensor4D, maskVec: tf.Tensor1D, grid: number): tf.Tensor3D {
  const [n, q, d] = checkVisible(zVisible, grid);
  const cells = grid * grid;
  if (!(maskVec instanceof tf.Tensor) || maskVec.rank !== 1 || maskVec.shape[0] !== d) {
    throw new RangeError(`maskVec must be [${d}], got [${(maskVec as tf.Tensor)?.shape}]`);
  }
  const { source, dx, dy } = nearestVisible(q, grid);
  const vis = Float32Array.from(dx, (v, i) => (v === 0 && dy[i] === 0 ? 1 : 0));
  const visT = tf.tensor3d(vis, [1, cells, 1]);
  const zs = tf.gather(tf.reshape(zVisible, [n, q * q, d]), tf.tensor1d(source, "int32"), 1);
  return tf.add(tf.mul(zs, visT), tf.mul(tf.reshape(maskVec, [1, 1, d]), tf.sub(1, visT))) as tf.Tensor3D;
}

/** 1 for the masked cells of the G×G grid (outside the top-left q×q block), 0 for the visible ones. */
export function maskedCells(q: number, grid: number): Float32Array {
  const { dx, dy } = nearestVisible(q, grid);
  return Float32Array.from(dx, (v, i) => (v === 0 && dy[i] === 0 ? 0 : 1));
}
