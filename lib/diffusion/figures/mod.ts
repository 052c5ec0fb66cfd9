/**
 * lib/diffusion/figures: plotly figures of the diffusion notebooks: trajectories, densities and fields,
 * guidance plots. Other sub-areas import this folder only through this file.
 * @module
 */
export * from "./plots.ts";
export * from "./guidance_plots.ts";
export * from "./field_plots.ts";
export * from "./frames.ts";
