/**
 * The claims report: out/report.json (for machines) and out/report.md (for people), built from run results.
 * The names of report.json are a contract (DESIGN.md, "The report contract"): extend, do not rename.
 * @module
 */
import {
  CLAIM_KINDS,
  type ClaimKind,
  type ClaimRecord,
  type ClaimValue,
  countByKind,
  type Provenance,
  PROVENANCES,
  type Verdict,
} from "../lib/core/claim_kinds.ts";
import { fmtValue } from "../lib/core/format.ts";
import type { Profile } from "../lib/core/profile.ts";

export type { ClaimKind, ClaimRecord, ClaimValue, Profile, Provenance, Verdict };

/** How a notebook run ended. */
export type RunStatus = "ok" | "error" | "timeout";

/** Where and why a notebook stopped. */
export interface RunError {
  /** Index of the cell (in the notebook's cell list, markdown included); -1 when no cell was running. */
  cell_index: number;
  ename: string;
  evalue: string;
}

/** A claim in the report: the row the ledger wrote (id, measured, expected, verdict, reason?, source, ...). */
export type ReportClaim = ClaimRecord;

/** One notebook's entry in report.json. */
export interface NotebookReport {
  notebook: string;
  profile: Profile;
  status: RunStatus;
  seconds: number;
  claims: ReportClaim[];
  /** Present when status is not "ok". */
  error?: RunError;
  /** The executed notebook, relative to the report's folder. */
  executed?: string;
  /** Outputs that arrived after their cell's grace window and were put back into their cell by the runner. */
  late_outputs?: number;
  /**
   * True when this entry was not executed now but reused from the run cache (tools/run_cache.ts): its inputs were
   * unchanged since the run that made it. `status` is that run's (always "ok"), `seconds` its run time.
   */
  cached?: boolean;
  /** For a cached entry: when the reused run finished (ISO time). */
  cached_at?: string;
}

/** The totals row of report.json. */
export interface ReportTotals {
  notebooks: number;
  ok: number;
  error: number;
  timeout: number;
  /** Notebooks reused from the run cache (counted in ok as well). */
  cached: number;
  claims: number;
  held: number;
  failed: number;
  deviation: number;
  /** Sum of the notebooks' run times. */
  seconds: number;
  /** Claims by kind, each by verdict. */
  by_kind: Record<ClaimKind, Record<Verdict, number>>;
  /** Claims by the provenance of their expected value. */
  by_provenance: Record<Provenance, number>;
}

/** out/report.json. */
export interface Report {
  profile: Profile;
  generated_at: string;
  notebooks: NotebookReport[];
  totals: ReportTotals;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Counts notebooks by status and claims by verdict. */
export function computeTotals(notebooks: NotebookReport[]): ReportTotals {
  const t: ReportTotals = {
    notebooks: notebooks.length,
    ok: 0,
    error: 0,
    timeout: 0,
    cached: 0,
    claims: 0,
    held: 0,
    failed: 0,
    deviation: 0,
    seconds: 0,
    by_kind: countByKind(notebooks.flatMap((nb) => nb.claims)),
    by_provenance: Object.fromEntries(PROVENANCES.map((p) => [p, 0])) as Record<Provenance, number>,
  };
  for (const nb of notebooks) {
    t[nb.status] += 1;
    if (nb.cached) t.cached += 1;
    t.seconds += nb.seconds;
    for (const c of nb.claims) {
      t.claims += 1;
      t[c.verdict] += 1;
      if (c.provenance in t.by_provenance) t.by_provenance[c.provenance] += 1;
    }
  }
  t.seconds = round(t.seconds);
  return t;
}

/** Assembles the report (notebooks in the order given). */
export function buildReport(
  notebooks: NotebookReport[],
  profile: Profile,
  now: Date = new Date(),
): Report {
  return { profile, generated_at: now.toISOString(), notebooks, totals: computeTotals(notebooks) };
}

/** One line per problem: each notebook that errored or timed out (with its cell) and each failed claim. */
export function failures(report: Report): string[] {
  const out: string[] = [];
  for (const nb of report.notebooks) {
    if (nb.status !== "ok") {
      const e = nb.error;
      const where = e ? ` ${cellName(e.cell_index)}: ${e.ename}: ${firstLine(e.evalue)}` : "";
      out.push(`${nb.notebook}: ${nb.status}${where}`);
    }
    for (const c of nb.claims.filter((c) => c.verdict === "failed")) {
      out.push(
        `${nb.notebook}: claim ${c.id} failed: measured ${fmtValue(c.measured)}, expected ` +
          `${fmtValue(c.expected)} (${c.relation}; ${c.source})`,
      );
    }
  }
  return out;
}

/** True when every notebook ran ok and no claim failed. */
export function reportPassed(report: Report): boolean {
  return report.totals.error === 0 && report.totals.timeout === 0 && report.totals.failed === 0;
}

/** "at cell 3" for a cell index, "outside any cell" for -1. */
export function cellName(index: number): string {
  return index >= 0 ? `at cell ${index}` : "outside any cell";
}

function firstLine(s: string, max = 300): string {
  const line = s.split("\n")[0];
  return line.length > max ? line.slice(0, max) + "…" : line;
}

/** Escapes text for one Markdown table cell: pipes, backslashes, newlines. */
export function mdCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function mdTable(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(" | ")} |`;
  return [line(head), `|${head.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}

const KIND_MEANS: Record<ClaimKind, string> = {
  derivation: "steps of the articles' derivations checked by an independent route",
  estimate: "Monte Carlo or numerical estimates of exactly known quantities",
  experiment: "experiments of the articles or papers re-run at CPU scale",
  finding: "the notebooks' own observations and errata, with their proof",
};

/** The opening summary: claims by kind (what each kind means, held / failed / deviation) and by provenance. */
export function kindSummaryMarkdown(report: Report): string {
  const t = report.totals;
  const rows = CLAIM_KINDS.map((k) => {
    const v = t.by_kind[k];
    const n = v.held + v.failed + v.deviation;
    return [k, KIND_MEANS[k], String(n), String(v.held), String(v.failed), String(v.deviation)];
  });
  const exp = t.by_kind.experiment;
  const nExp = exp.held + exp.failed + exp.deviation;
  const der = t.by_kind.derivation;
  const lead =
    `In the ${report.profile} profile, ${exp.held} of ${nExp} experiment claim(s) are reproduced at ` +
    `this scale (${exp.deviation} deviation(s), ${exp.failed} failed), and ${der.held} of ` +
    `${der.held + der.failed + der.deviation} derivation step(s) are checked by an independent route.`;
  const prov = PROVENANCES.map((p) => `${p}: ${t.by_provenance[p]}`).join(" · ");
  return [
    lead,
    mdTable(["kind", "what it is", "claims", "held", "failed", "deviation"], rows),
    `Where the expected values come from — ${prov}. "brief prototype" is a number computed while specifying ` +
    `a notebook with a similar model: the weakest provenance.`,
  ].join("\n\n");
}

/**
 * Claims worth a second look (places to look, not verdicts): a non-integer measured value exactly equal to its
 * expected value (the same routine on both sides?), and deviations in the full profile (is the reason one that no
 * CPU budget removes?).
 */
export function secondLook(report: Report): string[] {
  const out: string[] = [];
  const nonInteger = (v: unknown) => typeof v === "number" && Number.isFinite(v) && !Number.isInteger(v);
  for (const nb of report.notebooks) {
    for (const c of nb.claims) {
      const m = Array.isArray(c.measured) ? c.measured : [c.measured];
      const same = JSON.stringify(c.measured) === JSON.stringify(c.expected) && m.some(nonInteger);
      if (same) {
        out.push(`${nb.notebook}: ${c.id}: measured equals expected exactly (${fmtValue(c.measured)})`);
      }
      if (c.verdict === "deviation" && c.profile === "full") {
        out.push(`${nb.notebook}: ${c.id}: deviation in the full profile: ${c.reason ?? ""}`);
      }
    }
  }
  return out;
}

const MARK: Record<Verdict, string> = { held: "held", failed: "**FAILED**", deviation: "deviation" };

/** The readable report: a totals table, then one table of claims per notebook. */
export function renderMarkdown(report: Report): string {
  const t = report.totals;
  const parts = [
    `# Claims report (${report.profile} profile)`,
    `Generated ${report.generated_at}. ${t.notebooks} notebook(s), ${t.claims} claim(s)` +
    (t.cached ? `; ${t.cached} notebook(s) cached (inputs unchanged, not executed again).` : "."),
    "## Claims by kind",
    kindSummaryMarkdown(report),
    ...secondLookSection(report),
    "## Totals",
    mdTable(
      ["notebooks", "ok", "error", "timeout", "cached", "claims", "held", "failed", "deviation", "seconds"],
      [[t.notebooks, t.ok, t.error, t.timeout, t.cached, t.claims, t.held, t.failed, t.deviation, t.seconds]
        .map(
          String,
        )],
    ),
    "## Notebooks",
    mdTable(
      ["notebook", "status", "seconds", "held", "failed", "deviation"],
      report.notebooks.map((nb) => {
        const n = computeTotals([nb]);
        return [
          nb.notebook,
          nb.status + (nb.cached ? " (cached)" : ""),
          String(round(nb.seconds)),
          String(n.held),
          String(n.failed),
          String(n.deviation),
        ];
      }),
    ),
  ];
  for (const nb of report.notebooks) {
    parts.push(`## ${nb.notebook}`);
    const e = nb.error;
    let status = `Status: **${nb.status}** in ${round(nb.seconds)} s (${nb.profile} profile).`;
    if (nb.cached) {
      status += ` Cached: reused the run of ${nb.cached_at ?? "an earlier run"} (inputs unchanged).`;
    }
    if (e) status += ` Stopped ${cellName(e.cell_index)}: ${e.ename}: ${firstLine(e.evalue)}`;
    if (nb.late_outputs) status += ` ${nb.late_outputs} late output(s) were put back into their cells.`;
    parts.push(mdCell(status).replace(/<br>/g, " "));
    if (nb.claims.length === 0) {
      parts.push("No claims recorded.");
      continue;
    }
    parts.push(mdTable(
      ["claim", "kind", "expected from", "measured", "expected", "relation", "verdict", "source"],
      nb.claims.map((c) => [
        c.id,
        c.kind ?? "",
        c.provenance ?? "",
        fmtValue(c.measured),
        fmtValue(c.expected),
        c.relation ?? "",
        MARK[c.verdict] + (c.reason ? `: ${c.reason}` : ""),
        c.source,
      ]),
    ));
  }
  return parts.join("\n\n") + "\n";
}

function secondLookSection(report: Report): string[] {
  const looks = secondLook(report);
  return looks.length === 0
    ? []
    : ["## Claims worth a second look", looks.map((l) => `- ${mdCell(l)}`).join("\n")];
}

/** Writes `<dir>/report.json` and `<dir>/report.md`; returns their paths. */
export async function writeReport(dir: string, report: Report): Promise<{ json: string; md: string }> {
  await Deno.mkdir(dir, { recursive: true });
  const json = `${dir}/report.json`, md = `${dir}/report.md`;
  await Deno.writeTextFile(json, JSON.stringify(report, null, 2) + "\n");
  await Deno.writeTextFile(md, renderMarkdown(report));
  return { json, md };
}
