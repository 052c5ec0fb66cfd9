import { assert } from "../_assert.ts";
import { ROOT } from "../../tools/paths.ts";
import { parseNotebook } from "../../tools/notebook.ts";
import { findOutputs, outputProblems, stripFiles, stripNotebook } from "../../tools/strip.ts";

const CLEAN = `${ROOT}/tests/fixtures/runner-good.ipynb`;

/** The clean fixture as if it had been executed: outputs, counts, timing metadata, language_info. */
async function executedCopy(): Promise<string> {
  const nb = parseNotebook(await Deno.readTextFile(CLEAN));
  let n = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    cell.execution_count = ++n;
    cell.outputs = [{ output_type: "stream", name: "stdout", text: ["x | y\n"] }];
    cell.metadata = { ...cell.metadata, execution: { "iopub.status.busy": "2024-01-01T00:00:00Z" } };
  }
  return JSON.stringify(nb, null, 1) + "\n";
}

Deno.test("strip: outputs, counts and timing go; kernelspec and other metadata stay", async () => {
  const nb = parseNotebook(await executedCopy());
  assert.equal(outputProblems(nb).length, 5);
  assert.match(
    outputProblems(nb)[0],
    /^cell 1: 1 output\(s\), execution_count 1, execution timing metadata$/,
  );
  nb.cells[1].metadata = { ...nb.cells[1].metadata, tags: ["keep-me"] };
  const stripped = stripNotebook(nb);
  assert.deepEqual(outputProblems(stripped), []);
  assert.deepEqual(stripped.cells[1].metadata, { tags: ["keep-me"] });
  assert.equal((stripped.metadata.kernelspec as { name: string }).name, "scispaces-deno");
  assert.equal(stripped.cells[0].cell_type, "markdown");
  assert.equal("outputs" in stripped.cells[0], false, "markdown cells get no outputs key");
  assert.equal(nb.cells[1].outputs?.length, 1, "the input is not modified");
});

Deno.test("strip: stripFiles writes the fmt-clean committed form, and leaves clean files alone", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const dirty = `${dir}/dirty.ipynb`, clean = `${dir}/clean.ipynb`;
    await Deno.writeTextFile(dirty, await executedCopy());
    await Deno.copyFile(CLEAN, clean);
    const before = (await Deno.stat(clean)).mtime;
    assert.equal((await findOutputs([dirty, clean])).length, 5);
    assert.match((await findOutputs([dirty]))[0], /dirty\.ipynb: cell 1: 1 output/);
    assert.deepEqual(await stripFiles([dirty, clean]), [dirty]);
    assert.equal(
      await Deno.readTextFile(dirty),
      await Deno.readTextFile(CLEAN),
      "same bytes as the fmt-clean fixture",
    );
    assert.deepEqual((await Deno.stat(clean)).mtime, before);
    assert.deepEqual(await findOutputs([dirty, clean]), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
