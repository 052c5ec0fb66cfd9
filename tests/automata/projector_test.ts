import { reachable, transitions } from "../../lib/automata/fsm.ts";
import {
  HARD_CUT,
  MEDIA_KEYS,
  PROJECTOR_EVENTS,
  PROJECTOR_RULES,
  PROJECTOR_STATES,
  projectorFsm,
  VOICE_ASSISTANT,
} from "../../lib/automata/projector.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

const on = projectorFsm({ autoStart: true }), off = projectorFsm({ autoStart: false });

Deno.test("projector: plug, timers and auto-start", () => {
  assert.equal(on.step("UNPOWERED", "plugOn").to, "BOOTING");
  assert.equal(off.step("UNPOWERED", "plugOn").to, "STANDBY");
  for (const s of ["STANDBY", "BOOTING", "ON", "SHUTTING_DOWN"] as const) {
    assert.deepEqual(on.step(s, "plugOn"), { to: s }, "plugOn is a no-op when the plug is on");
    assert.equal(on.step(s, "plugOff").to, "UNPOWERED");
  }
  assert.deepEqual(on.step("ON", "plugOff").flags, [HARD_CUT]);
  assert.deepEqual(on.step("STANDBY", "plugOff").flags, undefined, "a cut in standby is not a hard cut");
  assert.deepEqual(on.step("BOOTING", "bootDone"), { to: "ON", delay: { t_boot: 1 } });
  assert.equal(on.step("SHUTTING_DOWN", "shutdownDone").to, "STANDBY");
  assert.equal(on.step("STANDBY", "meterCut").to, "UNPOWERED");
  assert.equal(on.step("ON", "meterCut").to, "ON", "metering cuts only at low (standby) power");
});

Deno.test("projector: remote and keyboard keys", () => {
  assert.equal(on.step("STANDBY", "remotePower").to, "BOOTING");
  assert.equal(on.step("ON", "remotePower").to, "SHUTTING_DOWN");
  assert.equal(on.step("ON", "kbdPower").to, "SHUTTING_DOWN");
  for (const s of PROJECTOR_STATES) if (s !== "ON") assert.deepEqual(on.step(s, "kbdPower"), { to: s });
  for (const k of MEDIA_KEYS) {
    assert.deepEqual(on.step("ON", `kbd:${k}`).flags, [`media:${k}`]);
    assert.deepEqual(on.step("STANDBY", `kbd:${k}`), { to: "STANDBY" });
  }
  assert.deepEqual(on.step("ON", "remoteVoice").flags, [VOICE_ASSISTANT]);
});

Deno.test("projector: keyboard keys never leave the off states; model shape", () => {
  const kbd = PROJECTOR_EVENTS.filter((e) => e.startsWith("kbd"));
  for (const s of ["UNPOWERED", "STANDBY"] as const) {
    assert.deepEqual([...reachable(on, s, [...kbd, "bootDone", "shutdownDone"])], [s]);
  }
  assert.equal(PROJECTOR_EVENTS.length, 14);
  assert.ok(PROJECTOR_RULES.length >= 8);
  assert.ok(transitions(on).every((t) => PROJECTOR_STATES.includes(t.to)));
  assertThrowsWith(() => projectorFsm({ autoStart: "yes" } as never), TypeError, "autoStart");
  assertThrowsWith(() => projectorFsm(undefined as never), TypeError, "autoStart");
});
