import assert from "node:assert/strict";
import { childPids, freePort, labArgs } from "../../tools/lab.ts";

Deno.test("labArgs: loopback, port, token and root dir; rejects a bad port", () => {
  const args = labArgs({ port: 8899, token: "t0k", rootDir: "/x/notebooks" });
  assert.equal(args[0], "lab");
  for (
    const a of [
      "--no-browser",
      "--ServerApp.ip=127.0.0.1",
      "--ServerApp.port=8899",
      "--IdentityProvider.token=t0k",
    ]
  ) {
    assert.ok(args.includes(a), `missing ${a}`);
  }
  assert.ok(args.includes("--ServerApp.root_dir=/x/notebooks"));
  assert.throws(() => labArgs({ port: 0, token: "t", rootDir: "/" }), RangeError);
  assert.throws(() => labArgs({ port: 70000, token: "t", rootDir: "/" }), RangeError);
});

Deno.test("freePort gives a port that can be bound", () => {
  const port = freePort();
  const l = Deno.listen({ hostname: "127.0.0.1", port });
  l.close();
});

Deno.test("childPids finds a child process", async () => {
  const child = new Deno.Command("sleep", { args: ["5"], stdout: "null", stderr: "null" }).spawn();
  try {
    assert.ok((await childPids(Deno.pid)).includes(child.pid));
  } finally {
    child.kill("SIGKILL");
    await child.status;
  }
});
