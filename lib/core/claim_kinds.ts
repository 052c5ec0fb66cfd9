/**
 * The vocabulary of claims: what a claim is, where its expected value comes from, and deviations bound to a profile
 * (DESIGN.md, "Claims"), and the record each claim becomes. The ledger itself is in claims.ts.
 * @module
 */
import type { Profile } from "./profile.ts";

/** The verdict of a claim. */
export type Verdict = "held" | "failed" | "deviation";

/** What a claim is (DESIGN.md, "Claims"). */
export type ClaimKind = "derivation" | "estimate" | "experiment" | "finding";

/** The claim kinds, in report order. */
export const CLAIM_KINDS: readonly ClaimKind[] = ["derivation", "estimate", "experiment", "finding"];

/**
 * Where a claim's expected value comes from. `brief prototype` is a number computed while specifying the notebook
 * with a similar model: the weakest provenance, named as such.
 */
export type Provenance = "article" | "paper" | "closed form" | "brute force" | "brief prototype";

/** The provenances, strongest first. */
export const PROVENANCES: readonly Provenance[] = [
  "article",
  "paper",
  "closed form",
  "brute force",
  "brief prototype",
];

/** A deviation bound to the profile(s) it excuses, each with its own reason. */
export type Deviation = Partial<Record<Profile, string>>;

/** A measured or expected value. */
export type ClaimValue = number | boolean | string | number[];

/** One claim as written to the sidecar and the report (names are a contract: extend, do not rename). */
export interface ClaimRecord {
  id: string;
  measured: ClaimValue;
  expected: ClaimValue;
  /** The relation that decides the verdict, e.g. "|measured - expected| <= 1e-6". */
  relation: string;
  /** Why this tolerance or bound (Monte Carlo error, float64 round-off, the article's own rounding...). */
  why: string;
  source: string;
  kind: ClaimKind;
  provenance: Provenance;
  verdict: Verdict;
  /** For deviations: why the toy scale cannot show what the article shows. */
  reason?: string;
  /** The profiles whose deviation was declared (whatever the verdict), e.g. ["quick"]. */
  deviation_profiles?: Profile[];
  profile: Profile;
}

/**
 * Words that mark a reason as a matter of budget, which the full profile may not plead: its budget is the notebook's
 * own to raise (up to 10 minutes). Returns the first such phrase found, or undefined.
 */
export function budgetWords(reason: string): string | undefined {
  const m = reason.match(BUDGET);
  return m ? m[0] : undefined;
}

const BUDGET =
  /\b(too few|fewer|more (training )?steps|(short|shorter|longer|more|brief) training|budget|under-?trained|not enough (steps|training|time|samples)|too short|too small a (run|sample)|few steps|small sample)\b/i;

/** Counts claims by kind and verdict (every kind present, zeros included). */
export function countByKind(
  rows: readonly { kind: ClaimKind; verdict: Verdict }[],
): Record<ClaimKind, Record<Verdict, number>> {
  const out = Object.fromEntries(
    CLAIM_KINDS.map((k) => [k, { held: 0, failed: 0, deviation: 0 }]),
  ) as Record<ClaimKind, Record<Verdict, number>>;
  for (const r of rows) if (out[r.kind]) out[r.kind][r.verdict] += 1;
  return out;
}

/** Validates a declared deviation (see {@link ClaimOptions.deviation}); throws TypeError naming the claim. */
export function checkDeviation(id: string, d: unknown): Deviation {
  if (d === undefined) return {};
  if (typeof d === "string") {
    throw new TypeError(
      `claim ${id}: a deviation must name the profile(s) it excuses, e.g. { quick: "${d.slice(0, 40)}..." }`,
    );
  }
  if (typeof d !== "object" || d === null) throw new TypeError(`claim ${id}: deviation must be an object`);
  const out: Deviation = {};
  for (const [k, v] of Object.entries(d)) {
    if (k !== "quick" && k !== "full") {
      throw new TypeError(
        `claim ${id}: deviation profile must be "quick" or "full", got ${JSON.stringify(k)}`,
      );
    }
    if (typeof v !== "string" || v.trim() === "") {
      throw new TypeError(`claim ${id}: deviation.${k} must be a non-empty reason`);
    }
    out[k] = v;
  }
  if (out.full !== undefined) {
    const w = budgetWords(out.full);
    if (w) {
      throw new TypeError(
        `claim ${id}: a full-profile deviation must give a reason no CPU budget removes; "${w}" is a budget ` +
          `(raise the full profile's budget instead, or bind the deviation to quick)`,
      );
    }
  }
  return out;
}
