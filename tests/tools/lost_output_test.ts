/**
 * The Deno kernel can publish `status: idle` before a cell's last outputs; stock nbclient stops listening at idle.
 * A notebook of 120 small cells, each producing exactly one known output (a console.log, a last-expression value
 * or a raw display, in turn), is run 3 times through the runner (two at a time, as in real runs): every output must
 * be present every time.
 *
 * Measured here (Deno 2.9.6, nbclient 0.11, 2 cores, two runs at once), with tools/nbrun.py:
 * - stock behaviour (--grace-ms 0 --no-rescue): 21 of 720 outputs lost over 6 runs (6, 5, 1, 5, 2, 2);
 * - grace alone, no rescue: 2 ms lost 1 of 720 (+ 1 of 720 with two CPU hogs), 5 ms lost 1 of 720, 10 and 20 ms lost
 *   none of 720 each; the latest straggler seen after idle came 2.5 ms late, but the tail is long under load;
 * - the default rule (2 ms grace + rescue of late messages into their own cell + 200 ms final drain): 0 lost of
 *   1440 (12 runs, half of them with two CPU hogs), at about 3 ms per cell over stock (20 ms grace alone: ~25 ms).
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
      `await ledger.above("cells", ${N}, 0, { source: "fixture", why: "count" });\nawait ledger.report();`,
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
