import { SYSTEMS } from './systems.ts';

/** How one LOINC code caregraph records is written as FHIR R4 (the vital-signs profiles, R4 §9.1.1). */
export interface VitalSignProfile {
  /** The profile in `meta.profile`; glucose has none (it is not a vital sign in FHIR), only its category. */
  profile: string | null;
  category: 'vital-signs' | 'laboratory';
  /** Codings the profile requires besides ours (oxygensat requires 2708-6; ours is 59408-5, by pulse oximetry). */
  extraCodings: { code: string; display: string }[];
  /** The UCUM unit the profile fixes for `valueQuantity.code` (ours are stored in it already). */
  ucum: string;
}

const PROFILE = (name: string) => `http://hl7.org/fhir/StructureDefinition/${name}`;

export const VITAL_SIGNS: Readonly<Record<string, VitalSignProfile>> = {
  '8867-4': { profile: PROFILE('heartrate'), category: 'vital-signs', extraCodings: [], ucum: '/min' },
  '9279-1': { profile: PROFILE('resprate'), category: 'vital-signs', extraCodings: [], ucum: '/min' },
  '59408-5': { profile: PROFILE('oxygensat'), category: 'vital-signs', extraCodings: [{ code: '2708-6', display: 'Oxygen saturation in Arterial blood' }], ucum: '%' },
  '8310-5': { profile: PROFILE('bodytemp'), category: 'vital-signs', extraCodings: [], ucum: 'Cel' },
  '29463-7': { profile: PROFILE('bodyweight'), category: 'vital-signs', extraCodings: [], ucum: 'kg' },
  '8480-6': { profile: PROFILE('vitalsigns'), category: 'vital-signs', extraCodings: [], ucum: 'mm[Hg]' },
  '8462-4': { profile: PROFILE('vitalsigns'), category: 'vital-signs', extraCodings: [], ucum: 'mm[Hg]' },
  '2339-0': { profile: null, category: 'laboratory', extraCodings: [], ucum: 'mg/dL' },
};

/** The blood-pressure panel: systolic and diastolic as components of one Observation (the bp profile). */
export const BLOOD_PRESSURE = {
  panel: { code: '85354-9', display: 'Blood pressure panel with all children optional' },
  systolic: '8480-6',
  diastolic: '8462-4',
  profile: PROFILE('bp'),
} as const;

export function categoryOf(category: VitalSignProfile['category']) {
  return [
    {
      coding: [{ system: SYSTEMS.observationCategory, code: category, display: category === 'vital-signs' ? 'Vital Signs' : 'Laboratory' }],
      text: category === 'vital-signs' ? 'Vital Signs' : 'Laboratory',
    },
  ];
}
