/**
 * Figures for state machines (plotly JSON through lib/core's {@link Figure}): a state diagram with labelled
 * arrows, a three-valued capability heat map (yes / unknown / no), and a timeline of a played script whose
 * symbolic times are drawn with stated drawing widths (tick labels stay symbolic: "10 s + t_boot"). Used by the
 * notebook of article 9365 (smart speaker and projector).
 * @module
 */
import type { Annotations, Data } from "plotly.js";
import { type Figure, requireFinite, requirePositive } from "../core/mod.ts";
import { type Capability, capabilityValue, capabilityWord } from "./capability.ts";
import { addDelay, type Delay, formatDelay, type Fsm, transitions } from "./fsm.ts";
import type { TraceEntry } from "./script.ts";

/** Options of {@link stateDiagramFigure}. */
export interface StateDiagramOptions<S extends string, E extends string> {
  /** Position of every state. */
  positions: Readonly<Record<S, readonly [number, number]>>;
  /** The events drawn (default: all). */
  allowed?: readonly E[];
  /** Colour of an edge from its events' flags and names (default grey). */
  colourOf?: (events: readonly E[], flags: readonly string[]) => string;
  /** Short label of an event (default: the event name). */
  labelOf?: (e: E) => string;
  title?: string;
}

/**
 * The state diagram of `fsm`: nodes at `positions`, one arrow per ordered pair of distinct states labelled with
 * every event taking it (opposite arrows are offset sideways so both stay readable), and each state's self-loop
 * effects (flagged steps that keep the state) listed under its node.
 */
export function stateDiagramFigure<S extends string, E extends string>(
  fsm: Fsm<S, E>,
  opts: StateDiagramOptions<S, E>,
): Figure {
  if (!opts || typeof opts.positions !== "object") throw new TypeError("opts.positions must be given");
  for (const s of fsm.states) {
    const p = opts.positions[s];
    if (!Array.isArray(p) || p.length !== 2) throw new RangeError(`opts.positions.${s} must be [x, y]`);
    requireFinite(`opts.positions.${s}[0]`, p[0]);
    requireFinite(`opts.positions.${s}[1]`, p[1]);
  }
  const label = opts.labelOf ?? ((e: E) => e);
  const colourOf = opts.colourOf ?? (() => "#555");
  const edges = new Map<string, { from: S; to: S; events: E[]; flags: Set<string> }>();
  const loops = new Map<S, string[]>();
  for (const t of transitions(fsm, opts.allowed ?? fsm.events)) {
    if (t.from === t.to) {
      loops.set(t.from, [...(loops.get(t.from) ?? []), label(t.event)]);
      continue;
    }
    const k = `${t.from}→${t.to}`;
    const ed = edges.get(k) ?? { from: t.from, to: t.to, events: [], flags: new Set<string>() };
    ed.events.push(t.event);
    t.flags.forEach((f) => ed.flags.add(f));
    edges.set(k, ed);
  }
  const annotations: Partial<Annotations>[] = [];
  const shrink = 0.16; // keep arrow heads off the node markers (fraction of the edge length)
  for (const ed of edges.values()) {
    const [x0, y0] = opts.positions[ed.from], [x1, y1] = opts.positions[ed.to];
    const dx = x1 - x0, dy = y1 - y0, len = Math.hypot(dx, dy) || 1;
    const both = edges.has(`${ed.to}→${ed.from}`);
    const off = both ? 0.07 : 0; // offset of opposite arrows, perpendicular to the edge
    const nx = (-dy / len) * off, ny = (dx / len) * off;
    const colour = colourOf(ed.events, [...ed.flags]);
    annotations.push({
      x: x1 - dx * shrink + nx,
      y: y1 - dy * shrink + ny,
      ax: x0 + dx * shrink + nx,
      ay: y0 + dy * shrink + ny,
      xref: "x",
      yref: "y",
      axref: "x",
      ayref: "y",
      showarrow: true,
      arrowhead: 2,
      arrowsize: 1.2,
      arrowwidth: 2,
      arrowcolor: colour,
      text: "",
    });
    annotations.push({
      x: x0 + dx * 0.5 + nx * 2.2,
      y: y0 + dy * 0.5 + ny * 2.2,
      xref: "x",
      yref: "y",
      showarrow: false,
      text: ed.events.map(label).join("<br>"),
      font: { size: 11, color: colour },
      bgcolor: "rgba(255,255,255,0.85)",
    });
  }
  const states = fsm.states;
  const data: Data[] = [{
    type: "scatter",
    mode: "text+markers",
    x: states.map((s) => opts.positions[s][0]),
    y: states.map((s) => opts.positions[s][1]),
    text: states.map((s) => `<b>${s}</b>`),
    textposition: "top center",
    marker: { size: 26, color: "#f4f1de", line: { color: "#333", width: 2 } },
    hovertext: states.map((s) => `${s}${loops.has(s) ? "<br>self-loops: " + loops.get(s)!.join(", ") : ""}`),
    hoverinfo: "text",
    showlegend: false,
  }];
  for (const [s, evs] of loops) {
    annotations.push({
      x: opts.positions[s][0],
      y: opts.positions[s][1],
      yshift: -26,
      xref: "x",
      yref: "y",
      showarrow: false,
      text: `<i>↺ ${evs.join(", ")}</i>`,
      font: { size: 10, color: "#555" },
    });
  }
  return {
    data,
    layout: {
      title: { text: opts.title ?? "State diagram" },
      annotations,
      xaxis: { visible: false, range: axisRange(states.map((s) => opts.positions[s][0])) },
      yaxis: { visible: false, range: axisRange(states.map((s) => opts.positions[s][1])), scaleanchor: "x" },
      height: 560,
      margin: { l: 20, r: 20, t: 60, b: 20 },
    },
  };
}

function axisRange(v: number[]): [number, number] {
  const lo = Math.min(...v), hi = Math.max(...v), pad = Math.max(0.35, 0.15 * (hi - lo));
  return [lo - pad, hi + pad];
}

/**
 * A heat map of a capability table: rows = schemes, columns = checks, cells coloured yes (green) / unknown
 * (grey) / no (red) and written out as words; `notes[row][col]` (optional) is shown on hover.
 */
export function capabilityHeatmapFigure(
  table: Readonly<Record<string, Readonly<Record<string, Capability>>>>,
  opts: { rowLabels?: Record<string, string>; colLabels?: Record<string, string>; title?: string } = {},
): Figure {
  const rows = Object.keys(table);
  if (rows.length === 0) throw new RangeError("table must have at least one row");
  const cols = Object.keys(table[rows[0]]);
  rows.forEach((r) => {
    const c = Object.keys(table[r]);
    if (c.length !== cols.length || c.some((k, i) => k !== cols[i])) {
      throw new RangeError(`table.${r} must have the columns ${cols.join(", ")}`);
    }
  });
  const y = rows.map((r) => opts.rowLabels?.[r] ?? r), x = cols.map((c) => opts.colLabels?.[c] ?? c);
  return {
    data: [{
      type: "heatmap",
      x,
      y,
      z: rows.map((r) => cols.map((c) => capabilityValue(table[r][c]))),
      text: rows.map((r) => cols.map((c) => capabilityWord(table[r][c]))) as unknown as string[],
      texttemplate: "%{text}",
      hovertemplate: "%{y}<br>%{x}: %{text}<extra></extra>",
      zmin: 0,
      zmax: 1,
      colorscale: [
        [0, "#d6604d"],
        [0.25, "#d6604d"],
        [0.25, "#bababa"],
        [0.75, "#bababa"],
        [0.75, "#4dac26"],
        [
          1,
          "#4dac26",
        ],
      ],
      showscale: false,
      xgap: 2,
      ygap: 2,
    }],
    layout: {
      title: { text: opts.title ?? "Capabilities" },
      yaxis: { autorange: "reversed", automargin: true },
      xaxis: { side: "top", automargin: true },
      height: 120 + 42 * rows.length,
      margin: { l: 20, r: 20, t: 140, b: 20 },
    },
  };
}

/** Options of {@link timelineFigure}. */
export interface TimelineOptions<S extends string> {
  /** Lanes: name → the label shown for a state (e.g. plug: s => s === "UNPOWERED" ? "off" : "on"). */
  lanes: Readonly<Record<string, (s: S) => string>>;
  /** Drawing width of each symbol ("s" = one second; others are drawing-only lengths, not durations). */
  drawWidths: Readonly<Record<string, number>>;
  /** Colour of a lane label (default grey). */
  colourOf?: (label: string) => string;
  /** Drawn length after the last item (default 3). */
  tail?: number;
  /** Drawn length before time 0, showing the starting state (default 3). */
  lead?: number;
  title?: string;
}

/** The drawn x position of a symbolic time under `drawWidths` (every symbol must have a width). */
export function drawPosition(t: Delay, drawWidths: Readonly<Record<string, number>>): number {
  let x = 0;
  for (const [k, v] of Object.entries(t)) {
    if (!(k in drawWidths)) {
      throw new RangeError(`drawWidths has no width for the symbol ${JSON.stringify(k)}`);
    }
    x += v * requirePositive(`drawWidths.${k}`, drawWidths[k]);
  }
  return x;
}

/**
 * The timeline of a played script (from runScript): one horizontal lane per entry of `opts.lanes` showing the
 * lane's label over time as coloured bars, and a lane "events" with a marker per event when it completes (a
 * timer at the end of its delay). Tick labels are the symbolic times ("0", "10 s", "10 s + t_boot").
 */
export function timelineFigure<S extends string, E extends string>(
  trace: readonly TraceEntry<S, E>[],
  opts: TimelineOptions<S>,
): Figure {
  if (!Array.isArray(trace) || trace.length === 0) throw new RangeError("trace must be a non-empty trace");
  const lanes = Object.keys(opts.lanes);
  if (lanes.length === 0) throw new RangeError("opts.lanes must name at least one lane");
  const colourOf = opts.colourOf ?? (() => "#9e9e9e");
  const tail = requirePositive("opts.tail", opts.tail ?? 3);
  const lead = requirePositive("opts.lead", opts.lead ?? 3);
  const times = trace.map((t) => drawPosition(t.at, opts.drawWidths));
  const ends = trace.map((t, i) => times[i] + drawPosition(t.delay, opts.drawWidths));
  const last = trace[trace.length - 1];
  const end = drawPosition(last.at, opts.drawWidths) + drawPosition(last.delay, opts.drawWidths) + tail;
  // the state after each item holds from that item's end until the next item's end
  const states: { s: S; from: number }[] = [{ s: trace[0].from, from: -lead }];
  trace.forEach((t, i) => {
    if (t.item !== "wait") states.push({ s: t.to, from: ends[i] });
  });
  const data: Data[] = [];
  const labels = { x: [] as number[], y: [] as string[], text: [] as string[] };
  for (const lane of lanes) {
    const f = opts.lanes[lane];
    let i = 0;
    while (i < states.length) {
      const lbl = f(states[i].s);
      let j = i + 1;
      while (j < states.length && f(states[j].s) === lbl) j++;
      const a = states[i].from, b = j < states.length ? states[j].from : end;
      if (b > a) {
        data.push({
          type: "scatter",
          mode: "lines",
          y: [lane, lane],
          x: [a, b],
          line: { color: colourOf(lbl), width: 26 },
          hovertemplate: `${lane}: ${lbl}<extra></extra>`,
          showlegend: false,
        });
        labels.x.push((a + b) / 2);
        labels.y.push(lane);
        labels.text.push(lbl);
      }
      i = j;
    }
  }
  data.push({
    type: "scatter",
    mode: "text",
    x: labels.x,
    y: labels.y,
    text: labels.text,
    textfont: { color: "#111", size: 12 },
    hoverinfo: "skip",
    showlegend: false,
  });
  // an event is marked when it completes (a timer fires at the end of its delay)
  const ev = trace.map((t, i) => ({ t, x: ends[i] })).filter((e) => e.t.item !== "wait");
  data.push({
    type: "scatter",
    mode: "text+markers",
    y: ev.map(() => "events"),
    x: ev.map((e) => e.x),
    text: ev.map((e) => e.t.item + (e.t.flags.length ? ` [${e.t.flags.join(", ")}]` : "")),
    textposition: "top center",
    marker: { size: 11, symbol: "diamond", color: ev.map((e) => e.t.flags.length ? "#cf222e" : "#333") },
    showlegend: false,
    hoverinfo: "text",
  });
  const tickMap = new Map<number, string>([[0, "0"]]);
  trace.forEach((t, i) => tickMap.set(ends[i], formatDelay(addDelay(t.at, t.delay))));
  return {
    data,
    layout: {
      title: { text: opts.title ?? "Timeline" },
      barmode: "overlay",
      xaxis: {
        tickvals: [...tickMap.keys()],
        ticktext: [...tickMap.values()],
        range: [-lead - 0.5, end],
        title: { text: "time (symbolic; lengths of unstated durations are not to scale)" },
      },
      yaxis: {
        categoryorder: "array",
        categoryarray: [...lanes].reverse().concat(["events"]),
        range: [-0.6, lanes.length + 0.8],
      },
      height: 160 + 60 * (lanes.length + 1),
      margin: { l: 110, r: 20, t: 60, b: 60 },
    },
  };
}
