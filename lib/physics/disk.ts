/**
 * Conduction in a thin axisymmetric pan bottom (notebook 32 §6): a disk of radius R and thickness δ, heated by a
 * surface flux q(r, t) and losing heat from both faces,
 *   ρ c δ ∂_t T = k δ (1/r) ∂_r(r ∂_r T) + q(r, t) − 2 h_eff (T − T_a),   ∂_r T(R) = 0,
 * by finite volumes in r (cell faces r_{i±1/2}, face conductances 2π r_face k δ / Δr: conservative, zero flux at r = 0
 * and the rim) and backward Euler in time (tridiagonal solve; unconditionally stable). Energy is accounted exactly:
 * ∫source − ∫loss = Δstored up to round-off. Also the steady state and its closed form for a central-disk source in
 * modified Bessel functions.
 * @module
 */
import { requireCelsius } from "./units.ts";
import { requireFinite, requireInt, requirePositive } from "../core/mod.ts";
import { besselI0, besselI1, besselK0, besselK1 } from "../math/mod.ts";
import { type Material } from "./materials.ts";

/** Disk geometry, material and losses. */
export interface DiskSpec {
  /** radius, m */
  R: number;
  /** number of radial cells */
  nr: number;
  /** thickness, m */
  delta: number;
  mat: Material;
  /** loss coefficient per face, W/(m²K) */
  hEff: number;
  /** ambient, °C */
  Ta: number;
  /** absorbed flux on the disk, W/m², at radius r and time t */
  source: (r: number, t: number) => number;
}

/** Inputs of {@link simulateDiskFV}. */
export interface DiskOptions extends DiskSpec {
  /** initial uniform temperature, °C */
  T0: number;
  /** end time, s */
  tEnd: number;
  /** time step, s */
  dt: number;
  /** keep a snapshot every this many steps (default: about 100 snapshots); the last step is always kept */
  saveEvery?: number;
}

/** Output of {@link simulateDiskFV}. */
export interface DiskResult {
  /** cell centres, m */
  r: Float64Array;
  /** cell areas (one face), m² */
  area: Float64Array;
  /** snapshots of the cell temperatures (°C) at times t; T[0] is the initial state */
  T: Float64Array[];
  t: Float64Array;
  /** energy totals over the run, J: source in, loss out, change stored */
  energy: { source: number; loss: number; stored: number };
}

interface Grid {
  r: Float64Array;
  area: Float64Array;
  cap: Float64Array;
  gFace: Float64Array; // conductance between cell i and i+1, W/K
  loss: Float64Array; // 2 h A_i, W/K
}

function grid(s: DiskSpec): Grid {
  if (s === null || typeof s !== "object") throw new TypeError("opts must be a DiskSpec object");
  const R = requirePositive("R", s.R), n = requireInt("nr", s.nr, 2, 1_000_000);
  const delta = requirePositive("delta", s.delta), h = requirePositive("hEff", s.hEff, true);
  if (s.mat === null || typeof s.mat !== "object") throw new TypeError("mat must be a Material");
  const rho = requirePositive("mat.rho", s.mat.rho), c = requirePositive("mat.c", s.mat.c);
  const k = requirePositive("mat.k", s.mat.k);
  requireCelsius("Ta", s.Ta);
  if (typeof s.source !== "function") {
    throw new TypeError(`source must be a function (r, t) => W/m², got ${typeof s.source}`);
  }
  const dr = R / n;
  const r = new Float64Array(n), area = new Float64Array(n), cap = new Float64Array(n);
  const gFace = new Float64Array(n - 1), loss = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = i * dr, b = (i + 1) * dr;
    r[i] = 0.5 * (a + b);
    area[i] = Math.PI * (b * b - a * a);
    cap[i] = rho * c * delta * area[i];
    loss[i] = 2 * h * area[i];
    if (i < n - 1) gFace[i] = (2 * Math.PI * b * k * delta) / dr;
  }
  return { r, area, cap, gFace, loss };
}

function sourceVector(s: DiskSpec, g: Grid, t: number): Float64Array {
  const q = new Float64Array(g.r.length);
  for (let i = 0; i < q.length; i++) {
    q[i] = requireFinite(`source(${g.r[i]}, ${t})`, s.source(g.r[i], t)) * g.area[i];
  }
  return q;
}

/** Solves the tridiagonal system with diagonal d, off-diagonal −g (symmetric), right side b (Thomas algorithm). */
function solveSym(d: Float64Array, g: Float64Array, b: Float64Array): Float64Array {
  const n = d.length, cp = new Float64Array(n), x = new Float64Array(n);
  let denom = d[0];
  cp[0] = n > 1 ? -g[0] / denom : 0;
  x[0] = b[0] / denom;
  for (let i = 1; i < n; i++) {
    denom = d[i] + g[i - 1] * cp[i - 1];
    if (i < n - 1) cp[i] = -g[i] / denom;
    x[i] = (b[i] + g[i - 1] * x[i - 1]) / denom;
  }
  for (let i = n - 2; i >= 0; i--) x[i] -= cp[i] * x[i + 1];
  return x;
}

/**
 * Time-dependent disk temperatures by finite volumes + backward Euler (notebook 32 §6), with exact energy accounting:
 * source = Σ_steps Σ_i q_i A_i dt, loss = Σ_steps Σ_i 2h A_i (T_i − T_a) dt (at the new time level, as the scheme
 * uses), stored = Σ_i C_i (T_i(end) − T0).
 */
export function simulateDiskFV(o: DiskOptions): DiskResult {
  const g = grid(o);
  const T0 = requireCelsius("T0", o.T0),
    tEnd = requirePositive("tEnd", o.tEnd),
    dt = requirePositive("dt", o.dt);
  const steps = Math.max(1, Math.round(tEnd / dt));
  if (Math.abs(steps * dt - tEnd) > 1e-9 * tEnd) {
    throw new RangeError(`tEnd must be a multiple of dt, got ${tEnd}/${dt}`);
  }
  const every = o.saveEvery === undefined
    ? Math.max(1, Math.floor(steps / 100))
    : requireInt("saveEvery", o.saveEvery);
  const n = g.r.length;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    d[i] = g.cap[i] / dt + g.loss[i] + (i > 0 ? g.gFace[i - 1] : 0) + (i < n - 1 ? g.gFace[i] : 0);
  }
  // work in θ = T − T_a
  let th: Float64Array = new Float64Array(n).fill(T0 - o.Ta);
  const snaps: Float64Array[] = [th.map((v) => v + o.Ta)], times: number[] = [0];
  let eSrc = 0, eLoss = 0;
  for (let s = 1; s <= steps; s++) {
    const t = s * dt, q = sourceVector(o, g, t), b = new Float64Array(n);
    for (let i = 0; i < n; i++) b[i] = (g.cap[i] / dt) * th[i] + q[i];
    th = solveSym(d, g.gFace, b);
    for (let i = 0; i < n; i++) {
      eSrc += q[i] * dt;
      eLoss += g.loss[i] * th[i] * dt;
    }
    if (s % every === 0 || s === steps) {
      snaps.push(th.map((v) => v + o.Ta));
      times.push(t);
    }
  }
  let stored = 0;
  for (let i = 0; i < n; i++) stored += g.cap[i] * (th[i] - (T0 - o.Ta));
  return {
    r: g.r,
    area: g.area,
    T: snaps,
    t: Float64Array.from(times),
    energy: { source: eSrc, loss: eLoss, stored },
  };
}

/** The steady temperatures (°C) of the FV disk with a time-independent source (source(r, 0) is used). Needs hEff > 0. */
export function diskSteadyState(s: DiskSpec): { r: Float64Array; T: Float64Array } {
  const g = grid(s);
  requirePositive("hEff", s.hEff);
  const n = g.r.length, d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = g.loss[i] + (i > 0 ? g.gFace[i - 1] : 0) + (i < n - 1 ? g.gFace[i] : 0);
  const th = solveSym(d, g.gFace, sourceVector(s, g, 0));
  return { r: g.r, T: th.map((v) => v + s.Ta) };
}

/**
 * Area-weighted mean and the normalised non-uniformity (T_max − T_min)/(T̄ − T_a) of a disk temperature field
 * (notebook 32 §6).
 */
export function diskNonUniformity(
  T: Float64Array,
  area: Float64Array,
  Ta: number,
): { mean: number; ratio: number } {
  if (T.length !== area.length || T.length === 0) {
    throw new RangeError(
      `T and area must be non-empty and of equal length, got ${T.length} and ${area.length}`,
    );
  }
  let s = 0, a = 0, mx = -Infinity, mn = Infinity;
  for (let i = 0; i < T.length; i++) {
    s += T[i] * area[i];
    a += area[i];
    mx = Math.max(mx, T[i]);
    mn = Math.min(mn, T[i]);
  }
  const mean = s / a;
  if (!(Math.abs(mean - Ta) > 0)) throw new RangeError(`mean temperature equals Ta = ${Ta}: ratio undefined`);
  return { mean, ratio: (mx - mn) / (mean - Ta) };
}

/** A uniform flux delivering total power P (W) on the annulus r1 <= r < r2 (0 <= r1 < r2): P/(π(r2² − r1²)). */
export function annulusSource(P: number, r1: number, r2: number): (r: number, t: number) => number {
  requirePositive("P", P, true);
  requirePositive("r1", r1, true);
  requirePositive("r2", r2);
  if (!(r2 > r1)) throw new RangeError(`r2 must be > r1, got r1 = ${r1}, r2 = ${r2}`);
  const q = P / (Math.PI * (r2 * r2 - r1 * r1));
  return (r) => (r >= r1 && r < r2 ? q : 0);
}

/**
 * Closed-form steady state for a uniform flux q on the central disk r < a of a disk of radius R with insulated rim
 * (notebook 32 §6c): with m² = 2h/(kδ), θ = T − T_a,
 *   θ = q/(2h) + A I₀(mr) (r < a),   θ = B I₀(mr) + C K₀(mr) (a ≤ r ≤ R),
 * with θ and θ' continuous at a and θ'(R) = 0. Returns T(r) in °C.
 */
export function diskBesselSteady(
  p: { R: number; a: number; delta: number; k: number; hEff: number; q: number; Ta: number },
): (r: number) => number {
  const R = requirePositive("R", p.R), a = requirePositive("a", p.a), h = requirePositive("hEff", p.hEff);
  const kd = requirePositive("k", p.k) * requirePositive("delta", p.delta), q = requireFinite("q", p.q);
  const Ta = requireCelsius("Ta", p.Ta);
  if (!(a < R)) throw new RangeError(`a must be < R, got a = ${a}, R = ${R}`);
  const m = Math.sqrt((2 * h) / kd), th0 = q / (2 * h);
  const i0a = besselI0(m * a), i1a = besselI1(m * a), k0a = besselK0(m * a), k1a = besselK1(m * a);
  const rB = besselK1(m * R) / besselI1(m * R); // B = rB · C from θ'(R) = 0
  // continuity of θ' at a: A I1a = B I1a − C K1a; of θ: th0 + A I0a = B I0a + C K0a
  const A_ = (C: number) => (rB * C * i1a - C * k1a) / i1a;
  // th0 + A(C)·I0a = C (rB I0a + K0a)  → linear in C
  const coefA = ((rB * i1a - k1a) / i1a) * i0a;
  const C = th0 / (rB * i0a + k0a - coefA), A = A_(C), B = rB * C;
  return (r: number) => {
    const x = requirePositive("r", r, true);
    if (x > R * (1 + 1e-12)) throw new RangeError(`r must be <= R = ${R}, got ${r}`);
    return Ta + (x < a ? th0 + A * besselI0(m * x) : B * besselI0(m * x) + C * besselK0(m * x));
  };
}
