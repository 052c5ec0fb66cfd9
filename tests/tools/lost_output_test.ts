/**
 * The Deno kernel can publish `status: idle` before a cell's last outputs; stock nbclient stops listening at idle.
 * A notebook of 120 small cells, each producing exactly one known output (a console.log, a last-expression value
 * or a raw display, in turn), is run 3 times through the runner (two at a time, as in real runs): every output must
 * be present every time.
 *
 * Measured here (Deno 2.9.6, nbclient 0.11, 2 cores, two runs at once, 120 cells mixing the three kinds),
 * with tools/nbrun.py, in batches of 6 runs (720 outputs):
 * - stock behaviour (--grace-ms 0 --no-rescue): 21 of 720 lost (6, 5, 1, 5, 2, 2 per run);
 * - grace alone (--no-rescue): 1 ms: 0 of 720; 2 ms: 0 of 720, then 1 of 720 with two CPU hogs running;
 *   5 ms: 1 of 720; 10 ms and 20 ms: 0 of 720 each. Stragglers mostly come < 1 ms after idle, but the tail is
 *   long under load, so no small grace alone is a guarantee;
 * - rescue (a late message is put into the cell it belongs to, whenever it arrives, plus a 200 ms drain after the
 *   last cell): grace 0 + rescue: 0 of 720 lost with two CPU hogs (11 late messages rescued); the default, grace
 *   2 ms + rescue: 0 of 720 with two CPU hogs, and 0 in every run of this test.
 * Cost per cell, sequential runs: stock 1.15 s per 120 cells; default 1.77 s (~3 ms per cell + the 0.2 s final
 * drain); 20 ms grace alone 3.8 s (~22 ms per cell).
 */
import { assert } from "../_assert.ts";
import { ROOT } from "../../tools/paths.ts";
import { runNotebooks } from "../../tools/runner.ts";

const N = 120, RUNS = 3;

function cellSource(i: number): string {
  if (i % 3 === 0) return `console.log("out-${i}");`;
  if (i % 3 === 1) return `"out-${i}"`;
  return `await Deno.jupyter.display({ "text/plain": "out-${i}" }, { raw: true });`;
}

function makeNotebook(name: string): string {
  const code = (source: string) => ({
    cell_type: "code",
    execution_count: null,
    metadata: {},
    outputs: [],
    source,
  });
  const lib = new URL(`file://${ROOT}/lib/core/claims.ts`).href;
  const cells = [
    code(`import { ClaimLedger } from "${lib}";\nconst ledger = new ClaimLedger("${name}");`),
    ...Array.from({ length: N }, (_, i) => code(cellSource(i))),
    code(
      `await ledger.above("cells", ${N}, 0, { kind: "finding", provenance: "brute force", source: "fixture", why: "count" });\nawait ledger.report();`,
    ),
  ];
  const nb = {
    cells,
    metadata: { kernelspec: { name: "scispaces-deno", display_name: "Deno", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(nb);
}

function outputText(o: Record<string, unknown>): string {
  if (o.output_type === "stream") return ([] as string[]).concat(o.text as string[]).join("").trim();
  const data = o.data as Record<string, string | string[]>;
  return ([] as string[]).concat(data["text/plain"]).join("").replace(/^"|"$/g, "");
}

Deno.test(`lost outputs: ${N} one-output cells x ${RUNS} runs, every output present every time`, async () => {
  const dir = await Deno.makeTempDir({ prefix: "lost-output-" });
  try {
    const refs = Array.from(
      { length: RUNS },
      (_, k) => ({ name: `outputs-${k}`, path: `${dir}/outputs-${k}.ipynb` }),
    );
    for (const r of refs) await Deno.writeTextFile(r.path, makeNotebook(r.name));
    const results = await runNotebooks(refs, {
      profile: "quick",
      outDir: `${dir}/out`,
      timeoutS: 60,
      jobs: 2,
      log: () => {},
    });
    const lost: string[] = [];
    let late = 0;
    for (const [k, r] of results.entries()) {
      assert.equal(r.status, "ok", JSON.stringify(r.error));
      late += r.late_outputs ?? 0;
      const cells = JSON.parse(await Deno.readTextFile(`${dir}/out/${r.notebook}.ipynb`)).cells;
      for (let i = 0; i < N; i++) {
        const outs = cells[i + 1].outputs;
        if (outs.length !== 1 || outputText(outs[0]) !== `out-${i}`) {
          lost.push(`run ${k} cell ${i + 1}: ${JSON.stringify(outs)}`);
        }
      }
    }
    console.log(`lost outputs: 0 expected, ${lost.length} lost; ${late} late output(s) rescued`);
    assert.deepEqual(lost, [], `${lost.length} of ${N * RUNS} outputs lost`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
