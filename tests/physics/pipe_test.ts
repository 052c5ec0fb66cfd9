import {
  cylinderLossConductance,
  dittusBoelterH,
  flowSpeed,
  pipeVolumePerMetre,
  reynolds,
} from "../../lib/physics/mod.ts";
import { assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("pipe geometry: PPR 20×2.8 holds 0.163 L/m; 8 L/min flows at 0.82 m/s", () => {
  assertClose(pipeVolumePerMetre(0.0144) * 1000, 0.16286, { abs: 1e-5 });
  assertClose(flowSpeed(8e-3 / 60, 0.0144), 0.8187, { abs: 1e-4 });
  assertClose(reynolds(1, 0.01, 1e-6), 1e4, { rel: 1e-14 });
});

Deno.test("dittusBoelterH: the formula and its scaling h ∝ Re^0.8", () => {
  assertClose(dittusBoelterH(1e4, 4, 0.6, 0.02), (0.023 * 1e4 ** 0.8 * 4 ** 0.4 * 0.6) / 0.02, {
    rel: 1e-14,
  });
  assertClose(dittusBoelterH(2e4, 4, 0.6, 0.02) / dittusBoelterH(1e4, 4, 0.6, 0.02), 2 ** 0.8, {
    rel: 1e-14,
  });
});

Deno.test("cylinderLossConductance: single layer closed form; layers add as series resistances", () => {
  const k = 0.24, r1 = 0.0072, r2 = 0.01, h = 9;
  const R1 = Math.log(r2 / r1) / (2 * Math.PI * k), Rh = 1 / (h * 2 * Math.PI * r2);
  assertClose(cylinderLossConductance([{ rIn: r1, rOut: r2, k }], h), 1 / (R1 + Rh), { rel: 1e-14 });
  assertClose(cylinderLossConductance([{ rIn: r1, rOut: r2, k }], Infinity), 1 / R1, { rel: 1e-14 });
  // splitting a layer in two does not change its resistance
  const split = cylinderLossConductance(
    [{ rIn: r1, rOut: 0.0085, k }, { rIn: 0.0085, rOut: r2, k }],
    Infinity,
  );
  assertClose(split, 1 / R1, { rel: 1e-13 });
  const withIn = cylinderLossConductance([{ rIn: r1, rOut: r2, k }], Infinity, 5000);
  assertClose(1 / withIn, R1 + 1 / (5000 * 2 * Math.PI * r1), { rel: 1e-14 });
});

Deno.test("pipe: bad inputs", () => {
  assertThrowsWith(() => pipeVolumePerMetre(0), RangeError, "innerDiameter_m");
  assertThrowsWith(() => flowSpeed(-1, 0.01), RangeError, "Q_m3s");
  assertThrowsWith(() => reynolds(1, 1, 0), RangeError, "nu");
  assertThrowsWith(() => dittusBoelterH(1000, 4, 0.6, 0.02), RangeError, "Re");
  assertThrowsWith(() => dittusBoelterH(1e4, -4, 0.6, 0.02), RangeError, "Pr");
  assertThrowsWith(() => cylinderLossConductance([], 9), TypeError, "layers");
  assertThrowsWith(
    () => cylinderLossConductance([{ rIn: 0.02, rOut: 0.01, k: 1 }], 9),
    RangeError,
    "layers[0].rOut",
  );
  assertThrowsWith(
    () => cylinderLossConductance([{ rIn: 0.01, rOut: 0.02, k: 1 }, { rIn: 0.03, rOut: 0.04, k: 1 }], 9),
    RangeError,
    "layers[1].rIn",
  );
  assertThrowsWith(
    () => cylinderLossConductance([{ rIn: 0.01, rOut: 0.02, k: 0 }], 9),
    RangeError,
    "layers[0].k",
  );
  assertThrowsWith(() => cylinderLossConductance([{ rIn: 0.01, rOut: 0.02, k: 1 }], 0), RangeError, "hOut");
  assertThrowsWith(
    () => cylinderLossConductance([{ rIn: 0.01, rOut: 0.02, k: 1 }], 9, -1),
    RangeError,
    "hIn",
  );
});
