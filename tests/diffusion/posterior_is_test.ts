import { Rng } from "../../lib/core/mod.ts";
import { aniso3 } from "../../lib/diffusion/mod.ts";
import { exactNprTarget } from "../../lib/diffusion/mod.ts";
import { noiseMomentsIS } from "../../lib/diffusion/mod.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("noiseMomentsIS: agrees with the mixture's exact NPR target within its standard errors", () => {
  const g = aniso3(), r = new Rng(2), a = 0.8, b = 0.6;
  const x0 = g.sample(20, r), e = r.normals(40);
  const xt = x0.map((v, i) => a * v + b * e[i]);
  const c = Float64Array.from({ length: 40 }, (_, i) => 0.3 * Math.sin(i));
  const { moments: [m], ess } = noiseMomentsIS(g.sample(50000, new Rng(3)), xt, 2, a, b, [c]);
  const exact = exactNprTarget(g, xt, a, b, c);
  for (let i = 0; i < 40; i++) {
    assert.ok(Math.abs(m.value[i] - exact[i]) < 5 * m.stdError[i], `entry ${i}`);
  }
  assert.ok(ess.every((v) => v > 100 && v <= 50000));
});

Deno.test("noiseMomentsIS: validation names the argument", () => {
  const x = new Float64Array(4);
  assertThrowsWith(() => noiseMomentsIS(new Float64Array(3), x, 2, 1, 1, [x]), RangeError, "x0Draws");
  assertThrowsWith(() => noiseMomentsIS(x, new Float64Array(0), 2, 1, 1, [x]), RangeError, "xt");
  assertThrowsWith(() => noiseMomentsIS(x, x, 2, 0, 1, [x]), RangeError, "a");
  assertThrowsWith(() => noiseMomentsIS(x, x, 2, 1, 0, [x]), RangeError, "b");
  assertThrowsWith(() => noiseMomentsIS(x, x, 2, 1, 1, []), TypeError, "centres");
  assertThrowsWith(() => noiseMomentsIS(x, x, 2, 1, 1, [new Float64Array(2)]), RangeError, "centres[0]");
});
