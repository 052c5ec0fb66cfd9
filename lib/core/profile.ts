/**
 * The run profile. `quick` is for tests and CI (seconds, smaller sizes), `full` is the default for people and for
 * `deno task run` (closer to the article). Both take the same code path: a notebook reads sizes through
 * {@link byProfile} and never branches into different code.
 * @module
 */

/** The two profiles. */
export type Profile = "quick" | "full";

/** The profile in force: NB_PROFILE from the environment ("quick" | "full"), default "full". */
export function profile(): Profile {
  let raw: string | undefined;
  try {
    raw = Deno.env.get("NB_PROFILE");
  } catch {
    raw = undefined; // no --allow-env: the default profile
  }
  if (raw === undefined || raw === "") return "full";
  if (raw !== "quick" && raw !== "full") {
    throw new TypeError(`NB_PROFILE must be "quick" or "full", got ${JSON.stringify(raw)}`);
  }
  return raw;
}

/** Picks the value for the profile in force: `byProfile({ quick: 600, full: 4000 })`. */
export function byProfile<T>(choices: { quick: T; full: T }): T {
  return choices[profile()];
}

/** True when the notebook runs under the project's runner (NB_RUNNER=1), where failed claims must raise. */
export function underRunner(): boolean {
  try {
    return Deno.env.get("NB_RUNNER") === "1";
  } catch {
    return false;
  }
}
