import { reachable, shortestPath } from "../../lib/automata/fsm.ts";
import { HARD_CUT, projectorFsm } from "../../lib/automata/projector.ts";
import { runScript } from "../../lib/automata/script.ts";
import {
  CHECKS,
  evaluateCheck,
  projectorSchemes,
  SCENE_OFF_SECONDS,
  sceneCommand,
  schemeFsm,
  voiceCost,
} from "../../lib/automata/schemes.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

const S = projectorSchemes();
const cols = [...Object.keys(CHECKS), "remoteIntact"];
const row = (k: keyof typeof S, autoStart = true) => cols.map((c) => evaluateCheck(S[k], c, autoStart));

Deno.test("schemes: the capability rows the article implies", () => {
  // voiceOn, voiceOnOneCommand, gracefulOff, media, xgimiVoice, remoteIntact
  assert.deepEqual(row("A"), [true, false, false, false, false, true]);
  assert.deepEqual(row("B"), ["unknown", "unknown", "unknown", "unknown", "unknown", "unknown"]);
  assert.deepEqual(row("C"), [true, true, true, true, "unknown", false]);
  assert.deepEqual(row("D"), [true, true, true, true, false, true]);
  assert.deepEqual(row("D-plain"), [false, false, true, true, false, true]);
  assert.deepEqual(row("D-meter"), [true, true, true, true, false, true]);
  assert.deepEqual(row("D-guard"), [true, true, true, true, false, true]);
});

Deno.test("schemes: without auto-start only the remote-based scheme C still powers on", () => {
  assert.equal(evaluateCheck(S.C, "voiceOn", false), true);
  for (const k of ["A", "D", "D-meter", "D-guard"] as const) {
    assert.equal(evaluateCheck(S[k], "voiceOn", false), false);
  }
});

Deno.test("scene: 10 s off interval, hard cut when run in ON, removed by the guard", () => {
  assert.equal(SCENE_OFF_SECONDS, 10);
  const d = schemeFsm(S.D, true), g = schemeFsm(S["D-guard"], true);
  assert.deepEqual(d.step("ON", "voice:on"), { to: "BOOTING", delay: { s: 10 }, flags: [HARD_CUT] });
  assert.deepEqual(g.step("ON", "voice:on"), { to: "ON" });
  assert.equal(g.step("STANDBY", "voice:on").to, "BOOTING");
  const p = shortestPath(d, "STANDBY", "ON", [...Object.keys(S.D.voice), ...S.D.auto], [], voiceCost)!;
  assert.deepEqual(p.events, ["voice:on", "bootDone"]);
  assert.deepEqual(p.totalDelay, { s: 10, t_boot: 1 });
  assert.ok(reachable(d, "UNPOWERED", ["voice:on", "bootDone"]).has("ON"));
  assert.equal(sceneCommand(true).guard!("SHUTTING_DOWN"), false);
  assertThrowsWith(() => sceneCommand("yes" as never), TypeError, "guarded");
});

Deno.test("scene-delay (moved from notebook 15's ledger): the played scene keeps the article's 10 s, no other symbol", () => {
  const tr = runScript(projectorFsm({ autoStart: true }), "STANDBY", [...sceneCommand().script, "bootDone"]);
  const off = tr.find((t) => t.item === "plugOff")!, on = tr.find((t) => t.item === "plugOn")!;
  assert.equal((on.at.s ?? 0) - (off.at.s ?? 0), 10);
  assert.deepEqual(Object.keys(on.at).filter((k) => k !== "s" && on.at[k] !== 0), []);
});

Deno.test("remote-intact (moved from notebook 15's ledger): C consumes the remote, A and D leave it usable", () => {
  // an input from the article (修改后原来遥控基本就废了 / 既不影响原来的遥控), encoded in the scheme table
  assert.equal(S.C.remoteIntact, false);
  assert.deepEqual(S.C.manual, []);
  for (const k of ["A", "D", "D-plain", "D-meter", "D-guard"] as const) {
    assert.equal(S[k].remoteIntact, true);
    assert.ok(S[k].manual.includes("remotePower"));
  }
});

Deno.test("voiceCost and bad inputs", () => {
  assert.equal(voiceCost("voice:on"), 1);
  assert.equal(voiceCost("bootDone"), 0);
  assertThrowsWith(() => evaluateCheck(S.A, "teleport", true), RangeError, "check");
  assertThrowsWith(() => evaluateCheck(S.A, "voiceOn", 1 as never), TypeError, "autoStart");
  assertThrowsWith(() => schemeFsm({} as never, true), TypeError, "scheme");
});
