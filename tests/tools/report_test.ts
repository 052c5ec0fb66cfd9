import { assert } from "../_assert.ts";
import {
  buildReport,
  computeTotals,
  failures,
  mdCell,
  type NotebookReport,
  renderMarkdown,
  type ReportClaim,
  reportPassed,
  secondLook,
  writeReport,
} from "../../tools/report.ts";

function claim(id: string, verdict: ReportClaim["verdict"], extra: Partial<ReportClaim> = {}): ReportClaim {
  return {
    id,
    measured: 1,
    expected: 2,
    relation: "measured < 2",
    why: "because",
    source: "§1",
    kind: "derivation",
    provenance: "closed form",
    verdict,
    profile: "quick",
    ...extra,
  };
}

const NOTEBOOKS: NotebookReport[] = [
  {
    notebook: "01-a",
    profile: "quick",
    status: "ok",
    seconds: 1.25,
    claims: [claim("x", "held"), claim("y", "deviation", { reason: "toy | scale" })],
  },
  {
    notebook: "02-b",
    profile: "quick",
    status: "error",
    seconds: 2,
    claims: [claim("z", "failed", { relation: "|m - e| <= 1" })],
    error: { cell_index: 4, ename: "Error", evalue: "1 claim(s) failed in 02-b: z" },
  },
  {
    notebook: "03-c",
    profile: "quick",
    status: "timeout",
    seconds: 120.04,
    claims: [],
    error: { cell_index: 2, ename: "Timeout", evalue: "notebook exceeded 120 s" },
  },
];

Deno.test("report: totals count notebooks by status and claims by verdict", () => {
  assert.deepEqual(computeTotals(NOTEBOOKS), {
    notebooks: 3,
    ok: 1,
    error: 1,
    timeout: 1,
    cached: 0,
    claims: 3,
    held: 1,
    failed: 1,
    deviation: 1,
    seconds: 123.3,
    by_kind: {
      derivation: { held: 1, failed: 1, deviation: 1 },
      estimate: { held: 0, failed: 0, deviation: 0 },
      experiment: { held: 0, failed: 0, deviation: 0 },
      finding: { held: 0, failed: 0, deviation: 0 },
    },
    by_provenance: { article: 0, paper: 0, "closed form": 3, "brute force": 0, "brief prototype": 0 },
  });
  assert.deepEqual(computeTotals([]).notebooks, 0);
});

Deno.test("report: the contract's names are there", () => {
  const r = buildReport(NOTEBOOKS, "quick", new Date("2024-01-02T03:04:05Z"));
  assert.equal(r.generated_at, "2024-01-02T03:04:05.000Z");
  const nb = JSON.parse(JSON.stringify(r)).notebooks[0];
  for (const key of ["notebook", "profile", "status", "seconds", "claims"]) assert.ok(key in nb, key);
  for (const key of ["id", "measured", "expected", "verdict", "source", "kind", "provenance"]) {
    assert.ok(key in nb.claims[0], key);
  }
  assert.equal(nb.claims[1].reason, "toy | scale");
});

Deno.test("report: failures name the notebook, the cell and the claim; passed only when clean", () => {
  const r = buildReport(NOTEBOOKS, "quick");
  const lines = failures(r);
  assert.deepEqual(lines, [
    "02-b: error at cell 4: Error: 1 claim(s) failed in 02-b: z",
    "02-b: claim z failed: measured 1, expected 2 (|m - e| <= 1; §1)",
    "03-c: timeout at cell 2: Timeout: notebook exceeded 120 s",
  ]);
  assert.equal(reportPassed(r), false);
  assert.equal(reportPassed(buildReport(NOTEBOOKS.slice(0, 1), "quick")), true);
  const noCell = buildReport([{
    ...NOTEBOOKS[1],
    claims: [],
    error: { cell_index: -1, ename: "X", evalue: "y" },
  }], "full");
  assert.deepEqual(failures(noCell), ["02-b: error outside any cell: X: y"]);
});

Deno.test("report: markdown escapes pipes and newlines inside table cells", () => {
  assert.equal(mdCell("a | b"), "a \\| b");
  assert.equal(mdCell("a\nb"), "a<br>b");
  assert.equal(mdCell("x\\|y"), "x\\\\\\|y");
  const md = renderMarkdown(buildReport(NOTEBOOKS, "quick"));
  assert.match(md, /## Claims by kind\n\nIn the quick profile, 0 of 0 experiment claim\(s\) are reproduced/);
  assert.match(md, /\| derivation \| [^|]+ \| 3 \| 1 \| 1 \| 1 \|/);
  assert.match(
    md,
    /\| z \| derivation \| closed form \| 1 \| 2 \| \\\|m - e\\\| <= 1 \| \*\*FAILED\*\* \| §1 \|/,
  );
  assert.match(md, /deviation: toy \\\| scale/);
  assert.match(md, /\| 3 \| 1 \| 1 \| 1 \| 0 \| 3 \| 1 \| 1 \| 1 \| 123\.3 \|/);
  assert.match(md, /Stopped at cell 2: Timeout/);
  // every table row has as many unescaped pipes as its header
  for (const table of md.split("\n\n").filter((b) => b.startsWith("|"))) {
    const rows = table.split("\n");
    const pipes = (s: string) => s.replace(/\\\|/g, "").split("|").length;
    for (const row of rows) assert.equal(pipes(row), pipes(rows[0]), row);
  }
});

Deno.test("report: writeReport writes report.json and report.md", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const r = buildReport(NOTEBOOKS, "full");
    const paths = await writeReport(`${dir}/nested`, r);
    assert.deepEqual(JSON.parse(await Deno.readTextFile(paths.json)), r);
    assert.equal(await Deno.readTextFile(paths.md), renderMarkdown(r));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("report: claims worth a second look — exact equality of non-integer values, full-profile deviations", () => {
  const r = buildReport([{
    notebook: "09-x",
    profile: "full",
    status: "ok",
    seconds: 1,
    claims: [
      claim("same", "held", { measured: 0.25, expected: 0.25 }),
      claim("count", "held", { measured: 3, expected: 3 }),
      claim("dev", "deviation", { profile: "full", reason: "no Conv2D gradient" }),
      claim("dev-quick", "deviation", { profile: "quick", reason: "budget" }),
    ],
  }], "full");
  assert.deepEqual(secondLook(r), [
    "09-x: same: measured equals expected exactly (0.25)",
    "09-x: dev: deviation in the full profile: no Conv2D gradient",
  ]);
  assert.match(renderMarkdown(r), /## Claims worth a second look\n\n- 09-x: same:/);
  assert.doesNotMatch(renderMarkdown(buildReport(NOTEBOOKS.slice(0, 1), "quick")), /second look/);
});
