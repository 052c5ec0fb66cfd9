/**
 * Figures the diffusion notebooks share (plotly JSON through lib/core's {@link Figure}): 2-D point clouds,
 * image grids (many images tiled into one heatmap), and denoising trajectories as plotly animation frames with a
 * slider (the animation runs in the front end; no kernel round trips).
 * @module
 */
import type { Data } from "plotly.js";
import { type Figure, requireInt } from "../../core/mod.ts";
import type { Points } from "../oracle/mod.ts";

/** A 2-D scatter trace of row-major n×2 points (optionally only the first `max` rows). */
export function scatter2d(
  points: Points,
  name: string,
  opts: { max?: number; size?: number; color?: string; opacity?: number } = {},
): Data {
  if (!(points instanceof Float64Array) || points.length % 2 !== 0) {
    throw new RangeError(`points must be a Float64Array of n×2 values, got length ${points?.length}`);
  }
  const n = Math.min(points.length / 2, opts.max ?? Infinity);
  const x = new Array<number>(n), y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    x[i] = round4(points[2 * i]);
    y[i] = round4(points[2 * i + 1]);
  }
  return {
    type: "scatter",
    mode: "markers",
    name,
    x,
    y,
    marker: { size: opts.size ?? 3, color: opts.color, opacity: opts.opacity ?? 0.6 },
  };
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/** Options of {@link imageGridFigure}. */
export interface ImageGridOptions {
  /** Images per row (default: all in one row up to 8). */
  cols?: number;
  /** Title of the figure. */
  title?: string;
  /** Pixel value range mapped to black..white (default [−1, 1]). */
  range?: [number, number];
  /** Tile captions, shown on hover. */
  captions?: string[];
}

/**
 * Tiles n square greyscale images (row-major n×side², each row-major side×side) into one heatmap with one-pixel
 * gaps; the y axis is reversed so images appear upright. Values are clipped to `range`.
 */
export function imageGridFigure(images: Points, side: number, opts: ImageGridOptions = {}): Figure {
  requireInt("side", side, 1);
  const px = side * side;
  if (!(images instanceof Float64Array) || images.length === 0 || images.length % px !== 0) {
    throw new RangeError(`images must be a Float64Array of n×${px} values, got length ${images?.length}`);
  }
  const n = images.length / px;
  const cols = requireInt("opts.cols", opts.cols ?? Math.min(n, 8), 1);
  const [lo, hi] = opts.range ?? [-1, 1];
  if (!(hi > lo)) throw new RangeError(`opts.range must be [lo, hi] with hi > lo, got [${lo}, ${hi}]`);
  const rowsN = Math.ceil(n / cols);
  const H = rowsN * (side + 1) - 1, W = cols * (side + 1) - 1;
  const z: (number | null)[][] = Array.from({ length: H }, () => new Array<number | null>(W).fill(null));
  for (let k = 0; k < n; k++) {
    const r0 = Math.floor(k / cols) * (side + 1), c0 = (k % cols) * (side + 1);
    for (let i = 0; i < side; i++) {
      for (let j = 0; j < side; j++) {
        const v = images[k * px + i * side + j];
        z[r0 + i][c0 + j] = Math.round(Math.min(hi, Math.max(lo, v)) * 1000) / 1000;
      }
    }
  }
  return {
    data: [{
      type: "heatmap",
      z,
      zmin: lo,
      zmax: hi,
      colorscale: "Greys",
      reversescale: true,
      showscale: false,
    }],
    layout: {
      title: { text: opts.title ?? "" },
      yaxis: { autorange: "reversed", scaleanchor: "x", visible: false },
      xaxis: { visible: false },
      width: Math.min(900, 60 + W * 6),
      height: 80 + H * 6 * Math.min(1, 840 / (W * 6)),
      margin: { l: 10, r: 10, t: 40, b: 10 },
    },
  };
}

/** Options of {@link trajectoryFigure}. */
export interface TrajectoryOptions {
  title?: string;
  /** Background points (e.g. the data), drawn faintly in every frame. */
  background?: Points;
  /** Axis half-width (default 4). */
  extent?: number;
  /** Most points drawn per frame (default 1000). */
  max?: number;
}

/**
 * A denoising trajectory of 2-D points as an animated figure: one frame per recorded step t (descending), with a
 * slider and play button. `snapshots` maps t to row-major n×2 points (as returned by ddpmSample's `record`).
 */
export function trajectoryFigure(snapshots: Map<number, Points>, opts: TrajectoryOptions = {}): Figure {
  if (!(snapshots instanceof Map) || snapshots.size === 0) {
    throw new TypeError("snapshots must be a non-empty Map");
  }
  const ts = [...snapshots.keys()].sort((a, b) => b - a);
  const max = opts.max ?? 1000, e = opts.extent ?? 4;
  const bg: Data[] = opts.background
    ? [scatter2d(opts.background, "data", { max, color: "#bbbbbb", opacity: 0.4, size: 2 })]
    : [];
  const frame = (t: number) => scatter2d(snapshots.get(t)!, `x_t`, { max, color: "#1f77b4" });
  return {
    data: [...bg, frame(ts[0])],
    frames: ts.map((t) => ({ name: `t=${t}`, data: [...bg, frame(t)] })),
    layout: {
      title: { text: opts.title ?? "" },
      xaxis: { range: [-e, e], title: { text: "x₁" } },
      yaxis: { range: [-e, e], title: { text: "x₂" }, scaleanchor: "x" },
      width: 560,
      height: 600,
      updatemenus: [{
        type: "buttons",
        showactive: false,
        x: 0,
        y: -0.08,
        xanchor: "left",
        buttons: [{
          label: "▶ play",
          method: "animate",
          args: [null, {
            frame: { duration: 150, redraw: false },
            fromcurrent: true,
            transition: { duration: 0 },
          }],
        }],
      }],
      sliders: [{
        active: 0,
        currentvalue: { prefix: "step " },
        pad: { t: 40 },
        steps: ts.map((t) => ({
          label: `t=${t}`,
          method: "animate",
          args: [[`t=${t}`], {
            mode: "immediate",
            frame: { duration: 0, redraw: false },
            transition: { duration: 0 },
          }],
        })),
      }],
    },
  };
}

/** One panel of {@link scatterGridFigure}: a title and one or more named point clouds. */
export interface ScatterPanel {
  title: string;
  traces: { name: string; points: Points; color?: string }[];
}

/**
 * A grid of 2-D scatter panels (rows × columns, equal square axes of half-width `extent`), e.g. data / exact-score
 * samples / learned samples side by side. At most `max` points per trace are drawn.
 */
export function scatterGridFigure(
  panels: ScatterPanel[][],
  opts: { title?: string; extent?: number; max?: number; panelSize?: number } = {},
): Figure {
  if (
    !Array.isArray(panels) || panels.length === 0 || !panels.every((r) => Array.isArray(r) && r.length > 0)
  ) {
    throw new TypeError("panels must be a non-empty array of non-empty rows");
  }
  const rows = panels.length, cols = Math.max(...panels.map((r) => r.length));
  const e = opts.extent ?? 4, size = opts.panelSize ?? 260;
  const data: Data[] = [];
  const layout: Record<string, unknown> = {
    title: { text: opts.title ?? "" },
    width: 40 + cols * size,
    height: 90 + rows * size,
    showlegend: false,
    margin: { l: 30, r: 10, t: 70, b: 30 },
    annotations: [] as unknown[],
  };
  const gap = 0.04;
  panels.forEach((row, i) =>
    row.forEach((panel, j) => {
      const k = i * cols + j + 1, suffix = k === 1 ? "" : String(k);
      const x0 = j / cols + gap / 2, x1 = (j + 1) / cols - gap / 2;
      const y1 = 1 - i / rows - gap, y0 = 1 - (i + 1) / rows + gap / 2;
      layout[`xaxis${suffix}`] = { domain: [x0, x1], range: [-e, e], anchor: `y${suffix}`, zeroline: false };
      layout[`yaxis${suffix}`] = { domain: [y0, y1], range: [-e, e], anchor: `x${suffix}`, zeroline: false };
      (layout.annotations as unknown[]).push({
        text: panel.title,
        showarrow: false,
        xref: "paper",
        yref: "paper",
        x: (x0 + x1) / 2,
        y: y1 + 0.01,
        xanchor: "center",
        yanchor: "bottom",
      });
      for (const tr of panel.traces) {
        data.push(
          {
            ...scatter2d(tr.points, tr.name, { max: opts.max ?? 2000, color: tr.color }),
            xaxis: `x${suffix}`,
            yaxis: `y${suffix}`,
          } as Data,
        );
      }
    })
  );
  return { data, layout: layout as Figure["layout"] };
}
