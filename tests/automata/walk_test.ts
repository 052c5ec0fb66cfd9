import { defineFsm, reachable } from "../../lib/automata/fsm.ts";
import { randomWalkStates } from "../../lib/automata/walk.ts";
import { Rng } from "../../lib/core/random.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

// a chain 0 -> 1 -> ... -> 5 by "up", back to 0 by "reset"; 6 is unreachable
const S = ["0", "1", "2", "3", "4", "5", "6"];
const chain = defineFsm(
  S,
  ["up", "reset"],
  (s, e) =>
    e === "reset"
      ? { to: s === "6" ? "6" : "0" }
      : { to: s === "5" || s === "6" ? s : String(Number(s) + 1) },
);

Deno.test("randomWalkStates: a subset of reachable, all of it with enough walks, deterministic", () => {
  const R = reachable(chain, "0", ["up", "reset"]);
  const few = randomWalkStates(chain, "0", ["up", "reset"], new Rng(1), { walks: 1, length: 2 });
  assert.ok([...few].every((s) => R.has(s)));
  const many = randomWalkStates(chain, "0", ["up", "reset"], new Rng(1), { walks: 300, length: 12 });
  assert.deepEqual([...many].sort(), [...R].sort());
  const again = randomWalkStates(chain, "0", ["up", "reset"], new Rng(1), { walks: 300, length: 12 });
  assert.deepEqual([...again], [...many]);
});

Deno.test("randomWalkStates: bad inputs", () => {
  const r = new Rng(0);
  assertThrowsWith(() => randomWalkStates(chain, "0", [], r, { walks: 1, length: 1 }), RangeError, "allowed");
  assertThrowsWith(
    () => randomWalkStates(chain, "0", ["up"], r, { walks: 0, length: 1 }),
    RangeError,
    "opts.walks",
  );
  assertThrowsWith(
    () => randomWalkStates(chain, "0", ["up"], r, { walks: 1, length: 1.5 }),
    RangeError,
    "opts.length",
  );
  assertThrowsWith(
    () => randomWalkStates(chain, "0", ["up"], {} as never, { walks: 1, length: 1 }),
    TypeError,
    "rng",
  );
  assertThrowsWith(
    () => randomWalkStates(chain, "9", ["up"], r, { walks: 1, length: 1 }),
    RangeError,
    "from",
  );
});
