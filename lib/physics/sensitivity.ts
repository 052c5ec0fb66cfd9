/**
 * Parameter sensitivity of a model output (notebook 32's pitfall: "all pan masses, areas, emissivities, absorbed
 * powers are assumptions; claims are relations that hold across reasonable parameter ranges — vary ±30 % before
 * asserting"). Two designs: one parameter at a time, and every corner of the box (all parameters at once).
 * @module
 */
import { requireFinite, requireOneOf, requirePositive } from "../core/mod.ts";

/** One evaluated variation. */
export interface SensitivityRow<K extends string> {
  /** the scaled parameters and their factors (empty for the nominal point) */
  factors: Partial<Record<K, number>>;
  value: number;
}

/** Nominal value, the extremes over the design, and every evaluated row. */
export interface SensitivityResult<K extends string> {
  nominal: number;
  min: number;
  max: number;
  argmin: Partial<Record<K, number>>;
  argmax: Partial<Record<K, number>>;
  rows: SensitivityRow<K>[];
}

/**
 * Evaluates `f` at `base` and at `base` with the parameters `keys` scaled by each of `factors` — one at a time
 * (design "oneAtATime", 1 + |keys|·|factors| runs) or at every corner (design "corners", |factors|^|keys| runs).
 * `clamp` bounds a scaled parameter (e.g. an emissivity at 1).
 */
export function sensitivity<P extends Record<string, number>, K extends keyof P & string>(
  base: P,
  keys: K[],
  factors: number[],
  f: (p: P) => number,
  design: "oneAtATime" | "corners" = "oneAtATime",
  clamp: Partial<Record<K, [number, number]>> = {},
): SensitivityResult<K> {
  if (base === null || typeof base !== "object") throw new TypeError("base must be an object of numbers");
  if (!Array.isArray(keys) || keys.length === 0) throw new TypeError("keys must be a non-empty array");
  keys.forEach((k) => requireFinite(`base.${k}`, base[k]));
  if (!Array.isArray(factors) || factors.length === 0) {
    throw new TypeError("factors must be a non-empty array");
  }
  factors.forEach((x, i) => requirePositive(`factors[${i}]`, x));
  if (typeof f !== "function") throw new TypeError(`f must be a function, got ${typeof f}`);
  requireOneOf("design", design, ["oneAtATime", "corners"] as const);
  const apply = (fs: Partial<Record<K, number>>): P => {
    const p = { ...base } as Record<string, number>;
    for (const [k, x] of Object.entries(fs) as [K, number][]) {
      let v = base[k] * x;
      const c = clamp[k];
      if (c) v = Math.min(c[1], Math.max(c[0], v));
      p[k] = v;
    }
    return p as P;
  };
  const designs: Partial<Record<K, number>>[] = [];
  if (design === "oneAtATime") {
    for (const k of keys) for (const x of factors) designs.push({ [k]: x } as Partial<Record<K, number>>);
  } else {
    let acc: Partial<Record<K, number>>[] = [{}];
    for (const k of keys) acc = acc.flatMap((d) => factors.map((x) => ({ ...d, [k]: x })));
    designs.push(...acc);
  }
  const nominal = requireFinite("f(base)", f({ ...base }));
  const rows: SensitivityRow<K>[] = [{ factors: {}, value: nominal }];
  for (const d of designs) rows.push({ factors: d, value: requireFinite("f(variation)", f(apply(d))) });
  let lo = rows[0], hi = rows[0];
  for (const r of rows) {
    if (r.value < lo.value) lo = r;
    if (r.value > hi.value) hi = r;
  }
  return { nominal, min: lo.value, max: hi.value, argmin: lo.factors, argmax: hi.factors, rows };
}
