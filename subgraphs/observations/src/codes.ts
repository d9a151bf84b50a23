/**
 * The vital signs caregraph accepts: LOINC code, display name, UCUM unit and the physiologically
 * possible range (wider than normal: extreme but real readings must be stored, impossible ones not).
 */
export interface VitalCode {
  code: string;
  display: string;
  unit: string;
  min: number;
  max: number;
}

export const VITAL_CODES: readonly VitalCode[] = [
  { code: '8867-4', display: 'Heart rate', unit: '/min', min: 20, max: 300 },
  { code: '9279-1', display: 'Respiratory rate', unit: '/min', min: 2, max: 80 },
  { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry', unit: '%', min: 40, max: 100 },
  { code: '8310-5', display: 'Body temperature', unit: 'Cel', min: 25, max: 45 },
  { code: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]', min: 40, max: 300 },
  { code: '8462-4', display: 'Diastolic blood pressure', unit: 'mm[Hg]', min: 20, max: 200 },
  { code: '2339-0', display: 'Glucose [Mass/volume] in Blood', unit: 'mg/dL', min: 10, max: 1000 },
  { code: '29463-7', display: 'Body weight', unit: 'kg', min: 0.3, max: 500 },
];

const BY_CODE = new Map(VITAL_CODES.map((vital) => [vital.code, vital]));

export function vitalCode(code: string): VitalCode | undefined {
  return BY_CODE.get(code);
}
