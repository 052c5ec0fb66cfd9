/**
 * Offline maths for the book. nbconvert's HTML pages load MathJax 2 from a CDN (its template configures MathJax 2's
 * `MathJax.Hub`), so without a network equations stay raw TeX. The book instead ships the part of npm `mathjax@2.7.9`
 * (pinned in deno.json, cached by setup) that nbconvert's configuration `TeX-AMS_CHTML-full,Safe` loads: the loader,
 * those two configs, the TeX input and CommonHTML output jax, the extensions and the TeX web fonts (about 5 MB of the
 * package's 63 MB).
 * @module
 */
import { ROOT } from "../paths.ts";

/** Where setup's `deno install` puts the package. */
export const MATHJAX_DIR = `${ROOT}/node_modules/mathjax`;

/** What the book copies, relative to the package root. */
export const MATHJAX_PARTS: readonly string[] = [
  "MathJax.js",
  "config/TeX-AMS_CHTML-full.js",
  "config/Safe.js",
  "jax/input/TeX",
  "jax/output/CommonHTML",
  "jax/element",
  "extensions",
  "localization/en",
  "fonts/HTML-CSS/TeX/woff",
];

/** The `mathjax_url` the pages use: the local copy, with nbconvert's own configuration. */
export const MATHJAX_URL = "mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe";

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
    await Deno.stat(`${from}/MathJax.js`);
  } catch {
    throw new Error(`MathJax not found at ${from}; run \`./deno task setup\` (it caches npm:mathjax)`);
  }
  let n = 0;
  for (const part of MATHJAX_PARTS) n += await copyTree(`${from}/${part}`, `${outDir}/mathjax/${part}`);
  return n;
}
