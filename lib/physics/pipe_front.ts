/**
 * The hot-water front in a pipe whose wall stores heat (notebook 19 §3): per unit length,
 *   C_w (∂_t T + u ∂_x T) = −G (T − T_p),   C_p ∂_t T_p = G (T − T_p) − (UA)' (T_p − T_a),
 * solved by operator splitting on a uniform grid: explicit first-order upwind advection in flux form (CFL u·dt/dx ≤
 * 1), then the water–wall exchange relaxed exactly (the 2×2 linear system has a closed-form solution, so any G is
 * stable), then the wall's loss to ambient relaxed exactly. Each sub-step conserves energy exactly, so heat advected
 * in − out − lost to ambient = Δ(stored in water + wall) up to round-off. Limits: G = 0 → the front arrives at L/u;
 * G → ∞ → it moves at u/(1 + C_p/C_w) (retardation).
 * @module
 */
import { requireFinite, requireInt, requirePositive } from "../core/mod.ts";
import { requireCelsius } from "./units.ts";
import type { PipeFrontExactOptions } from "./pipe_front_exact.ts";

/** Inputs of {@link simulatePipeFront} (SI; temperatures °C). */
export interface PipeFrontOptions extends PipeFrontExactOptions {
  /** pipe length, m */
  L: number;
  /** cell size, m (L/dx is rounded to an integer number of cells) */
  dx: number;
  /** simulated time, s */
  tEnd: number;
  /** time step, s (default 0.5·dx/u, CFL 0.5) */
  dt?: number;
  /** wall-to-ambient conductance per metre, W/(m·K) (default 0) */
  ambientUA?: number;
  /** ambient temperature, °C (default T0) */
  Ta?: number;
}

/** Output of {@link simulatePipeFront}. Energies in J relative to T0 (so they stay well conditioned). */
export interface PipeFrontResult {
  /** times after each step (t[0] = 0) */
  t: Float64Array;
  /** outlet water temperature (last cell) at those times */
  Tout: Float64Array;
  /** heat advected in through the inlet, J */
  energyIn: number;
  /** heat advected out through the outlet, J */
  energyOut: number;
  /** heat lost from the wall to ambient, J */
  energyLoss: number;
  /** change of heat stored in water + wall, J */
  stored: number;
  /** final water and wall temperatures per cell, and cell centres */
  x: Float64Array;
  Twater: Float64Array;
  Twall: Float64Array;
  /** the time step used and the Courant number u·dt/dx */
  dt: number;
  courant: number;
}

/** Simulates the front of hot water entering a cold pipe (see the module doc for the scheme). */
export function simulatePipeFront(o: PipeFrontOptions): PipeFrontResult {
  if (o === null || typeof o !== "object") throw new TypeError("opts must be a PipeFrontOptions object");
  const L = requirePositive("L", o.L), dx0 = requirePositive("dx", o.dx), u = requirePositive("u", o.u);
  const Cw = requirePositive("Cw", o.Cw),
    Cp = requirePositive("Cp", o.Cp),
    G = requirePositive("G", o.G, true);
  const T0 = requireCelsius("T0", o.T0),
    Tin = requireCelsius("Tin", o.Tin),
    tEnd = requirePositive("tEnd", o.tEnd);
  const UA = requirePositive("ambientUA", o.ambientUA ?? 0, true), Ta = requireCelsius("Ta", o.Ta ?? T0);
  const n = requireInt("L/dx (cells)", Math.max(1, Math.round(L / dx0)), 1, 10_000_000);
  const dx = L / n;
  const dt = o.dt === undefined ? (0.5 * dx) / u : requirePositive("dt", o.dt);
  const c = (u * dt) / dx;
  if (c > 1) throw new RangeError(`dt must satisfy u·dt/dx <= 1 (CFL), got u·dt/dx = ${c}`);
  requireFinite("G·dt", G * dt);
  const steps = Math.ceil(tEnd / dt - 1e-9);
  // temperatures relative to T0
  const w = new Float64Array(n), p = new Float64Array(n);
  const tin = Tin - T0, ta = Ta - T0;
  const decayX = Math.exp(-G * (1 / Cw + 1 / Cp) * dt), fw = Cp / (Cw + Cp), fp = Cw / (Cw + Cp);
  const decayA = Math.exp((-UA * dt) / Cp);
  const t = new Float64Array(steps + 1), Tout = new Float64Array(steps + 1);
  Tout[0] = T0;
  let eIn = 0, eOut = 0, eLoss = 0;
  for (let s = 1; s <= steps; s++) {
    // advection, flux form: cell i gains c·(T_{i-1} − T_i)
    eIn += Cw * u * dt * tin;
    eOut += Cw * u * dt * w[n - 1];
    for (let i = n - 1; i > 0; i--) w[i] += c * (w[i - 1] - w[i]);
    w[0] += c * (tin - w[0]);
    // exact water–wall relaxation and exact wall loss
    for (let i = 0; i < n; i++) {
      const mean = fp * w[i] + fw * p[i], d = (w[i] - p[i]) * decayX;
      w[i] = mean + fw * d;
      p[i] = mean - fp * d;
      if (UA > 0) {
        const pn = ta + (p[i] - ta) * decayA;
        eLoss += Cp * dx * (p[i] - pn);
        p[i] = pn;
      }
    }
    t[s] = s * dt;
    Tout[s] = T0 + w[n - 1];
  }
  let stored = 0;
  for (let i = 0; i < n; i++) stored += (Cw * w[i] + Cp * p[i]) * dx;
  const x = Float64Array.from({ length: n }, (_, i) => (i + 0.5) * dx);
  return {
    t,
    Tout,
    energyIn: eIn,
    energyOut: eOut,
    energyLoss: eLoss,
    stored,
    x,
    Twater: w.map((v) => v + T0),
    Twall: p.map((v) => v + T0),
    dt,
    courant: c,
  };
}
