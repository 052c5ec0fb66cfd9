/**
 * The claims ledger. A claim is one row: what the notebook measured, what the article (or paper) states, the
 * relation or tolerance that decides it (with why that tolerance), the source, and the verdict.
 *
 * - Each claim is shown as it is made (a coloured row) and the final {@link ClaimLedger.report} shows the table.
 * - Every claim is also written at once to the sidecar file `out/claims/<notebook>.json`: cell outputs are not a
 *   reliable channel under headless runs, the sidecar is what the runner and the report read.
 * - In a person's session a failed claim shows red and nothing stops; under the runner (NB_RUNNER=1) the report
 *   throws if any claim failed, so the failure becomes a cell error that cannot be missed.
 * - Every claim says what it is ({@link ClaimKind}: derivation, estimate, experiment, finding) and where its expected
 *   value comes from ({@link Provenance}: article, paper, closed form, brute force, brief prototype).
 * - A claim that a toy-scale run honestly cannot show declares a deviation **bound to a profile**:
 *   `deviation: { quick: "<reason>" }`. If its relation fails in that profile it is reported as a deviation with that
 *   reason (never dropped, never tuned); if it holds anyway it is held; in a profile it does not name it fails like any
 *   other claim. A full-profile deviation must give a reason that no CPU budget removes (an architecture the backend
 *   cannot train, a data set that cannot be had here): budget words ("too few steps", "longer training", ...) in a
 *   full-profile reason are rejected.
 * @module
 */
import { fmtNum, fmtValue } from "./format.ts";
import { claimRowBundle, claimsTableBundle } from "./claims_display.ts";
import { showBundle } from "./jupyter.ts";
import { outDir } from "./paths.ts";
import { profile, underRunner } from "./profile.ts";
import {
  checkDeviation,
  CLAIM_KINDS,
  type ClaimKind,
  type ClaimRecord,
  type ClaimValue,
  countByKind,
  type Deviation,
  type Provenance,
  PROVENANCES,
  type Verdict,
} from "./claim_kinds.ts";

import { requireFinite, requirePositive } from "./validate.ts";

/** What every claim needs besides its numbers. */
export interface ClaimOptions {
  /** What the claim is: a derivation step, an estimate of a known quantity, an experiment re-run, a finding. */
  kind: ClaimKind;
  /** Where the expected value comes from. */
  provenance: Provenance;
  /** Where the article or paper states it (section, equation, table). */
  source: string;
  /** Why the tolerance or bound is what it is. */
  why: string;
  /**
   * Declares an expected deviation per profile: `{ quick: "<reason>" }` (used only if the relation fails in that
   * profile). A `full` reason must not be a budget ("too few steps"): see {@link budgetWords}.
   */
  deviation?: Deviation;
}

/** An absolute and/or relative tolerance: holds if |m - e| <= abs + rel * |e|. */
export interface Tolerance {
  abs?: number;
  rel?: number;
}

const NAME = /^[A-Za-z0-9._-]+$/;

/** The claims of one notebook. */
export class ClaimLedger {
  readonly notebook: string;
  readonly #rows: ClaimRecord[] = [];
  readonly #path: string;

  /** @param notebook the notebook's file name without extension, e.g. "03-ddpm-autoregressive-vae". */
  constructor(notebook: string) {
    if (typeof notebook !== "string" || !NAME.test(notebook)) {
      throw new TypeError(`notebook must be a file-name-safe string, got ${JSON.stringify(notebook)}`);
    }
    this.notebook = notebook;
    this.#path = `${outDir()}/claims/${notebook}.json`;
    this.#write(); // a fresh run starts from an empty sidecar
  }

  /** The claims made so far (a copy), in the order first made. */
  get rows(): ClaimRecord[] {
    return this.#rows.map((r) => ({ ...r }));
  }

  /** The sidecar path. */
  get path(): string {
    return this.#path;
  }

  /** |measured - expected| <= abs + rel * |expected|, element-wise for arrays (all must hold). */
  close(
    id: string,
    measured: number | number[],
    expected: number | number[],
    tol: Tolerance,
    opts: ClaimOptions,
  ) {
    const abs = requirePositive("tol.abs", tol.abs ?? 0, true);
    const rel = requirePositive("tol.rel", tol.rel ?? 0, true);
    if (abs === 0 && rel === 0) throw new RangeError(`claim ${id}: tol needs abs > 0 or rel > 0`);
    const m = Array.isArray(measured) ? measured : [measured];
    const e = Array.isArray(expected) ? expected : [expected];
    if (m.length !== e.length) {
      throw new RangeError(`claim ${id}: measured has ${m.length} values, expected has ${e.length}`);
    }
    m.forEach((v, i) => requireFinite(`claim ${id}: measured[${i}]`, v));
    e.forEach((v, i) => requireFinite(`claim ${id}: expected[${i}]`, v));
    const ok = m.every((v, i) => Math.abs(v - e[i]) <= abs + rel * Math.abs(e[i]));
    const parts = [abs > 0 ? fmtNum(abs, 3) : "", rel > 0 ? `${fmtNum(rel, 3)}·|expected|` : ""].filter(
      Boolean,
    );
    return this.#record(id, measured, expected, ok, `|measured - expected| <= ${parts.join(" + ")}`, opts);
  }

  /**
   * lo <= measured <= hi. An array `measured` (a sweep) must lie in the band at every point; the relation says how
   * many points there were.
   */
  between(
    id: string,
    measured: number | number[],
    lo: number,
    hi: number,
    opts: ClaimOptions,
  ): Promise<void> {
    const m = finiteValues(id, measured);
    if (!(requireFinite("lo", lo) <= requireFinite("hi", hi))) throw new RangeError(`claim ${id}: lo > hi`);
    return this.#record(
      id,
      measured,
      [lo, hi],
      m.every((v) => v >= lo && v <= hi),
      `${lo} <= measured <= ${hi}${sweepNote(measured)}`,
      opts,
    );
  }

  /** measured < bound (or <= when `inclusive`); an array `measured` (a sweep) must hold at every point. */
  below(
    id: string,
    measured: number | number[],
    bound: number,
    opts: ClaimOptions & { inclusive?: boolean },
  ): Promise<void> {
    const m = finiteValues(id, measured);
    requireFinite("bound", bound);
    const ok = m.every((v) => opts.inclusive ? v <= bound : v < bound);
    return this.#record(
      id,
      measured,
      bound,
      ok,
      `measured ${opts.inclusive ? "<=" : "<"} ${bound}${sweepNote(measured)}`,
      opts,
    );
  }

  /** measured > bound (or >= when `inclusive`); an array `measured` (a sweep) must hold at every point. */
  above(
    id: string,
    measured: number | number[],
    bound: number,
    opts: ClaimOptions & { inclusive?: boolean },
  ): Promise<void> {
    const m = finiteValues(id, measured);
    requireFinite("bound", bound);
    const ok = m.every((v) => opts.inclusive ? v >= bound : v > bound);
    return this.#record(
      id,
      measured,
      bound,
      ok,
      `measured ${opts.inclusive ? ">=" : ">"} ${bound}${sweepNote(measured)}`,
      opts,
    );
  }

  /** A claim decided by a relation the caller computed: `ok` with the relation written out in words. */
  holds(
    id: string,
    measured: ClaimValue,
    expected: ClaimValue,
    ok: boolean,
    relation: string,
    opts: ClaimOptions,
  ) {
    if (typeof ok !== "boolean") throw new TypeError(`claim ${id}: ok must be a boolean`);
    return this.#record(id, measured, expected, ok, relation, opts);
  }

  async #record(
    id: string,
    measured: ClaimValue,
    expected: ClaimValue,
    ok: boolean,
    relation: string,
    o: ClaimOptions,
  ) {
    if (typeof id !== "string" || !/^[a-z0-9][a-z0-9._-]*$/i.test(id)) {
      throw new TypeError(`claim id must be a short slug, got ${JSON.stringify(id)}`);
    }
    if (!o || typeof o.source !== "string" || o.source.trim() === "") {
      throw new TypeError(`claim ${id}: opts.source must name where the article states it`);
    }
    if (typeof o.why !== "string" || o.why.trim() === "") {
      throw new TypeError(`claim ${id}: opts.why must justify the tolerance or bound`);
    }
    if (!CLAIM_KINDS.includes(o.kind)) {
      throw new TypeError(
        `claim ${id}: opts.kind must be one of ${CLAIM_KINDS.join(", ")}, got ${JSON.stringify(o.kind)}`,
      );
    }
    if (!PROVENANCES.includes(o.provenance)) {
      throw new TypeError(
        `claim ${id}: opts.provenance must be one of ${PROVENANCES.join(", ")}, got ${
          JSON.stringify(o.provenance)
        }`,
      );
    }
    const dev = checkDeviation(id, o.deviation);
    const here = profile();
    const verdict: Verdict = ok ? "held" : dev[here] ? "deviation" : "failed";
    const row: ClaimRecord = {
      id,
      measured,
      expected,
      relation,
      why: o.why,
      source: o.source,
      kind: o.kind,
      provenance: o.provenance,
      verdict,
      profile: here,
    };
    if (verdict === "deviation") row.reason = dev[here];
    const declared = (["quick", "full"] as const).filter((p) => dev[p] !== undefined);
    if (declared.length > 0) row.deviation_profiles = declared;
    const at = this.#rows.findIndex((r) => r.id === id);
    if (at >= 0) this.#rows[at] = row; // re-running a cell replaces its claim
    else this.#rows.push(row);
    this.#write();
    await showBundle(claimRowBundle(row));
  }

  #write(): void {
    Deno.mkdirSync(`${outDir()}/claims`, { recursive: true });
    Deno.writeTextFileSync(this.#path, JSON.stringify(this.#rows, null, 2) + "\n");
  }

  /** Counts by kind and verdict. */
  kindCounts(): Record<ClaimKind, Record<Verdict, number>> {
    return countByKind(this.#rows);
  }

  /** Counts by verdict. */
  counts(): Record<Verdict, number> {
    const c: Record<Verdict, number> = { held: 0, failed: 0, deviation: 0 };
    for (const r of this.#rows) c[r.verdict] += 1;
    return c;
  }

  /**
   * Shows the claims table. Under the runner (NB_RUNNER=1) throws an Error naming every failed claim, so the run
   * reports the notebook as failed; in a person's session failed claims only show red.
   */
  async report(): Promise<void> {
    const c = this.counts();
    const caption =
      `Claims of ${this.notebook} (${profile()} profile): ${c.held} held, ${c.failed} failed, ` +
      `${c.deviation} deviation(s) — ` + kindSummary(this.#rows);
    const bundle = claimsTableBundle(this.#rows, caption);
    await showBundle(bundle);
    if (underRunner() && c.failed > 0) {
      const failed = this.#rows.filter((r) => r.verdict === "failed")
        .map((r) =>
          `${r.id} (measured ${fmtValue(r.measured)}, expected ${fmtValue(r.expected)}, ${r.relation})`
        );
      throw new Error(`${c.failed} claim(s) failed in ${this.notebook}: ${failed.join("; ")}`);
    }
  }
}

function finiteValues(id: string, measured: number | number[]): number[] {
  const m = Array.isArray(measured) ? measured : [measured];
  if (m.length === 0) throw new RangeError(`claim ${id}: measured is an empty sweep`);
  m.forEach((v, i) => requireFinite(`claim ${id}: measured${Array.isArray(measured) ? `[${i}]` : ""}`, v));
  return m;
}

function sweepNote(measured: number | number[]): string {
  return Array.isArray(measured) ? ` at each of ${measured.length} points` : "";
}

/** "derivation 5 (5 held), estimate 2 (1 held, 1 deviation), ..." over the kinds present. */
export function kindSummary(rows: readonly ClaimRecord[]): string {
  const by = countByKind(rows);
  const parts = CLAIM_KINDS.filter((k) => by[k].held + by[k].failed + by[k].deviation > 0).map((k) => {
    const v = by[k];
    const n = v.held + v.failed + v.deviation;
    const detail = (["held", "failed", "deviation"] as const).filter((x) => v[x] > 0).map((x) =>
      `${v[x]} ${x}`
    );
    return `${k} ${n} (${detail.join(", ")})`;
  });
  return parts.length > 0 ? parts.join(", ") : "no claims";
}
