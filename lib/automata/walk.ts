/**
 * Random "button-mashing" walks on an {@link Fsm}: an independent, sampling-based cross-check of the exhaustive
 * reachability of fsm.ts (used in the notebook of article 9365: pressing random allowed voice commands and letting
 * timers fire never finds a state the breadth-first search missed, and finds all of them).
 * @module
 */
import { requireInt, type Rng } from "../core/mod.ts";
import { type Fsm, reachable } from "./fsm.ts";

/**
 * The states visited by `walks` random walks of `length` steps from `from`, each step an `allowed` event drawn
 * uniformly by `rng`. Every visited state is reachable (a subset of {@link reachable}); with enough walks, all are.
 */
export function randomWalkStates<S extends string, E extends string>(
  fsm: Fsm<S, E>,
  from: S,
  allowed: readonly E[],
  rng: Rng,
  opts: { walks: number; length: number },
): Set<S> {
  reachable(fsm, from, allowed); // validates fsm, from and allowed
  if (allowed.length === 0) throw new RangeError("allowed must name at least one event");
  if (!rng || typeof rng.int !== "function") throw new TypeError("rng must be an Rng");
  const walks = requireInt("opts.walks", opts?.walks, 1), length = requireInt("opts.length", opts?.length, 1);
  const seen = new Set<S>([from]);
  for (let w = 0; w < walks; w++) {
    let s = from;
    for (let k = 0; k < length; k++) {
      s = fsm.step(s, allowed[rng.int(allowed.length)]).to;
      seen.add(s);
    }
  }
  return seen;
}
