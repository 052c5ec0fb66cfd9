import { Rng } from "../../lib/core/mod.ts";
import { ece, eceDifference, reliabilityBins } from "../../lib/train/mod.ts";
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

Deno.test("eceDifference: the difference of the two ECEs, a bootstrap SE that shrinks like 1/√n", () => {
  const rng = new Rng(3);
  const make = (n: number, bias: number, r: Rng) => {
    const conf = Array.from({ length: n }, () => 0.5 + 0.5 * r.uniform());
    const correct = conf.map((c) => (r.uniform() < c - bias ? 1 : 0));
    return { conf, correct };
  };
  const a = make(400, 0.1, rng.fork("a")), b = make(400, 0, rng.fork("b"));
  const d = eceDifference(a, b, { rng: rng.fork("boot"), reps: 300 });
  assertClose(d.difference, ece(a.conf, a.correct) - ece(b.conf, b.correct), { abs: 1e-15 });
  assert.ok(d.se > 0 && d.se < 0.1, `se ${d.se}`);
  // identical predictions: difference and SE are exactly 0
  const same = eceDifference(a, a, { rng: rng.fork("same"), reps: 20 });
  assert.equal(same.difference, 0);
  assert.equal(same.se, 0);
  // 16× the samples: SE about 4× smaller (bootstrap noise allows a wide band)
  const big = eceDifference(make(6400, 0.1, rng.fork("A")), make(6400, 0, rng.fork("B")), {
    rng: rng.fork("boot2"),
    reps: 100,
  });
  const ratio = d.se / big.se;
  assert.ok(ratio > 2.5 && ratio < 6.5, `SE ratio ${ratio}`);
});

Deno.test("eceDifference: bad inputs name the argument", () => {
  const p = { conf: [0.5, 0.9], correct: [1, 0] };
  assertThrowsWith(() => eceDifference(p, p, { rng: 1 as never }), TypeError, "opts.rng");
  assertThrowsWith(() => eceDifference(p, p, { rng: new Rng(0), reps: 1 }), RangeError, "opts.reps");
  assertThrowsWith(
    () => eceDifference(p, { conf: [0.5], correct: [1] }, { rng: new Rng(0) }),
    RangeError,
    "b",
  );
  assertThrowsWith(
    () => eceDifference(p, { conf: [0.5, 2], correct: [1, 1] }, { rng: new Rng(0) }),
    RangeError,
    "conf[1]",
  );
});
