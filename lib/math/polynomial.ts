/**
 * Exact univariate polynomials with BigInt coefficients, expanded from expressions parsed by mathjs. mathjs's own
 * `rationalize`/`simplify` did not finish within two minutes on the degree-11 products of the counting notebooks
 * (measured here with mathjs 15.2), so expansion walks mathjs's syntax tree over this small ring instead:
 * + − × and non-negative integer powers of integer polynomials.
 * @module
 */
import { parse } from "mathjs";
import type { MathNode } from "mathjs";

/** Coefficients, lowest degree first, with no trailing zeros (the zero polynomial is []). */
export type Poly = bigint[];

function trim(p: Poly): Poly {
  let n = p.length;
  while (n > 0 && p[n - 1] === 0n) n -= 1;
  return p.slice(0, n);
}

/** p + q. */
export function polyAdd(p: Poly, q: Poly): Poly {
  const out = new Array<bigint>(Math.max(p.length, q.length)).fill(0n);
  p.forEach((c, i) => (out[i] += c));
  q.forEach((c, i) => (out[i] += c));
  return trim(out);
}

/** p · q. */
export function polyMul(p: Poly, q: Poly): Poly {
  if (p.length === 0 || q.length === 0) return [];
  const out = new Array<bigint>(p.length + q.length - 1).fill(0n);
  p.forEach((a, i) => q.forEach((b, j) => (out[i + j] += a * b)));
  return trim(out);
}

/** p(x) evaluated exactly at an integer x. */
export function polyEval(p: Poly, x: bigint): bigint {
  let acc = 0n;
  for (let i = p.length - 1; i >= 0; i--) acc = acc * x + p[i];
  return acc;
}

/** Expands `expr` (mathjs syntax: integers, `variable`, + − * ^ and parentheses) into exact coefficients. */
export function expandPolynomial(expr: string, variable: string): Poly {
  if (typeof expr !== "string" || expr.trim() === "") {
    throw new TypeError("expr must be a non-empty expression");
  }
  if (!/^[A-Za-z_]\w*$/.test(variable)) {
    throw new TypeError(`variable must be an identifier, got ${JSON.stringify(variable)}`);
  }
  return walk(parse(expr), variable);
}

function walk(node: MathNode, v: string): Poly {
  const n = node as MathNode & {
    fn?: string;
    op?: string;
    args?: MathNode[];
    value?: unknown;
    name?: string;
    content?: MathNode;
  };
  switch (node.type) {
    case "ParenthesisNode":
      return walk(n.content!, v);
    case "ConstantNode": {
      const value = Number(n.value);
      if (!Number.isSafeInteger(value)) {
        throw new RangeError(`only integer constants are supported, got ${n.value}`);
      }
      return trim([BigInt(value)]);
    }
    case "SymbolNode":
      if (n.name !== v) throw new RangeError(`unknown symbol ${n.name} (the variable is ${v})`);
      return [0n, 1n];
    case "OperatorNode": {
      const args = n.args!;
      if (n.fn === "unaryMinus") return polyMul([-1n], walk(args[0], v));
      if (n.fn === "unaryPlus") return walk(args[0], v);
      if (n.fn === "add") return args.map((a) => walk(a, v)).reduce(polyAdd);
      if (n.fn === "subtract") return polyAdd(walk(args[0], v), polyMul([-1n], walk(args[1], v)));
      if (n.fn === "multiply") return args.map((a) => walk(a, v)).reduce(polyMul);
      if (n.fn === "pow") {
        const e = walk(args[1], v);
        if (e.length > 1 || (e[0] ?? 0n) < 0n) {
          throw new RangeError("exponents must be non-negative integer constants");
        }
        let out: Poly = [1n];
        for (let i = 0n; i < (e[0] ?? 0n); i++) out = polyMul(out, walk(args[0], v));
        return out;
      }
      throw new RangeError(`operator ${n.op} is not supported in polynomial expansion`);
    }
    default:
      throw new RangeError(`${node.type} is not supported in polynomial expansion`);
  }
}
