import { ece, reliabilityBins } from "../../lib/train/mod.ts";
import { assert, assertClose, assertThrowsWith } from "../_assert.ts";

Deno.test("reliabilityBins / ece: hand-computed example", () => {
  // two bins: [0, 0.5) holds 0.2 (wrong), 0.4 (right); [0.5, 1] holds 0.9 (right), 1.0 (right)
  const conf = [0.2, 0.4, 0.9, 1.0], correct = [0, 1, 1, 1];
  const b = reliabilityBins(conf, correct, 2);
  assert.equal(b.length, 2);
  assert.deepEqual([b[0].count, b[1].count], [2, 2]);
  assertClose(b[0].confidence, 0.3, { abs: 1e-15 });
  assertClose(b[0].accuracy, 0.5, { abs: 1e-15 });
  assertClose(b[1].confidence, 0.95, { abs: 1e-15 });
  assertClose(ece(conf, correct, 2), 0.5 * 0.2 + 0.5 * 0.05, { abs: 1e-15 });
  assert.ok(Number.isNaN(reliabilityBins([0.1], [1], 3)[2].accuracy), "empty bin is NaN");
  // perfectly calibrated in every bin: ECE 0
  assertClose(ece([0.5, 0.5, 1, 1], [1, 0, 1, 1], 15), 0, { abs: 1e-15 });
});

Deno.test("calibration: bad inputs name the argument", () => {
  assertThrowsWith(() => ece([], []), RangeError, "conf");
  assertThrowsWith(() => ece([0.5], [1, 0]), RangeError, "correct");
  assertThrowsWith(() => ece([1.5], [1]), RangeError, "conf[0]");
  assertThrowsWith(() => ece([0.5], [2]), RangeError, "correct[0]");
  assertThrowsWith(() => reliabilityBins([0.5], [1], 0), RangeError, "bins");
});
