/**
 * A drawing of the cross with its 16 segments coloured, as a plotly figure (one line trace per segment, square
 * labels at the centres, equal axis scales).
 * @module
 */
import type { Figure } from "../core/mod.ts";
import { type CrossGeometry, crossGeometry, SQUARES } from "./cross.ts";

/** The article's colour names for colours 0, 1, 2 (red, yellow, blue) as CSS colours. */
export const CROSS_PALETTE: readonly string[] = ["#d62728", "#e3b505", "#1f77b4"];
const NAMES = ["red", "yellow", "blue"];

const CENTRES: Record<string, [number, number]> = {
  C: [0.5, 0.5],
  T: [0.5, 1.5],
  B: [0.5, -0.5],
  L: [-0.5, 0.5],
  R: [1.5, 0.5],
};

/** The figure of a coloured cross: `colours[k]` in [0, palette.length) colours segment k of `geometry`. */
export function crossFigure(
  colours: ArrayLike<number>,
  title: string,
  geometry: CrossGeometry = crossGeometry(),
  palette: readonly string[] = CROSS_PALETTE,
): Figure {
  if (colours.length !== geometry.segments.length) {
    throw new RangeError(`colours must have ${geometry.segments.length} entries, got ${colours.length}`);
  }
  const data: Figure["data"] = geometry.segments.map((s, k) => {
    const c = colours[k];
    if (!Number.isInteger(c) || c < 0 || c >= palette.length) {
      throw new RangeError(`colours[${k}] must be an integer in [0, ${palette.length}), got ${c}`);
    }
    const [x1, y1] = s.dir === "h" ? [s.x + 1, s.y] : [s.x, s.y + 1];
    return {
      type: "scatter",
      mode: "lines",
      x: [s.x, x1],
      y: [s.y, y1],
      line: { color: palette[c], width: 8 },
      name: `segment ${k}: ${NAMES[c] ?? `colour ${c}`}`,
      showlegend: false,
      hoverinfo: "name",
    };
  });
  data.push({
    type: "scatter",
    mode: "text",
    x: SQUARES.map((n) => CENTRES[n][0]),
    y: SQUARES.map((n) => CENTRES[n][1]),
    text: [...SQUARES],
    textfont: { size: 18 },
    showlegend: false,
    hoverinfo: "skip",
  });
  return {
    data,
    layout: {
      title: { text: title },
      width: 420,
      height: 440,
      xaxis: { visible: false, range: [-1.3, 2.3] },
      yaxis: { visible: false, range: [-1.3, 2.3], scaleanchor: "x" },
      margin: { l: 10, r: 10, t: 50, b: 10 },
    },
  };
}
