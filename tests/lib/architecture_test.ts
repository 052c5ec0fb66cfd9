import { assert } from "../_assert.ts";
import {
  architectureViolations,
  findCycles,
  importSpecifiers,
  normalizePath,
  type Violation,
} from "../../tools/architecture.ts";

const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** Writes a small lib/ tree into a temp folder and returns the violations found in it. */
async function planted(files: Record<string, string>): Promise<Violation[]> {
  const dir = await Deno.makeTempDir({ prefix: "arch-" });
  try {
    for (const [path, text] of Object.entries(files)) {
      await Deno.mkdir(`${dir}/${path.slice(0, path.lastIndexOf("/"))}`, { recursive: true });
      await Deno.writeTextFile(`${dir}/${path}`, text);
    }
    return await architectureViolations(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const CLEAN = {
  "lib/core/mod.ts": `export * from "./a.ts";`,
  "lib/core/a.ts": `import { x } from "npm:foo"; export const a = 1;`,
  "lib/diffusion/mod.ts": `export * from "./flows/mod.ts";\nexport * from "./b.ts";`,
  "lib/diffusion/b.ts": `import { a } from "../core/mod.ts";\nexport const b = a;`,
  "lib/diffusion/flows/mod.ts": `export * from "./c.ts";`,
  "lib/diffusion/flows/c.ts": `import type { a } from "../../core/mod.ts";\nexport const c = 2;`,
};

Deno.test("architecture: lib/ has no cycle, no import of another unit's internals, no arrow from core to an area", async () => {
  const v = await architectureViolations(ROOT);
  assert.deepEqual(v, [], v.map((x) => `${x.rule}: ${x.detail}`).join("\n"));
});

Deno.test("architecture: a clean planted tree passes", async () => {
  assert.deepEqual(await planted(CLEAN), []);
});

Deno.test("architecture: planted violations are each caught", async () => {
  const cycle = await planted({
    ...CLEAN,
    "lib/diffusion/b.ts": `import { d } from "./d.ts";\nexport const b = 1;`,
    "lib/diffusion/d.ts": `import { b } from "./b.ts";\nexport const d = 1;`,
  });
  assert.deepEqual(cycle.map((x) => x.rule), ["cycle"]);
  assert.match(cycle[0].detail, /lib\/diffusion\/b\.ts -> lib\/diffusion\/d\.ts -> lib\/diffusion\/b\.ts/);

  const internals = await planted({
    ...CLEAN,
    "lib/retrieval/mod.ts": `export * from "./r.ts";`,
    "lib/retrieval/r.ts": `import { c } from "../diffusion/flows/c.ts";\nexport const r = c;`,
  });
  assert.deepEqual(internals.map((x) => x.rule), ["internals"]);
  assert.match(internals[0].detail, /use lib\/diffusion\/flows\/mod\.ts/);

  const sibling = await planted({
    ...CLEAN,
    "lib/diffusion/b.ts": `export { c } from "./flows/c.ts";`,
  });
  assert.deepEqual(
    sibling.map((x) => x.rule),
    ["internals"],
    "a parent reaching into its sub-area's internals",
  );

  const core = await planted({
    ...CLEAN,
    "lib/core/a.ts": `import { b } from "../diffusion/mod.ts";\nexport const a = b;`,
  });
  assert.deepEqual(core.map((x) => x.rule).sort(), ["core-imports-area", "cycle"]);

  const outside = await planted({
    ...CLEAN,
    "lib/core/a.ts": `import { run } from "../../tools/run.ts";\nexport const a = 1;`,
  });
  assert.deepEqual(outside.map((x) => x.rule), ["outside-lib"]);

  const dynamic = await planted({
    ...CLEAN,
    "lib/core/a.ts": `export const a = await import("../diffusion/b.ts");`,
  });
  assert.ok(dynamic.some((x) => x.rule === "core-imports-area"), "dynamic imports count");
});

Deno.test("architecture: diffusion sub-areas are units — a sibling's internals fail, its mod.ts passes", async () => {
  const tree = {
    ...CLEAN,
    "lib/diffusion/mod.ts":
      `export * from "./flows/mod.ts";\nexport * from "./oracle/mod.ts";\nexport * from "./b.ts";`,
    "lib/diffusion/oracle/mod.ts": `export * from "./gmm.ts";`,
    "lib/diffusion/oracle/gmm.ts": `export const g = 1;`,
  };
  const viaDoor = `import { g } from "../oracle/mod.ts";\nexport const c = g;`;
  assert.deepEqual(await planted({ ...tree, "lib/diffusion/flows/c.ts": viaDoor }), []);

  const internal = await planted({
    ...tree,
    "lib/diffusion/flows/c.ts": `import type { g } from "../oracle/gmm.ts";\nexport const c = 2;`,
  });
  assert.deepEqual(internal.map((x) => x.rule), ["internals"]);
  assert.match(internal[0].detail, /lib\/diffusion\/flows\/c\.ts imports lib\/diffusion\/oracle\/gmm\.ts/);
  assert.match(internal[0].detail, /use lib\/diffusion\/oracle\/mod\.ts/);

  const twoWay = await planted({
    ...tree,
    "lib/diffusion/flows/c.ts": viaDoor,
    "lib/diffusion/oracle/gmm.ts": `import { c } from "../flows/mod.ts";\nexport const g = c;`,
  });
  assert.deepEqual(
    twoWay.map((x) => x.rule),
    ["cycle"],
    "two sub-areas importing each other through their doors",
  );

  const upward = await planted({
    ...tree,
    "lib/diffusion/oracle/gmm.ts": `import { b } from "../mod.ts";\nexport const g = b;`,
  });
  assert.deepEqual(upward.map((x) => x.rule), ["cycle"], "a sub-area importing its parent area's mod.ts");
});

Deno.test("architecture: import parsing and path normalisation", () => {
  assert.deepEqual(
    importSpecifiers(
      `import { a } from "./a.ts";\nimport type {\n  B,\n} from "../b/mod.ts";\nexport * from "./c.ts";\n` +
        `// import { z } from "./commented.ts";\n/* export * from "./block.ts"; */\nimport x from "npm:x";\n` +
        `const url = "https://example.org/a.ts";`,
    ),
    ["./a.ts", "../b/mod.ts", "./c.ts"],
  );
  assert.equal(normalizePath("lib/diffusion/./flows/../b.ts"), "lib/diffusion/b.ts");
  assert.equal(normalizePath("lib/core/../../tools/x.ts"), "tools/x.ts");
  assert.deepEqual(
    findCycles(["a", "b"], [{ from: "a", to: "a" }]),
    [["a", "a"]],
    "a self-import is a cycle",
  );
});
