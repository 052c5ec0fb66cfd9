/**
 * The runner on fixture notebooks, all in ONE batch with jobs = 2 into a temp out dir: a notebook throwing in its
 * second cell, one hanging past a short timeout, a good one making claims, one with a failed claim and one that
 * writes no claims. One failure or hang must lose nothing else.
 */
import { assert } from "../_assert.ts";
import { ROOT } from "../../tools/paths.ts";
import { buildReport, failures, type NotebookReport, writeReport } from "../../tools/report.ts";
import { runNotebooks } from "../../tools/runner.ts";

const FIXTURES = `${ROOT}/tests/fixtures`;
const NAMES = ["runner-error", "runner-hang", "runner-good", "runner-failed-claim", "runner-no-claims"];
const TIMEOUT_S = 6;

let batch: Promise<{ out: string; byName: Map<string, NotebookReport>; seconds: number }> | undefined;

/** Runs the batch once; every test of this file reads its results. */
function runBatch() {
  batch ??= (async () => {
    const out = await Deno.makeTempDir({ prefix: "runner-test-" });
    const t0 = performance.now();
    const results = await runNotebooks(
      NAMES.map((name) => ({ name, path: `${FIXTURES}/${name}.ipynb` })),
      { profile: "quick", outDir: out, timeoutS: TIMEOUT_S, jobs: 2, log: () => {} },
    );
    return {
      out,
      byName: new Map(results.map((r) => [r.notebook, r])),
      seconds: (performance.now() - t0) / 1000,
    };
  })();
  return batch;
}

type Cell = { outputs: { output_type: string; text?: string[]; ename?: string }[] };
async function executed(out: string, name: string): Promise<Cell[]> {
  return JSON.parse(await Deno.readTextFile(`${out}/${name}.ipynb`)).cells;
}

Deno.test("runner: a cell error is reported with its cell index and text, outputs before it kept", async () => {
  const { out, byName } = await runBatch();
  const r = byName.get("runner-error")!;
  assert.equal(r.status, "error");
  assert.equal(r.error?.cell_index, 1);
  assert.equal(r.error?.ename, "Error");
  assert.match(r.error!.evalue, /fixture boom in the second cell/);
  const cells = await executed(out, "runner-error");
  assert.deepEqual(cells[0].outputs[0].text, ["first cell ran\n"]);
  assert.equal(cells[1].outputs[0].output_type, "error");
  assert.equal(cells[2].outputs.length, 0, "the cell after the error must not run");
});

Deno.test("runner: a hang is killed at the timeout and reported, with what it printed", async () => {
  const { out, byName, seconds } = await runBatch();
  const r = byName.get("runner-hang")!;
  assert.equal(r.status, "timeout");
  assert.equal(r.error?.cell_index, 1);
  assert.ok(r.seconds < TIMEOUT_S + 10, `the hang took ${r.seconds} s, timeout ${TIMEOUT_S} s`);
  assert.ok(seconds < 4 * TIMEOUT_S, `batch took ${seconds} s`);
  const cells = await executed(out, "runner-hang");
  assert.deepEqual(cells[0].outputs[0].text, ["about to hang\n"]);
});

Deno.test("runner: the good notebook in the same batch keeps its status and claims", async () => {
  const { out, byName } = await runBatch();
  const r = byName.get("runner-good")!;
  assert.equal(r.status, "ok");
  assert.equal(r.error, undefined);
  assert.deepEqual(r.claims.map((c) => [c.id, c.verdict]), [
    ["pi-digits", "held"],
    ["positive", "held"],
    ["toy-scale", "deviation"],
  ]);
  const dev = r.claims[2];
  assert.equal(dev.reason, "too small to show it");
  assert.equal(dev.profile, "quick", "NB_PROFILE reaches the kernel");
  for (
    const key of [
      "id",
      "measured",
      "expected",
      "relation",
      "why",
      "source",
      "kind",
      "provenance",
      "verdict",
      "profile",
    ]
  ) {
    assert.ok(key in r.claims[0], `claim lacks ${key}`);
  }
  const cells = await executed(out, "runner-good");
  assert.ok(
    cells.length === 6 && cells[5].outputs.length > 0,
    "the claims table is in the executed notebook",
  );
});

Deno.test("runner: a failed claim under NB_RUNNER=1 is a cell error naming the claim", async () => {
  const { byName } = await runBatch();
  const r = byName.get("runner-failed-claim")!;
  assert.equal(r.status, "error");
  assert.equal(r.error?.cell_index, 3);
  assert.match(r.error!.evalue, /one-is-two/);
  assert.deepEqual(r.claims.map((c) => c.verdict), ["failed", "held"]);
  const lines = failures(buildReport([r], "quick"));
  assert.ok(
    lines.some((l) => l.includes("runner-failed-claim") && l.includes("at cell 3")),
    lines.join("\n"),
  );
  assert.ok(lines.some((l) => l.includes("claim one-is-two failed")), lines.join("\n"));
});

Deno.test("runner: a notebook that runs but writes no claims is an error", async () => {
  const { byName } = await runBatch();
  const r = byName.get("runner-no-claims")!;
  assert.equal(r.status, "error");
  assert.equal(r.error?.ename, "NoClaims");
  assert.match(r.error!.evalue, /no claims written/);
});

Deno.test("runner: the batch's report totals and files", async () => {
  const { out, byName } = await runBatch();
  const report = buildReport(NAMES.map((n) => byName.get(n)!), "quick");
  assert.deepEqual(
    [report.totals.notebooks, report.totals.ok, report.totals.error, report.totals.timeout],
    [5, 1, 3, 1],
  );
  assert.deepEqual([report.totals.held, report.totals.failed, report.totals.deviation], [3, 1, 1]);
  const paths = await writeReport(out, report);
  const back = JSON.parse(await Deno.readTextFile(paths.json));
  assert.equal(back.notebooks.length, 5);
  assert.match(await Deno.readTextFile(paths.md), /runner-good/);
  await Deno.remove(out, { recursive: true });
});
