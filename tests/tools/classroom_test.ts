/**
 * The classroom's small parts (the hub itself is exercised end to end by `deno task test:classroom`): the hub's
 * environment, finding and measuring a student's processes in /proc, and the Binder requirements' rules.
 */
import { assert } from "../_assert.ts";
import { hubEnv } from "../../tools/classroom.ts";
import { processUsage, sampleUser, userPids } from "../../tools/classroom/measure.ts";
import { requirementProblems } from "../../tools/classroom/binder_check.ts";
import { ROOT } from "../../tools/paths.ts";

Deno.test("classroom: the hub's environment carries the settings, the profile only when given", () => {
  const env = hubEnv({ port: 8123, password: "p4ssword", stateDir: "/tmp/s", hubPort: 1, proxyApiPort: 2 });
  assert.equal(env.CLASSROOM_PORT, "8123");
  assert.equal(env.CLASSROOM_REPO, ROOT);
  assert.equal(env.CLASSROOM_STATE, "/tmp/s");
  assert.equal(env.CLASSROOM_HUB_PORT, "1");
  assert.equal(env.CLASSROOM_PROXY_API_PORT, "2");
  assert.equal(env.CLASSROOM_IP, "127.0.0.1");
  assert.ok(env.PATH.startsWith(`${ROOT}/.venv/bin:`));
  assert.equal(env.CLASSROOM_PROFILE, undefined);
  assert.equal(
    hubEnv({ port: 1, password: "x", stateDir: "/s", profile: "quick" }).CLASSROOM_PROFILE,
    "quick",
  );
});

Deno.test("classroom: a student's processes are found by JUPYTERHUB_USER and measured", async () => {
  const user = `test-${crypto.randomUUID().slice(0, 8)}`;
  const child = new Deno.Command("sh", {
    args: ["-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; sleep 30"],
    env: { JUPYTERHUB_USER: user },
    stdout: "null",
  }).spawn();
  try {
    await new Promise((r) => setTimeout(r, 300));
    const meter = sampleUser(user, 100);
    assert.deepEqual(userPids(user), [child.pid]);
    assert.deepEqual(userPids(`${user}x`), [], "a longer name is another user");
    const u = processUsage(child.pid);
    assert.ok(u && u.rss > 0 && u.cpu >= 0);
    await new Promise((r) => setTimeout(r, 800));
    const usage = meter.stop();
    assert.equal(usage.user, user);
    assert.ok(usage.peakRssMiB > 0, JSON.stringify(usage));
    assert.ok(usage.samples >= 3);
    assert.ok(usage.cpuSeconds >= 0 && usage.wallSeconds > 0.5);
  } finally {
    child.kill("SIGKILL");
    await child.status;
  }
  assert.equal(processUsage(child.pid), null, "a process that is gone measures null");
});

Deno.test("classroom: binder requirements are exact pins or -r of files that exist", async () => {
  const dir = await Deno.makeTempDir({ prefix: "binder-req-" });
  try {
    await Deno.writeTextFile(`${dir}/base.txt`, "# pins\nfoo==1.2.3\nbar_baz==2.0 # why\n");
    await Deno.writeTextFile(`${dir}/ok.txt`, "-r base.txt\nqux[extra]==0.1\n");
    assert.deepEqual(await requirementProblems(`${dir}/ok.txt`), []);
    await Deno.writeTextFile(`${dir}/bad.txt`, "-r missing.txt\nfoo>=1\nbar\n");
    assert.deepEqual(await requirementProblems(`${dir}/bad.txt`), [
      "line 1: missing.txt is missing",
      'line 2: "foo>=1" is not an exact pin',
      'line 3: "bar" is not an exact pin',
    ]);
    assert.deepEqual(await requirementProblems(`${ROOT}/binder/requirements.txt`), [], "the project's own");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
