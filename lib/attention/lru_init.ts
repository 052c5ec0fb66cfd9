/**
 * The LRU's eigenvalue parameterisation and its ring initialisation (article "Resurrecting RNNs", 参数化 and 初始化):
 *
 *   λ = exp(−ν + iθ),  ν = e^{ν^log},  θ = e^{θ^log},  so |λ| = e^{−ν} ∈ (0, 1) for every real ν^log;
 *   ring:  r² ~ U[r_min², r_max²],  θ ~ U[0, θ_max]   (uniform on the annulus: dx dy = ½ d(r²) dθ),
 *          ν^log = log(−½ log r²),  θ^log = log θ,  γ^log = log √(1 − r²)   (the γ normalisation).
 *
 * The unit disk (what Glorot initialisation gives by the circular law) is the ring with r_min = 0, r_max = 1.
 * @module
 */
import { requireFinite, requireInRange, requireInt, type Rng } from "../core/mod.ts";
import { cexp, type Complex } from "../math/mod.ts";

/** Ring initialisation: r ∈ [rMin, rMax] (0 ≤ rMin < rMax ≤ 1), phase θ ∈ [0, maxPhase]. */
export interface LruInit {
  rMin: number;
  rMax: number;
  maxPhase: number;
}

/** The paper's default ring (r ∈ [0.9, 0.999], θ ∈ [0, 2π]), used by Su's code too. */
export const RING_DEFAULT: Readonly<LruInit> = Object.freeze({
  rMin: 0.9,
  rMax: 0.999,
  maxPhase: 2 * Math.PI,
});

/** The unit disk as a ring (what Glorot initialisation gives, by the circular law). */
export const DISK_INIT: Readonly<LruInit> = Object.freeze({ rMin: 0, rMax: 1, maxPhase: 2 * Math.PI });

/** Validates an {@link LruInit}. */
export function requireLruInit(init: LruInit): LruInit {
  if (!init || typeof init !== "object") throw new TypeError("init must be {rMin, rMax, maxPhase}");
  const rMin = requireInRange("init.rMin", init.rMin, 0, 1);
  const rMax = requireInRange("init.rMax", init.rMax, 0, 1);
  if (!(rMin < rMax)) throw new RangeError(`init.rMin must be < init.rMax, got ${rMin} and ${rMax}`);
  const maxPhase = requireInRange("init.maxPhase", init.maxPhase, 0, 2 * Math.PI);
  if (maxPhase === 0) throw new RangeError("init.maxPhase must be > 0");
  return { rMin, rMax, maxPhase };
}

/** A uniform draw in (0, 1) (redrawn on an exact 0, so logs stay finite). */
function openUniform(rng: Rng): number {
  let u = rng.uniform();
  while (u === 0) u = rng.uniform();
  return u;
}

/**
 * n eigenvalues uniform on the ring r ∈ [rMin, rMax], θ ∈ [0, maxPhase]: r² = U·(rMax² − rMin²) + rMin² (article,
 * 初始化: uniform in area, since dx dy = ½ d(r²) dθ), θ = maxPhase·U. Returns the moduli and phases.
 */
export function sampleRing(rng: Rng, n: number, init: LruInit): { r: Float64Array; theta: Float64Array } {
  requireInt("n", n, 1);
  const { rMin, rMax, maxPhase } = requireLruInit(init);
  if (!rng || typeof rng.uniform !== "function") throw new TypeError("rng must be an Rng");
  const r = new Float64Array(n), theta = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    r[j] = Math.sqrt(openUniform(rng) * (rMax * rMax - rMin * rMin) + rMin * rMin);
    theta[j] = maxPhase * openUniform(rng);
  }
  return { r, theta };
}

/**
 * The LRU's stored parameters for n ring-initialised eigenvalues (article, 初始化 and the γ normalisation):
 * ν^log = log(−½ log(U(rMax² − rMin²) + rMin²)), θ^log = log(θ_max U), γ^log = log √(1 − |λ|²).
 */
export function lruLogParams(
  rng: Rng,
  n: number,
  init: LruInit,
): { nuLog: Float64Array; thetaLog: Float64Array; gammaLog: Float64Array } {
  const { r, theta } = sampleRing(rng, n, init);
  const nuLog = new Float64Array(n), thetaLog = new Float64Array(n), gammaLog = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const r2 = r[j] * r[j];
    nuLog[j] = Math.log(-0.5 * Math.log(r2));
    thetaLog[j] = Math.log(theta[j]);
    gammaLog[j] = 0.5 * Math.log(1 - r2);
  }
  return { nuLog, thetaLog, gammaLog };
}

/** λ = exp(−e^{ν^log} + i·e^{θ^log}) (article, 参数化), evaluated with the complex exponential. */
export function lambdaFromLog(nuLog: number, thetaLog: number): Complex {
  requireFinite("nuLog", nuLog);
  requireFinite("thetaLog", thetaLog);
  if (thetaLog > 700) throw new RangeError(`thetaLog must be <= 700 (e^thetaLog finite), got ${thetaLog}`);
  if (nuLog > 700) throw new RangeError(`nuLog must be <= 700 (e^nuLog finite), got ${nuLog}`);
  return cexp({ re: -Math.exp(nuLog), im: Math.exp(thetaLog) });
}
