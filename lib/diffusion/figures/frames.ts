/**
 * Processes in time as plotly figures with animation frames, a slider and play/pause buttons, all inside the figure
 * JSON — playable in JupyterLab and in the HTML book without the kernel (the ODE family, issue 9: samples flowing
 * from the prior to the data, a density evolving). {@link animatedFigure} is the generic builder (one list of traces
 * per frame); {@link densityFramesFigure} is its common use in 1-D: at each time, a histogram of samples against the
 * exact density.
 * @module
 */
import type { Data, Layout } from "plotly.js";
import { type Figure, histogram, requireAllFinite, requireInt, requirePositive } from "../../core/mod.ts";

/** One frame of an animation: its slider label and its traces (the same number and kinds in every frame). */
export interface AnimationFrame {
  name: string;
  data: Data[];
}

/** Options of {@link animatedFigure}. */
export interface AnimatedFigureOptions {
  title?: string;
  /** Layout merged over the default (axes, size, ...). */
  layout?: Partial<Layout>;
  /** Prefix of the slider's current-value label (default "frame "). */
  prefix?: string;
  /** Milliseconds per frame when playing (default 200). */
  duration?: number;
  /** Redraw each frame fully (needed for histograms/heat maps whose bins change; default true). */
  redraw?: boolean;
}

/**
 * A figure whose frames are played by plotly in the front end: the first frame's traces are the initial data, a
 * slider steps through the frames by name, and ▶/❚❚ buttons play and pause.
 */
export function animatedFigure(frames: AnimationFrame[], opts: AnimatedFigureOptions = {}): Figure {
  if (!Array.isArray(frames) || frames.length === 0) throw new TypeError("frames must be a non-empty array");
  const names = new Set<string>();
  frames.forEach((f, i) => {
    if (!f || typeof f.name !== "string" || !Array.isArray(f.data) || f.data.length === 0) {
      throw new TypeError(`frames[${i}] must be { name, data: non-empty trace array }`);
    }
    if (names.has(f.name)) throw new RangeError(`frames[${i}].name "${f.name}" is not unique`);
    if (f.data.length !== frames[0].data.length) {
      throw new RangeError(`frames[${i}] has ${f.data.length} traces, frame 0 has ${frames[0].data.length}`);
    }
    names.add(f.name);
  });
  const duration = requirePositive("opts.duration", opts.duration ?? 200);
  const redraw = opts.redraw ?? true;
  const play = { frame: { duration, redraw }, fromcurrent: true, transition: { duration: 0 } };
  const jump = { mode: "immediate", frame: { duration: 0, redraw }, transition: { duration: 0 } };
  return {
    data: frames[0].data,
    frames: frames.map((f) => ({ name: f.name, data: f.data })),
    layout: {
      title: { text: opts.title ?? "" },
      ...opts.layout,
      updatemenus: [{
        type: "buttons",
        direction: "left",
        showactive: false,
        x: 0,
        y: -0.12,
        xanchor: "left",
        yanchor: "top",
        buttons: [
          { label: "▶ play", method: "animate", args: [null, play] },
          { label: "❚❚ pause", method: "animate", args: [[null], { ...jump, mode: "immediate" }] },
        ],
      }],
      sliders: [{
        active: 0,
        x: 0.15,
        len: 0.85,
        y: -0.05,
        yanchor: "top",
        currentvalue: { prefix: opts.prefix ?? "frame " },
        steps: frames.map((f) => ({ label: f.name, method: "animate", args: [[f.name], jump] })),
      }],
    } as Partial<Layout>,
  };
}

/** One time of {@link densityFramesFigure}: a label, the exact density on the grid, and optional samples. */
export interface DensityFrame {
  label: string;
  /** Density values at the figure's grid points. */
  density: ArrayLike<number>;
  /** Samples drawn as a normalised histogram. */
  samples?: ArrayLike<number>;
}

/** Options of {@link densityFramesFigure}. */
export interface DensityFramesOptions extends AnimatedFigureOptions {
  /** Histogram bins over the grid's range (default 60). */
  bins?: number;
  /** Name of the density curve (default "exact density") and of the histogram (default "samples"). */
  densityName?: string;
  samplesName?: string;
  /** Upper end of the y axis (default: the largest density or bar over all frames, +10%). */
  yMax?: number;
  xTitle?: string;
}

/**
 * A 1-D density evolving in time: one frame per time with the exact density curve on `grid` and (when given) a
 * density-normalised histogram of samples over the grid's range.
 */
export function densityFramesFigure(
  grid: ArrayLike<number>,
  frames: DensityFrame[],
  opts: DensityFramesOptions = {},
): Figure {
  if (!grid || typeof grid.length !== "number" || grid.length < 2) {
    throw new RangeError("grid must have >= 2 points");
  }
  requireAllFinite("grid", grid);
  if (!Array.isArray(frames) || frames.length === 0) throw new TypeError("frames must be a non-empty array");
  const bins = requireInt("opts.bins", opts.bins ?? 60, 1);
  const lo = grid[0], hi = grid[grid.length - 1];
  if (!(hi > lo)) throw new RangeError("grid must increase");
  const withSamples = frames[0].samples !== undefined;
  let top = 0;
  const built = frames.map((f, i) => {
    if (!f || typeof f.label !== "string" || !f.density || f.density.length !== grid.length) {
      throw new RangeError(`frames[${i}] must have a label and ${grid.length} density values`);
    }
    if ((f.samples !== undefined) !== withSamples) {
      throw new TypeError(`frames[${i}]: give samples in every frame or in none`);
    }
    requireAllFinite(`frames[${i}].density`, f.density);
    const data: Data[] = [];
    if (f.samples) {
      const h = histogram(f.samples, bins, { lo, hi }), w = (hi - lo) / bins;
      const dens = Array.from(h.counts, (c) => c / (f.samples!.length * w));
      top = Math.max(top, ...dens);
      data.push({
        type: "bar",
        name: opts.samplesName ?? "samples",
        x: Array.from({ length: bins }, (_v, j) => lo + (j + 0.5) * w),
        y: dens,
        width: w,
        marker: { color: "rgba(31,119,180,0.45)" },
      });
    }
    const y = Array.from(f.density, (v) => Number(v.toPrecision(5)));
    top = Math.max(top, ...y);
    data.push({
      type: "scatter",
      mode: "lines",
      name: opts.densityName ?? "exact density",
      x: Array.from(grid),
      y,
      line: { color: "#d62728", width: 2 },
    });
    return { name: f.label, data };
  });
  const yMax = opts.yMax ?? 1.1 * top;
  return animatedFigure(built, {
    ...opts,
    layout: {
      xaxis: { title: { text: opts.xTitle ?? "x" }, range: [lo, hi] },
      yaxis: { title: { text: "density" }, range: [0, yMax] },
      bargap: 0,
      width: 720,
      height: 460,
      ...opts.layout,
    },
  });
}
