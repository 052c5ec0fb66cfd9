/**
 * The "zero cold water" (ZCW) schemes of notebook 19 (article 9405) in a plug-flow volume model: per pre-heat, how
 * much water each scheme sends down the drain, how much volume it heats beyond the hot pipe (relative to the no-ZCW
 * baseline, where the hot pipe is left full of hot water after every use anyway), how hot the cold line can get, and
 * whether a cold tap can fire the heater. Plus the timer-controlled pump (§6) and the normally-closed thermostatic
 * solenoid valve's logic.
 * @module
 */
import { requireCelsius, S_PER_DAY } from "./units.ts";
import { requireOneOf, requirePositive } from "../core/mod.ts";

/** The schemes of the article, in its order. */
export const ZCW_SCHEMES = [
  "none",
  "returnPump",
  "returnThermoValve",
  "returnThermoCheck",
  "coldReturnCheck",
  "coldReturnThermo",
  "coldReturnSolenoid",
  "drain",
] as const;
/** One scheme. */
export type ZcwScheme = typeof ZCW_SCHEMES[number];

/** Short descriptions of the schemes (article 9405). */
export const ZCW_LABELS: Record<ZcwScheme, string> = {
  none: "none (run the tap)",
  returnPump: "return pipe + pump",
  returnThermoValve: "+ thermostatic check valve at far junction",
  returnThermoCheck: "+ plain check valve at return→cold inlet",
  coldReturnCheck: "cold pipe as return, plain check valve",
  coldReturnThermo: "cold pipe as return, thermostatic check valve",
  coldReturnSolenoid: "cold pipe, NC thermostatic solenoid + pump link",
  drain: "drain to sewer (no pump)",
};

/** The house: pipe volumes (m³) and temperatures (°C). */
export interface House {
  /** hot pipe volume, heater → outlet */
  Vh: number;
  /** return pipe volume (return-pipe schemes) */
  Vr: number;
  /** cold pipe volume, outlet → heater */
  Vc: number;
  /** circulation (heater set) temperature */
  Tcirc: number;
  /** thermostatic valve set temperature */
  Tset: number;
  /** cold mains temperature */
  Tcold: number;
}

/** What one pre-heat costs and does under a scheme. */
export interface SchemeBudget {
  /** water run to the drain per use, m³ */
  waterWasted: number;
  /** volume heated beyond the hot pipe per pre-heat, m³ (ideal plug flow, valves close exactly at the front) */
  extraHeated: number;
  /** highest temperature the cold line reaches, °C */
  coldLineMaxT: number;
  /** can opening a cold tap draw water through the heater's circuit and fire it? */
  coldTapFiresHeater: boolean;
  /** needs a dedicated return pipe */
  needsReturnPipe: boolean;
  /** needs a pump */
  needsPump: boolean;
}

function checkHouse(h: House): House {
  if (h === null || typeof h !== "object") throw new TypeError("house must be a House object");
  return {
    Vh: requirePositive("house.Vh", h.Vh),
    Vr: requirePositive("house.Vr", h.Vr, true),
    Vc: requirePositive("house.Vc", h.Vc, true),
    Tcirc: requireCelsius("house.Tcirc", h.Tcirc),
    Tset: requireCelsius("house.Tset", h.Tset),
    Tcold: requireCelsius("house.Tcold", h.Tcold),
  };
}

/** The plug-flow budget of one pre-heat under `scheme` (table of notebook 19 §6). */
export function schemeBudget(scheme: ZcwScheme, house: House): SchemeBudget {
  requireOneOf("scheme", scheme, ZCW_SCHEMES);
  const h = checkHouse(house);
  const base = {
    waterWasted: 0,
    extraHeated: 0,
    coldLineMaxT: h.Tcold,
    coldTapFiresHeater: false,
    needsReturnPipe: false,
    needsPump: true,
  };
  switch (scheme) {
    case "none":
      return { ...base, waterWasted: h.Vh, needsPump: false };
    case "drain":
      return { ...base, waterWasted: h.Vh, needsPump: false };
    case "returnPump": // pump runs until hot water returns to the heater: the whole return pipe is heated
      return { ...base, extraHeated: h.Vr, needsReturnPipe: true };
    case "returnThermoValve":
    case "returnThermoCheck": // the valve closes when the hot front reaches the far junction
      return { ...base, needsReturnPipe: true };
    case "coldReturnCheck": // the whole cold line can fill with circulating hot water
      return { ...base, extraHeated: h.Vc, coldLineMaxT: h.Tcirc, coldTapFiresHeater: true };
    case "coldReturnThermo":
      return { ...base, coldLineMaxT: Math.min(h.Tset, h.Tcirc), coldTapFiresHeater: true };
    case "coldReturnSolenoid":
      return { ...base, coldLineMaxT: Math.min(h.Tset, h.Tcirc) };
  }
}

/**
 * Logic of the normally-closed thermostatic solenoid valve (article 9405): closed by default, closed above the set
 * temperature, open only when the water at the valve is below the set temperature and the pump runs.
 */
export function solenoidOpen(T: number, Tset: number, pumpOn: boolean): boolean {
  requireCelsius("T", T);
  requireCelsius("Tset", Tset);
  if (typeof pumpOn !== "boolean") throw new TypeError(`pumpOn must be a boolean, got ${typeof pumpOn}`);
  return pumpOn && T < Tset;
}

/**
 * Timer-only pump control (notebook 19 §6): with pump flow Qp (m³/s) run for Ton (s), the fraction of the return pipe
 * heated, min(1, max(0, Qp·Ton − Vh)/Vr), and the fraction of the hot pipe left unheated, max(0, Vh − Qp·Ton)/Vh.
 */
export function timerFractions(
  Qp: number,
  Ton: number,
  Vh: number,
  Vr: number,
): { heatedReturn: number; unheatedHot: number } {
  const pumped = requirePositive("Qp", Qp) * requirePositive("Ton", Ton, true);
  requirePositive("Vh", Vh);
  requirePositive("Vr", Vr);
  return {
    heatedReturn: Math.min(1, Math.max(0, pumped - Vh) / Vr),
    unheatedHot: Math.max(0, Vh - pumped) / Vh,
  };
}

/**
 * The best a pump timer can do when the hot-pipe volume is only known to lie in [VhLo, VhHi] (notebook 19 §6): the
 * on-time minimising the worse of "return pipe heated in vain" (at VhLo) and "hot pipe left cold" (at VhHi). The two
 * fractions (Qp·T − VhLo)/Vr and (VhHi − Qp·T)/VhHi cross at Qp·T* = VhHi (VhLo + Vr)/(VhHi + Vr), where both equal
 * (VhHi − VhLo)/(VhHi + Vr): positive whenever the volume is uncertain, so no timer setting is robust.
 */
export function timerBestWorstCase(
  Qp: number,
  VhLo: number,
  VhHi: number,
  Vr: number,
): { Ton: number; fraction: number } {
  requirePositive("Qp", Qp);
  requirePositive("VhLo", VhLo);
  requirePositive("VhHi", VhHi);
  requirePositive("Vr", Vr);
  if (!(VhHi >= VhLo)) throw new RangeError(`VhHi must be >= VhLo, got VhLo = ${VhLo}, VhHi = ${VhHi}`);
  return { Ton: (VhHi * (VhLo + Vr)) / (VhHi + Vr) / Qp, fraction: (VhHi - VhLo) / (VhHi + Vr) };
}

/** Inputs of {@link alwaysOnRatio} (SI: s, m, K). */
export interface AlwaysOnInputs {
  /** cooling time constant of the pipe, (C_w + C_p)/(UA)', s */
  tau: number;
  /** pre-heats per day */
  usesPerDay: number;
  /** length of the 24 h circulation loop, m */
  loopLength: number;
  /** loop temperature above ambient in 24 h circulation, K */
  loopDT: number;
  /** return pipe heated in vain per on-demand pre-heat, m */
  returnLength: number;
  /** temperature rise of one pre-heat, K */
  dT: number;
}

/**
 * Daily heat of 24 h circulation over the daily extra heat of on-demand pre-heats through a return pipe without a
 * valve (notebook 19 §7), in closed form: (UA)' L_loop ΔT_loop · 86400 / ((C_w + C_p) L_r ΔT · n)
 * = 86400/(n τ) · (L_loop ΔT_loop)/(L_r ΔT). Large whenever the pipe cools fast compared with a day / n.
 */
export function alwaysOnRatio(o: AlwaysOnInputs): number {
  if (o === null || typeof o !== "object") throw new TypeError("o must be an AlwaysOnInputs object");
  const tau = requirePositive("tau", o.tau), n = requirePositive("usesPerDay", o.usesPerDay);
  const LL = requirePositive("loopLength", o.loopLength), dL = requirePositive("loopDT", o.loopDT);
  const Lr = requirePositive("returnLength", o.returnLength), dT = requirePositive("dT", o.dT);
  return (S_PER_DAY / (n * tau)) * ((LL * dL) / (Lr * dT));
}
