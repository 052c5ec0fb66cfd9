import { ClaimLedger, type ClaimRecord } from "../../lib/core/claims.ts";
import { assert, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

const opts = { source: "test", why: "exact arithmetic" };

/** Makes a claim through `make` and returns the row it recorded. */
async function last(L: ClaimLedger, make: () => Promise<void>): Promise<ClaimRecord> {
  await make();
  return L.rows.at(-1)!;
}

async function withOut(fn: (dir: string) => Promise<void>, runner = false) {
  const dir = await Deno.makeTempDir({ prefix: "claims-" });
  // outside the kernel the ledger prints each claim; these tests fail claims on purpose, so keep the log quiet
  const log = console.log;
  console.log = () => {};
  const old = Deno.env.get("NB_OUT_DIR"), oldRunner = Deno.env.get("NB_RUNNER");
  Deno.env.set("NB_OUT_DIR", dir);
  if (runner) Deno.env.set("NB_RUNNER", "1");
  else Deno.env.delete("NB_RUNNER");
  try {
    await fn(dir);
  } finally {
    console.log = log;
    if (old === undefined) Deno.env.delete("NB_OUT_DIR");
    else Deno.env.set("NB_OUT_DIR", old);
    if (oldRunner === undefined) Deno.env.delete("NB_RUNNER");
    else Deno.env.set("NB_RUNNER", oldRunner);
    await Deno.remove(dir, { recursive: true });
  }
}

function sidecar(dir: string, name: string): ClaimRecord[] {
  return JSON.parse(Deno.readTextFileSync(`${dir}/claims/${name}.json`));
}

Deno.test("claims: verdicts of close/between/below/above/holds and the sidecar after every claim", async () => {
  await withOut(async (dir) => {
    const L = new ClaimLedger("nb-test");
    assert.deepEqual(sidecar(dir, "nb-test"), [], "a new ledger starts an empty sidecar");
    assert.equal((await last(L, () => L.close("a", 1.0000005, 1, { abs: 1e-6 }, opts))).verdict, "held");
    assert.equal(sidecar(dir, "nb-test").length, 1, "written at once, before report()");
    assert.equal((await last(L, () => L.close("b", 1.1, 1, { rel: 0.05 }, opts))).verdict, "failed");
    assert.equal(
      (await last(L, () => L.close("v", [1, 2], [1, 2.001], { abs: 0.01 }, opts))).verdict,
      "held",
    );
    assert.equal((await last(L, () => L.between("c", 0.95, 0.9, 1.1, opts))).verdict, "held");
    assert.equal((await last(L, () => L.below("d", 0.2, 0.1, opts))).verdict, "failed");
    assert.equal((await last(L, () => L.above("e", 3, 3, { ...opts, inclusive: true }))).verdict, "held");
    assert.equal(
      (await last(L, () => L.holds("f", "x", "y", true, "same letter count", opts))).verdict,
      "held",
    );
    const dev = await last(L, () => L.below("g", 0.5, 0.1, { ...opts, deviation: "toy scale too small" }));
    assert.equal(dev.verdict, "deviation");
    assert.equal(dev.reason, "toy scale too small");
    const held = await last(L, () => L.below("h", 0.05, 0.1, { ...opts, deviation: "might not show" }));
    assert.equal(held.verdict, "held", "a declared deviation that holds anyway is held");
    assert.deepEqual(L.counts(), { held: 6, failed: 2, deviation: 1 });
    const rows = sidecar(dir, "nb-test");
    assert.equal(rows.length, 9);
    assert.equal(rows[1].id, "b");
    assert.equal(rows[1].relation, "|measured - expected| <= 0.05·|expected|");
    assert.equal(rows[0].why, "exact arithmetic");
  });
});

Deno.test("claims: re-running a cell replaces its claim instead of duplicating it", async () => {
  await withOut(async (dir) => {
    const L = new ClaimLedger("nb-rerun");
    await L.close("a", 2, 1, { abs: 0.1 }, opts);
    await L.close("a", 1, 1, { abs: 0.1 }, opts);
    const rows = sidecar(dir, "nb-rerun");
    assert.equal(rows.length, 1);
    assert.equal(rows[0].verdict, "held");
  });
});

Deno.test("claims: report throws naming the failed claim only under the runner", async () => {
  await withOut(async () => {
    const L = new ClaimLedger("nb-person");
    await L.close("bad-one", 2, 1, { abs: 0.1 }, opts);
    await L.report(); // a person's session: shows red, does not throw
  });
  await withOut(async () => {
    const L = new ClaimLedger("nb-runner");
    await L.close("good", 1, 1, { abs: 0.1 }, opts);
    await L.close("bad-one", 2, 1, { abs: 0.1 }, opts);
    await assertRejectsWith(() => L.report(), Error, "bad-one (measured 2, expected 1");
  }, true);
  await withOut(async () => {
    const L = new ClaimLedger("nb-runner-ok");
    await L.below("dev", 1, 0, { ...opts, deviation: "reason" });
    await L.report(); // deviations do not fail the run
  }, true);
});

Deno.test("claims: bad inputs are rejected with clear errors", async () => {
  await withOut(async () => {
    assertThrowsWith(() => new ClaimLedger("../escape"), TypeError, "notebook");
    const L = new ClaimLedger("nb-bad");
    assertThrowsWith(() => L.close("a", 1, 1, {}, opts), RangeError, "tol");
    assertThrowsWith(() => L.close("a", 1, 1, { abs: -1 }, opts), RangeError, "tol.abs");
    assertThrowsWith(() => L.close("a", [1, 2], [1], { abs: 1 }, opts), RangeError, "measured has 2 values");
    assertThrowsWith(() => L.close("a", NaN, 1, { abs: 1 }, opts), RangeError, "measured");
    assertThrowsWith(() => L.between("a", 1, 2, 0, opts), RangeError, "lo > hi");
    await assertRejectsWith(
      () => L.close("a", 1, 1, { abs: 1 }, { source: "", why: "w" }),
      TypeError,
      "source",
    );
    await assertRejectsWith(
      () => L.close("a", 1, 1, { abs: 1 }, { source: "s", why: " " }),
      TypeError,
      "why",
    );
    await assertRejectsWith(() => L.close("has space", 1, 1, { abs: 1 }, opts), TypeError, "claim id");
  });
});
