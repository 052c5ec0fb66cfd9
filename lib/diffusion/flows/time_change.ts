/**
 * Time changes of a {@link Field}. Near t = 0 the probability-flow field of narrow data is steep while at large t it is
 * gentle, so a fixed step in t is wasteful; a fixed step in τ = log t is a geometric grid in t (article 21's
 * integration from T down to t ≈ 0). With t = e^τ, dx/dτ = e^τ v(x, e^τ): the same paths, run by lib's one
 * {@link transport} with a fixed step in τ.
 * @module
 */
import { checkField, type Field } from "./field.ts";

/**
 * The field in log-time: w(x, τ) = e^τ·v(x, e^τ) (and ∇·w = e^τ ∇·v when the divergence is known). Transport it from
 * τ₀ = log t₀ to τ₁ = log t₁ (t₀, t₁ > 0) for a geometric grid in t.
 */
export function logTimeField(field: Field): Field {
  checkField(field);
  const out: Field = {
    dim: field.dim,
    velocity: (x, tau) => {
      const t = Math.exp(tau), v = field.velocity(x, t);
      return v.map((u) => u * t);
    },
  };
  if (field.divergence) {
    const div = field.divergence;
    out.divergence = (x, tau) => {
      const t = Math.exp(tau);
      return div(x, t).map((u) => u * t);
    };
  }
  return out;
}
