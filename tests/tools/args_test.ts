import { assert } from "../_assert.ts";
import { parseRunArgs } from "../../tools/run.ts";
import { parseDenoTest } from "../../tools/test.ts";
import { ROOT } from "../../tools/paths.ts";

Deno.test("run args: defaults per profile, flags in both forms, selectors kept", () => {
  assert.deepEqual(parseRunArgs([]), {
    selectors: [],
    profile: "full",
    timeoutS: 600,
    jobs: 2,
    outDir: `${ROOT}/out`,
    cache: "use",
  });
  assert.equal(parseRunArgs([], "quick").timeoutS, 120);
  assert.deepEqual(
    parseRunArgs(["03", "--profile", "quick", "10-x", "--timeout=30", "--jobs", "1", "--out", "o/"]),
    {
      selectors: ["03", "10-x"],
      profile: "quick",
      timeoutS: 30,
      jobs: 1,
      outDir: "o",
      cache: "use",
    },
  );
  assert.equal(
    parseRunArgs(["--profile=quick"]).timeoutS,
    120,
    "the quick default timeout follows the profile",
  );
});

Deno.test("run args: the run cache is used by run, refreshed by --force and by test unless --cached", () => {
  assert.equal(parseRunArgs([]).cache, "use");
  assert.equal(parseRunArgs(["--force"]).cache, "refresh");
  assert.equal(parseRunArgs(["--no-cache"]).cache, "off");
  assert.equal(parseRunArgs([], "quick", "refresh").cache, "refresh", "test's default");
  assert.equal(parseRunArgs(["--cached"], "quick", "refresh").cache, "use");
});

Deno.test("run args: bad values name the flag", () => {
  assert.throws(() => parseRunArgs(["--profile", "slow"]), /--profile must be quick or full, got "slow"/);
  assert.throws(() => parseRunArgs(["--timeout", "-1"]), RangeError);
  assert.throws(() => parseRunArgs(["--jobs", "1.5"]), /--jobs must be a positive integer/);
  assert.throws(() => parseRunArgs(["--timeout"]), /--timeout needs a value/);
  assert.throws(() => parseRunArgs(["--fast"]), /unknown option "--fast"/);
});

Deno.test("test: deno test summaries are parsed, failures named", () => {
  assert.deepEqual(parseDenoTest("...\nok | 12 passed (3 steps) | 0 failed (2s)\n"), {
    passed: 12,
    failed: 0,
    failedNames: [],
  });
  const failed = " ERRORS \n\nx => ./tests/a_test.ts:3:6\nerror: boom\n\n FAILURES \n\n" +
    "adds numbers => ./tests/a_test.ts:3:6\n\nFAILED | 10 passed | 1 failed (1s)\n";
  assert.deepEqual(parseDenoTest(failed), {
    passed: 10,
    failed: 1,
    failedNames: ["adds numbers (./tests/a_test.ts:3:6)"],
  });
  assert.equal(parseDenoTest("error: Type checking failed.").failed, 1);
});
