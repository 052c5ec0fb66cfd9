/**
 * How claims look in a notebook: one coloured row as each claim is made, and the final table.
 * @module
 */
import { escapeHtml, fmtValue } from "./format.ts";
import type { MimeBundle } from "./jupyter.ts";
import { tableBundle } from "./table.ts";
import type { ClaimRecord, Verdict } from "./claim_kinds.ts";

const COLOURS: Record<Verdict, string> = { held: "#1a7f37", failed: "#cf222e", deviation: "#9a6700" };

/** The claims table (HTML with coloured verdicts, and plain text) under a caption. */
export function claimsTableBundle(records: readonly ClaimRecord[], caption: string): MimeBundle {
  const rows = records.map((r) => [
    r.id,
    `${r.kind} (${r.provenance})`,
    fmtValue(r.measured),
    fmtValue(r.expected),
    r.relation,
    r.verdict + (r.reason ? `: ${r.reason}` : ""),
    r.source,
    r.why,
  ]);
  const bundle = tableBundle(
    ["claim", "kind (expected from)", "measured", "expected", "relation", "verdict", "source", "why"],
    rows,
    caption,
  );
  bundle["text/html"] = String(bundle["text/html"]).replace(
    /<td style="text-align:left">(held|failed|deviation)/g,
    (_m, v: Verdict) => `<td style="text-align:left;color:${COLOURS[v]};font-weight:bold">${v}`,
  );
  return bundle;
}

/** One claim as a coloured row (HTML) and a line of text. */
export function claimRowBundle(r: ClaimRecord) {
  const mark = { held: "✔ held", failed: "✘ FAILED", deviation: "△ deviation" }[r.verdict];
  const text =
    `claim ${r.id} [${r.kind}, expected from ${r.provenance}]: ${mark} — measured ${
      fmtValue(r.measured)
    }, expected ${fmtValue(r.expected)} ` +
    `(${r.relation}; ${r.source})` + (r.reason ? `\n  reason: ${r.reason}` : "");
  const html =
    `<div style="font-family:monospace;border-left:4px solid ${COLOURS[r.verdict]};padding-left:6px">` +
    `<b style="color:${COLOURS[r.verdict]}">${escapeHtml(mark)}</b> <b>${escapeHtml(r.id)}</b> ` +
    `<i>[${escapeHtml(r.kind)}, expected from ${escapeHtml(r.provenance)}]</i>: measured ` +
    `${escapeHtml(fmtValue(r.measured))}, expected ${escapeHtml(fmtValue(r.expected))} ` +
    `<span style="color:#57606a">(${escapeHtml(r.relation)} — ${escapeHtml(r.source)}; why: ${
      escapeHtml(r.why)
    })</span>` +
    (r.reason ? `<br>reason: ${escapeHtml(r.reason)}` : "") + `</div>`;
  return { "text/html": html, "text/plain": text };
}
