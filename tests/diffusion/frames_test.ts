import { animatedFigure, densityFramesFigure } from "../../lib/diffusion/mod.ts";
import { figureSummary } from "../../lib/core/mod.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("animatedFigure: frames, slider steps and play/pause buttons in the figure JSON", () => {
  const fig = animatedFigure([
    { name: "a", data: [{ type: "scatter", x: [0, 1], y: [0, 1] }] },
    { name: "b", data: [{ type: "scatter", x: [0, 1], y: [1, 0] }] },
  ], { title: "t", prefix: "t = " });
  assert(fig.frames!.length === 2 && fig.frames![1].name === "b", "two named frames");
  const layout = fig.layout as Record<string, unknown> & { sliders: { steps: { args: unknown[] }[] }[] };
  assert(layout.sliders[0].steps.length === 2, "one slider step per frame");
  assert(JSON.stringify(layout.sliders[0].steps[1].args[0]) === '["b"]', "step animates its frame");
  assert(figureSummary(fig).includes("2 animation frames"), "summary counts frames");
});

Deno.test("densityFramesFigure: a normalised histogram and the density per frame", () => {
  const grid = [0, 0.5, 1];
  const fig = densityFramesFigure(grid, [
    { label: "t=0", density: [1, 1, 1], samples: [0.1, 0.2, 0.6, 0.9] },
    { label: "t=1", density: [0.5, 1, 1.5], samples: [0.9, 0.95] },
  ], { bins: 2 });
  const bar = fig.frames![0].data![0] as { y: number[] };
  assert(Math.abs(bar.y.reduce((a, b) => a + b, 0) * 0.5 - 1) < 1e-12, "histogram integrates to 1");
  assert(fig.frames![1].data!.length === 2, "bar + line");
});

Deno.test("frames: bad inputs throw, naming the argument", () => {
  assertThrowsWith(() => animatedFigure([]), TypeError, "frames");
  assertThrowsWith(() => animatedFigure([{ name: "a", data: [] }]), TypeError, "frames[0]");
  const d = [{ type: "scatter" as const, x: [0], y: [0] }];
  assertThrowsWith(
    () => animatedFigure([{ name: "a", data: d }, { name: "a", data: d }]),
    RangeError,
    "unique",
  );
  assertThrowsWith(
    () => animatedFigure([{ name: "a", data: d }, { name: "b", data: [...d, ...d] }]),
    RangeError,
    "traces",
  );
  assertThrowsWith(
    () => animatedFigure([{ name: "a", data: d }], { duration: 0 }),
    RangeError,
    "opts.duration",
  );
  assertThrowsWith(() => densityFramesFigure([0], [{ label: "a", density: [1] }]), RangeError, "grid");
  assertThrowsWith(
    () => densityFramesFigure([0, 1], [{ label: "a", density: [1] }]),
    RangeError,
    "frames[0]",
  );
  assertThrowsWith(
    () =>
      densityFramesFigure([0, 1], [{ label: "a", density: [1, 1], samples: [0] }, {
        label: "b",
        density: [1, 1],
      }]),
    TypeError,
    "frames[1]",
  );
  assertThrowsWith(
    () => densityFramesFigure([0, 1], [{ label: "a", density: [1, 1] }], { bins: 0 }),
    RangeError,
    "opts.bins",
  );
});
