/**
 * `deno task setup`: makes the project ready to run, idempotently (each step is skipped when its stamp matches).
 * 1. .venv from requirements.txt (python3 -m venv, pip install), re-made when requirements.txt changes;
 * 2. the project's own Deno kernelspec (argv = the deno running this, interrupt_mode message, NO_COLOR=1) installed
 *    into the venv with `jupyter kernelspec install --sys-prefix`, so JupyterLab and nbclient from the venv find it;
 * 3. `deno install --frozen`: every npm package of deno.lock cached, so later runs need no network;
 * 4. the fused-Adam WebAssembly SIMD module assembled by wabt (npm) into .cache/wasm/ (lib/core/adam_wat.ts).
 * requirements.txt also brings scipy-openblas32, whose OpenBLAS lib/core opens as the wasm backend's matmul.
 * Other tasks call {@link ensureSetup} first, so a fresh clone needs no manual step. `--classroom` also installs the
 * hub side (classroom/requirements.txt); `--kernel-only [jupyter]` only installs the kernelspec for that `jupyter`
 * (binder/postBuild).
 * @module
 */
import { jupyterEnv, KERNEL_DISPLAY, KERNEL_NAME, PYTHON, ROOT, VENV } from "./paths.ts";

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function readOr(path: string, fallback = ""): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return fallback;
  }
}

async function run(cmd: string, args: string[], what: string, env?: Record<string, string>): Promise<void> {
  const t0 = performance.now();
  console.error(`setup: ${what} ...`);
  const out = await new Deno.Command(cmd, { args, cwd: ROOT, env, stdout: "piped", stderr: "piped" })
    .output();
  if (!out.success) {
    const text = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    throw new Error(`setup: ${what} failed (${cmd} ${args.join(" ")}):\n${text.slice(-4000)}`);
  }
  console.error(`setup: ${what} done in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
}

/** pip-installs the given requirement files (relative to the repository) into .venv, quietly. */
async function pipInstall(files: string[], what: string): Promise<void> {
  const args = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check"];
  for (const f of files) args.push("-r", f);
  await run(PYTHON, args, what);
}

async function ensureVenv(): Promise<void> {
  const stamp = `${VENV}/.requirements.sha256`;
  const want = await sha256(await Deno.readTextFile(`${ROOT}/requirements.txt`));
  if ((await readOr(stamp)).trim() === want) return;
  const python = Deno.env.get("NB_PYTHON") ?? "python3";
  await run(python, ["-m", "venv", VENV], `creating .venv with ${python}`);
  await pipInstall(["requirements.txt"], "installing requirements.txt into .venv");
  await Deno.writeTextFile(stamp, want + "\n");
}

/** The kernel.json of the project's kernel, for the deno binary running now. */
export function kernelSpec(): Record<string, unknown> {
  return {
    argv: [Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: KERNEL_DISPLAY,
    language: "typescript",
    interrupt_mode: "message",
    env: { NO_COLOR: "1" },
    metadata: { project: "scientific-spaces-notebooks" },
  };
}

/**
 * Installs the project's kernelspec ({@link kernelSpec}) with `<jupyter> kernelspec install --sys-prefix`, i.e. into
 * the Python environment that `jupyter` belongs to (the project's .venv for setup; the image's environment for
 * binder/postBuild).
 */
export async function installKernelspec(
  jupyter: string,
  env: Record<string, string> = jupyterEnv(),
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "kernelspec-" });
  try {
    await Deno.mkdir(`${dir}/${KERNEL_NAME}`);
    await Deno.writeTextFile(
      `${dir}/${KERNEL_NAME}/kernel.json`,
      JSON.stringify(kernelSpec(), null, 2) + "\n",
    );
    await run(
      jupyter,
      ["kernelspec", "install", "--sys-prefix", "--name", KERNEL_NAME, `${dir}/${KERNEL_NAME}`],
      `installing kernelspec ${KERNEL_NAME} (${jupyter})`,
      env,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function ensureKernel(): Promise<void> {
  const spec = JSON.stringify(kernelSpec(), null, 2) + "\n";
  const installed = `${VENV}/share/jupyter/kernels/${KERNEL_NAME}/kernel.json`;
  if ((await readOr(installed)) === spec) return;
  await installKernelspec(`${VENV}/bin/jupyter`);
}

/**
 * The classroom's hub side (classroom/requirements.txt: JupyterHub) installed into .venv on top of
 * requirements.txt; only the classroom tasks call this, so readers of the notebooks never install a hub.
 */
export async function ensureClassroom(): Promise<void> {
  await ensureSetup();
  const stamp = `${VENV}/.classroom.sha256`;
  const want = await sha256(
    (await Deno.readTextFile(`${ROOT}/requirements.txt`)) +
      (await Deno.readTextFile(`${ROOT}/classroom/requirements.txt`)),
  );
  if ((await readOr(stamp)).trim() === want) return;
  await pipInstall(
    ["requirements.txt", "classroom/requirements.txt"],
    "installing classroom/requirements.txt (JupyterHub) into .venv",
  );
  await Deno.writeTextFile(stamp, want + "\n");
}

async function ensureDenoCache(): Promise<void> {
  const stamp = `${ROOT}/node_modules/.deno-lock.sha256`;
  const want = await sha256(await Deno.readTextFile(`${ROOT}/deno.lock`));
  if ((await readOr(stamp)).trim() === want) return;
  await run(Deno.execPath(), ["install", "--frozen"], "caching npm packages (deno install --frozen)");
  await Deno.writeTextFile(stamp, want + "\n");
}

async function ensureAdamWasm(): Promise<void> {
  // imported here, after the npm cache is filled: the module assembles with the npm package wabt
  const { adamWasmBinary } = await import("../lib/core/adam_wat.ts");
  const built = await adamWasmBinary(ROOT);
  if (built.source === "assembled") {
    console.error(`setup: assembled the fused-Adam SIMD module -> ${built.path}`);
  }
}

/** Runs every setup step that is not already done. */
export async function ensureSetup(): Promise<void> {
  await ensureVenv();
  await ensureKernel();
  await ensureDenoCache();
  await ensureAdamWasm();
}

if (import.meta.main) {
  if (Deno.args[0] === "--kernel-only") {
    // binder/postBuild: the kernelspec into the environment of the `jupyter` given (default: the one on PATH)
    await installKernelspec(Deno.args[1] ?? "jupyter", { NO_COLOR: "1", PATH: Deno.env.get("PATH") ?? "" });
    console.error(`setup: kernel ${KERNEL_NAME} installed for ${Deno.args[1] ?? "jupyter"}`);
  } else {
    await ensureSetup();
    if (Deno.args.includes("--classroom")) await ensureClassroom();
    console.error(`setup: ready (python ${PYTHON}, kernel ${KERNEL_NAME})`);
  }
}
