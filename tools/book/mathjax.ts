/**
 * Offline maths for the book. Sphinx (7) typesets with MathJax 3, loaded from a CDN unless `mathjax_path` points
 * elsewhere; the book ships the part of npm `mathjax@3.2.2` (pinned in deno.json, cached by setup) that Sphinx's
 * default component `tex-chtml.js` uses: the component itself, the CommonHTML web fonts, the TeX extensions it
 * autoloads (`\require`, `\boldsymbol`, ...) and the menu and accessibility parts it may load on demand (about 3.5 MB
 * of the package's 24 MB; the speech rule engine `sre/` is left out). Every part is loaded by a script tag, so it
 * works from file://.
 * @module
 */
import { ROOT } from "../paths.ts";

/** Where setup's `deno install` puts the package. */
export const MATHJAX_DIR = `${ROOT}/node_modules/mathjax`;

/** What the book copies, relative to the package root. */
export const MATHJAX_PARTS: readonly string[] = [
  "es5/tex-chtml.js",
  "es5/output/chtml/fonts/woff-v2",
  "es5/input/tex/extensions",
  "es5/ui",
  "es5/a11y",
  "LICENSE",
];

/** The `mathjax_path` the pages use (relative to the book's _static/). */
export const MATHJAX_URL = "mathjax/es5/tex-chtml.js";

async function copyTree(from: string, to: string): Promise<number> {
  const info = await Deno.stat(from);
  if (info.isFile) {
    await Deno.mkdir(to.slice(0, to.lastIndexOf("/")), { recursive: true });
    await Deno.copyFile(from, to);
    return 1;
  }
  let n = 0;
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) n += await copyTree(`${from}/${e.name}`, `${to}/${e.name}`);
  return n;
}

/** Copies MathJax's needed parts into `<outDir>/mathjax/`; returns the number of files copied. */
export async function copyMathJax(outDir: string, from = MATHJAX_DIR): Promise<number> {
  try {
    await Deno.stat(`${from}/es5/tex-chtml.js`);
  } catch {
    throw new Error(`MathJax 3 not found at ${from}; run \`./deno task setup\` (it caches npm:mathjax)`);
  }
  let n = 0;
  for (const part of MATHJAX_PARTS) n += await copyTree(`${from}/${part}`, `${outDir}/mathjax/${part}`);
  return n;
}
