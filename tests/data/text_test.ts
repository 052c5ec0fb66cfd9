import { loadMobyDick, loadSotu, mobyDickChapters } from "../../lib/data/mod.ts";
import { assert, assertRejectsWith } from "../_assert.ts";

Deno.test("loadMobyDick: 139 sections in book order, copies returned", async () => {
  const m = await loadMobyDick();
  assert.equal(m.length, 139);
  assert.equal(m[3].chapter, "1");
  assert.ok(m[3].text.startsWith("Call me Ishmael."));
  assert.equal(m.at(-1)!.chapter, "Epilogue");
  m[3].text = "changed";
  assert.ok((await loadMobyDick())[3].text.startsWith("Call me Ishmael."));
});

Deno.test("mobyDickChapters: numbered chapters in a range, bad ranges", async () => {
  const c = await mobyDickChapters(101, 135);
  assert.equal(c.length, 35);
  assert.deepEqual([c[0].chapter, c.at(-1)!.chapter], ["101", "135"]);
  assert.equal((await mobyDickChapters()).length, 135);
  await assertRejectsWith(() => mobyDickChapters(0, 3), RangeError, "from");
  await assertRejectsWith(() => mobyDickChapters(5, 3), RangeError, "to");
});

Deno.test("loadSotu: only the requested years, sorted", async () => {
  const s = await loadSotu(2000, 2003);
  assert.ok(s.length >= 4);
  assert.ok(s.every((a) => a.year >= 2000 && a.year <= 2003 && a.text.length > 1000));
  assert.deepEqual(s.map((a) => a.year), [...s.map((a) => a.year)].sort((a, b) => a - b));
  await assertRejectsWith(() => loadSotu(1700, 1800), RangeError, "from");
  await assertRejectsWith(() => loadSotu(1900, 1800), RangeError, "to");
});
