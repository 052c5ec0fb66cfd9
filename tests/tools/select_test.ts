import { assert, assertRejectsWith } from "../_assert.ts";
import { listIpynb, listNotebooks, selectNotebooks } from "../../tools/select.ts";

async function fakeNotebooks(): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const f of ["10-cross.ipynb", "03-ddpm-vae.ipynb", "01-lst.ipynb", "scratch.ipynb", "03-notes.md"]) {
    await Deno.writeTextFile(`${dir}/${f}`, "{}");
  }
  return dir;
}

Deno.test("select: all NN-*.ipynb by default, in order", async () => {
  const dir = await fakeNotebooks();
  try {
    assert.deepEqual((await selectNotebooks([], dir)).map((r) => r.name), [
      "01-lst",
      "03-ddpm-vae",
      "10-cross",
    ]);
    assert.equal((await listNotebooks(dir))[0].path, `${dir}/01-lst.ipynb`);
    assert.equal((await listIpynb(dir)).length, 4, "listIpynb includes scratch.ipynb");
    assert.deepEqual(await listNotebooks(`${dir}/missing`), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("select: by number, by name, by file name or path; order and no duplicates", async () => {
  const dir = await fakeNotebooks();
  try {
    const names = async (s: string[]) => (await selectNotebooks(s, dir)).map((r) => r.name);
    assert.deepEqual(await names(["03"]), ["03-ddpm-vae"]);
    assert.deepEqual(await names(["3"]), ["03-ddpm-vae"]);
    assert.deepEqual(await names(["10", "03-ddpm-vae"]), ["03-ddpm-vae", "10-cross"]);
    assert.deepEqual(await names(["notebooks/10-cross.ipynb", "10"]), ["10-cross"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("select: an unknown name or number is a clear RangeError", async () => {
  const dir = await fakeNotebooks();
  try {
    await assertRejectsWith(() => selectNotebooks(["04"], dir), RangeError, `no notebook matches "04"`);
    await assertRejectsWith(
      () => selectNotebooks(["ddpm"], dir),
      RangeError,
      "Available: 01-lst, 03-ddpm-vae",
    );
    await assertRejectsWith(() => selectNotebooks([""], dir), TypeError, "selector");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
