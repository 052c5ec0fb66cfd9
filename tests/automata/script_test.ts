import { defineFsm } from "../../lib/automata/fsm.ts";
import { runScript, withCommands } from "../../lib/automata/script.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

// a lamp behind a switch: off/on; "press" toggles, "cut" turns off with a flag when on
const lamp = defineFsm(["off", "on"], ["press", "cut"], (s, e) => {
  if (e === "press") return { to: s === "off" ? "on" : "off", delay: { t_p: 1 } };
  return s === "on" ? { to: "off", flags: ["cut"] } : { to: s };
});

Deno.test("runScript: a timed trace with pauses", () => {
  const tr = runScript(lamp, "off", ["press", { wait: { s: 10 } }, "cut", "press"]);
  assert.deepEqual(tr.map((t) => [t.item, t.from, t.to]), [
    ["press", "off", "on"],
    ["wait", "on", "on"],
    ["cut", "on", "off"],
    ["press", "off", "on"],
  ]);
  assert.deepEqual(tr.map((t) => t.at), [{}, { t_p: 1 }, { t_p: 1, s: 10 }, { t_p: 1, s: 10 }]);
  assert.deepEqual(tr[2].flags, ["cut"]);
  assert.deepEqual(runScript(lamp, "on", []), []);
  assertThrowsWith(() => runScript(lamp, "dim" as "on", []), RangeError, "from");
  assertThrowsWith(() => runScript(lamp, "on", ["jump" as "press"]), RangeError, "script[0]");
  assertThrowsWith(() => runScript(lamp, "on", [{ wait: { s: -2 } }]), RangeError, "script[0].wait.s");
  assertThrowsWith(() => runScript(lamp, "on", [{ pause: 1 } as never]), TypeError, "script[0]");
  assertThrowsWith(() => runScript(null as never, "on", []), TypeError, "fsm");
});

Deno.test("withCommands: atomic scripts, guards, clashes", () => {
  const f = withCommands(lamp, {
    cycle: { script: ["cut", { wait: { s: 10 } }, "press"] },
    safeCycle: { script: ["cut", { wait: { s: 10 } }, "press"], guard: (s) => s === "off" },
  });
  assert.deepEqual(f.events, ["press", "cut", "cycle", "safeCycle"]);
  assert.deepEqual(f.step("on", "cycle"), { to: "on", delay: { s: 10, t_p: 1 }, flags: ["cut"] });
  assert.deepEqual(f.step("off", "cycle"), { to: "on", delay: { s: 10, t_p: 1 }, flags: [] });
  assert.deepEqual(f.step("on", "safeCycle"), { to: "on" }, "guard fails: no-op");
  assert.equal(f.step("off", "safeCycle").to, "on");
  assert.deepEqual(f.step("off", "press"), lamp.step("off", "press"), "base events unchanged");
  assertThrowsWith(() => withCommands(lamp, { press: { script: [] } }), RangeError, "commands.press");
  assertThrowsWith(() => withCommands(lamp, { x: { script: ["nope" as "press"] } }), RangeError, "script[0]");
  assertThrowsWith(() => withCommands(lamp, { x: { script: [], guard: 1 as never } }), TypeError, "guard");
  assertThrowsWith(() => withCommands(lamp, { x: null as never }), TypeError, "commands.x");
  assertThrowsWith(() => withCommands(lamp, null as never), TypeError, "commands");
});
