import { diffusionTime, diffusivity, effusivity, MATERIALS } from "../../lib/physics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("materials: diffusivity, effusivity, diffusion times", () => {
  const s = MATERIALS.carbonSteel;
  assertClose(diffusivity(s), 50 / (7850 * 470), { rel: 1e-15 });
  assertClose(effusivity(s), Math.sqrt(50 * 7850 * 470), { rel: 1e-15 });
  // e² = k ρ c and α = k/(ρc): e²·α = k²
  for (const m of Object.values(MATERIALS)) {
    assertClose(effusivity(m) ** 2 * diffusivity(m), m.k ** 2, { rel: 1e-12 });
  }
  assertClose(diffusionTime(s, 0.0015), 0.0015 ** 2 / diffusivity(s), { rel: 1e-15 });
  // ordering used by notebook 32: copper > aluminium > steels > titanium, stainless
  assert.ok(diffusivity(MATERIALS.copper) > diffusivity(MATERIALS.aluminium));
  assert.ok(diffusivity(MATERIALS.aluminium) > diffusivity(MATERIALS.carbonSteel));
  assert.ok(diffusivity(MATERIALS.carbonSteel) > diffusivity(MATERIALS.titanium));
});

Deno.test("materials: handbook ranges and the strain of iron (moved here from notebook 32's ledger)", () => {
  // diffusivity-table: α = k/(ρc) inside the brief's handbook ranges
  const a = (k: keyof typeof MATERIALS) => diffusivity(MATERIALS[k]);
  assert.ok(a("carbonSteel") >= 1.3e-5 && a("carbonSteel") <= 1.5e-5);
  assert.ok(a("stainless304") >= 3.5e-6 && a("stainless304") <= 4.5e-6);
  assert.ok(a("aluminium") >= 8e-5 && a("aluminium") <= 1e-4);
  // expansion-is-tiny: α_lin ΔT of carbon steel over 20 → 250 °C is 0.28 %
  assertClose(MATERIALS.carbonSteel.alphaLin! * 230, 2.8e-3, { abs: 1e-4 });
});

Deno.test("materials: bad inputs", () => {
  assertThrowsWith(() => diffusivity({ name: "x", rho: 0, c: 1, k: 1 }), RangeError, "m.rho");
  assertThrowsWith(() => effusivity({ name: "x", rho: 1, c: 1, k: -1 }), RangeError, "m.k");
  assertThrowsWith(
    () => diffusivity({ name: "x", rho: 1, c: 1, k: 1, emissivity: 2 }),
    RangeError,
    "m.emissivity",
  );
  assertThrowsWith(() => diffusivity(null as never), TypeError, "m must");
  assertThrowsWith(() => diffusionTime(MATERIALS.ptfe, 0), RangeError, "length");
});
