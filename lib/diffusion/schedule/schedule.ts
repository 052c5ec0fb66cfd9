/**
 * Discrete noise schedules in the notation of Su's "DDPM = autoregressive VAE" (kexue.fm/archives/9152):
 * the encoder step is p(x_t|x_{t-1}) = N(α_t x_{t-1}, β_t² I) with α_t² + β_t² = 1, and composing t steps gives
 * p(x_t|x_0) = N(ᾱ_t x_0, β̄_t² I) with ᾱ_t = ∏_{i≤t} α_i and β̄_t = √(1 − ᾱ_t²).
 *
 * The DDPM paper (Ho et al. 2020) uses the squares: β^Ho_t = β_t², ᾱ^Ho_t = ᾱ_t². All tables here are float64,
 * indexed 0..T with index 0 the identity (α_0 = ᾱ_0 = 1, β_0 = β̄_0 = 0).
 * @module
 */
import { requireAllFinite, requireInt, requireOneOf, requirePositive } from "../../core/mod.ts";

/** A discrete variance-preserving schedule; every table has length T + 1 and index 0 is the identity. */
export interface DiscreteSchedule {
  /** Number of steps T (>= 1). */
  readonly T: number;
  /** α_t, the per-step signal factor (α_0 = 1). */
  readonly alpha: Float64Array;
  /** β_t = √(1 − α_t²), the per-step noise std (β_0 = 0). */
  readonly beta: Float64Array;
  /** ᾱ_t = ∏_{i≤t} α_i (ᾱ_0 = 1). */
  readonly alphaBar: Float64Array;
  /** β̄_t = √(1 − ᾱ_t²) (β̄_0 = 0). */
  readonly betaBar: Float64Array;
}

/** Which closed-form reverse std: "large" σ_t = β_t, "small" σ_t = β̄_{t−1} β_t / β̄_t. */
export type SigmaChoice = "large" | "small";

/**
 * Builds a schedule from the squared per-step noise β_t² = β^Ho_t, t = 1..T (array of length T, each in (0, 1)).
 * ᾱ_t² is accumulated in log space and β̄_t² = −expm1(log ᾱ_t²), so small β̄_t keep full relative precision.
 */
export function fromHoBetas(betasHo: ArrayLike<number>): DiscreteSchedule {
  if (betasHo === null || typeof betasHo !== "object" || typeof betasHo.length !== "number") {
    throw new TypeError(`betasHo must be an array of numbers, got ${String(betasHo)}`);
  }
  const T = betasHo.length;
  if (T < 1) throw new RangeError(`betasHo must have length T >= 1, got ${T}`);
  requireAllFinite("betasHo", betasHo);
  const alpha = new Float64Array(T + 1), beta = new Float64Array(T + 1);
  const alphaBar = new Float64Array(T + 1), betaBar = new Float64Array(T + 1);
  alpha[0] = 1;
  alphaBar[0] = 1;
  let logAlphaBarSq = 0;
  for (let t = 1; t <= T; t++) {
    const b2 = betasHo[t - 1];
    if (!(b2 > 0 && b2 < 1)) throw new RangeError(`betasHo[${t - 1}] must be in (0, 1), got ${b2}`);
    alpha[t] = Math.sqrt(1 - b2);
    beta[t] = Math.sqrt(b2);
    logAlphaBarSq += Math.log1p(-b2);
    alphaBar[t] = Math.exp(logAlphaBarSq / 2);
    betaBar[t] = Math.sqrt(-Math.expm1(logAlphaBarSq));
  }
  return { T, alpha, beta, alphaBar, betaBar };
}

/**
 * Su's schedule (article, "hyper-parameters" section; bojone/Keras-DDPM): α_t = √(1 − βmax·t/T), i.e. β^Ho_t =
 * βmax·t/T, linear from βmax/T to βmax (βmax = 0.02). For T = 1000, ᾱ_T = 0.0064820 (ᾱ_T² = 4.20e-5).
 */
export function suLinearSchedule(T = 1000, betaMaxHo = 0.02): DiscreteSchedule {
  requireInt("T", T, 1);
  requirePositive("betaMaxHo", betaMaxHo);
  if (betaMaxHo >= 1) throw new RangeError(`betaMaxHo must be < 1, got ${betaMaxHo}`);
  return fromHoBetas(Array.from({ length: T }, (_, i) => (betaMaxHo * (i + 1)) / T));
}

function requireSchedule(s: DiscreteSchedule): void {
  if (s === null || typeof s !== "object" || !(s.alpha instanceof Float64Array)) {
    throw new TypeError(`schedule must be a DiscreteSchedule, got ${String(s)}`);
  }
}

/** Throws unless `t` is an integer step in [lo, schedule.T]. */
export function requireStep(name: string, t: number, s: DiscreteSchedule, lo = 1): number {
  requireSchedule(s);
  return requireInt(name, t, lo, s.T);
}

/** The same schedule in the DDPM paper's notation (Ho et al. 2020, eqs. 4 and 7), tables indexed 0..T. */
export interface HoNotation {
  /** β^Ho_t = β_t². */
  betaHo: Float64Array;
  /** ᾱ^Ho_t = ᾱ_t². */
  alphaBarHo: Float64Array;
  /** β̃^Ho_t = β̄_{t−1}² β_t² / β̄_t², the posterior variance of q(x_{t−1}|x_t, x_0) (β̃_0 := 0). */
  betaTildeHo: Float64Array;
}

/** Converts to the DDPM paper's notation: β^Ho = β², ᾱ^Ho = ᾱ², β̃^Ho = β̄_{t−1}²β_t²/β̄_t². */
export function toHoNotation(s: DiscreteSchedule): HoNotation {
  requireSchedule(s);
  const n = s.T + 1;
  const betaHo = new Float64Array(n), alphaBarHo = new Float64Array(n), betaTildeHo = new Float64Array(n);
  alphaBarHo[0] = 1;
  for (let t = 1; t < n; t++) {
    betaHo[t] = s.beta[t] ** 2;
    alphaBarHo[t] = s.alphaBar[t] ** 2;
    betaTildeHo[t] = posteriorSigma(s, t, "small") ** 2;
  }
  return { betaHo, alphaBarHo, betaTildeHo };
}

/**
 * The reverse std σ_t of q(x_{t−1}|x_t) = N(μ(x_t), σ_t² I) (article, "choice of σ_t"):
 * "large" σ_t = β_t (optimal when the data are N(0, I)); "small" σ_t = β̄_{t−1} β_t / β̄_t (optimal when the data
 * are a single point; σ_1 = 0 exactly).
 */
export function posteriorSigma(s: DiscreteSchedule, t: number, choice: SigmaChoice): number {
  requireStep("t", t, s);
  requireOneOf("choice", choice, ["large", "small"] as const);
  return choice === "large" ? s.beta[t] : (s.betaBar[t - 1] * s.beta[t]) / s.betaBar[t];
}

/** The table σ_0..σ_T of {@link posteriorSigma} (σ_0 := 0). */
export function sigmaTable(s: DiscreteSchedule, choice: SigmaChoice): Float64Array {
  requireSchedule(s);
  requireOneOf("choice", choice, ["large", "small"] as const);
  const out = new Float64Array(s.T + 1);
  for (let t = 1; t <= s.T; t++) out[t] = posteriorSigma(s, t, choice);
  return out;
}

/**
 * The exact reverse variance Var(x_{t−1}|x_t) per dimension when the data are N(0, s0²) (derivation of the two σ
 * choices): with v_t = ᾱ_t² s0² + β̄_t², Cov(x_{t−1}, x_t) = α_t v_{t−1}, so Var = v_{t−1} − α_t² v_{t−1}² / v_t.
 * s0 = 0 gives the "small" σ_t², s0 = 1 gives β_t².
 */
export function gaussianReverseVariance(s: DiscreteSchedule, t: number, s0: number): number {
  requireStep("t", t, s);
  requirePositive("s0", s0, true);
  const v = (k: number) => s.alphaBar[k] ** 2 * s0 * s0 + s.betaBar[k] ** 2;
  const vPrev = v(t - 1), vt = v(t);
  return vPrev - (s.alpha[t] ** 2 * vPrev * vPrev) / vt;
}
