/**
 * The Binder / repo2docker files checked without building an image: binder/postBuild's bash syntax,
 * binder/requirements.txt (only exact pins or `-r` of files that exist, and every requirement already satisfied by
 * the project's venv: `pip install --dry-run --no-index`), binder/runtime.txt (the venv's Python), and postBuild run
 * as a script against a throwaway Python environment (a venv that sees the project venv's packages): afterwards that
 * environment lists the project kernel, and code executed on it through jupyter_client answers.
 * @module
 */
import { KERNEL_NAME, PYTHON, ROOT, VENV } from "../paths.ts";

/** One binder check's outcome. */
export interface BinderCheck {
  name: string;
  ok: boolean;
  detail: string;
}

async function sh(cmd: string, args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}) {
  const out = await new Deno.Command(cmd, {
    args,
    cwd: opts.cwd ?? ROOT,
    env: opts.env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  return { ok: out.success, code: out.code, text };
}

/** Problems of a requirements file's lines: anything but `name==version`, comments, or `-r <existing file>`. */
export async function requirementProblems(path: string): Promise<string[]> {
  const dir = path.slice(0, path.lastIndexOf("/"));
  const problems: string[] = [];
  for (const [i, raw] of (await Deno.readTextFile(path)).split("\n").entries()) {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") continue;
    const r = /^-r\s+(\S+)$/.exec(line);
    if (r) {
      const target = r[1].startsWith("/") ? r[1] : `${dir}/${r[1]}`;
      if (!(await Deno.stat(target).then(() => true, () => false))) {
        problems.push(`line ${i + 1}: ${r[1]} is missing`);
      } else problems.push(...(await requirementProblems(target)).map((p) => `${r[1]} ${p}`));
    } else if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]+\])?==[A-Za-z0-9.+!-]+$/.test(line)) {
      problems.push(`line ${i + 1}: "${line}" is not an exact pin`);
    }
  }
  return problems;
}

/** Runs every check; never throws for a failed check. */
export async function binderChecks(): Promise<BinderCheck[]> {
  const results: BinderCheck[] = [];
  const check = async (name: string, fn: () => Promise<string>) => {
    try {
      results.push({ name, ok: true, detail: await fn() });
    } catch (err) {
      results.push({ name, ok: false, detail: err instanceof Error ? err.message : String(err) });
    }
  };
  const postBuild = `${ROOT}/binder/postBuild`;

  await check("binder: postBuild is an executable bash script with valid syntax", async () => {
    const info = await Deno.stat(postBuild);
    if (!info.mode || (info.mode & 0o111) === 0) throw new Error("binder/postBuild is not executable");
    const r = await sh("bash", ["-n", postBuild]);
    if (!r.ok) throw new Error(`bash -n: ${r.text}`);
    return "bash -n passes";
  });

  await check("binder: requirements.txt pins exactly, all satisfied by the project's venv", async () => {
    const problems = await requirementProblems(`${ROOT}/binder/requirements.txt`);
    if (problems.length) throw new Error(problems.join("; "));
    const r = await sh(PYTHON, [
      "-m",
      "pip",
      "install",
      "--dry-run",
      "--no-index",
      "--disable-pip-version-check",
      "-r",
      "binder/requirements.txt",
    ]);
    if (!r.ok || /Would install/.test(r.text)) {
      throw new Error(`pip --dry-run --no-index: ${r.text.slice(-1500)}`);
    }
    const runtime = (await Deno.readTextFile(`${ROOT}/binder/runtime.txt`)).trim();
    const v = await sh(PYTHON, [
      "-c",
      "import sys; print(f'python-{sys.version_info[0]}.{sys.version_info[1]}')",
    ]);
    if (runtime !== v.text.trim()) {
      throw new Error(`binder/runtime.txt says ${runtime}, the venv runs ${v.text.trim()}`);
    }
    return `every pin satisfied (pip --dry-run --no-index), runtime ${runtime}`;
  });

  await check("binder: postBuild run as a script installs a working project kernel", async () => {
    const tmp = await Deno.makeTempDir({ prefix: "binder-env-" });
    try {
      const env = `${tmp}/env`;
      const mk = await sh("python3", ["-m", "venv", "--without-pip", env]);
      if (!mk.ok) throw new Error(`python3 -m venv: ${mk.text}`);
      const site = (await sh(PYTHON, ["-c", "import site; print(site.getsitepackages()[0])"])).text.trim();
      const envSite = (await sh(`${env}/bin/python`, ["-c", "import site; print(site.getsitepackages()[0])"]))
        .text
        .trim();
      await Deno.writeTextFile(`${envSite}/project-venv.pth`, site + "\n"); // the image's packages, as pip left them
      // the console scripts pip would have put into the image's bin/
      const scripts: Record<string, string> = {
        jupyter: "from jupyter_core.command import main\nsys.exit(main())",
        "jupyter-kernelspec":
          "from jupyter_client.kernelspecapp import KernelSpecApp\nKernelSpecApp.launch_instance()",
      };
      for (const [name, body] of Object.entries(scripts)) {
        await Deno.writeTextFile(`${env}/bin/${name}`, `#!${env}/bin/python\nimport sys\n${body}\n`);
        await Deno.chmod(`${env}/bin/${name}`, 0o755);
      }
      const pathEnv = {
        PATH: `${env}/bin:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
        JUPYTER_PLATFORM_DIRS: "1",
        JUPYTER_DATA_DIR: `${tmp}/data`,
        JUPYTER_RUNTIME_DIR: `${tmp}/runtime`,
        NO_COLOR: "1",
      };
      const run = await sh("bash", [postBuild], { env: pathEnv, cwd: tmp });
      if (!run.ok) throw new Error(`postBuild exited ${run.code}:\n${run.text.slice(-2000)}`);
      const spec = `${env}/share/jupyter/kernels/${KERNEL_NAME}/kernel.json`;
      const kernel = JSON.parse(await Deno.readTextFile(spec)) as { argv: string[] };
      await Deno.stat(kernel.argv[0]);
      // read iopub past `idle` (the Deno kernel may publish idle before the result: DESIGN.md, "Known traps")
      const probe = [
        "import time",
        "from jupyter_client.manager import start_new_kernel",
        `km, kc = start_new_kernel(kernel_name=${JSON.stringify(KERNEL_NAME)})`,
        "got = None",
        "try:",
        "    msg_id = kc.execute('6 * 7')",
        "    deadline = time.time() + 60",
        "    while got is None and time.time() < deadline:",
        "        try:",
        "            m = kc.get_iopub_msg(timeout=1)",
        "        except Exception:",
        "            continue",
        "        if m['parent_header'].get('msg_id') == msg_id and m['msg_type'] == 'execute_result':",
        "            got = m['content']['data']['text/plain']",
        "finally:",
        "    kc.stop_channels(); km.shutdown_kernel(now=True)",
        "print([got])",
      ].join("\n");
      const exec = await sh(`${env}/bin/python`, ["-c", probe], { env: pathEnv, cwd: `${ROOT}/notebooks` });
      if (!exec.ok || !exec.text.includes("'42'")) {
        throw new Error(`the installed kernel did not answer:\n${exec.text}`);
      }
      return `kernelspec in the throwaway environment (${
        spec.slice(tmp.length + 1)
      }), argv[0] exists, 6 * 7 = 42 on it`;
    } finally {
      await Deno.remove(tmp, { recursive: true }).catch(() => {});
    }
  });
  void VENV;
  return results;
}
