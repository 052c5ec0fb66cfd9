/**
 * The projector + smart plug of article 9365 (苏剑林, "智能家居之小爱同学控制极米投影仪的简单方案", 2022-12-05) as a
 * finite-state machine. Five states — UNPOWERED (plug off), STANDBY (plug on, projector off), BOOTING, ON,
 * SHUTTING_DOWN — and the events the article talks about: the plug (on/off, and the power-metering rule "cut
 * after low power for a while"), the projector's timers, the original remote (power, media, the near-field voice
 * key), and the USB HID keys of the IR→USB module (power, Volume±, Mute, OK, Pause).
 *
 * Each transition encodes one statement of the article (see {@link PROJECTOR_RULES}); what the article leaves open
 * is a named assumption there. Durations are symbols (t_boot, t_shutdown, T_low): the article states none of them.
 * @module
 */
import { defineFsm, type Fsm, type Step } from "./fsm.ts";

/** The five states. */
export const PROJECTOR_STATES = ["UNPOWERED", "STANDBY", "BOOTING", "ON", "SHUTTING_DOWN"] as const;
/** A projector/plug state. */
export type ProjectorState = typeof PROJECTOR_STATES[number];
/** The states in which the projector is off (the targets of "switch off", the sources of "switch on"). */
export const OFF_STATES: readonly ProjectorState[] = ["UNPOWERED", "STANDBY"];

/** The five keys the article confirmed through the IR→USB module besides power (关机、音量加减、静音、确定、暂停). */
export const MEDIA_KEYS = ["volumeUp", "volumeDown", "mute", "ok", "pause"] as const;
/** A media key. */
export type MediaKey = typeof MEDIA_KEYS[number];

/** Every event of the model. */
export const PROJECTOR_EVENTS = [
  "plugOn",
  "plugOff",
  "meterCut",
  "bootDone",
  "shutdownDone",
  "remotePower",
  "remoteMedia",
  "remoteVoice",
  "kbdPower",
  ...MEDIA_KEYS.map((k) => `kbd:${k}` as const),
] as const;
/** An event of the projector model. */
export type ProjectorEvent = typeof PROJECTOR_EVENTS[number];

/** The flag of a power cut while the projector runs (BOOTING, ON or SHUTTING_DOWN): the article's "暴力断电". */
export const HARD_CUT = "hardCut";
/** The flag of the XGIMI voice assistant being triggered. */
export const VOICE_ASSISTANT = "voiceAssistant";

/** The symbolic durations of the timed transitions (none is stated in the article). */
export const PROJECTOR_DELAYS = {
  bootDone: { t_boot: 1 },
  shutdownDone: { t_shutdown: 1 },
  meterCut: { T_low: 1 },
} as const;

/** Options of {@link projectorFsm}. */
export interface ProjectorOptions {
  /** The projector setting "上电自动开机" (power-on auto-start): plugOn from UNPOWERED boots it. */
  autoStart: boolean;
}

/** One row of the model's documentation: a transition rule and where it comes from. */
export interface Rule {
  rule: string;
  source: string;
}

/** The transition rules with their source: an article sentence, or "assumed" with the reason. */
export const PROJECTOR_RULES: readonly Rule[] = [
  {
    rule: "plugOn: UNPOWERED → BOOTING if auto-start is on, else STANDBY; no-op when the plug is already on",
    source: "article: 米家智能插座 + 上电自动开机; a plug that is on cannot be switched on again",
  },
  {
    rule: "plugOff: any powered state → UNPOWERED; flagged hardCut from BOOTING, ON, SHUTTING_DOWN",
    source: "article: 关机…只能遥控或者暴力断电 (a cut while running is the brute-force power-off)",
  },
  {
    rule: "meterCut (plug rule, automatic): STANDBY → UNPOWERED after low power for T_low",
    source:
      "article: 有些智能插座带有功率统计功能，可以设置低功率持续一段时间后断电. Assumed: only STANDBY " +
      "draws low power (the threshold lies between standby and running power)",
  },
  {
    rule: "bootDone: BOOTING → ON after t_boot; shutdownDone: SHUTTING_DOWN → STANDBY after t_shutdown",
    source: "assumed: the projector boots and shuts down in some time; the article gives no durations",
  },
  {
    rule: "remotePower: ON → SHUTTING_DOWN, STANDBY → BOOTING; no-op elsewhere",
    source:
      "article: the remote (遥控) switches it off; assumed: pressing it while booting/shutting down does nothing",
  },
  {
    rule: "remoteMedia / remoteVoice: an effect in ON only (flags media:remote / voiceAssistant)",
    source: "article: 极米的语音控制是“近场语音”，麦克风在它自带的遥控器上",
  },
  {
    rule: "kbdPower (USB HID power key): ON → SHUTTING_DOWN; no-op in every other state",
    source: "article: 电源键只能关机，不能开机 (a keyboard cannot cold-boot a computer)",
  },
  {
    rule: "kbd:volumeUp, volumeDown, mute, ok, pause: an effect in ON only (flag media:<key>)",
    source: "article: 亲测表明，关机、音量加减、静音、确定、暂停等键都是在投影仪上可用的",
  },
];

const RUNNING: readonly ProjectorState[] = ["BOOTING", "ON", "SHUTTING_DOWN"];

/** The projector + plug machine of article 9365 (rules: {@link PROJECTOR_RULES}). */
export function projectorFsm(opts: ProjectorOptions): Fsm<ProjectorState, ProjectorEvent> {
  if (!opts || typeof opts.autoStart !== "boolean") {
    throw new TypeError(`opts.autoStart must be a boolean, got ${JSON.stringify(opts?.autoStart)}`);
  }
  const autoStart = opts.autoStart;
  return defineFsm(PROJECTOR_STATES, PROJECTOR_EVENTS, (s, e): Step<ProjectorState> => {
    const stay = { to: s };
    switch (e) {
      case "plugOn":
        return s === "UNPOWERED" ? { to: autoStart ? "BOOTING" : "STANDBY" } : stay;
      case "plugOff":
        if (s === "UNPOWERED") return stay;
        return RUNNING.includes(s) ? { to: "UNPOWERED", flags: [HARD_CUT] } : { to: "UNPOWERED" };
      case "meterCut":
        return s === "STANDBY" ? { to: "UNPOWERED", delay: PROJECTOR_DELAYS.meterCut } : stay;
      case "bootDone":
        return s === "BOOTING" ? { to: "ON", delay: PROJECTOR_DELAYS.bootDone } : stay;
      case "shutdownDone":
        return s === "SHUTTING_DOWN" ? { to: "STANDBY", delay: PROJECTOR_DELAYS.shutdownDone } : stay;
      case "remotePower":
        return s === "ON" ? { to: "SHUTTING_DOWN" } : s === "STANDBY" ? { to: "BOOTING" } : stay;
      case "remoteMedia":
        return s === "ON" ? { to: s, flags: ["media:remote"] } : stay;
      case "remoteVoice":
        return s === "ON" ? { to: s, flags: [VOICE_ASSISTANT] } : stay;
      case "kbdPower":
        return s === "ON" ? { to: "SHUTTING_DOWN" } : stay;
      default: {
        // kbd:<media key>
        const key = e.slice(4);
        return s === "ON" ? { to: s, flags: [`media:${key}`] } : stay;
      }
    }
  });
}
