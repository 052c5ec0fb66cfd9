import { byProfile, profile, underRunner } from "../../lib/core/profile.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

function withEnv(name: string, value: string | undefined, fn: () => void) {
  const old = Deno.env.get(name);
  if (value === undefined) Deno.env.delete(name);
  else Deno.env.set(name, value);
  try {
    fn();
  } finally {
    if (old === undefined) Deno.env.delete(name);
    else Deno.env.set(name, old);
  }
}

Deno.test("profile: full by default, quick from NB_PROFILE, one code path through byProfile", () => {
  withEnv("NB_PROFILE", undefined, () => {
    assert.equal(profile(), "full");
    assert.equal(byProfile({ quick: 1, full: 2 }), 2);
  });
  withEnv("NB_PROFILE", "quick", () => assert.equal(byProfile({ quick: 1, full: 2 }), 1));
});

Deno.test("profile: a misspelt NB_PROFILE is an error, not a silent default", () => {
  withEnv("NB_PROFILE", "fast", () => assertThrowsWith(() => profile(), TypeError, "NB_PROFILE"));
});

Deno.test("profile: underRunner reads NB_RUNNER=1", () => {
  withEnv("NB_RUNNER", "1", () => assert.equal(underRunner(), true));
  withEnv("NB_RUNNER", undefined, () => assert.equal(underRunner(), false));
});
