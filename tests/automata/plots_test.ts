import { defineFsm } from "../../lib/automata/fsm.ts";
import {
  capabilityHeatmapFigure,
  drawPosition,
  stateDiagramFigure,
  timelineFigure,
} from "../../lib/automata/plots.ts";
import { runScript } from "../../lib/automata/script.ts";
import { figureSummary } from "../../lib/core/figure.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

const lamp = defineFsm(
  ["off", "on"],
  ["press", "tick"],
  (s, e) =>
    e === "press"
      ? { to: s === "off" ? "on" : "off", delay: { t_p: 1 } }
      : s === "on"
      ? { to: s, flags: ["glow"] }
      : { to: s },
);

Deno.test("stateDiagramFigure: arrows, labels, self-loops", () => {
  const fig = stateDiagramFigure(lamp, { positions: { off: [0, 0], on: [1, 0] }, title: "lamp" });
  const ann = fig.layout!.annotations!;
  assert.equal(ann.filter((a) => a.showarrow).length, 2, "one arrow each way");
  assert.ok(ann.some((a) => String(a.text).includes("tick")), "self-loop listed");
  assert.match(figureSummary(fig), /lamp/);
  assertThrowsWith(
    () => stateDiagramFigure(lamp, { positions: { off: [0, 0] } as never }),
    RangeError,
    "positions.on",
  );
  assertThrowsWith(
    () => stateDiagramFigure(lamp, { positions: { off: [0, 0], on: [NaN, 0] } }),
    RangeError,
    "on[0]",
  );
});

Deno.test("capabilityHeatmapFigure: values and words", () => {
  const fig = capabilityHeatmapFigure({ A: { x: true, y: "unknown" }, B: { x: false, y: true } });
  const t = fig.data[0] as { z: number[][]; text: string[][] };
  assert.deepEqual(t.z, [[1, 0.5], [0, 1]]);
  assert.deepEqual(t.text, [["yes", "unknown"], ["no", "yes"]]);
  assertThrowsWith(() => capabilityHeatmapFigure({}), RangeError, "table");
  assertThrowsWith(() => capabilityHeatmapFigure({ A: { x: true }, B: { y: true } }), RangeError, "table.B");
});

Deno.test("timelineFigure and drawPosition", () => {
  assert.equal(drawPosition({ s: 10, t_p: 2 }, { s: 1, t_p: 4 }), 18);
  assertThrowsWith(() => drawPosition({ q: 1 }, { s: 1 }), RangeError, "q");
  assertThrowsWith(() => drawPosition({ s: 1 }, { s: 0 }), RangeError, "drawWidths.s");
  const tr = runScript(lamp, "off", ["press", { wait: { s: 10 } }, "press"]);
  const fig = timelineFigure(tr, { lanes: { lamp: (s) => s }, drawWidths: { s: 1, t_p: 5 } });
  const ticks = fig.layout!.xaxis!.ticktext as string[];
  assert.deepEqual(ticks, ["0", "t_p", "10 s + t_p", "10 s + 2·t_p"]);
  const lane = fig.data[0] as { x: number[] };
  assert.deepEqual(lane.x, [-3, 5], "the starting state is drawn over the lead-in");
  assertThrowsWith(
    () => timelineFigure(tr, { lanes: { lamp: (s) => s }, drawWidths: { s: 1, t_p: 1 }, lead: 0 }),
    RangeError,
    "opts.lead",
  );
  assertThrowsWith(() => timelineFigure([], { lanes: {}, drawWidths: {} }), RangeError, "trace");
  assertThrowsWith(
    () => timelineFigure(tr, { lanes: {}, drawWidths: { s: 1, t_p: 1 } }),
    RangeError,
    "lanes",
  );
});
