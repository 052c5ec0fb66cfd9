import { initBackend, Rng, tf } from "../../lib/core/mod.ts";
import { LadderSide, ResMlp } from "../../lib/train/mod.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

await initBackend("wasm");

Deno.test("LadderSide: brief 01's count 5,610 − 325 (H=64, L=4, r=8); gates ½; gradients reach only the side", () => {
  const net = new ResMlp({ inDim: 784, width: 64, depth: 4, classes: 5, rng: new Rng(0) });
  const side = new LadderSide(net, { reduction: 8, rng: new Rng(1) });
  assert.equal(side.numParams, 5610 - 325);
  assert.deepEqual(side.gateValues(), [0.5, 0.5, 0.5, 0.5, 0.5]);
  const x = tf.tensor2d(Float32Array.from(new Rng(2).normals(3 * 784)), [3, 784]);
  const states = net.states(x);
  const { grads } = tf.variableGrads(() => tf.sum(side.features(states)) as tf.Scalar, [
    ...side.variables,
    ...net.backboneVariables,
  ]);
  assert.ok(net.backboneVariables.every((v) => grads[v.name] === undefined));
  assert.ok(grads[side.ladders[0].name] !== undefined);
  assertThrowsWith(() => side.features(states.slice(1)), RangeError, "states");
  assertThrowsWith(() => new LadderSide(net, { reduction: 5, rng: new Rng(1) }), RangeError, "divide");
  assertThrowsWith(
    () => new LadderSide(net, { reduction: 8, gateT: 0, rng: new Rng(1) }),
    RangeError,
    "gateT",
  );
  assertThrowsWith(
    () => new LadderSide({} as ResMlp, { reduction: 8, rng: new Rng(1) }),
    TypeError,
    "ResMlp",
  );
  side.dispose();
  net.dispose();
});
