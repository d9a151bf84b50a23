import { INGEST_BATCH } from './settings.ts';

/** The GraphQL operations of the workloads, as a dashboard and a device would send them. */

/** W1: a clinician opens a patient: PHI (name, age band), devices, latest vitals. */
export const DASHBOARD = `query Dashboard($id: ID!) {
  patient(id: $id) {
    name { text }
    ageBand
    devices { kind serialNumber }
    latestVitals { display value unit effectiveAt }
  }
}`;

/** W2: a clinician's list: a page of patients, each with devices and latest vitals. */
export const CARE_TEAM_LIST = `query CareTeamList($first: Int!) {
  patients(first: $first) {
    edges { node { id name { text } devices { id kind } latestVitals { code value unit effectiveAt } } }
  }
}`;

/** W3: a chart: hourly min/max/mean/count of heart rate over 30 days of per-minute readings. */
export const VITALS_CHART = `query VitalsChart($id: ID!, $from: DateTime!, $to: DateTime!) {
  patient(id: $id) {
    vitalsSummary(code: "8867-4", from: $from, to: $to, bucket: HOUR) { start min max mean count }
  }
}`;

/** W4: a device posts a batch of readings. */
export const RECORD_OBSERVATIONS = `mutation Record($input: [ObservationInput!]!) {
  recordObservations(input: $input) { recorded duplicates }
}`;

export interface ObservationInput {
  idempotencyKey: string;
  patientId: string;
  deviceId: string;
  code: string;
  value: number;
  unit: string;
  effectiveAt: string;
}

/**
 * One batch of heart-rate readings with keys no other batch uses (`prefix` names the run and the
 * sender, `sequence` the batch), taken over the last minutes so none is in the future.
 */
export function ingestBatch(prefix: string, sequence: number, device: { deviceId: string; patientId: string }, now = Date.now()): ObservationInput[] {
  return Array.from({ length: INGEST_BATCH }, (_, i) => ({
    idempotencyKey: `${prefix}-${sequence}-${i}`,
    patientId: device.patientId,
    deviceId: device.deviceId,
    code: '8867-4',
    value: 60 + ((sequence * 31 + i * 7) % 41),
    unit: '/min',
    effectiveAt: new Date(now - 60_000 - i * 1000).toISOString(),
  }));
}
