import { unformattedNotebooks } from "../../tools/check.ts";
import { assert } from "../_assert.ts";

const GOOD = new URL("../fixtures/runner-good.ipynb", import.meta.url).pathname;

Deno.test("unformattedNotebooks: a committed (formatted) notebook passes, a mangled code cell is found", async () => {
  assert.deepEqual(await unformattedNotebooks([GOOD]), []);
  const dir = await Deno.makeTempDir({ prefix: "fmtcheck-" });
  try {
    const nb = JSON.parse(await Deno.readTextFile(GOOD));
    const cell = nb.cells.find((c: { cell_type: string }) => c.cell_type === "code");
    cell.source = "const  x=1;;\n";
    const bad = `${dir}/bad.ipynb`;
    await Deno.writeTextFile(bad, JSON.stringify(nb, null, 1) + "\n");
    assert.deepEqual(await unformattedNotebooks([GOOD, bad]), [bad]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.deepEqual(await unformattedNotebooks([]), []);
});
