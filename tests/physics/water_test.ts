import { WATER_TABLE, waterProps } from "../../lib/physics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("waterProps: reproduces table nodes, interpolates, Pr consistent", () => {
  for (const [T, rho, cp, k, nu] of WATER_TABLE) {
    const w = waterProps(T);
    assertClose(w.rho, rho, { rel: 1e-14 });
    assertClose(w.cp, cp, { rel: 1e-14 });
    assertClose(w.k, k, { rel: 1e-14 });
    assertClose(w.nu, nu, { rel: 1e-14 });
    assertClose(w.Pr, (nu * rho * cp) / k, { rel: 1e-14 });
  }
  const m = waterProps(45);
  assertClose(m.rho, (992.2 + 988.0) / 2, { rel: 1e-14 });
  // handbook Pr at 20 °C ≈ 7.0 and at 40 °C ≈ 4.3 (from memory)
  assertClose(waterProps(20).Pr, 7.0, { abs: 0.1 });
  assertClose(waterProps(40).Pr, 4.3, { abs: 0.1 });
  // density decreases above 4 °C
  for (let T = 10; T < 100; T += 7) assert.ok(waterProps(T + 1).rho < waterProps(T).rho);
});

Deno.test("waterProps: out of range", () => {
  assertThrowsWith(() => waterProps(-1), RangeError, "T_C");
  assertThrowsWith(() => waterProps(101), RangeError, "T_C");
  assertThrowsWith(() => waterProps(NaN), RangeError, "T_C");
});
