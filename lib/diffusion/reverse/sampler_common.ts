/**
 * What the reverse-chain samplers share: checking their common inputs, calling the noise predictor with a length
 * check, and the set of steps to record. Used by the T-step DDPM sampler (sampler.ts) and the sampler over a
 * sub-trajectory (sampler_general.ts).
 * @module
 */
import { requireAllFinite, type Rng } from "../../core/mod.ts";
import type { Points } from "../oracle/mod.ts";

/** A noise predictor on row-major float64 points at step t (all rows share t); returns the same length. */
export type EpsFn = (x: Points, t: number) => ArrayLike<number> | Promise<ArrayLike<number>>;

/** Throws unless the inputs every sampler needs are valid: a noise predictor, finite float64 points, an Rng. */
export function requireSamplerInputs(epsFn: unknown, xStart: unknown, rng: unknown): void {
  if (typeof epsFn !== "function") throw new TypeError("epsFn must be a function (x, t) => eps");
  if (!(xStart instanceof Float64Array)) throw new TypeError("xStart must be a Float64Array of points");
  requireAllFinite("xStart", xStart);
  if (!rng || typeof (rng as Rng).normals !== "function") throw new TypeError("opts.rng must be an Rng");
}

/** The set of steps to record, each an integer in [0, tMax]. */
export function recordSet(record: number[] | undefined, tMax: number): Set<number> {
  if (record !== undefined && !Array.isArray(record)) {
    throw new TypeError(`opts.record must be an array of steps, got ${String(record)}`);
  }
  const out = new Set(record ?? []);
  for (const t of out) {
    if (!Number.isInteger(t) || t < 0 || t > tMax) {
      throw new RangeError(`opts.record entries must be integers in [0, ${tMax}], got ${t}`);
    }
  }
  return out;
}

/** Calls the noise predictor at step t and checks that it returns one finite value per coordinate of x. */
export async function callEps(epsFn: EpsFn, x: Points, t: number): Promise<ArrayLike<number>> {
  const e = await epsFn(x, t);
  if (!e || e.length !== x.length) {
    throw new RangeError(`epsFn must return ${x.length} values at t=${t}, got ${e?.length}`);
  }
  requireAllFinite(`epsFn(x, ${t})`, e);
  return e;
}
