/**
 * The claims ledger. A claim is one row: what the notebook measured, what the article (or paper) states, the
 * relation or tolerance that decides it (with why that tolerance), the source, and the verdict.
 *
 * - Each claim is shown as it is made (a coloured row) and the final {@link ClaimLedger.report} shows the table.
 * - Every claim is also written at once to the sidecar file `out/claims/<notebook>.json`: cell outputs are not a
 *   reliable channel under headless runs, the sidecar is what the runner and the report read.
 * - In a person's session a failed claim shows red and nothing stops; under the runner (NB_RUNNER=1) the report
 *   throws if any claim failed, so the failure becomes a cell error that cannot be missed.
 * - A claim that a toy-scale run honestly cannot show is declared with `deviation: "<reason>"`: if its relation
 *   fails it is reported as a deviation with that reason (never dropped, never tuned); if it holds anyway it is held.
 * @module
 */
import { escapeHtml, fmtNum, fmtValue } from "./format.ts";
import { showBundle } from "./jupyter.ts";
import { outDir } from "./paths.ts";
import { type Profile, profile, underRunner } from "./profile.ts";
import { tableBundle } from "./table.ts";
import { requireFinite, requirePositive } from "./validate.ts";

/** The verdict of a claim. */
export type Verdict = "held" | "failed" | "deviation";

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
  verdict: Verdict;
  /** For deviations: why the toy scale cannot show what the article shows. */
  reason?: string;
  profile: Profile;
}

/** What every claim needs besides its numbers. */
export interface ClaimOptions {
  /** Where the article or paper states it (section, equation, table). */
  source: string;
  /** Why the tolerance or bound is what it is. */
  why: string;
  /** Declares an expected deviation: the reason the toy scale cannot show this (used only if the relation fails). */
  deviation?: string;
}

/** An absolute and/or relative tolerance: holds if |m - e| <= abs + rel * |e|. */
export interface Tolerance {
  abs?: number;
  rel?: number;
}

const NAME = /^[A-Za-z0-9._-]+$/;
const COLOURS: Record<Verdict, string> = { held: "#1a7f37", failed: "#cf222e", deviation: "#9a6700" };

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

  /** lo <= measured <= hi. */
  between(id: string, measured: number, lo: number, hi: number, opts: ClaimOptions): Promise<void> {
    requireFinite(`claim ${id}: measured`, measured);
    if (!(requireFinite("lo", lo) <= requireFinite("hi", hi))) throw new RangeError(`claim ${id}: lo > hi`);
    return this.#record(
      id,
      measured,
      [lo, hi],
      measured >= lo && measured <= hi,
      `${lo} <= measured <= ${hi}`,
      opts,
    );
  }

  /** measured < bound (or <= when `inclusive`). */
  below(
    id: string,
    measured: number,
    bound: number,
    opts: ClaimOptions & { inclusive?: boolean },
  ): Promise<void> {
    requireFinite(`claim ${id}: measured`, measured);
    requireFinite("bound", bound);
    const ok = opts.inclusive ? measured <= bound : measured < bound;
    return this.#record(id, measured, bound, ok, `measured ${opts.inclusive ? "<=" : "<"} ${bound}`, opts);
  }

  /** measured > bound (or >= when `inclusive`). */
  above(
    id: string,
    measured: number,
    bound: number,
    opts: ClaimOptions & { inclusive?: boolean },
  ): Promise<void> {
    requireFinite(`claim ${id}: measured`, measured);
    requireFinite("bound", bound);
    const ok = opts.inclusive ? measured >= bound : measured > bound;
    return this.#record(id, measured, bound, ok, `measured ${opts.inclusive ? ">=" : ">"} ${bound}`, opts);
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
    const verdict: Verdict = ok ? "held" : o.deviation ? "deviation" : "failed";
    const row: ClaimRecord = {
      id,
      measured,
      expected,
      relation,
      why: o.why,
      source: o.source,
      verdict,
      profile: profile(),
    };
    if (verdict === "deviation") row.reason = o.deviation;
    const at = this.#rows.findIndex((r) => r.id === id);
    if (at >= 0) this.#rows[at] = row; // re-running a cell replaces its claim
    else this.#rows.push(row);
    this.#write();
    await showBundle(rowBundle(row));
  }

  #write(): void {
    Deno.mkdirSync(`${outDir()}/claims`, { recursive: true });
    Deno.writeTextFileSync(this.#path, JSON.stringify(this.#rows, null, 2) + "\n");
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
      `${c.deviation} deviation(s)`;
    const rows = this.#rows.map((r) => [
      r.id,
      fmtValue(r.measured),
      fmtValue(r.expected),
      r.relation,
      r.verdict + (r.reason ? `: ${r.reason}` : ""),
      r.source,
      r.why,
    ]);
    const bundle = tableBundle(
      ["claim", "measured", "expected", "relation", "verdict", "source", "why"],
      rows,
      caption,
    );
    bundle["text/html"] = String(bundle["text/html"]).replace(
      /<td style="text-align:left">(held|failed|deviation)/g,
      (_m, v: Verdict) => `<td style="text-align:left;color:${COLOURS[v]};font-weight:bold">${v}`,
    );
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

function rowBundle(r: ClaimRecord) {
  const mark = { held: "✔ held", failed: "✘ FAILED", deviation: "△ deviation" }[r.verdict];
  const text =
    `claim ${r.id}: ${mark} — measured ${fmtValue(r.measured)}, expected ${fmtValue(r.expected)} ` +
    `(${r.relation}; ${r.source})` + (r.reason ? `\n  reason: ${r.reason}` : "");
  const html =
    `<div style="font-family:monospace;border-left:4px solid ${COLOURS[r.verdict]};padding-left:6px">` +
    `<b style="color:${COLOURS[r.verdict]}">${escapeHtml(mark)}</b> <b>${escapeHtml(r.id)}</b>: measured ` +
    `${escapeHtml(fmtValue(r.measured))}, expected ${escapeHtml(fmtValue(r.expected))} ` +
    `<span style="color:#57606a">(${escapeHtml(r.relation)} — ${escapeHtml(r.source)}; why: ${
      escapeHtml(r.why)
    })</span>` +
    (r.reason ? `<br>reason: ${escapeHtml(r.reason)}` : "") + `</div>`;
  return { "text/html": html, "text/plain": text };
}
