/**
 * Heat maps of scalar fields over the plane, for the state-dependent variances of notebook 05 (the exact NPR target
 * g*(x_t) next to a learned head, and their relative error): a regular grid of 2-D points, and a figure of several
 * heat-map panels side by side sharing one grid (plotly JSON through lib/core's Figure).
 * @module
 */
import type { Data } from "plotly.js";
import { type Figure, requireAllFinite, requireInt, requireLength } from "../../core/mod.ts";

/** A res_x × res_y grid over [x0, x1] × [y0, y1]: axis values and the row-major points (y outer, x inner). */
export interface Grid2d {
  xs: number[];
  ys: number[];
  /** (res_x·res_y)×2 points, point (i, j) = (xs[j], ys[i]) at index i·res_x + j. */
  points: Float64Array;
}

/** The grid of {@link Grid2d} over the box [x0, x1] × [y0, y1] with `res` points per axis (res ≥ 2). */
export function grid2d(box: [number, number, number, number], res: number): Grid2d {
  if (!Array.isArray(box) || box.length !== 4) throw new TypeError("box must be [x0, x1, y0, y1]");
  requireAllFinite("box", box);
  const [x0, x1, y0, y1] = box;
  if (!(x1 > x0 && y1 > y0)) throw new RangeError(`box must have x1 > x0 and y1 > y0, got [${box}]`);
  requireInt("res", res, 2);
  const xs = Array.from({ length: res }, (_, j) => x0 + ((x1 - x0) * j) / (res - 1));
  const ys = Array.from({ length: res }, (_, i) => y0 + ((y1 - y0) * i) / (res - 1));
  const points = new Float64Array(2 * res * res);
  for (let i = 0; i < res; i++) {
    for (let j = 0; j < res; j++) {
      points[2 * (i * res + j)] = xs[j];
      points[2 * (i * res + j) + 1] = ys[i];
    }
  }
  return { xs, ys, points };
}

/** One panel of {@link heatmapPanels}: a title and one value per grid point (NaN leaves a hole). */
export interface HeatPanel {
  title: string;
  values: ArrayLike<number>;
  /** Colour range; default: the panel's finite min..max. */
  range?: [number, number];
  /** A plotly colour scale name (default "Viridis"). */
  colorscale?: string;
}

/**
 * Panels of heat maps on one grid, laid out in rows of `cols` (equal square-ish axes, one colour bar per panel).
 * Values are rounded to 4 significant digits to keep the figure JSON small.
 */
export function heatmapPanels(
  grid: Grid2d,
  panels: HeatPanel[],
  opts: { title?: string; cols?: number; panelSize?: number } = {},
): Figure {
  if (!grid || !Array.isArray(grid.xs) || !Array.isArray(grid.ys)) {
    throw new TypeError("grid must be a Grid2d");
  }
  if (!Array.isArray(panels) || panels.length === 0) throw new TypeError("panels must be a non-empty array");
  const nx = grid.xs.length, ny = grid.ys.length;
  const cols = requireInt("opts.cols", opts.cols ?? Math.min(3, panels.length), 1);
  const rows = Math.ceil(panels.length / cols), size = opts.panelSize ?? 280;
  const data: Data[] = [];
  const layout: Record<string, unknown> = {
    title: { text: opts.title ?? "" },
    width: 60 + cols * (size + 60),
    height: 90 + rows * size,
    margin: { l: 40, r: 20, t: 70, b: 30 },
    annotations: [] as unknown[],
  };
  const gx = 0.08, gy = 0.1;
  panels.forEach((p, k) => {
    requireLength(`panels[${k}].values`, p.values, nx * ny);
    const r = Math.floor(k / cols), c = k % cols, suffix = k === 0 ? "" : String(k + 1);
    const xd: [number, number] = [c / cols, (c + 1) / cols - gx];
    const yd: [number, number] = [1 - (r + 1) / rows + gy / 2, 1 - r / rows - gy / 2];
    const z = Array.from({ length: ny }, (_, i) =>
      Array.from({ length: nx }, (_, j) => {
        const v = p.values[i * nx + j];
        return Number.isFinite(v) ? Number(v.toPrecision(4)) : null;
      }));
    const finite = Array.from(p.values).filter(Number.isFinite);
    const [lo, hi] = p.range ?? [Math.min(...finite), Math.max(...finite)];
    data.push({
      type: "heatmap",
      x: grid.xs,
      y: grid.ys,
      z,
      zmin: lo,
      zmax: hi,
      colorscale: p.colorscale ?? "Viridis",
      colorbar: { x: xd[1] + 0.01, y: (yd[0] + yd[1]) / 2, len: (yd[1] - yd[0]) * 0.95, thickness: 10 },
      xaxis: `x${suffix}`,
      yaxis: `y${suffix}`,
    } as Data);
    layout[`xaxis${suffix}`] = { domain: xd, anchor: `y${suffix}` };
    layout[`yaxis${suffix}`] = { domain: yd, anchor: `x${suffix}` };
    (layout.annotations as unknown[]).push({
      text: p.title,
      showarrow: false,
      xref: "paper",
      yref: "paper",
      x: (xd[0] + xd[1]) / 2,
      y: yd[1] + 0.01,
      xanchor: "center",
      yanchor: "bottom",
    });
  });
  return { data, layout: layout as Figure["layout"] };
}
