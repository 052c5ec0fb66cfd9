/**
 * Every lib area's mod.ts re-exports its modules with `export *`. When two modules export the same name, ES modules
 * drop that name from mod.ts silently (it becomes undefined for importers: "X is not a constructor" at run time).
 * This test imports each module behind each mod.ts and fails naming any name exported twice.
 */
import { assert } from "../_assert.ts";

const LIB = new URL("../../lib/", import.meta.url);

function areas(): string[] {
  return [...Deno.readDirSync(LIB)].filter((e) => e.isDirectory).map((e) => e.name).sort();
}

for (const area of areas()) {
  Deno.test(`lib/${area}/mod.ts: no name is exported by two of its modules`, async () => {
    const modUrl = new URL(`${area}/mod.ts`, LIB);
    const src = await Deno.readTextFile(modUrl);
    const files = [...src.matchAll(/export \* from "\.\/([^"]+)"/g)].map((m) => m[1]);
    assert.ok(files.length > 0, `lib/${area}/mod.ts re-exports no module`);
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const f of files) {
      const m = await import(new URL(`${area}/${f}`, LIB).href);
      for (const name of Object.keys(m)) {
        const first = owner.get(name);
        if (first) clashes.push(`${name} (${first} and ${f})`);
        else owner.set(name, f);
      }
    }
    assert.deepEqual(clashes, [], `lib/${area}: exported twice: ${clashes.join(", ")}`);
    // and mod.ts really exposes every name
    const mod = await import(modUrl.href);
    for (const name of owner.keys()) assert.ok(name in mod, `lib/${area}/mod.ts lacks ${name}`);
  });
}
