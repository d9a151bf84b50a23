import ucum from '@lhncbc/ucum-lhc';
import type { VitalCode } from './codes.ts';

/** Loaded once: the library reads its unit tables on first use (about 100 ms). */
const units = ucum.UcumLhcUtils.getInstance();

/**
 * Molecular weights (g/mol) for the codes whose value may come as an amount of substance
 * instead of a mass: a glucose meter set to mmol/L reports 5.5 where a mg/dL one reports 99.
 */
const MOLECULAR_WEIGHT: Readonly<Record<string, number>> = { '2339-0': 180.156 };

/** A value in the code's own unit, and the value as sent when it was converted. */
export interface CanonicalValue {
  value: number;
  unit: string;
  reported: { value: number; unit: string } | null;
}

/** Why a unit was refused, in words for the error; never the unit itself (the caller sent it). */
export type UnitRefusal = 'not a UCUM unit' | 'not convertible';

/**
 * Brings a reading to its code's UCUM unit (`[lb_av]` → `kg`, `[degF]` → `Cel`, `mmol/L` →
 * `mg/dL` for glucose, `{beats}/min` → `/min`), with NLM's UCUM library: any valid UCUM unit
 * commensurable with the code's unit is converted and the original kept. Units are
 * case-sensitive (`mm[Hg]`, not `MM[HG]`), as UCUM's case-sensitive form says.
 */
export function toCanonicalUnit(vital: VitalCode, value: number, unit: string): CanonicalValue | UnitRefusal {
  if (unit === vital.unit) return { value, unit, reported: null };
  if (units.validateUnitString(unit).status !== 'valid') return 'not a UCUM unit';
  const molecularWeight = MOLECULAR_WEIGHT[vital.code];
  const conversion = units.convertUnitTo(unit, value, vital.unit, molecularWeight ? { molecularWeight } : {});
  if (conversion.status !== 'succeeded' || conversion.toVal === null || !Number.isFinite(conversion.toVal)) return 'not convertible';
  // Twelve significant digits: what a conversion factor's floating-point noise (68.03885550000001) is not.
  return { value: Number(conversion.toVal.toPrecision(12)), unit: vital.unit, reported: { value, unit } };
}
