import { ClaimLedger, kindSummary } from "../../lib/core/claims.ts";
import { budgetWords, type ClaimRecord } from "../../lib/core/claim_kinds.ts";
import { assert, assertRejectsWith, assertThrowsWith } from "../_assert.ts";

const opts = {
  source: "test",
  why: "exact arithmetic",
  kind: "derivation",
  provenance: "closed form",
} as const;

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
    const dev = await last(
      L,
      () =>
        L.below("g", 0.5, 0.1, {
          ...opts,
          deviation: { quick: "toy scale too small", full: "toy scale too small" },
        }),
    );
    assert.equal(dev.verdict, "deviation");
    assert.equal(dev.reason, "toy scale too small");
    const held = await last(
      L,
      () =>
        L.below("h", 0.05, 0.1, { ...opts, deviation: { quick: "might not show", full: "might not show" } }),
    );
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
    await L.below("dev", 1, 0, { ...opts, deviation: { quick: "reason", full: "reason" } });
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
      () => L.close("a", 1, 1, { abs: 1 }, { ...opts, source: "" }),
      TypeError,
      "source",
    );
    await assertRejectsWith(
      () => L.close("a", 1, 1, { abs: 1 }, { ...opts, why: " " }),
      TypeError,
      "why",
    );
    await assertRejectsWith(() => L.close("has space", 1, 1, { abs: 1 }, opts), TypeError, "claim id");
  });
});

/** Runs `fn` with NB_PROFILE set to `p`. */
async function inProfile(p: "quick" | "full", fn: () => Promise<void>) {
  const old = Deno.env.get("NB_PROFILE");
  Deno.env.set("NB_PROFILE", p);
  try {
    await fn();
  } finally {
    if (old === undefined) Deno.env.delete("NB_PROFILE");
    else Deno.env.set("NB_PROFILE", old);
  }
}

Deno.test("claims: a deviation is bound to its profile (quick-only deviation fails under NB_PROFILE=full)", async () => {
  const quickOnly = { ...opts, deviation: { quick: "800 training steps in quick" } };
  await withOut(async () => {
    await inProfile("quick", async () => {
      const L = new ClaimLedger("nb-quick");
      const r = await last(L, () => L.below("learned", 0.5, 0.1, quickOnly));
      assert.equal(r.verdict, "deviation");
      assert.equal(r.reason, "800 training steps in quick");
      assert.deepEqual(r.deviation_profiles, ["quick"]);
    });
    await inProfile("full", async () => {
      const L = new ClaimLedger("nb-full");
      const r = await last(L, () => L.below("learned", 0.5, 0.1, quickOnly));
      assert.equal(r.verdict, "failed", "a quick-only deviation does not excuse the full profile");
      assert.equal(r.reason, undefined);
      const ok = await last(L, () => L.below("learned-ok", 0.05, 0.1, quickOnly));
      assert.equal(ok.verdict, "held");
    });
  });
  await withOut(async () => {
    await inProfile("full", async () => {
      const L = new ClaimLedger("nb-full-runner");
      await L.below("learned", 0.5, 0.1, quickOnly);
      await assertRejectsWith(() => L.report(), Error, "learned (measured 0.5");
    });
  }, true);
});

Deno.test("claims: a full-profile deviation may not plead budget; old string deviations are rejected", async () => {
  await withOut(async () => {
    const L = new ClaimLedger("nb-dev-bad");
    for (const reason of ["too few steps on a CPU", "needs longer training", "the budget of 10 minutes"]) {
      await assertRejectsWith(
        () => L.below("x", 1, 0, { ...opts, deviation: { full: reason } }),
        TypeError,
        "no CPU budget removes",
      );
    }
    await assertRejectsWith(
      // @ts-expect-error: the old untyped form
      () => L.below("x", 1, 0, { ...opts, deviation: "toy scale" }),
      TypeError,
      "must name the profile",
    );
    await assertRejectsWith(
      // @ts-expect-error: an unknown profile
      () => L.below("x", 1, 0, { ...opts, deviation: { huge: "r" } }),
      TypeError,
      'quick" or "full',
    );
    await assertRejectsWith(
      () => L.below("x", 1, 0, { ...opts, deviation: { quick: " " } }),
      TypeError,
      "non-empty",
    );
    const ok = await last(L, () =>
      L.below("y", 1, 0, {
        ...opts,
        deviation: {
          full: "the article's U-Net on CIFAR-10 cannot be trained on this backend (no Conv2D gradient)",
        },
      }));
    assert.equal(ok.verdict, "deviation");
    assert.equal(budgetWords("1000 training steps are too few"), "too few");
    assert.equal(budgetWords("no convolution gradient on wasm"), undefined);
  });
});

Deno.test("claims: kind and provenance are required and recorded; counts by kind", async () => {
  await withOut(async (dir) => {
    const L = new ClaimLedger("nb-kinds");
    await assertRejectsWith(
      // @ts-expect-error: kind missing
      () => L.close("a", 1, 1, { abs: 1 }, { source: "s", why: "w", provenance: "article" }),
      TypeError,
      "opts.kind",
    );
    await assertRejectsWith(
      // @ts-expect-error: a provenance not in the list
      () => L.close("a", 1, 1, { abs: 1 }, { ...opts, provenance: "memory" }),
      TypeError,
      "opts.provenance",
    );
    await L.close("d", 1, 1, { abs: 1 }, opts);
    await L.below("e", 2, 1, { ...opts, kind: "experiment", provenance: "paper" });
    const rows = sidecar(dir, "nb-kinds");
    assert.equal(rows[0].kind, "derivation");
    assert.equal(rows[1].provenance, "paper");
    assert.deepEqual(L.kindCounts().experiment, { held: 0, failed: 1, deviation: 0 });
    assert.equal(kindSummary(L.rows), "derivation 1 (1 held), experiment 1 (1 failed)");
  });
});

Deno.test("claims: sweeps — between/below/above over an array hold only if every point does", async () => {
  await withOut(async () => {
    const L = new ClaimLedger("nb-sweep");
    const r1 = await last(L, () => L.between("s1", [0.9, 1.0, 1.1], 0.8, 1.2, opts));
    assert.equal(r1.verdict, "held");
    assert.match(r1.relation, /at each of 3 points/);
    assert.equal((await last(L, () => L.between("s2", [0.9, 1.3], 0.8, 1.2, opts))).verdict, "failed");
    assert.equal((await last(L, () => L.below("s3", [0.1, 0.2, 0.31], 0.3, opts))).verdict, "failed");
    assert.equal((await last(L, () => L.above("s4", [2, 3], 1, opts))).verdict, "held");
    assertThrowsWith(() => L.below("s5", [], 1, opts), RangeError, "empty sweep");
    assertThrowsWith(() => L.above("s6", [1, NaN], 0, opts), RangeError, "measured[1]");
  });
});
