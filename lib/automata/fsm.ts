/**
 * A small generic finite-state machine: named states, named events, a total transition function whose steps may
 * carry a symbolic delay and flags (e.g. "hardCut"), and exhaustive searches over it — the set of states
 * reachable under a set of allowed events that avoids forbidden flags, the cheapest event path between two states,
 * and the effect flags that can be fired. Built for article 9365 (a smart speaker driving a projector through a
 * smart plug and an IR→USB keyboard module, §"新的方案"), where every capability statement of the article becomes a
 * reachability question; nothing here is specific to that article.
 *
 * Delays are symbolic: a {@link Delay} is a linear combination of named durations (`{ s: 10, t_boot: 1 }` means
 * "10 s + t_boot"), so a path's total time can be written down without inventing the durations the article does
 * not state.
 * @module
 */

/** A linear combination of named durations: key = symbol (use "s" for plain seconds), value = coefficient >= 0. */
export type Delay = Readonly<Record<string, number>>;

/** One transition: the next state, and optionally the time it takes and flags describing it. */
export interface Step<S extends string> {
  to: S;
  delay?: Delay;
  flags?: readonly string[];
}

/** A finite-state machine with a total transition function `step` over `states` × `events`. */
export interface Fsm<S extends string, E extends string> {
  readonly states: readonly S[];
  readonly events: readonly E[];
  step(s: S, e: E): Step<S>;
}

function requireNames(name: string, values: readonly unknown[]): void {
  if (!Array.isArray(values) || values.length === 0) {
    throw new RangeError(`${name} must be a non-empty array of names, got ${JSON.stringify(values)}`);
  }
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (typeof v !== "string" || v === "") {
      throw new TypeError(`${name}[${i}] must be a non-empty string, got ${JSON.stringify(v)}`);
    }
    if (seen.has(v)) throw new RangeError(`${name} has a duplicate: ${JSON.stringify(v)}`);
    seen.add(v);
  });
}

/** Throws unless `d` is a {@link Delay} (every coefficient finite and >= 0); returns it. */
export function requireDelay(name: string, d: unknown): Delay {
  if (d === null || typeof d !== "object" || Array.isArray(d)) {
    throw new TypeError(`${name} must be an object of symbol → coefficient, got ${JSON.stringify(d)}`);
  }
  for (const [k, v] of Object.entries(d)) {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`${name}.${k} must be a finite number >= 0, got ${String(v)}`);
    }
  }
  return d as Delay;
}

/**
 * Builds a validated {@link Fsm}: `states` and `events` are non-empty lists of distinct names, `step` is checked on
 * every call (its arguments must be known names; its result must name a known state, carry a valid delay and
 * string flags), so a modelling slip fails loudly at the first use instead of silently wandering off the graph.
 */
export function defineFsm<S extends string, E extends string>(
  states: readonly S[],
  events: readonly E[],
  step: (s: S, e: E) => Step<S>,
): Fsm<S, E> {
  requireNames("states", states);
  requireNames("events", events);
  if (typeof step !== "function") throw new TypeError(`step must be a function, got ${typeof step}`);
  const sSet = new Set<string>(states), eSet = new Set<string>(events);
  return {
    states: [...states],
    events: [...events],
    step(s: S, e: E): Step<S> {
      if (!sSet.has(s)) throw new RangeError(`s must be one of the states, got ${JSON.stringify(s)}`);
      if (!eSet.has(e)) throw new RangeError(`e must be one of the events, got ${JSON.stringify(e)}`);
      const r = step(s, e);
      if (!r || !sSet.has(r.to)) {
        throw new RangeError(`step(${s}, ${e}).to must be a state, got ${JSON.stringify(r?.to)}`);
      }
      if (r.delay !== undefined) requireDelay(`step(${s}, ${e}).delay`, r.delay);
      if (r.flags !== undefined && (!Array.isArray(r.flags) || r.flags.some((f) => typeof f !== "string"))) {
        throw new TypeError(`step(${s}, ${e}).flags must be an array of strings`);
      }
      return r;
    },
  };
}

/** The sum of two delays (coefficients of equal symbols add). */
export function addDelay(a: Delay, b: Delay): Delay {
  requireDelay("a", a);
  requireDelay("b", b);
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Writes a delay as a sum: `{ s: 10, t_boot: 1 }` → "10 s + t_boot"; zero terms are dropped; "0" if empty. */
export function formatDelay(d: Delay): string {
  requireDelay("d", d);
  const keys = Object.keys(d).filter((k) => d[k] !== 0).sort((a, b) =>
    a === "s" ? -1 : b === "s" ? 1 : a < b ? -1 : a > b ? 1 : 0
  );
  if (keys.length === 0) return "0";
  return keys.map((k) => (k === "s" ? `${d[k]} s` : d[k] === 1 ? k : `${d[k]}·${k}`)).join(" + ");
}

/** True when event `e` does something in state `s`: it changes the state or its step carries a flag. */
export function isEffective<S extends string, E extends string>(fsm: Fsm<S, E>, s: S, e: E): boolean {
  const r = fsm.step(s, e);
  return r.to !== s || (r.flags?.length ?? 0) > 0;
}

function checkSearch<S extends string, E extends string>(
  fsm: Fsm<S, E>,
  from: S,
  allowed: readonly E[],
  forbidFlags: readonly string[],
): void {
  if (!fsm || !Array.isArray(fsm.states) || typeof fsm.step !== "function") {
    throw new TypeError("fsm must be an Fsm (states, events, step)");
  }
  if (!fsm.states.includes(from)) throw new RangeError(`from must be a state, got ${JSON.stringify(from)}`);
  if (!Array.isArray(allowed)) throw new TypeError("allowed must be an array of events");
  allowed.forEach((e, i) => {
    if (!fsm.events.includes(e)) throw new RangeError(`allowed[${i}] is not an event: ${JSON.stringify(e)}`);
  });
  if (!Array.isArray(forbidFlags) || forbidFlags.some((f) => typeof f !== "string")) {
    throw new TypeError("forbidFlags must be an array of strings");
  }
}

function usable(step: Step<string>, forbid: readonly string[]): boolean {
  return !(step.flags ?? []).some((f) => forbid.includes(f));
}

/**
 * The states reachable from `from` (itself included) by any finite sequence of `allowed` events, never taking a
 * transition that carries one of `forbidFlags` (breadth-first search over the finite graph).
 */
export function reachable<S extends string, E extends string>(
  fsm: Fsm<S, E>,
  from: S,
  allowed: readonly E[],
  forbidFlags: readonly string[] = [],
): Set<S> {
  checkSearch(fsm, from, allowed, forbidFlags);
  const seen = new Set<S>([from]);
  const queue: S[] = [from];
  while (queue.length > 0) {
    const s = queue.shift() as S;
    for (const e of allowed) {
      const r = fsm.step(s, e);
      if (usable(r, forbidFlags) && !seen.has(r.to)) {
        seen.add(r.to);
        queue.push(r.to);
      }
    }
  }
  return seen;
}

/**
 * The flags that some reachable transition can fire: every flag of `step(s, e)` for `s` reachable from `from` and
 * `e` allowed (transitions carrying a forbidden flag are neither taken nor counted).
 */
export function flagsReachable<S extends string, E extends string>(
  fsm: Fsm<S, E>,
  from: S,
  allowed: readonly E[],
  forbidFlags: readonly string[] = [],
): Set<string> {
  const out = new Set<string>();
  for (const s of reachable(fsm, from, allowed, forbidFlags)) {
    for (const e of allowed) {
      const r = fsm.step(s, e);
      if (usable(r, forbidFlags)) { for (const f of r.flags ?? []) out.add(f); }
    }
  }
  return out;
}

/** A path found by {@link shortestPath}. */
export interface Path<S extends string, E extends string> {
  /** The events in order. */
  events: E[];
  /** The visited states, `from` first (one more than events). */
  states: S[];
  /** The summed cost (by default the number of events). */
  cost: number;
  /** The summed symbolic delay of the steps. */
  totalDelay: Delay;
}

/**
 * The cheapest path from `from` to `to` using `allowed` events and avoiding `forbidFlags` (Dijkstra over the
 * finite graph). `cost(e)` >= 0 prices each event (default 1: fewest events; e.g. 0 for timers so that only the
 * user's commands count); ties are broken by fewer events, then by the order of `allowed`. Self-loops are never
 * taken. Returns null when `to` is unreachable; the empty path when `to === from`.
 */
export function shortestPath<S extends string, E extends string>(
  fsm: Fsm<S, E>,
  from: S,
  to: S,
  allowed: readonly E[],
  forbidFlags: readonly string[] = [],
  cost: (e: E) => number = () => 1,
): Path<S, E> | null {
  checkSearch(fsm, from, allowed, forbidFlags);
  if (!fsm.states.includes(to)) throw new RangeError(`to must be a state, got ${JSON.stringify(to)}`);
  const price = new Map<E, number>();
  for (const e of allowed) {
    const c = cost(e);
    if (typeof c !== "number" || !Number.isFinite(c) || c < 0) {
      throw new RangeError(`cost(${e}) must be a finite number >= 0, got ${String(c)}`);
    }
    price.set(e, c);
  }
  type Entry = { cost: number; n: number; prev: S | null; via: E | null; delay: Delay };
  const best = new Map<S, Entry>([[from, { cost: 0, n: 0, prev: null, via: null, delay: {} }]]);
  const done = new Set<S>();
  const better = (a: Entry, b: Entry) => a.cost < b.cost || (a.cost === b.cost && a.n < b.n);
  while (true) {
    let s: S | null = null;
    for (const [k, v] of best) if (!done.has(k) && (s === null || better(v, best.get(s)!))) s = k;
    if (s === null) return null;
    if (s === to) break;
    done.add(s);
    const here = best.get(s)!;
    for (const e of allowed) {
      const r = fsm.step(s, e);
      if (r.to === s || !usable(r, forbidFlags) || done.has(r.to)) continue;
      const cand: Entry = {
        cost: here.cost + price.get(e)!,
        n: here.n + 1,
        prev: s,
        via: e,
        delay: addDelay(here.delay, r.delay ?? {}),
      };
      const old = best.get(r.to);
      if (old === undefined || better(cand, old)) best.set(r.to, cand);
    }
  }
  const events: E[] = [], states: S[] = [to];
  for (let s: S = to; best.get(s)!.prev !== null;) {
    const en = best.get(s)!;
    events.unshift(en.via as E);
    s = en.prev as S;
    states.unshift(s);
  }
  const end = best.get(to)!;
  return { events, states, cost: end.cost, totalDelay: end.delay };
}

/** One effective-or-not transition of the machine, as listed by {@link transitions}. */
export interface Transition<S extends string, E extends string> {
  from: S;
  event: E;
  to: S;
  delay: Delay;
  flags: readonly string[];
}

/**
 * Every effective transition (state change or flagged step) over all states and the `allowed` events (all events
 * by default), in state-then-event order: the edge list of the state diagram.
 */
export function transitions<S extends string, E extends string>(
  fsm: Fsm<S, E>,
  allowed: readonly E[] = fsm.events,
): Transition<S, E>[] {
  checkSearch(fsm, fsm.states[0], allowed, []);
  const out: Transition<S, E>[] = [];
  for (const s of fsm.states) {
    for (const e of allowed) {
      const r = fsm.step(s, e);
      if (r.to !== s || (r.flags?.length ?? 0) > 0) {
        out.push({ from: s, event: e, to: r.to, delay: r.delay ?? {}, flags: r.flags ?? [] });
      }
    }
  }
  return out;
}
