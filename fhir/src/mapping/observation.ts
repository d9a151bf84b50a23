import type { Observation, ObservationComponent, Quantity } from '@medplum/fhirtypes';
import { SYSTEMS } from '../systems.ts';
import { BLOOD_PRESSURE, categoryOf, VITAL_SIGNS } from '../vital-signs.ts';

/** An observation as the observations domain serves it (`Observation` in the graph). */
export interface ObservationRecord {
  id: string;
  patientId: string;
  deviceId: string | null;
  code: string;
  display: string | null;
  value: number;
  unit: string;
  effectiveAt: string;
  /** When the platform received (or last corrected) it: `meta.lastUpdated`. */
  receivedAt: string;
  status: 'PRELIMINARY' | 'FINAL' | 'AMENDED' | 'ENTERED_IN_ERROR';
}

const STATUS = { PRELIMINARY: 'preliminary', FINAL: 'final', AMENDED: 'amended', ENTERED_IN_ERROR: 'entered-in-error' } as const;

function quantity(value: number, unit: string): Quantity {
  return { value, unit, system: SYSTEMS.ucum, code: unit };
}

/**
 * One reading as a FHIR R4 Observation of the vital-signs profile for its code (category, LOINC
 * code, UCUM `valueQuantity`, subject, effective time, device). An unknown code still maps, to a
 * plain Observation without a profile.
 */
export function observationToFhir(record: ObservationRecord): Observation {
  const known = VITAL_SIGNS[record.code];
  return {
    resourceType: 'Observation',
    id: record.id,
    meta: { lastUpdated: record.receivedAt, ...(known?.profile ? { profile: [known.profile] } : {}) },
    status: STATUS[record.status],
    category: categoryOf(known?.category ?? 'vital-signs'),
    code: {
      coding: [
        { system: SYSTEMS.loinc, code: record.code, ...(record.display ? { display: record.display } : {}) },
        ...(known?.extraCodings ?? []).map((coding) => ({ system: SYSTEMS.loinc, ...coding })),
      ],
      ...(record.display ? { text: record.display } : {}),
    },
    subject: { reference: `Patient/${record.patientId}` },
    effectiveDateTime: record.effectiveAt,
    valueQuantity: quantity(record.value, record.unit),
    ...(record.deviceId ? { device: { reference: `Device/${record.deviceId}` } } : {}),
  };
}

/**
 * A systolic and a diastolic reading of one measurement (same patient, device and time) as the
 * blood-pressure panel 85354-9 with two components (the bp profile). The panel takes the
 * systolic reading's id; `Observation/<diastolic id>` reads the diastolic reading alone.
 */
export function bloodPressureToFhir(systolic: ObservationRecord, diastolic: ObservationRecord): Observation {
  if (systolic.code !== BLOOD_PRESSURE.systolic || diastolic.code !== BLOOD_PRESSURE.diastolic) {
    throw new Error('bloodPressureToFhir: a systolic (8480-6) and a diastolic (8462-4) reading');
  }
  const component = (record: ObservationRecord, display: string): ObservationComponent => ({
    code: { coding: [{ system: SYSTEMS.loinc, code: record.code, display }], text: display },
    valueQuantity: quantity(record.value, record.unit),
  });
  // The panel is as final as its least final part: an amended part makes it amended, a part in error makes it in error.
  const rank = ['ENTERED_IN_ERROR', 'PRELIMINARY', 'AMENDED', 'FINAL'] as const;
  const status = rank.find((s) => systolic.status === s || diastolic.status === s)!;
  return {
    resourceType: 'Observation',
    id: systolic.id,
    meta: { lastUpdated: systolic.receivedAt > diastolic.receivedAt ? systolic.receivedAt : diastolic.receivedAt, profile: [BLOOD_PRESSURE.profile] },
    status: STATUS[status],
    category: categoryOf('vital-signs'),
    code: { coding: [{ system: SYSTEMS.loinc, ...BLOOD_PRESSURE.panel }], text: 'Blood pressure' },
    subject: { reference: `Patient/${systolic.patientId}` },
    effectiveDateTime: systolic.effectiveAt,
    component: [component(systolic, 'Systolic blood pressure'), component(diastolic, 'Diastolic blood pressure')],
    ...(systolic.deviceId ? { device: { reference: `Device/${systolic.deviceId}` } } : {}),
  };
}

/**
 * A patient's readings as FHIR Observations, in the order given: each systolic reading joined with
 * the diastolic one of the same patient, device and time into one panel; the rest one by one.
 */
export function observationsToFhir(records: readonly ObservationRecord[]): Observation[] {
  const key = (r: ObservationRecord) => `${r.patientId}|${r.deviceId ?? ''}|${r.effectiveAt}`;
  const diastolic = new Map(records.filter((r) => r.code === BLOOD_PRESSURE.diastolic).map((r) => [key(r), r]));
  const paired = new Set<ObservationRecord>();
  const out: Observation[] = [];
  for (const record of records) {
    if (paired.has(record)) continue;
    const partner = record.code === BLOOD_PRESSURE.systolic ? diastolic.get(key(record)) : undefined;
    if (partner) {
      paired.add(partner);
      out.push(bloodPressureToFhir(record, partner));
    } else if (record.code === BLOOD_PRESSURE.diastolic && records.some((r) => r.code === BLOOD_PRESSURE.systolic && key(r) === key(record))) {
      continue; // its systolic comes later in the list and carries it
    } else {
      out.push(observationToFhir(record));
    }
  }
  return out;
}
