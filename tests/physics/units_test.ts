import {
  celsiusToKelvin,
  gasVolumeForHeat,
  J_PER_KWH,
  joulesToKWh,
  kWhToJoules,
  litresPerMinuteToM3PerS,
  m3PerSToLitresPerMinute,
  requireCelsius,
  S_PER_DAY,
  ZERO_CELSIUS_K,
} from "../../lib/physics/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("units: round trips and known values", () => {
  assertClose(litresPerMinuteToM3PerS(8), 8e-3 / 60, { rel: 1e-15 });
  assertClose(m3PerSToLitresPerMinute(litresPerMinuteToM3PerS(8)), 8, { rel: 1e-15 });
  assert.equal(J_PER_KWH, 3.6e6);
  assert.equal(S_PER_DAY, 86400);
  assertClose(joulesToKWh(kWhToJoules(2.5)), 2.5, { rel: 1e-15 });
  assert.equal(celsiusToKelvin(0), ZERO_CELSIUS_K);
  assert.equal(requireCelsius("T", 20), 20);
  // 0.5007 MJ at 35.6 MJ/m³ and 88 %: 0.01598 m³
  assertClose(gasVolumeForHeat(0.5007e6, 35.6e6, 0.88), 0.5007 / (35.6 * 0.88), { rel: 1e-14 });
  assert.equal(gasVolumeForHeat(0, 35.6e6, 1), 0);
});

Deno.test("units: bad inputs", () => {
  assertThrowsWith(() => litresPerMinuteToM3PerS(-1), RangeError, "q");
  assertThrowsWith(() => m3PerSToLitresPerMinute(NaN), RangeError, "q");
  assertThrowsWith(() => joulesToKWh("1" as never), TypeError, "e");
  assertThrowsWith(() => kWhToJoules(Infinity), RangeError, "e");
  assertThrowsWith(() => celsiusToKelvin(-300), RangeError, "tC");
  assertThrowsWith(() => requireCelsius("p.Ta", -274), RangeError, "p.Ta");
  assertThrowsWith(() => gasVolumeForHeat(-1, 1, 1), RangeError, "heatJ");
  assertThrowsWith(() => gasVolumeForHeat(1, 0, 1), RangeError, "heatingValueJPerM3");
  assertThrowsWith(() => gasVolumeForHeat(1, 1, 1.2), RangeError, "efficiency");
  assertThrowsWith(() => gasVolumeForHeat(1, 1, 0), RangeError, "efficiency");
});
