/**
 * The project's numeric-tolerance assertions (Deno's std/assert is on JSR, which these machines cannot reach;
 * everything else comes from node:assert/strict).
 * @module
 */
import assert from "node:assert/strict";

/** Asserts |actual - expected| <= abs + rel·|expected|. */
export function assertClose(
  actual: number,
  expected: number,
  tol: { abs?: number; rel?: number },
  msg = "",
): void {
  const abs = tol.abs ?? 0, rel = tol.rel ?? 0;
  assert.ok(abs > 0 || rel > 0, "assertClose needs abs > 0 or rel > 0");
  assert.ok(Number.isFinite(actual), `${msg} actual is not finite: ${actual}`);
  const bound = abs + rel * Math.abs(expected);
  assert.ok(
    Math.abs(actual - expected) <= bound,
    `${msg} expected ${expected} ± ${bound}, got ${actual} (off by ${Math.abs(actual - expected)})`,
  );
}

/** Asserts element-wise closeness of two equally long arrays. */
export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: { abs?: number; rel?: number },
  msg = "",
): void {
  assert.equal(actual.length, expected.length, `${msg} length mismatch`);
  for (let i = 0; i < actual.length; i++) assertClose(actual[i], expected[i], tol, `${msg} [${i}]`);
}

/** Asserts `fn` throws an error of class `cls` whose message contains `includes` (e.g. the argument's name). */
export function assertThrowsWith(fn: () => unknown, cls: ErrorConstructor, includes: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${err}`);
    assert.ok(
      (err as Error).message.includes(includes),
      `message "${(err as Error).message}" lacks "${includes}"`,
    );
    return true;
  });
}

/** The async version of {@link assertThrowsWith}. */
export async function assertRejectsWith(fn: () => Promise<unknown>, cls: ErrorConstructor, includes: string) {
  await assert.rejects(fn, (err: unknown) => {
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${err}`);
    assert.ok(
      (err as Error).message.includes(includes),
      `message "${(err as Error).message}" lacks "${includes}"`,
    );
    return true;
  });
}

export { assert };
