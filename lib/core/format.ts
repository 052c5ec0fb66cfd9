/**
 * Number formatting shared by tables, claims and plots: compact, deterministic, and readable.
 * @module
 */

/** Formats a number with `digits` significant digits (exponent form for very small or large magnitudes). */
export function fmtNum(x: number, digits = 5): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e15) return String(x); // counts stay exact: 43046721, not 4.3047e+7
  if (a >= 1e6 || a < 1e-4) return x.toExponential(digits - 1).replace(/\.?0+e/, "e");
  const s = x.toPrecision(digits);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** Formats any claim value: numbers with {@link fmtNum}, arrays element-wise, others with JSON. */
export function fmtValue(v: unknown, digits = 5): string {
  if (typeof v === "number") return fmtNum(v, digits);
  if (Array.isArray(v)) return `[${v.map((e) => fmtValue(e, digits)).join(", ")}]`;
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
