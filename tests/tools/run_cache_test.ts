/**
 * The run cache (tools/run_cache.ts): the import scan, the key (an edit to one lib file changes the key of exactly
 * the notebooks that import it, transitively; touching without editing changes nothing), hits and misses with
 * their reasons, and a real second run of a fixture notebook that is reused instead of executed.
 */
import { assert } from "../_assert.ts";
import { ROOT } from "../../tools/paths.ts";
import {
  cacheKey,
  importGraph,
  importSpecifiers,
  lookupCache,
  resolveLocal,
  restoreCache,
  storeCache,
} from "../../tools/run_cache.ts";
import type { NotebookReport } from "../../tools/report.ts";
import { buildReport } from "../../tools/report.ts";
import { runNotebooks } from "../../tools/runner.ts";
import { listNotebooks } from "../../tools/select.ts";
import { buildModule, extractCells } from "../../tools/cells.ts";
import { readNotebook } from "../../tools/notebook.ts";

Deno.test("run cache: import specifiers of every form, local ones resolved", () => {
  const code = [
    `import { a } from "../lib/core/mod.ts";`,
    `import type { B } from './b.ts';`,
    `export * from "./c.ts";`,
    `export { d } from "./d.ts";`,
    `import "./side.ts";`,
    `const m = await import("../lib/x/mod.ts");`,
    `import { tf } from "@tensorflow/tfjs";`,
    `/// <reference types="./types.d.ts" />`,
  ].join("\n");
  assert.deepEqual(importSpecifiers(code).sort(), [
    "../lib/core/mod.ts",
    "../lib/x/mod.ts",
    "./b.ts",
    "./c.ts",
    "./d.ts",
    "./side.ts",
    "./types.d.ts",
    "@tensorflow/tfjs",
  ]);
  assert.equal(resolveLocal("/r/notebooks/01.ipynb", "../lib/core/mod.ts"), "/r/lib/core/mod.ts");
  assert.equal(resolveLocal("/r/lib/core/mod.ts", "./a/../b.ts"), "/r/lib/core/b.ts");
});

function notebook(code: string) {
  return JSON.stringify({
    cells: [{ cell_type: "markdown", source: "# t", metadata: {} }, {
      cell_type: "code",
      source: code,
      metadata: {},
      outputs: [],
      execution_count: null,
    }],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  });
}

/** A tiny repository: 01 imports lib/x (which imports lib/shared.ts), 02 imports lib/y (which imports lib/shared.ts). */
async function fixtureRepo(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "run-cache-repo-" });
  const files: Record<string, string> = {
    "deno.lock": "{}",
    "deno.json": "{}",
    "tools/nbrun.py": "# runner",
    "lib/shared.ts": "export const s = 1;",
    "lib/x/a.ts": `import { s } from "../shared.ts";\nexport const a = s + 1;`,
    "lib/x/mod.ts": `export * from "./a.ts";`,
    "lib/y/mod.ts": `export { s as y } from "../shared.ts";`,
    "notebooks/01-a.ipynb": notebook(`import { a } from "../lib/x/mod.ts";\na;`),
    "notebooks/02-b.ipynb": notebook(`import { y } from "../lib/y/mod.ts";\ny;`),
  };
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(`${root}/${path.slice(0, path.lastIndexOf("/"))}`, { recursive: true }).catch(() => {});
    await Deno.writeTextFile(`${root}/${path}`, text);
  }
  return root;
}

const refsOf = (root: string) => [
  { name: "01-a", path: `${root}/notebooks/01-a.ipynb` },
  { name: "02-b", path: `${root}/notebooks/02-b.ipynb` },
];

Deno.test("run cache: the import graph is transitive and local only", async () => {
  const root = await fixtureRepo();
  try {
    const rel = (p: string) => p.slice(root.length + 1);
    assert.deepEqual((await importGraph(`${root}/notebooks/01-a.ipynb`)).map(rel), [
      "lib/shared.ts",
      "lib/x/a.ts",
      "lib/x/mod.ts",
    ]);
    assert.deepEqual((await importGraph(`${root}/notebooks/02-b.ipynb`)).map(rel), [
      "lib/shared.ts",
      "lib/y/mod.ts",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("run cache: editing one lib file misses exactly the notebooks importing it; touching misses none", async () => {
  const root = await fixtureRepo();
  const out = `${root}/out`;
  try {
    const refs = refsOf(root);
    await Deno.mkdir(out, { recursive: true });
    for (const ref of refs) {
      await Deno.writeTextFile(`${out}/${ref.name}.ipynb`, notebook("executed"));
      const result: NotebookReport = {
        notebook: ref.name,
        profile: "quick",
        status: "ok",
        seconds: 1.5,
        claims: [],
        executed: `${ref.name}.ipynb`,
      };
      assert.ok(await storeCache(ref, result, await cacheKey(ref, "quick", root), out));
    }
    const hits = async () => {
      const r: Record<string, string> = {};
      for (const ref of refs) {
        const l = await lookupCache(ref, "quick", out, root);
        r[ref.name] = l.hit ? "hit" : l.reason;
      }
      return r;
    };
    assert.deepEqual(await hits(), { "01-a": "hit", "02-b": "hit" });

    // touching (new mtime, same bytes) changes nothing
    const now = new Date(Date.now() + 5000);
    await Deno.utime(`${root}/lib/x/a.ts`, now, now);
    assert.deepEqual(await hits(), { "01-a": "hit", "02-b": "hit" });

    // an edit of lib/x/a.ts: only 01 (through lib/x/mod.ts) misses, and says why
    await Deno.writeTextFile(
      `${root}/lib/x/a.ts`,
      `import { s } from "../shared.ts";\nexport const a = s + 2;`,
    );
    assert.deepEqual(await hits(), { "01-a": "lib/x/a.ts changed", "02-b": "hit" });
    await Deno.writeTextFile(
      `${root}/lib/x/a.ts`,
      `import { s } from "../shared.ts";\nexport const a = s + 1;`,
    );
    assert.deepEqual(await hits(), { "01-a": "hit", "02-b": "hit" }, "the original bytes hit again");

    // the shared module is imported by both; deno.lock and the profile enter every key
    await Deno.writeTextFile(`${root}/lib/shared.ts`, "export const s = 2;");
    assert.deepEqual(await hits(), { "01-a": "lib/shared.ts changed", "02-b": "lib/shared.ts changed" });
    await Deno.writeTextFile(`${root}/lib/shared.ts`, "export const s = 1;");
    await Deno.writeTextFile(`${root}/deno.lock`, `{"v": 2}`);
    assert.deepEqual(await hits(), { "01-a": "deno.lock changed", "02-b": "deno.lock changed" });
    await Deno.writeTextFile(`${root}/deno.lock`, "{}");
    const a = await cacheKey(refs[0], "quick", root), b = await cacheKey(refs[0], "full", root);
    assert.notEqual(a.key, b.key, "the profile is part of the key");
    assert.equal((await lookupCache(refs[0], "full", out, root)).hit, false, "no full-profile entry");

    // editing the notebook itself
    await Deno.writeTextFile(
      `${root}/notebooks/02-b.ipynb`,
      notebook(`import { y } from "../lib/y/mod.ts";\ny + 1;`),
    );
    assert.deepEqual(await hits(), { "01-a": "hit", "02-b": "notebooks/02-b.ipynb changed" });

    // a failed run removes the entry instead of storing it
    const failed: NotebookReport = {
      notebook: "01-a",
      profile: "quick",
      status: "error",
      seconds: 1,
      claims: [],
    };
    assert.equal(await storeCache(refs[0], failed, await cacheKey(refs[0], "quick", root), out), false);
    assert.equal((await hits())["01-a"], "not in the cache");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("run cache: restoring a hit writes the executed notebook and the claims back, marked cached", async () => {
  const root = await fixtureRepo();
  const out = `${root}/out`;
  try {
    const ref = refsOf(root)[0];
    await Deno.mkdir(out, { recursive: true });
    await Deno.writeTextFile(`${out}/${ref.name}.ipynb`, notebook("executed once"));
    const claim = {
      id: "c",
      measured: 1,
      expected: 1,
      relation: "=",
      why: "w",
      source: "s",
      kind: "derivation" as const,
      provenance: "closed form" as const,
      verdict: "held" as const,
      profile: "quick" as const,
    };
    const result: NotebookReport = {
      notebook: ref.name,
      profile: "quick",
      status: "ok",
      seconds: 9,
      claims: [claim],
    };
    await storeCache(ref, result, await cacheKey(ref, "quick", root), out);
    await Deno.remove(`${out}/${ref.name}.ipynb`);
    const l = await lookupCache(ref, "quick", out, root);
    assert.ok(l.hit);
    const back = await restoreCache(ref, l.entry, out);
    assert.equal(back.cached, true);
    assert.equal(back.status, "ok", "status keeps the contract's values");
    assert.equal(back.seconds, 9);
    assert.deepEqual(back.claims, [claim]);
    assert.equal(await Deno.readTextFile(`${out}/${ref.name}.ipynb`), notebook("executed once"));
    assert.deepEqual(JSON.parse(await Deno.readTextFile(`${out}/claims/${ref.name}.json`)), [claim]);
    const report = buildReport([back], "quick");
    assert.equal(report.totals.cached, 1);
    assert.equal(report.totals.ok, 1);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("run cache: the import scan finds every local module deno itself resolves, for each notebook", async () => {
  for (const ref of await listNotebooks()) {
    const nb = await readNotebook(ref.path);
    const mod = `${ROOT}/notebooks/.typecheck-graph-${ref.name}.ts`;
    await Deno.writeTextFile(mod, buildModule(extractCells(nb)).text);
    try {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["info", "--json", mod],
        cwd: ROOT,
        env: { NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.ok(out.success, new TextDecoder().decode(out.stderr));
      const info = JSON.parse(new TextDecoder().decode(out.stdout)) as { modules: { specifier: string }[] };
      const deno = info.modules.map((m) => m.specifier).filter((s) => s.startsWith("file://"))
        .map((s) => decodeURIComponent(new URL(s).pathname)).filter((p) => p !== mod).sort();
      const ours = await importGraph(ref.path);
      const missed = deno.filter((p) => !ours.includes(p));
      assert.deepEqual(missed, [], `${ref.name}: modules deno resolves but the scan missed`);
      assert.ok(ours.some((p) => p.endsWith("/lib/core/claims.ts")), `${ref.name} imports the ledger`);
    } finally {
      await Deno.remove(mod).catch(() => {});
    }
  }
});

Deno.test("run cache: a second run of an unchanged notebook is reused, not executed", async () => {
  const out = await Deno.makeTempDir({ prefix: "run-cache-run-" });
  try {
    const refs = [{ name: "runner-good", path: `${ROOT}/tests/fixtures/runner-good.ipynb` }];
    const opts = { profile: "quick" as const, outDir: out, timeoutS: 60, jobs: 1, log: () => {} };
    const [first] = await runNotebooks(refs, { ...opts, cache: "use" });
    assert.equal(first.status, "ok");
    assert.ok(!first.cached);
    const t0 = performance.now();
    const lines: string[] = [];
    const [second] = await runNotebooks(refs, { ...opts, cache: "use", log: (l) => lines.push(l) });
    const ms = performance.now() - t0;
    assert.equal(second.cached, true);
    assert.deepEqual(second.claims, first.claims);
    assert.ok(ms < 3000, `a cached notebook took ${ms.toFixed(0)} ms`);
    assert.ok(lines.some((l) => l.startsWith("run: cached runner-good")), lines.join("\n"));
    const [forced] = await runNotebooks(refs, { ...opts, cache: "refresh" });
    assert.ok(!forced.cached, "--force executes");
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
