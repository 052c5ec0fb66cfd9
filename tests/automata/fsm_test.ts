import fc from "fast-check";
import {
  addDelay,
  defineFsm,
  flagsReachable,
  formatDelay,
  isEffective,
  reachable,
  requireDelay,
  shortestPath,
  transitions,
} from "../../lib/automata/fsm.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

// a three-state toggle: a flips x<->y, b goes to z (flag "bad"), t is a timer y->x with delay t_y
const toy = defineFsm(["x", "y", "z"], ["a", "b", "t"], (s, e) => {
  if (e === "a") return s === "x" ? { to: "y" } : s === "y" ? { to: "x" } : { to: s };
  if (e === "b") return { to: "z", flags: ["bad"] };
  return s === "y" ? { to: "x", delay: { t_y: 1 } } : { to: s };
});

Deno.test("defineFsm validates names and every step's result", () => {
  assertThrowsWith(() => defineFsm([], ["a"], () => ({ to: "x" as never })), RangeError, "states");
  assertThrowsWith(() => defineFsm(["x", "x"], ["a"], () => ({ to: "x" })), RangeError, "duplicate");
  assertThrowsWith(() => defineFsm(["x"], [""], () => ({ to: "x" })), TypeError, "events[0]");
  assertThrowsWith(() => defineFsm(["x"], ["a"], 3 as never), TypeError, "step");
  const bad = defineFsm(["x"], ["a"], () => ({ to: "q" as "x" }));
  assertThrowsWith(() => bad.step("x", "a"), RangeError, "to must be a state");
  const badDelay = defineFsm(["x"], ["a"], () => ({ to: "x", delay: { s: -1 } }));
  assertThrowsWith(() => badDelay.step("x", "a"), RangeError, "delay.s");
  const badFlags = defineFsm(["x"], ["a"], () => ({ to: "x", flags: [3] as never }));
  assertThrowsWith(() => badFlags.step("x", "a"), TypeError, "flags");
  assertThrowsWith(() => toy.step("w" as "x", "a"), RangeError, "s must be one of the states");
  assertThrowsWith(() => toy.step("x", "c" as "a"), RangeError, "e must be one of the events");
});

Deno.test("delays: add, format, validate", () => {
  assert.deepEqual(addDelay({ s: 10 }, { t_boot: 1, s: 2 }), { s: 12, t_boot: 1 });
  assert.equal(formatDelay({ t_boot: 1, s: 10 }), "10 s + t_boot");
  assert.equal(formatDelay({ b: 2, a: 1 }), "a + 2·b");
  assert.equal(formatDelay({}), "0");
  assert.equal(formatDelay({ s: 0 }), "0");
  assertThrowsWith(() => requireDelay("d", [1]), TypeError, "d");
  assertThrowsWith(() => addDelay({ s: NaN }, {}), RangeError, "a.s");
  assertThrowsWith(() => formatDelay({ x: Infinity }), RangeError, "d.x");
});

Deno.test("reachable, flags and effectiveness on the toy machine", () => {
  assert.deepEqual([...reachable(toy, "x", ["a"])].sort(), ["x", "y"]);
  assert.deepEqual([...reachable(toy, "x", ["a", "b"])].sort(), ["x", "y", "z"]);
  assert.deepEqual([...reachable(toy, "x", ["a", "b"], ["bad"])].sort(), ["x", "y"]);
  assert.deepEqual([...reachable(toy, "z", ["a", "t"])], ["z"]);
  assert.deepEqual([...flagsReachable(toy, "x", ["a", "b"])], ["bad"]);
  assert.deepEqual([...flagsReachable(toy, "x", ["a", "b"], ["bad"])], []);
  assert.ok(isEffective(toy, "z", "b"), "a flagged self-loop is an effect");
  assert.ok(!isEffective(toy, "z", "a"));
  assertThrowsWith(() => reachable(toy, "w" as "x", ["a"]), RangeError, "from");
  assertThrowsWith(() => reachable(toy, "x", ["c" as "a"]), RangeError, "allowed[0]");
  assertThrowsWith(() => reachable(toy, "x", "a" as never), TypeError, "allowed");
  assertThrowsWith(() => reachable(toy, "x", ["a"], [1] as never), TypeError, "forbidFlags");
  assertThrowsWith(() => reachable({} as never, "x", ["a"]), TypeError, "fsm");
});

Deno.test("shortestPath: fewest events, costs, delays, unreachable and trivial paths", () => {
  const p = shortestPath(toy, "y", "x", ["a", "t"])!;
  assert.deepEqual(p.events, ["a"], "ties: the order of allowed decides");
  const q = shortestPath(toy, "y", "x", ["t", "a"])!;
  assert.deepEqual(q.events, ["t"]);
  assert.deepEqual(q.totalDelay, { t_y: 1 });
  const free = shortestPath(toy, "y", "x", ["a", "t"], [], (e) => (e === "t" ? 0 : 1))!;
  assert.deepEqual(free.events, ["t"], "a free timer beats a paid command");
  assert.equal(free.cost, 0);
  assert.deepEqual(free.states, ["y", "x"]);
  assert.equal(shortestPath(toy, "z", "x", ["a", "b", "t"]), null);
  assert.equal(shortestPath(toy, "x", "z", ["a", "b"], ["bad"]), null);
  const triv = shortestPath(toy, "x", "x", ["a"])!;
  assert.deepEqual([triv.events, triv.states, triv.cost], [[], ["x"], 0]);
  assertThrowsWith(() => shortestPath(toy, "x", "w" as "x", ["a"]), RangeError, "to");
  assertThrowsWith(() => shortestPath(toy, "x", "y", ["a"], [], () => -1), RangeError, "cost(a)");
});

Deno.test("transitions lists effective steps only", () => {
  const t = transitions(toy);
  assert.deepEqual(t.map((x) => `${x.from}-${x.event}-${x.to}`), [
    "x-a-y",
    "x-b-z",
    "y-a-x",
    "y-b-z",
    "y-t-x",
    "z-b-z",
  ]);
  assert.deepEqual(transitions(toy, ["t"]).map((x) => x.delay), [{ t_y: 1 }]);
});

// random machines: n states, m events, a transition table and random flags
const machine = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.integer({ min: 1, max: 4 }).chain((m) =>
    fc.record({
      n: fc.constant(n),
      m: fc.constant(m),
      table: fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: m, maxLength: m }), {
        minLength: n,
        maxLength: n,
      }),
      flagged: fc.array(fc.array(fc.boolean(), { minLength: m, maxLength: m }), {
        minLength: n,
        maxLength: n,
      }),
      from: fc.integer({ min: 0, max: n - 1 }),
      to: fc.integer({ min: 0, max: n - 1 }),
    })
  )
);

Deno.test("property: reachable is closed, shortestPath replays, exists iff reachable, and is minimal", () => {
  fc.assert(
    fc.property(machine, ({ n, m, table, flagged, from, to }) => {
      const S = Array.from({ length: n }, (_, i) => `s${i}`),
        E = Array.from({ length: m }, (_, j) => `e${j}`);
      const f = defineFsm(S, E, (s, e) => {
        const i = S.indexOf(s), j = E.indexOf(e);
        return { to: S[table[i][j]], flags: flagged[i][j] ? ["f"] : [] };
      });
      for (const forbid of [[], ["f"]]) {
        const R = reachable(f, S[from], E, forbid);
        for (const s of R) {
          for (const e of E) {
            const r = f.step(s, e);
            if (!(forbid.length && r.flags?.includes("f"))) assert.ok(R.has(r.to), "closed under steps");
          }
        }
        const p = shortestPath(f, S[from], S[to], E, forbid);
        assert.equal(p !== null, R.has(S[to]));
        if (p) {
          let s = S[from];
          for (const e of p.events) s = f.step(s, e).to;
          assert.equal(s, S[to]);
          // minimal: a plain BFS by layers finds no shorter path
          let layer = new Set([S[from]]), d = 0;
          const seen = new Set(layer);
          while (!layer.has(S[to])) {
            const next = new Set<string>();
            for (const s of layer) {
              for (const e of E) {
                const r = f.step(s, e);
                if (forbid.length && r.flags?.includes("f")) continue;
                if (!seen.has(r.to)) next.add(r.to), seen.add(r.to);
              }
            }
            layer = next;
            d++;
          }
          assert.equal(p.events.length, d);
        }
      }
    }),
    { numRuns: 300, seed: 15 },
  );
});
