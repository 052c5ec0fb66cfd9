/**
 * Figures of notebook 06 (conditional generation): a density contour of a 2-D mixture (the target p(x|y) under the
 * guided samples, as in the CFG paper's Fig. 2) and a vector field (quiver) of ∇log p(y|x_t) drawn as short
 * segments. Plotly traces through lib/core's figure types.
 * @module
 */
import type { Data } from "plotly.js";
import { requireInt, requirePositive } from "../../core/mod.ts";
import type { GaussianMixture, Points } from "../oracle/mod.ts";

/** A contour trace of the density p(x) of a 2-D mixture on a res×res grid over [−extent, extent]². */
export function densityContour(
  gmm: GaussianMixture,
  opts: { extent?: number; res?: number; name?: string; color?: string } = {},
): Data {
  if (gmm.d !== 2) throw new RangeError(`gmm must be 2-dimensional, got d=${gmm.d}`);
  const e = requirePositive("opts.extent", opts.extent ?? 3), res = requireInt("opts.res", opts.res ?? 60, 2);
  const xs = Array.from({ length: res }, (_, i) => -e + (2 * e * i) / (res - 1));
  const pts = new Float64Array(2 * res * res);
  for (let i = 0; i < res; i++) {
    for (let j = 0; j < res; j++) {
      pts[2 * (i * res + j)] = xs[j];
      pts[2 * (i * res + j) + 1] = xs[i];
    }
  }
  const lp = gmm.logpdf(pts);
  const z = Array.from(
    { length: res },
    (_, i) => Array.from({ length: res }, (_, j) => Math.exp(lp[i * res + j])),
  );
  const c = opts.color ?? "#444";
  return {
    type: "contour",
    x: xs,
    y: xs,
    z,
    name: opts.name ?? "density",
    showscale: false,
    contours: { coloring: "none" },
    line: { color: c, width: 1 },
    ncontours: 6,
  } as Data;
}

/**
 * A quiver as one line trace: for each point p (row-major n×2) and vector v, a segment from p to p + scale·v/‖v‖
 * (every arrow of length `scale`; `normalise: false` draws p + scale·v instead), segments separated by nulls.
 */
export function quiverTrace(
  points: Points,
  vectors: ArrayLike<number>,
  opts: { scale?: number; normalise?: boolean; name?: string; color?: string } = {},
): Data {
  if (!(points instanceof Float64Array) || points.length % 2 !== 0) {
    throw new RangeError(`points must be a Float64Array of n×2 values, got length ${points?.length}`);
  }
  if (vectors.length !== points.length) {
    throw new RangeError(`vectors must have ${points.length} values, got ${vectors.length}`);
  }
  const scale = requirePositive("opts.scale", opts.scale ?? 0.2);
  const x: (number | null)[] = [], y: (number | null)[] = [];
  for (let i = 0; i < points.length / 2; i++) {
    const vx = vectors[2 * i], vy = vectors[2 * i + 1];
    const norm = opts.normalise === false ? 1 : Math.hypot(vx, vy) || 1;
    const r = (v: number) => Math.round(v * 1e4) / 1e4;
    x.push(r(points[2 * i]), r(points[2 * i] + (scale * vx) / norm), null);
    y.push(r(points[2 * i + 1]), r(points[2 * i + 1] + (scale * vy) / norm), null);
  }
  return {
    type: "scatter",
    mode: "lines",
    x,
    y,
    name: opts.name ?? "field",
    line: { color: opts.color ?? "#1f77b4", width: 1 },
  };
}
