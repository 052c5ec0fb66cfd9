import { assert } from "../_assert.ts";
import { buildModule, checkNotebooks, extractCells, lineToCell, mapErrors } from "../../tools/cells.ts";
import type { Notebook } from "../../tools/notebook.ts";

function notebook(cells: [string, string | string[]][]): Notebook {
  return {
    cells: cells.map(([t, source]) => ({ cell_type: t as "code" | "markdown", source, metadata: {} })),
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
}

const NB = notebook([
  ["markdown", "# title"],
  ["code", ["const a = 1;\n", "const b: number = a + 1;"]],
  ["code", "   \n"],
  ["code", "b\n"],
  ["raw", "raw"],
  ["code", "const c: string = b;\nc;"],
]);

Deno.test("cells: code cells only, with their notebook index; blank cells skipped", () => {
  assert.deepEqual(extractCells(NB), [
    { index: 1, source: "const a = 1;\nconst b: number = a + 1;" },
    { index: 3, source: "b\n" },
    { index: 5, source: "const c: string = b;\nc;" },
  ]);
});

Deno.test("cells: joined with ';\\n' plus export {}, and lines map back to cells", () => {
  const mod = buildModule(extractCells(NB));
  assert.equal(
    mod.text,
    "const a = 1;\nconst b: number = a + 1;;\nb\n;\nconst c: string = b;\nc;;\nexport {};\n",
  );
  assert.deepEqual(mod.starts, [{ index: 1, line: 1 }, { index: 3, line: 3 }, { index: 5, line: 5 }]);
  assert.deepEqual(lineToCell(mod, 2), { index: 1, line: 2 });
  assert.deepEqual(lineToCell(mod, 4), { index: 3, line: 2 });
  assert.deepEqual(lineToCell(mod, 6), { index: 5, line: 2 });
  assert.equal(lineToCell(mod, 0), null);
});

Deno.test("cells: deno check diagnostics are rewritten to notebook, cell and line", () => {
  const mod = buildModule(extractCells(NB));
  const out =
    "TS2322 [ERROR]: Type 'number' is not assignable to type 'string'.\nconst c: string = b;\n      ^\n" +
    "    at file:///x/.typecheck-1-nb.ts:5:7\n\nTS1000 [ERROR]: elsewhere\n    at file:///y.ts:1:1\n\nerror: failed";
  assert.deepEqual(mapErrors(out, new Map([["/x/.typecheck-1-nb.ts", { notebook: "nb.ipynb", mod }]])), [
    "nb.ipynb cell 5 line 1:7: TS2322: Type 'number' is not assignable to type 'string'.",
    "/y.ts:1:1: TS1000: elsewhere",
  ]);
});

Deno.test("cells: checkNotebooks finds a type error in the right cell and cleans up", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/bad.ipynb`, JSON.stringify(NB));
    await Deno.writeTextFile(
      `${dir}/good.ipynb`,
      JSON.stringify(notebook([["code", "const x = await Promise.resolve(1);\nx"]])),
    );
    const r = await checkNotebooks([`${dir}/bad.ipynb`, `${dir}/good.ipynb`]);
    assert.equal(r.ok, false);
    assert.deepEqual(r.errors, [
      `${dir}/bad.ipynb cell 5 line 1:7: TS2322: Type 'number' is not assignable to type 'string'.`,
    ]);
    assert.deepEqual((await checkNotebooks([`${dir}/good.ipynb`])).errors, []);
    const left = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assert.deepEqual(left, ["bad.ipynb", "good.ipynb"], "temporary modules removed");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
