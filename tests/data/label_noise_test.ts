import { Rng } from "../../lib/core/mod.ts";
import { symmetricLabelNoise } from "../../lib/data/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("symmetricLabelNoise: flips to a different class at the given rate, uniformly, seeded", () => {
  const n = 20000;
  const y = Uint8Array.from({ length: n }, (_, i) => i % 10);
  const a = symmetricLabelNoise(y, 0.4, 10, new Rng(3));
  const b = symmetricLabelNoise(y, 0.4, 10, new Rng(3));
  assert.deepEqual(a, b);
  let flips = 0;
  const to = new Array(10).fill(0);
  for (let i = 0; i < n; i++) {
    if (a.flipped[i]) {
      flips++;
      assert.notEqual(a.labels[i], y[i]);
      if (y[i] === 0) to[a.labels[i]]++;
    } else assert.equal(a.labels[i], y[i]);
  }
  assertClose(flips / n, 0.4, { abs: 4 * Math.sqrt(0.24 / n) });
  assert.equal(to[0], 0);
  const m = flips / 10 / 9; // expected count per target class among the class-0 flips
  for (let c = 1; c < 10; c++) assertClose(to[c], m, { abs: 5 * Math.sqrt(m) });
  assert.ok(symmetricLabelNoise(y, 0, 10, new Rng(1)).flipped.every((f) => f === 0));
});

Deno.test("symmetricLabelNoise: bad inputs name the argument", () => {
  assertThrowsWith(() => symmetricLabelNoise([0], 1.5, 10, new Rng(0)), RangeError, "rate");
  assertThrowsWith(() => symmetricLabelNoise([0], 0.5, 1, new Rng(0)), RangeError, "classes");
  assertThrowsWith(() => symmetricLabelNoise([10], 0.5, 10, new Rng(0)), RangeError, "labels[0]");
  assertThrowsWith(() => symmetricLabelNoise([0], 0.5, 10, 3 as never), TypeError, "rng");
});
