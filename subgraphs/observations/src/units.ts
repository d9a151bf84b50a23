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
export type UnitRefusal = 'not a unit accepted for this code';

/**
 * The other UCUM units each code is accepted in: what devices and EHRs actually send. An
 * allow-list, not "anything commensurable": UCUM says `[pi]/min` and `%/min` are frequencies too,
 * and its parser takes time that grows with the square of a unit's length (a 256 KB unit froze a
 * process for two minutes), so caller text never reaches the library: only these short strings do.
 */
export const ALTERNATIVE_UNITS: Readonly<Record<string, readonly string[]>> = {
  '8867-4': ['{beats}/min', '{beat}/min'],
  '9279-1': ['{breaths}/min', '{breath}/min'],
  '59408-5': [],
  '8310-5': ['[degF]', 'K'],
  '8480-6': ['kPa'],
  '8462-4': ['kPa'],
  '2339-0': ['mmol/L', 'mg/L', 'g/L'],
  '29463-7': ['[lb_av]', 'g', '[oz_av]'],
};

/**
 * Brings a reading to its code's UCUM unit (`[lb_av]` → `kg`, `[degF]` → `Cel`, `mmol/L` →
 * `mg/dL` for glucose, `{beats}/min` → `/min`) with NLM's UCUM library, keeping what was sent.
 * Units are case-sensitive (`mm[Hg]`, not `MM[HG]`), as UCUM's case-sensitive form says.
 */
export function toCanonicalUnit(vital: VitalCode, value: number, unit: string): CanonicalValue | UnitRefusal {
  if (unit === vital.unit) return { value, unit, reported: null };
  if (!ALTERNATIVE_UNITS[vital.code]?.includes(unit)) return 'not a unit accepted for this code';
  const molecularWeight = MOLECULAR_WEIGHT[vital.code];
  const conversion = units.convertUnitTo(unit, value, vital.unit, molecularWeight ? { molecularWeight } : {});
  if (conversion.status !== 'succeeded' || conversion.toVal === null || !Number.isFinite(conversion.toVal)) return 'not a unit accepted for this code';
  // Twelve significant digits: what a conversion factor's floating-point noise (68.03885550000001) is not.
  return { value: Number(conversion.toVal.toPrecision(12)), unit: vital.unit, reported: { value, unit } };
}

/** The units a code is accepted in, for error messages. */
export function acceptedUnits(vital: VitalCode): string {
  return [vital.unit, ...(ALTERNATIVE_UNITS[vital.code] ?? [])].map((u) => `"${u}"`).join(', ');
}
