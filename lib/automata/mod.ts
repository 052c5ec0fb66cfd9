/**
 * lib/automata: a small generic finite-state machine (reachability, shortest paths, scripts and guarded
 * commands), a three-valued capability table, and — for article 9365 (a smart speaker controlling a projector) —
 * the projector + plug model, its control schemes and figures (state diagram, capability heat map, timeline).
 * @module
 */
export * from "./fsm.ts";
export * from "./script.ts";
export * from "./capability.ts";
export * from "./projector.ts";
export * from "./schemes.ts";
export * from "./plots.ts";
export * from "./walk.ts";
