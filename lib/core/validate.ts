/**
 * Argument checks used at every public boundary of the library. Each throws a RangeError or TypeError that
 * names the argument and shows the offending value, so nothing fails later as a silent NaN.
 * @module
 */

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (Array.isArray(value)) return `array(length ${value.length})`;
  return String(value);
}

/** Throws a TypeError unless `value` is a finite number. */
export function requireFinite(name: string, value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(`${name} must be a number, got ${typeof value} ${show(value)}`);
  }
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${show(value)}`);
  return value;
}

/** Throws unless `value` is an integer in [min, max] (defaults: 1 and MAX_SAFE_INTEGER). */
export function requireInt(name: string, value: unknown, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  requireFinite(name, value);
  const v = value as number;
  if (!Number.isInteger(v)) throw new RangeError(`${name} must be an integer, got ${show(v)}`);
  if (v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${name} must be an integer ${range}, got ${show(v)}`);
  }
  return v;
}

/** Throws unless `value` is a finite number > 0 (or >= 0 when `allowZero`). */
export function requirePositive(name: string, value: unknown, allowZero = false): number {
  const v = requireFinite(name, value);
  if (allowZero ? v < 0 : v <= 0) {
    throw new RangeError(`${name} must be ${allowZero ? ">= 0" : "> 0"}, got ${show(v)}`);
  }
  return v;
}

/** Throws unless `value` is a finite number in [lo, hi]. */
export function requireInRange(name: string, value: unknown, lo: number, hi: number): number {
  const v = requireFinite(name, value);
  if (v < lo || v > hi) throw new RangeError(`${name} must be in [${lo}, ${hi}], got ${show(v)}`);
  return v;
}

/** Throws unless `value` is one of `allowed`. */
export function requireOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new TypeError(
      `${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${show(value)}`,
    );
  }
  return value as T;
}

/** Throws unless every entry of `values` is finite; names the first bad index. */
export function requireAllFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${name}[${i}] must be finite, got ${show(values[i])}`);
    }
  }
}

/** Throws unless `values.length === expected`. */
export function requireLength(name: string, values: ArrayLike<unknown>, expected: number): void {
  if (values.length !== expected) {
    throw new RangeError(`${name} must have length ${expected}, got ${values.length}`);
  }
}
