/**
 * Scripts and commands over an {@link Fsm}: a script is a list of events and pauses run in order (article 9365's
 * Mi Home scene "插座关闭10秒后再打开" = [plugOff, wait 10 s, plugOn]); {@link runScript} plays one and returns the
 * timed trace (for timelines), and {@link withCommands} turns named scripts — optionally guarded by a condition on
 * the state — into new events of a derived machine, so that a scene is one step for the searches of fsm.ts.
 * @module
 */
import { addDelay, defineFsm, type Delay, type Fsm, requireDelay, type Step } from "./fsm.ts";

/** A script item: an event of the machine, or a pause. */
export type ScriptItem<E extends string> = E | { wait: Delay };

/** One entry of a played script: the event (or pause) and what it did, at symbolic time `at` (its start). */
export interface TraceEntry<S extends string, E extends string> {
  /** The event, or "wait" for a pause. */
  item: E | "wait";
  from: S;
  to: S;
  /** Start time of this item (sum of the delays and pauses before it). */
  at: Delay;
  /** How long it took (the step's delay or the pause). */
  delay: Delay;
  flags: readonly string[];
}

function checkScript<S extends string, E extends string>(fsm: Fsm<S, E>, script: readonly ScriptItem<E>[]) {
  if (!Array.isArray(script)) throw new TypeError("script must be an array of events and { wait } pauses");
  script.forEach((it, i) => {
    if (typeof it === "string") {
      if (!(fsm.events as readonly string[]).includes(it)) {
        throw new RangeError(`script[${i}] is not an event: ${JSON.stringify(it)}`);
      }
    } else if (it && typeof it === "object" && "wait" in it) {
      requireDelay(`script[${i}].wait`, it.wait);
    } else {
      throw new TypeError(`script[${i}] must be an event name or { wait: Delay }, got ${JSON.stringify(it)}`);
    }
  });
}

/**
 * Plays `script` from state `from`: each event takes its step (time advances by the step's delay), each pause
 * keeps the state and advances time. Returns the trace, one entry per item, with symbolic start times.
 */
export function runScript<S extends string, E extends string>(
  fsm: Fsm<S, E>,
  from: S,
  script: readonly ScriptItem<E>[],
): TraceEntry<S, E>[] {
  if (!fsm || typeof fsm.step !== "function") {
    throw new TypeError("fsm must be an Fsm (states, events, step)");
  }
  if (!fsm.states.includes(from)) throw new RangeError(`from must be a state, got ${JSON.stringify(from)}`);
  checkScript(fsm, script);
  const out: TraceEntry<S, E>[] = [];
  let s = from;
  let t: Delay = {};
  for (const it of script) {
    if (typeof it === "string") {
      const r = fsm.step(s, it);
      const d = r.delay ?? {};
      out.push({ item: it, from: s, to: r.to, at: t, delay: d, flags: r.flags ?? [] });
      s = r.to;
      t = addDelay(t, d);
    } else {
      out.push({ item: "wait", from: s, to: s, at: t, delay: it.wait, flags: [] });
      t = addDelay(t, it.wait);
    }
  }
  return out;
}

/** A named command: a script, run only when `guard(state)` holds (otherwise the command does nothing). */
export interface Command<S extends string, E extends string> {
  script: readonly ScriptItem<E>[];
  guard?: (s: S) => boolean;
}

/**
 * The machine `fsm` extended by `commands` as new events: a command's step runs its script atomically (the final
 * state, the summed delay, the union of flags), or is a no-op where its guard fails. Atomic is exact when no
 * other event could interleave, e.g. a pause spent in a state without timers. Command names must not clash with
 * the machine's events.
 */
export function withCommands<S extends string, E extends string, C extends string>(
  fsm: Fsm<S, E>,
  commands: Readonly<Record<C, Command<S, E>>>,
): Fsm<S, E | C> {
  if (!fsm || typeof fsm.step !== "function") {
    throw new TypeError("fsm must be an Fsm (states, events, step)");
  }
  if (commands === null || typeof commands !== "object") throw new TypeError("commands must be an object");
  const names = Object.keys(commands) as C[];
  for (const c of names) {
    if ((fsm.events as readonly string[]).includes(c)) {
      throw new RangeError(`commands.${c} clashes with an event of the machine`);
    }
    const cmd = commands[c];
    if (!cmd || typeof cmd !== "object") throw new TypeError(`commands.${c} must be { script, guard? }`);
    checkScript(fsm, cmd.script);
    if (cmd.guard !== undefined && typeof cmd.guard !== "function") {
      throw new TypeError(`commands.${c}.guard must be a function`);
    }
  }
  const isCommand = (e: string): e is C => (names as string[]).includes(e);
  return defineFsm<S, E | C>(fsm.states, [...fsm.events, ...names], (s, e): Step<S> => {
    if (!isCommand(e)) return fsm.step(s, e as E);
    const cmd = commands[e];
    if (cmd.guard && !cmd.guard(s)) return { to: s };
    const trace = runScript(fsm, s, cmd.script);
    const flags = [...new Set(trace.flatMap((t) => [...t.flags]))];
    const delay = trace.reduce<Delay>((acc, t) => addDelay(acc, t.delay), {});
    return { to: trace.length > 0 ? trace[trace.length - 1].to : s, delay, flags };
  });
}
