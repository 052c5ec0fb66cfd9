/**
 * The capability table of article 9365 (§"现有方案" and §"新的方案": which control scheme can switch the projector
 * on, off gracefully, drive media keys, keep the original remote...) with three values: true, false, or
 * "unknown" where the article does not say. Checks are computed per scheme; {@link capabilityUnder} decides a
 * monotone check when some of a scheme's events are only possibly available: true if it holds with the surely
 * available ones, false if it fails even with all the possible ones, otherwise "unknown" — never false by default.
 * @module
 */

/** A three-valued capability: yes, no, or not stated / not decidable from what is stated. */
export type Capability = boolean | "unknown";

/** Throws a TypeError unless `v` is true, false or "unknown"; returns it. */
export function requireCapability(name: string, v: unknown): Capability {
  if (v === true || v === false || v === "unknown") return v;
  throw new TypeError(`${name} must be true, false or "unknown", got ${JSON.stringify(v)}`);
}

/**
 * Evaluates every check on every scheme: `table[scheme][check] = checks[check](schemes[scheme], scheme)`. Each
 * result must be a {@link Capability}; an error inside a check is re-thrown naming the scheme and the check.
 */
export function capabilityTable<T, K extends string, C extends string>(
  schemes: Readonly<Record<K, T>>,
  checks: Readonly<Record<C, (scheme: T, name: K) => Capability>>,
): Record<K, Record<C, Capability>> {
  if (schemes === null || typeof schemes !== "object") throw new TypeError("schemes must be an object");
  if (checks === null || typeof checks !== "object") throw new TypeError("checks must be an object");
  const sk = Object.keys(schemes) as K[], ck = Object.keys(checks) as C[];
  if (sk.length === 0) throw new RangeError("schemes must not be empty");
  if (ck.length === 0) throw new RangeError("checks must not be empty");
  for (const c of ck) {
    if (typeof checks[c] !== "function") throw new TypeError(`checks.${c} must be a function`);
  }
  const out = {} as Record<K, Record<C, Capability>>;
  for (const k of sk) {
    const row = {} as Record<C, Capability>;
    for (const c of ck) {
      let v: unknown;
      try {
        v = checks[c](schemes[k], k);
      } catch (err) {
        throw new Error(`check ${c} failed on scheme ${k}: ${(err as Error).message}`, { cause: err });
      }
      row[c] = requireCapability(`checks.${c}(${k})`, v);
    }
    out[k] = row;
  }
  return out;
}

/**
 * Three-valued evaluation of a check that is monotone in the set of available events (more events can only
 * help): `check(known)` true → true; `check(known ∪ maybe)` false → false; otherwise "unknown". Throws a
 * RangeError if the check holds with `known` but not with `known ∪ maybe` (it is not monotone).
 */
export function capabilityUnder<E extends string>(
  check: (allowed: readonly E[]) => boolean,
  known: readonly E[],
  maybe: readonly E[] = [],
): Capability {
  if (typeof check !== "function") throw new TypeError("check must be a function");
  if (!Array.isArray(known)) throw new TypeError("known must be an array of events");
  if (!Array.isArray(maybe)) throw new TypeError("maybe must be an array of events");
  const both = [...new Set([...known, ...maybe])];
  const lo = check(known), hi = check(both);
  if (typeof lo !== "boolean" || typeof hi !== "boolean") throw new TypeError("check must return a boolean");
  if (lo && !hi) {
    throw new RangeError("check is not monotone: it holds with known but not with known ∪ maybe");
  }
  return lo ? true : hi ? "unknown" : false;
}

/** A capability as a number for heat maps: true → 1, "unknown" → 0.5, false → 0. */
export function capabilityValue(v: Capability): number {
  requireCapability("v", v);
  return v === true ? 1 : v === false ? 0 : 0.5;
}

/** A capability as a word: "yes", "no" or "unknown". */
export function capabilityWord(v: Capability): string {
  requireCapability("v", v);
  return v === true ? "yes" : v === false ? "no" : "unknown";
}
