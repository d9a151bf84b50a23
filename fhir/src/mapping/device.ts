import type { Device } from '@medplum/fhirtypes';
import { serialNumberSystem, SYSTEMS } from '../systems.ts';
import { metaOf } from './redaction.ts';

export type DeviceKind = 'PULSE_OXIMETER' | 'BLOOD_PRESSURE_MONITOR' | 'GLUCOSE_METER' | 'ECG_PATCH' | 'THERMOMETER' | 'WEIGHT_SCALE';

/** A device as the devices domain serves it to this caller (`withheld` as for patients). */
export interface DeviceRecord {
  id: string;
  organizationId: string | null;
  serialNumber: string | null;
  kind: DeviceKind | null;
  model: string | null;
  manufacturer: string | null;
  firmwareVersion: string | null;
  status: 'ACTIVE' | 'INACTIVE' | 'RETIRED' | null;
  assignedPatientId: string | null;
  lastSeenAt: string | null;
  withheld: readonly string[];
}

/** SNOMED CT device types (the <<49062001 |Device| hierarchy), for Device.type. */
const KIND: Record<DeviceKind, { code: string; display: string }> = {
  PULSE_OXIMETER: { code: '448703006', display: 'Pulse oximeter' },
  BLOOD_PRESSURE_MONITOR: { code: '258057004', display: 'Non-invasive blood pressure monitor' },
  GLUCOSE_METER: { code: '337414009', display: 'Blood glucose meter' },
  ECG_PATCH: { code: '706767009', display: 'Patient data recorder' },
  THERMOMETER: { code: '27991004', display: 'Thermometer' },
  WEIGHT_SCALE: { code: '19892000', display: 'Scale' },
};

/** RETIRED devices are out of service for good: FHIR has no such status, so `inactive`. */
const STATUS = { ACTIVE: 'active', INACTIVE: 'inactive', RETIRED: 'inactive' } as const;

/** A FHIR R4 Device: serial number, type, manufacturer, model, firmware version, status, patient. */
export function deviceToFhir(record: DeviceRecord): Device {
  const kind = record.kind ? KIND[record.kind] : null;
  return {
    resourceType: 'Device',
    id: record.id,
    meta: metaOf(null, { redacted: record.withheld.length > 0 }),
    ...(record.serialNumber && record.organizationId ? { identifier: [{ system: serialNumberSystem(record.organizationId), value: record.serialNumber }], serialNumber: record.serialNumber } : {}),
    ...(record.status ? { status: STATUS[record.status] } : {}),
    ...(record.manufacturer ? { manufacturer: record.manufacturer } : {}),
    ...(record.model ? { deviceName: [{ name: record.model, type: 'model-name' as const }], modelNumber: record.model } : {}),
    ...(kind ? { type: { coding: [{ system: SYSTEMS.snomed, ...kind }], text: kind.display } } : {}),
    ...(record.firmwareVersion ? { version: [{ type: { text: 'firmware' }, value: record.firmwareVersion }] } : {}),
    ...(record.assignedPatientId ? { patient: { reference: `Patient/${record.assignedPatientId}` } } : {}),
    ...(record.organizationId ? { owner: { reference: `Organization/${record.organizationId}` } } : {}),
  };
}
