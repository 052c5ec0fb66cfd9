/**
 * Symbolic differentiation over mathjs (`derivative` + `simplify`), compiled for float64 evaluation: the independent
 * route by which a notebook checks a hand-derived derivative, e.g. d/dp of the TaiLr loss
 * −log(γ + (1 − γ)p)/(1 − γ) = −1/(γ + (1 − γ)p) (kexue.fm/archives/9526, derivation 3).
 * @module
 */
import { derivative, parse, simplify } from "mathjs";

/** A derivative found by mathjs: its simplified text and a float64 evaluator over a scope of variables. */
export interface SymbolicDerivative {
  text: string;
  evaluate: (scope: Record<string, number>) => number;
}

/** d(expr)/d(variable), simplified by mathjs. Throws a TypeError for an unparsable expression or a bad variable. */
export function symbolicDerivative(expr: string, variable: string): SymbolicDerivative {
  if (typeof expr !== "string" || expr.trim() === "") throw new TypeError("expr must be a non-empty string");
  if (typeof variable !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
    throw new TypeError(`variable must be an identifier, got ${JSON.stringify(variable)}`);
  }
  let node;
  try {
    node = parse(expr);
  } catch (e) {
    throw new TypeError(`expr could not be parsed: ${(e as Error).message}`);
  }
  const d = simplify(derivative(node, variable));
  const code = d.compile();
  return {
    text: d.toString(),
    evaluate: (scope) => {
      const v = code.evaluate({ ...scope });
      if (typeof v !== "number") throw new TypeError(`the derivative did not evaluate to a number: ${v}`);
      return v;
    },
  };
}
