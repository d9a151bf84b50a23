/**
 * The adult range a reading is flagged outside of (FHIR Observation.referenceRange): both bounds
 * inclusive, in the code's unit, null where the range has no bound. A screening aid for a
 * dashboard, not a diagnosis and not tailored to a patient.
 */
export interface ReferenceRange {
  low: number | null;
  high: number | null;
}

/**
 * The vital signs caregraph accepts: LOINC code, display name, UCUM unit, the physiologically
 * possible range (wider than normal: extreme but real readings must be stored, impossible ones not),
 * and the adult reference range dashboards flag readings by (null where there is none).
 */
export interface VitalCode {
  code: string;
  display: string;
  unit: string;
  min: number;
  max: number;
  referenceRange: ReferenceRange | null;
}

// Reference ranges: conventional adult values at rest, chosen for flagging, from:
// - heart rate 60-100 /min: MedlinePlus, "Vital signs" (https://medlineplus.gov/ency/article/002341.htm);
// - respiratory rate 12-20 /min and body temperature from 36.1 Cel: the bands that score 0 in NEWS2
//   (Royal College of Physicians, National Early Warning Score 2, 2017);
// - body temperature up to 37.8 Cel: a single oral reading above it is fever in older adults
//   (IDSA guideline, High et al., Clin Infect Dis 2009;48:149-71), the population remote monitoring serves;
// - oxygen saturation from 95 %: the lower end of the usual 95-100 % of healthy adults at sea level
//   (no upper bound: 100 % is not abnormal; patients with chronic lung disease run lower, and their
//   clinicians judge that, not this range);
// - blood pressure 90-140 / 60-90 mm[Hg]: below 90/60 is low blood pressure (NHLBI, "Hypotension"),
//   above 140/90 hypertension (2018 ESC/ESH guidelines, Williams et al., Eur Heart J 2018;39:3021-104);
// - glucose 70-180 mg/dL: the time-in-range target of glucose monitoring (International Consensus on
//   Time in Range, Battelino et al., Diabetes Care 2019;42:1593-603; ADA Standards of Care);
// - body weight: none, a normal weight depends on height (BMI), which caregraph does not hold.
export const VITAL_CODES: readonly VitalCode[] = [
  { code: '8867-4', display: 'Heart rate', unit: '/min', min: 20, max: 300, referenceRange: { low: 60, high: 100 } },
  { code: '9279-1', display: 'Respiratory rate', unit: '/min', min: 2, max: 80, referenceRange: { low: 12, high: 20 } },
  { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry', unit: '%', min: 40, max: 100, referenceRange: { low: 95, high: null } },
  { code: '8310-5', display: 'Body temperature', unit: 'Cel', min: 25, max: 45, referenceRange: { low: 36.1, high: 37.8 } },
  { code: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]', min: 40, max: 300, referenceRange: { low: 90, high: 140 } },
  { code: '8462-4', display: 'Diastolic blood pressure', unit: 'mm[Hg]', min: 20, max: 200, referenceRange: { low: 60, high: 90 } },
  { code: '2339-0', display: 'Glucose [Mass/volume] in Blood', unit: 'mg/dL', min: 10, max: 1000, referenceRange: { low: 70, high: 180 } },
  { code: '29463-7', display: 'Body weight', unit: 'kg', min: 0.3, max: 500, referenceRange: null },
];

const BY_CODE = new Map(VITAL_CODES.map((vital) => [vital.code, vital]));

export function vitalCode(code: string): VitalCode | undefined {
  return BY_CODE.get(code);
}
