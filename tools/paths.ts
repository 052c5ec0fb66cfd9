/**
 * Paths and names the tools share: the repository root, the venv, the project kernel's name.
 * @module
 */

/** The repository root (absolute, no trailing slash). */
export const ROOT = decodeURIComponent(new URL("../", import.meta.url).pathname).replace(/\/$/, "");
/** The project's Python virtualenv (JupyterLab, nbclient, nbconvert, plotly). */
export const VENV = `${ROOT}/.venv`;
/** The venv's python. */
export const PYTHON = `${VENV}/bin/python`;
/** The name of the project's Deno kernelspec, as written in every notebook's metadata. */
export const KERNEL_NAME = "scispaces-deno";
/** The display name of the kernel in JupyterLab's launcher. */
export const KERNEL_DISPLAY = "Deno (Scientific Spaces)";
/** Notebooks folder. */
export const NOTEBOOKS = `${ROOT}/notebooks`;

/** The environment every Jupyter-side process gets: quiet, and the venv's dirs only. */
export function jupyterEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    JUPYTER_PLATFORM_DIRS: "1",
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
    NO_COLOR: "1",
    PATH: `${VENV}/bin:${Deno.env.get("PATH") ?? ""}`,
    ...extra,
  };
}
