/**
 * The book's API reference: `deno doc --html` over every `lib/<area>/mod.ts`. lib/core re-exports the whole
 * `@tensorflow/tfjs` namespace as `tf`, which would add some 1,400 pages of tfjs to the reference; the docs are
 * therefore generated from a copy of lib/ (inside the repository, so deno.json's import map applies) in which such
 * re-exports of npm packages ({@link OMITTED_REEXPORTS}) are dropped. Links to the copy's source files are turned into
 * plain repository paths.
 * @module
 */
import { ROOT } from "../paths.ts";
import type { ApiArea } from "./pages.ts";

/** Re-export lines left out of the reference: file under lib/ -> the exact line. */
export const OMITTED_REEXPORTS: readonly { file: string; line: string; name: string }[] = [
  { file: "core/backend.ts", line: "export { tf };", name: "tf (@tensorflow/tfjs)" },
];

async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyTree(`${from}/${e.name}`, `${to}/${e.name}`);
    else if (e.isFile) await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
  }
}

/** The first sentence of a module's `@module` JSDoc block, without a leading "lib/<area>:" (or ""). */
export function moduleSummary(source: string): string {
  const block = /\/\*\*([\s\S]*?)\*\//.exec(source);
  if (!block || !block[1].includes("@module")) return "";
  const text = block[1].split("\n").map((l) => l.replace(/^\s*\*\s?/, "")).filter((l) => !l.startsWith("@"))
    .join(" ").replace(/\s+/g, " ").trim().replace(/^lib\/[\w/]+:\s*/, "");
  const m = /^(.+?\.)(\s|$)/.exec(text);
  const first = m ? m[1] : text;
  return first.charAt(0).toUpperCase() + first.slice(1);
}

/** Rewrites `href="file:///…/<stage>/lib/x.ts"` (HTML-escaped, as deno doc writes it) into a plain title. */
export function unlinkSources(html: string, stageLib: string): string {
  const esc = stageLib.replace(/\//g, "&#x2F;");
  const re = new RegExp(
    `href="file:(?:&#x2F;){2}${esc.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}&#x2F;([^"]*)"`,
    "g",
  );
  return html.replace(re, (_m, rest: string) => `title="lib/${rest.replace(/&#x2F;/g, "/")}"`);
}

async function rewriteTree(dir: string, stageLib: string): Promise<void> {
  for await (const e of Deno.readDir(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) await rewriteTree(p, stageLib);
    else if (e.isFile && e.name.endsWith(".html")) {
      const html = await Deno.readTextFile(p);
      const out = unlinkSources(html, stageLib);
      if (out !== html) await Deno.writeTextFile(p, out);
    }
  }
}

/** What {@link buildApiDocs} wrote. */
export interface ApiDocs {
  areas: ApiArea[];
  omitted: string[];
  warnings: string[];
}

/**
 * Writes the reference into `outDir` (its index is `outDir/index.html`); `stage` is a scratch folder inside the
 * repository (removed afterwards). Links in the returned areas are relative to the book root, as `api/...`.
 */
export async function buildApiDocs(outDir: string, stage = `${ROOT}/out/.book-api-src`): Promise<ApiDocs> {
  const lib = `${stage}/lib`;
  await Deno.remove(stage, { recursive: true }).catch(() => {});
  const warnings: string[] = [];
  try {
    await copyTree(`${ROOT}/lib`, lib);
    const omitted: string[] = [];
    for (const o of OMITTED_REEXPORTS) {
      const path = `${lib}/${o.file}`;
      const text = await Deno.readTextFile(path).catch(() => "");
      const lines = text.split("\n");
      const at = lines.findIndex((l) => l.trim() === o.line);
      if (at < 0) {
        warnings.push(`lib/${o.file} no longer has "${o.line}": nothing omitted from the reference for it`);
        continue;
      }
      lines[at] = `// (left out of the book's API reference: ${o.name})`;
      await Deno.writeTextFile(path, lines.join("\n"));
      omitted.push(o.name);
    }
    const areas: string[] = [];
    for await (const e of Deno.readDir(lib)) {
      if (e.isDirectory && await Deno.stat(`${lib}/${e.name}/mod.ts`).then(() => true, () => false)) {
        areas.push(e.name);
      }
    }
    areas.sort();
    await Deno.remove(outDir, { recursive: true }).catch(() => {});
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "doc",
        "--html",
        "--name=Scientific Spaces notebooks: lib",
        `--output=${outDir}`,
        ...areas.map((a) => `${a}/mod.ts`),
      ],
      cwd: lib,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const log = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    if (!out.success) throw new Error(`deno doc --html failed (exit ${out.code}):\n${log.slice(-3000)}`);
    warnings.push(...log.split("\n").filter((l) => /^(Warning|error)/i.test(l)));
    await rewriteTree(outDir, lib);
    const result: ApiArea[] = [];
    for (const area of areas) {
      const summary = moduleSummary(await Deno.readTextFile(`${lib}/${area}/mod.ts`));
      result.push({ area, href: `api/${area}/mod.ts/index.html`, summary });
    }
    return { areas: result, omitted, warnings };
  } finally {
    await Deno.remove(stage, { recursive: true }).catch(() => {});
  }
}
