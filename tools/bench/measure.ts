/**
 * Timing helpers of `deno task bench`: run a function a few times to warm up, then time each of several repeats and
 * report the median (robust to the odd slow run), plus a plain-text table. Numbers, not a pass/fail test.
 * @module
 */

/** Timings of one benchmark, in milliseconds. */
export interface Timing {
  /** The median of the timed repeats. */
  median: number;
  /** The fastest repeat. */
  min: number;
  /** Every timed repeat, in order. */
  runs: number[];
}

/** The median of a non-empty list (mean of the two middle values for even lengths). */
export function medianOf(xs: number[]): number {
  if (xs.length === 0) throw new RangeError("medianOf needs at least one value");
  if (xs.some((x) => !Number.isFinite(x))) throw new RangeError(`medianOf needs finite values, got [${xs}]`);
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Calls `fn` `warmup` times untimed, then `repeats` times timed (each call must finish its work before it returns,
 * e.g. by reading its result with dataSync).
 */
export async function measure(
  fn: () => void | Promise<void>,
  options: { warmup?: number; repeats?: number } = {},
): Promise<Timing> {
  const warmup = options.warmup ?? 3, repeats = options.repeats ?? 10;
  if (!Number.isInteger(warmup) || warmup < 0) {
    throw new RangeError(`warmup must be an integer >= 0, got ${warmup}`);
  }
  if (!Number.isInteger(repeats) || repeats < 1) {
    throw new RangeError(`repeats must be an integer >= 1, got ${repeats}`);
  }
  for (let i = 0; i < warmup; i++) await fn();
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    runs.push(performance.now() - t0);
  }
  return { median: medianOf(runs), min: Math.min(...runs), runs };
}

/**
 * A plain-text table: columns padded to their widest cell; numbers are shown with {@link fmtMs}, and columns of
 * numbers (or numeric strings such as "20") are right-aligned.
 */
export function formatTable(headers: string[], rows: (string | number)[][]): string {
  rows.forEach((r, i) => {
    if (r.length !== headers.length) {
      throw new RangeError(`row ${i} has ${r.length} cells, the header has ${headers.length}`);
    }
  });
  const isNum = (v: string | number) => typeof v === "number" || /^-?\d+(\.\d+)?x?$/.test(v);
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((r) => isNum(r[c])));
  const text = rows.map((r) => r.map((v) => typeof v === "number" ? fmtMs(v) : v));
  const width = headers.map((h, c) => Math.max(h.length, ...text.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells.map((v, c) => numeric[c] ? v.padStart(width[c]) : v.padEnd(width[c])).join("  ").trimEnd();
  return [line(headers), width.map((w) => "-".repeat(w)).join("  "), ...text.map(line)].join("\n");
}

/** A duration or ratio with 3 significant digits (at least one decimal below 100). */
export function fmtMs(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/**
 * Times several functions against each other under the same machine load: after `warmup` untimed rounds, each of
 * `repeats` rounds calls every function once (in an order rotated from round to round) and records its time. A
 * background load that comes and goes then lands on every function alike, so ratios of the medians hold even when
 * the absolute times do not. A function that returns a number reports its own time in ms (e.g. measured in another
 * process), which is recorded instead of the wall time of the call.
 */
export async function alternate(
  fns: Record<string, () => void | number | Promise<void | number>>,
  options: { warmup?: number; repeats?: number } = {},
): Promise<Record<string, Timing>> {
  const names = Object.keys(fns);
  if (names.length === 0) throw new RangeError("fns must name at least one function");
  const warmup = options.warmup ?? 2, repeats = options.repeats ?? 10;
  if (!Number.isInteger(warmup) || warmup < 0) {
    throw new RangeError(`warmup must be an integer >= 0, got ${warmup}`);
  }
  if (!Number.isInteger(repeats) || repeats < 1) {
    throw new RangeError(`repeats must be an integer >= 1, got ${repeats}`);
  }
  const runs: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < warmup + repeats; r++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(r + j) % names.length];
      const t0 = performance.now();
      const own = await fns[name]();
      const ms = typeof own === "number" ? own : performance.now() - t0;
      if (r >= warmup) runs[name].push(ms);
    }
  }
  return Object.fromEntries(
    names.map((n) => [n, { median: medianOf(runs[n]), min: Math.min(...runs[n]), runs: runs[n] }]),
  );
}
