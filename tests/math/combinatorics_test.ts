import { binomialBig, countBy, factorialBig, product } from "../../lib/math/combinatorics.ts";
import { assert, assertThrowsWith } from "../_assert.ts";

Deno.test("product: visits every tuple once, in lexicographic order", () => {
  const seen = [...product(3, 2)].map((d) => Array.from(d).join(""));
  // the buffer is reused: copying as we go gives the tuples
  assert.equal(seen.length, 9);
  const copies: string[] = [];
  for (const d of product(3, 2)) copies.push(Array.from(d).join(""));
  assert.deepEqual(copies, ["00", "01", "02", "10", "11", "12", "20", "21", "22"]);
  assert.equal([...product(2, 0)].length, 1, "one empty tuple");
  assert.equal(countBy(product(2, 10), () => true), 1024);
});

Deno.test("countBy counts matches", () => {
  assert.equal(countBy([1, 2, 3, 4], (x) => x % 2 === 0), 2);
});

Deno.test("binomialBig and factorialBig are exact beyond double precision", () => {
  assert.equal(binomialBig(4, 2), 6n);
  assert.equal(binomialBig(5, 7), 0n);
  assert.equal(binomialBig(100, 50), 100891344545564193334812497256n);
  assert.equal(factorialBig(0), 1n);
  assert.equal(factorialBig(25), 15511210043330985984000000n);
  // Pascal's rule as a property over a range
  for (let n = 1; n < 40; n++) {
    for (let k = 1; k <= n; k++) {
      assert.equal(binomialBig(n, k), binomialBig(n - 1, k - 1) + binomialBig(n - 1, k));
    }
  }
});

Deno.test("combinatorics: bad inputs throw naming the argument", () => {
  assertThrowsWith(() => product(0, 2).next(), RangeError, "alphabet");
  assertThrowsWith(() => product(3, -1).next(), RangeError, "length");
  assertThrowsWith(() => binomialBig(-1, 0), RangeError, "n");
  assertThrowsWith(() => binomialBig(3, 1.5), RangeError, "k");
  assertThrowsWith(() => factorialBig(-2), RangeError, "n");
});
