/**
 * Where the project lives and where outputs go. The repository root is found from this module's own URL, so
 * it is right whatever the working directory (notebooks run with cwd = notebooks/).
 * @module
 */

/** The repository root as an absolute path (with no trailing slash). */
export function repoRoot(): string {
  return decodeURIComponent(new URL("../../", import.meta.url).pathname).replace(/\/$/, "");
}

/** The output folder: NB_OUT_DIR if set (the runner's tests point it elsewhere), else `<root>/out`. */
export function outDir(): string {
  let fromEnv: string | undefined;
  try {
    fromEnv = Deno.env.get("NB_OUT_DIR");
  } catch {
    fromEnv = undefined;
  }
  return fromEnv && fromEnv.length > 0 ? fromEnv.replace(/\/$/, "") : `${repoRoot()}/out`;
}
