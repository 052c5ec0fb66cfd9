import { interleavedTimes, pairedRatio, type TimedCandidate } from "../../lib/core/timing.ts";
import { assert, assertAllClose, assertClose, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

/** Runs `fn` with performance.now replaced by a fake clock advanced only by the candidates. */
async function withFakeClock<T>(fn: (advance: (ms: number) => void) => Promise<T>): Promise<T> {
  let now = 0;
  Object.defineProperty(performance, "now", { value: () => now, configurable: true, writable: true });
  try {
    return await fn((ms) => {
      now += ms;
    });
  } finally {
    delete (performance as unknown as Record<string, unknown>).now;
  }
}

Deno.test("interleavedTimes: rotated order, warm-up not timed, exact medians on a fake clock", async () => {
  const calls: string[] = [];
  const res = await withFakeClock(async (advance) => {
    const cands: TimedCandidate[] = [
      { label: "a", run: () => (calls.push("a"), advance(10)) },
      { label: "b", run: () => (calls.push("b"), advance(30)) },
      {
        label: "c",
        run: async () => {
          calls.push("c");
          await Promise.resolve();
          advance(20);
        },
      },
    ];
    return await interleavedTimes(cands, { rounds: 4, warmup: 2 });
  });
  // round k starts at candidate k mod 3
  assert.deepEqual(calls.slice(0, 9), ["a", "b", "c", "b", "c", "a", "c", "a", "b"]);
  assert.equal(calls.length, 3 * 6);
  assert.deepEqual(res.labels, ["a", "b", "c"]);
  assert.equal(res.times[0].length, 4);
  assertAllClose(res.median, [10, 30, 20], { abs: 1e-12 });
  assertAllClose(res.mad, [0, 0, 0], { abs: 1e-12 });
  assertAllClose(res.q25, res.q75, { abs: 1e-12 });
});

Deno.test("interleavedTimes + pairedRatio: a load factor common to a round cancels in the paired ratio", async () => {
  // round k runs everything `load[k]` times slower (the warm-up round at load 1)
  const load = [1, 1, 3, 1.5, 7, 2, 1];
  let round = -1, seen = 0;
  const res = await withFakeClock(async (advance) => {
    const tick = (ms: number) => {
      if (seen++ % 2 === 0) round++;
      advance(ms * load[round]);
    };
    return await interleavedTimes([
      { label: "slow", run: () => tick(8) },
      { label: "fast", run: () => tick(2) },
    ], { rounds: 6, warmup: 1 });
  });
  const r = pairedRatio(res, "fast", "slow");
  assert.equal(r.ratios.length, 6);
  assertAllClose(r.ratios, [0.25, 0.25, 0.25, 0.25, 0.25, 0.25], { rel: 1e-12 });
  assertClose(r.median, 0.25, { rel: 1e-12 });
  // the per-candidate medians feel the load; their spread is wide
  assert.ok(res.mad[0] > 0 && res.q75[0] > res.q25[0]);
  assertClose(pairedRatio(res, "slow", "fast").median, 4, { rel: 1e-12 });
});

Deno.test("interleavedTimes: real clock, a busy-wait candidate is slower than an empty one", async () => {
  const spin = (ms: number) => {
    const t0 = performance.now();
    while (performance.now() - t0 < ms) { /* spin */ }
  };
  const res = await interleavedTimes([
    { label: "empty", run: () => {} },
    { label: "spin", run: () => spin(2) },
  ], { rounds: 5, warmup: 0 });
  assert.ok(res.median[1] >= 2, `spin median ${res.median[1]}`);
  assert.ok(res.median[0] < res.median[1]);
  assert.equal(res.warmup, 0);
});

Deno.test("interleavedTimes / pairedRatio: bad inputs", async () => {
  const ok: TimedCandidate = { label: "a", run: () => {} };
  await assertRejectsWith(() => interleavedTimes([], { rounds: 2 }), RangeError, "candidates");
  await assertRejectsWith(
    () => interleavedTimes(null as unknown as TimedCandidate[], { rounds: 2 }),
    RangeError,
    "candidates",
  );
  await assertRejectsWith(
    () => interleavedTimes([{ label: "", run: () => {} }], { rounds: 2 }),
    TypeError,
    "candidates[0].label",
  );
  await assertRejectsWith(
    () => interleavedTimes([ok, { label: "b", run: 3 as unknown as () => void }], { rounds: 2 }),
    TypeError,
    "candidates[1].run",
  );
  await assertRejectsWith(() => interleavedTimes([ok, { ...ok }], { rounds: 2 }), RangeError, "distinct");
  await assertRejectsWith(() => interleavedTimes([ok], { rounds: 0 }), RangeError, "opts.rounds");
  await assertRejectsWith(() => interleavedTimes([ok], { rounds: 2.5 }), RangeError, "opts.rounds");
  await assertRejectsWith(() => interleavedTimes([ok], { rounds: 2, warmup: -1 }), RangeError, "opts.warmup");
  await assertRejectsWith(
    () => interleavedTimes([ok], undefined as unknown as { rounds: number }),
    TypeError,
    "opts",
  );
  const res = await interleavedTimes([ok, { label: "b", run: () => {} }], { rounds: 2, warmup: 0 });
  assertThrowsWith(() => pairedRatio(res, "x", "a"), RangeError, "num");
  assertThrowsWith(() => pairedRatio(res, "a", "y"), RangeError, "den");
  assertThrowsWith(() => pairedRatio(res, "a", "a"), RangeError, "differ");
  assertThrowsWith(() => pairedRatio({} as never, "a", "b"), TypeError, "interleavedTimes");
});
