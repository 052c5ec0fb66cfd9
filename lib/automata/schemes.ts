/**
 * The control schemes of article 9365 as sets of XiaoAI voice commands over the projector machine
 * ({@link projectorFsm}), and the capability checks of the article as searches over it. A scheme lists the
 * commands XiaoAI surely has, those it possibly has (not stated: evaluated three-valued through
 * {@link capabilityUnder}), the automatic events (timers, the plug's metering rule) and what a person can still do
 * by hand (the original remote, if intact). Scheme B (Home Assistant + ADB) is not analysed by the article and is
 * kept unmodelled: every check on it is "unknown".
 * @module
 */
import { type Capability, capabilityUnder } from "./capability.ts";
import { flagsReachable, type Fsm, reachable, shortestPath } from "./fsm.ts";
import {
  HARD_CUT,
  MEDIA_KEYS,
  OFF_STATES,
  type ProjectorEvent,
  projectorFsm,
  type ProjectorState,
  VOICE_ASSISTANT,
} from "./projector.ts";
import { type Command, withCommands } from "./script.ts";

/** The article's scene: plug off, wait 10 s, plug on ("插座关闭10秒后再打开"). */
export const SCENE_OFF_SECONDS = 10;

/** A voice command of a scheme: a script over the projector's events (named `voice:<what>`). */
export type VoiceCommands = Readonly<Record<string, Command<ProjectorState, ProjectorEvent>>>;

/** A control scheme. */
export interface Scheme {
  /** Short label, e.g. "A: plug + auto-start". */
  label: string;
  /** The article's sentence(s) the scheme rests on, or "notebook's own" for extensions. */
  source: string;
  /** False for schemes the article does not analyse: every check is "unknown". */
  modelled: boolean;
  /** Commands XiaoAI surely has. */
  voice: VoiceCommands;
  /** Commands XiaoAI possibly has (not stated in the article). */
  maybeVoice: VoiceCommands;
  /** Events that happen by themselves (timers, plug rules). */
  auto: readonly ProjectorEvent[];
  /** Events a person can still trigger by hand (the original remote, if intact). */
  manual: readonly ProjectorEvent[];
  /** Whether the original remote stays usable (stated by the article, or "unknown"). */
  remoteIntact: Capability;
}

const TIMERS: readonly ProjectorEvent[] = ["bootDone", "shutdownDone"];
const REMOTE: readonly ProjectorEvent[] = ["remotePower", "remoteMedia", "remoteVoice"];
const one = (e: ProjectorEvent) => ({ script: [e] });
const kbdMedia: VoiceCommands = Object.fromEntries(MEDIA_KEYS.map((k) => [`voice:${k}`, one(`kbd:${k}`)]));

/** The "on" scene of scheme D: plugOff, wait {@link SCENE_OFF_SECONDS} s, plugOn. */
export function sceneCommand(guarded = false): Command<ProjectorState, ProjectorEvent> {
  if (typeof guarded !== "boolean") throw new TypeError(`guarded must be a boolean, got ${typeof guarded}`);
  const script = ["plugOff", { wait: { s: SCENE_OFF_SECONDS } }, "plugOn"] as const;
  // the guard reads the plug's power meter: "below the standby level" = the projector is not running
  return guarded ? { script, guard: (s) => OFF_STATES.includes(s) } : { script };
}

/**
 * The schemes: A (plug + auto-start), B (Home Assistant + ADB, unmodelled), C (IR-modified remote), D (the
 * article's IR→USB keyboard + plug scene), and variants of D: without the scene (plain plugOn), with the metering
 * rule instead, and — the notebook's own — with a guarded scene.
 */
export function projectorSchemes() {
  const none: VoiceCommands = {};
  const schemes = {
    A: {
      label: "A: plug + auto-start",
      source:
        "article: 米家智能插座 + 上电自动开机 … 开机是可以开了，关机反倒不大好实现，只能遥控或者暴力断电",
      modelled: true,
      voice: { "voice:on": one("plugOn"), "voice:off": one("plugOff") },
      maybeVoice: none,
      auto: TIMERS,
      manual: REMOTE,
      remoteIntact: true, // the scheme adds only a plug and a setting
    },
    B: {
      label: "B: Home Assistant + ADB",
      source: "article: 接入Home Assistant的技术路线比较长，这里暂时也不考虑 (not analysed)",
      modelled: false,
      voice: none,
      maybeVoice: none,
      auto: TIMERS,
      manual: [],
      remoteIntact: "unknown",
    },
    C: {
      label: "C: IR-modified remote",
      source:
        "article: 修改遥控器的优势是基本可以保留遥控全部功能，单修改后原来遥控基本就废了，只能用语音红外了",
      modelled: true,
      voice: { "voice:power": one("remotePower"), "voice:media": one("remoteMedia") },
      maybeVoice: { "voice:xgimiVoice": one("remoteVoice") }, // not stated for the modified remote
      auto: TIMERS,
      manual: [],
      remoteIntact: false,
    },
    D: {
      label: "D: IR→USB keys + plug scene",
      source:
        "article: 设置一个投影仪开机场景，场景内容为“插座关闭10秒后再打开” … 关机就可以用刚才学习的红外遥控",
      modelled: true,
      voice: { "voice:on": sceneCommand(), "voice:off": one("kbdPower"), ...kbdMedia },
      maybeVoice: none,
      auto: TIMERS,
      manual: REMOTE,
      remoteIntact: true, // 这样既不影响原来的遥控，又可以新增一个控制通道
    },
    "D-plain": {
      label: "D without the scene (on = plug on)",
      source: "article: 不断电的话，下次就没法上电自动开机了",
      modelled: true,
      voice: { "voice:on": one("plugOn"), "voice:off": one("kbdPower"), ...kbdMedia },
      maybeVoice: none,
      auto: TIMERS,
      manual: REMOTE,
      remoteIntact: true,
    },
    "D-meter": {
      label: "D with a metering plug (cut after low power)",
      source: "article: 有些智能插座带有功率统计功能，可以设置低功率持续一段时间后断电，这是一种方案",
      modelled: true,
      voice: { "voice:on": one("plugOn"), "voice:off": one("kbdPower"), ...kbdMedia },
      maybeVoice: none,
      auto: [...TIMERS, "meterCut"],
      manual: REMOTE,
      remoteIntact: true,
    },
    "D-guard": {
      label: "D with a guarded scene (notebook's own)",
      source: "notebook's own: run the scene only if the plug's measured power is at most the standby level",
      modelled: true,
      voice: { "voice:on": sceneCommand(true), "voice:off": one("kbdPower"), ...kbdMedia },
      maybeVoice: none,
      auto: TIMERS,
      manual: REMOTE,
      remoteIntact: true,
    },
  } satisfies Record<string, Scheme>;
  return schemes;
}

/** The name of a scheme of {@link projectorSchemes}. */
export type SchemeId = keyof ReturnType<typeof projectorSchemes>;

/** The machine of a scheme: the projector (with auto-start as given) extended by all the scheme's commands. */
export function schemeFsm(scheme: Scheme, autoStart: boolean): Fsm<ProjectorState, string> {
  if (!scheme || typeof scheme !== "object" || !("voice" in scheme)) {
    throw new TypeError("scheme must be a Scheme");
  }
  return withCommands(projectorFsm({ autoStart }), { ...scheme.voice, ...scheme.maybeVoice });
}

/** A capability check: scheme, its machine, and the voice commands assumed available → yes/no. */
type Check = (s: Scheme, fsm: Fsm<ProjectorState, string>, voice: readonly string[]) => boolean;

const offStatesOf: (s: Scheme, fsm: Fsm<ProjectorState, string>, v: readonly string[]) => ProjectorState[] = (
  s,
  fsm,
  v,
) => [...reachable(fsm, "ON", [...v, ...s.auto, ...s.manual])].filter((x) => OFF_STATES.includes(x));

/** The voice-command cost of a path: commands cost 1, automatic and manual events 0 (used for "one command"). */
export function voiceCost(e: string): number {
  return e.startsWith("voice:") ? 1 : 0;
}

/**
 * The capability checks of the article, each a search over the scheme's machine:
 * - `voiceOn`: from every off state the scheme can end in (by voice, by the intact remote, by timers), some
 *   sequence of voice commands (plus automatic events) reaches ON;
 * - `voiceOnOneCommand`: the same with a single voice command;
 * - `gracefulOff`: from ON, voice commands reach an off state without a hard cut;
 * - `media`: some media key takes effect in ON by voice;
 * - `xgimiVoice`: the XGIMI voice assistant can be triggered by voice.
 */
export const CHECKS: Readonly<Record<string, Check>> = {
  voiceOn: (s, fsm, v) => offStatesOf(s, fsm, v).every((x) => reachable(fsm, x, [...v, ...s.auto]).has("ON")),
  voiceOnOneCommand: (s, fsm, v) =>
    offStatesOf(s, fsm, v).every((x) => {
      const p = shortestPath(fsm, x, "ON", [...v, ...s.auto], [], voiceCost);
      return p !== null && p.cost <= 1;
    }),
  gracefulOff: (s, fsm, v) =>
    [...reachable(fsm, "ON", [...v, ...s.auto], [HARD_CUT])].some((x) => OFF_STATES.includes(x)),
  media: (s, fsm, v) => [...flagsReachable(fsm, "ON", [...v, ...s.auto])].some((f) => f.startsWith("media:")),
  xgimiVoice: (s, fsm, v) => flagsReachable(fsm, "ON", [...v, ...s.auto]).has(VOICE_ASSISTANT),
};

/** Evaluates one of {@link CHECKS} (or `remoteIntact`) on a scheme, three-valued; "unknown" if unmodelled. */
export function evaluateCheck(scheme: Scheme, check: string, autoStart: boolean): Capability {
  if (typeof autoStart !== "boolean") {
    throw new TypeError(`autoStart must be a boolean, got ${typeof autoStart}`);
  }
  if (check === "remoteIntact") return scheme.remoteIntact;
  const fn = CHECKS[check];
  if (typeof fn !== "function") {
    throw new RangeError(
      `check must be one of ${Object.keys(CHECKS).join(", ")}, remoteIntact; got ${check}`,
    );
  }
  if (!scheme.modelled) return "unknown";
  const fsm = schemeFsm(scheme, autoStart);
  return capabilityUnder(
    (v) => fn(scheme, fsm, v),
    Object.keys(scheme.voice),
    Object.keys(scheme.maybeVoice),
  );
}
