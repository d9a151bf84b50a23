import { DEVICE_KINDS } from '@caregraph/platform';
import type { GraphQLResponse } from '../support/graphql-client.ts';
import type { Targets } from './principals.ts';

/**
 * What a cell can come out as:
 * ok        the data is there, no error;  present/absent  the target is / is not in the list;
 * empty     a reachable parent's nested list is empty;  not_found  null + NOT_FOUND (out of reach
 * and missing look the same);  forbidden  null + FORBIDDEN at the field;  unauth  HTTP 401;
 * mfa       HTTP 403 MFA_REQUIRED.
 */
export type Outcome = 'ok' | 'present' | 'absent' | 'empty' | 'not_found' | 'forbidden' | 'unauth' | 'mfa';

export interface Operation {
  /** What the operation reaches, for the test name. */
  describes: string;
  query: string;
  variables(t: Targets, tag: string): Record<string, unknown>;
  /** The root field of the answer. */
  root: string;
  /** For lists: the ids in the answer, to look for the target. */
  listIds?(root: any): string[];
  /** For lists: the target's id. */
  target?(t: Targets): string;
  /** For nested lists: the list under the root. */
  nested?(root: any): unknown[];
  /**
   * The read events an answer with data must leave in the audit trail, one per patient and
   * resource type (none: the operation reads no PHI and no observations).
   */
  audited?(t: Targets): AuditedRead[];
}

/** [resource type, patient id] of an expected read event. */
export type AuditedRead = [string, string | null];

const P = (t: Targets) => ({ p: t.patient.id });
const D = (t: Targets) => ({ d: t.device.id });
const edgesIds = (root: any): string[] => root.edges.map((e: { node: { id: string } }) => e.node.id);
const DAY = 86_400_000;

export const READS = {
  patientRecord: { describes: 'patient(id) root field', root: 'patient', variables: P, query: 'query ($p: ID!) { patient(id: $p) { id } }' },
  patientFields: { describes: 'non-PHI patient fields', root: 'patient', variables: P, query: 'query ($p: ID!) { patient(id: $p) { id sex ageBand createdAt } }' },
  patientPhi: { describes: 'PHI fields (@phi)', root: 'patient', variables: P, audited: (t) => [['Patient', t.patient.id]], query: 'query ($p: ID!) { patient(id: $p) { mrn name { text } birthDate contact { email phone } } }' },
  patientList: {
    describes: 'patients list',
    root: 'patients',
    variables: () => ({}),
    query: '{ patients(first: 100) { edges { node { id } } } }',
    listIds: edgesIds,
    target: (t) => t.patient.id,
  },
  patientDevices: {
    describes: 'Patient.devices (devices subgraph via entity reference)',
    root: 'patient',
    variables: P,
    query: 'query ($p: ID!) { patient(id: $p) { devices { id } } }',
    nested: (root) => root.devices,
  },
  patientVitals: {
    describes: 'Patient.latestVitals and observations (observations subgraph)',
    audited: (t) => [['Observation', t.patient.id]],
    root: 'patient',
    variables: P,
    query: 'query ($p: ID!) { patient(id: $p) { latestVitals { value } observations(first: 2) { edges { node { value } } } } }',
    nested: (root) => root.latestVitals,
  },
  patientSummary: {
    describes: 'Patient.vitalsSummary (aggregate)',
    audited: (t) => [['Observation', t.patient.id]],
    root: 'patient',
    variables: (t) => ({ ...P(t), from: new Date(Date.now() - 5 * DAY).toISOString(), to: new Date(Date.now() + DAY).toISOString() }),
    query: `query ($p: ID!, $from: DateTime!, $to: DateTime!) { patient(id: $p) {
      a: vitalsSummary(code: "8867-4", from: $from, to: $to, bucket: DAY) { count }
      b: vitalsSummary(code: "59408-5", from: $from, to: $to, bucket: DAY) { count }
      c: vitalsSummary(code: "2339-0", from: $from, to: $to, bucket: DAY) { count }
      d: vitalsSummary(code: "29463-7", from: $from, to: $to, bucket: DAY) { count }
      e: vitalsSummary(code: "8310-5", from: $from, to: $to, bucket: DAY) { count } } }`,
    nested: (root) => [...root.a, ...root.b, ...root.c, ...root.d, ...root.e],
  },
  deviceRecord: { describes: 'device(id) root field', root: 'device', variables: D, query: 'query ($d: ID!) { device(id: $d) { id kind status } }' },
  deviceSerial: { describes: 'Device.serialNumber (identifier)', root: 'device', variables: D, query: 'query ($d: ID!) { device(id: $d) { serialNumber } }' },
  deviceList: {
    describes: 'devices list',
    root: 'devices',
    variables: () => ({}),
    query: '{ devices(first: 100) { edges { node { id } } } }',
    listIds: edgesIds,
    target: (t) => t.device.id,
  },
  devicePatientPhi: {
    describes: 'Device.assignedPatient PHI (patients subgraph via entity reference)',
    audited: (t) => [['Patient', t.patient.id]],
    root: 'device',
    variables: D,
    query: 'query ($d: ID!) { device(id: $d) { assignedPatient { id mrn name { text } } } }',
  },
  deviceObservations: {
    describes: 'Device.observations (observations subgraph via entity reference)',
    audited: (t) => [['Observation', t.patient.id]],
    root: 'device',
    variables: D,
    query: 'query ($d: ID!) { device(id: $d) { observations(first: 3) { edges { node { value } } } } }',
    nested: (root) => root.observations.edges,
  },
  observationRecord: {
    describes: 'observation(id) root field',
    audited: (t) => [['Observation', t.patient.id]],
    root: 'observation',
    variables: (t) => ({ o: t.observationId }),
    query: 'query ($o: ID!) { observation(id: $o) { id value code } }',
  },
  observationPatientPhi: {
    describes: 'Observation.patient PHI (patients subgraph via entity reference)',
    audited: (t) => [['Observation', t.patient.id], ['Patient', t.patient.id]],
    root: 'observation',
    variables: (t) => ({ o: t.observationId }),
    query: 'query ($o: ID!) { observation(id: $o) { patient { id mrn } } }',
  },
  patientAccessLog: {
    describes: 'Patient.accessLog (audit subgraph via entity reference)',
    audited: (t) => [['AuditEvent', t.patient.id]],
    root: 'patient',
    variables: P,
    query: 'query ($p: ID!) { patient(id: $p) { accessLog(first: 5) { edges { node { action } } } } }',
  },
  auditEvents: {
    describes: 'auditEvents (the audit trail)',
    audited: () => [['AuditEvent', null]],
    root: 'auditEvents',
    variables: () => ({}),
    query: '{ auditEvents(first: 5) { edges { node { action resourceType } } } }',
  },
} satisfies Record<string, Operation>;

// A vital sign P's device D measures: a device principal records as D, and ingestion refuses a
// reading its device could not have taken.
const reading = (t: Targets, tag: string, extra: Record<string, unknown> = {}) => {
  const vital = DEVICE_KINDS[t.device.kind].vitals[0];
  return {
    input: [
      {
        idempotencyKey: `matrix-${tag}`,
        patientId: t.patient.id,
        code: vital.code,
        value: (vital.low + vital.high) / 2,
        unit: vital.unit,
        effectiveAt: new Date(Date.now() - 60_000).toISOString(),
        ...extra,
      },
    ],
  };
};

export const WRITES = {
  createPatient: {
    describes: 'createPatient',
    root: 'createPatient',
    variables: (_t, tag) => ({ input: { mrn: `M-${tag}`.slice(0, 64), name: { family: 'Matrix', given: ['Test'] }, birthDate: '1980-01-01', sex: 'UNKNOWN' } }),
    query: 'mutation ($input: CreatePatientInput!) { createPatient(input: $input) { id } }',
  },
  updatePatient: {
    describes: 'updatePatient',
    root: 'updatePatient',
    variables: (t) => ({ p: t.patient.id, input: { sex: t.patient.sex } }),
    query: 'mutation ($p: ID!, $input: UpdatePatientInput!) { updatePatient(id: $p, input: $input) { id } }',
  },
  addCareTeamMember: {
    describes: 'addCareTeamMember',
    root: 'addCareTeamMember',
    variables: (t) => ({ p: t.patient.id }),
    query: 'mutation ($p: ID!) { addCareTeamMember(patientId: $p, clinicianId: "matrix-added-clinician") { id } }',
  },
  registerDevice: {
    describes: 'registerDevice',
    root: 'registerDevice',
    variables: (_t, tag) => ({ serial: `SN-M-${tag}`.slice(0, 64) }),
    query: 'mutation ($serial: String!) { registerDevice(input: { serialNumber: $serial, kind: THERMOMETER }) { id } }',
  },
  assignDevice: {
    describes: 'assignDevice (spare device to P)',
    root: 'assignDevice',
    variables: (t) => ({ d: t.spareDevice.id, p: t.patient.id }),
    query: 'mutation ($d: ID!, $p: ID!) { assignDevice(deviceId: $d, patientId: $p) { id } }',
  },
  assignAcrossTenants: {
    describes: 'assignDevice to a patient of another organization',
    root: 'assignDevice',
    variables: (t) => ({ d: t.spareDevice.id, p: t.otherOrgPatientId }),
    query: 'mutation ($d: ID!, $p: ID!) { assignDevice(deviceId: $d, patientId: $p) { id } }',
  },
  recordObservations: {
    describes: 'recordObservations for P',
    root: 'recordObservations',
    variables: (t, tag) => reading(t, tag),
    query: 'mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { recorded } }',
  },
  recordAsAnotherDevice: {
    describes: "recordObservations naming another device",
    root: 'recordObservations',
    variables: (t, tag) => reading(t, tag, { deviceId: t.otherDevice.id }),
    query: 'mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { recorded } }',
  },
  amendObservation: {
    describes: 'amendObservation of O',
    root: 'amendObservation',
    variables: (t) => ({ o: t.observationId, input: { value: t.observation.value, unit: t.observation.unit, reason: 'matrix: re-read from the device' } }),
    query: 'mutation ($o: ID!, $input: AmendObservationInput!) { amendObservation(id: $o, input: $input) { observation { id status } previous { revision } } }',
  },
  unassignDevice: {
    describes: 'unassignDevice (spare device)',
    root: 'unassignDevice',
    variables: (t) => ({ d: t.spareDevice.id }),
    query: 'mutation ($d: ID!) { unassignDevice(deviceId: $d) { id } }',
  },
} satisfies Record<string, Operation>;

/** Reads a response as one outcome. Anything unexpected comes out as a descriptive string. */
export function classify(operation: Operation, t: Targets, response: GraphQLResponse): Outcome | string {
  const codes = (response.errors ?? []).map((e) => e.extensions?.code);
  if (response.status === 401) return codes[0] === 'UNAUTHENTICATED' ? 'unauth' : `401 ${codes.join()}`;
  if (response.status === 403) return codes[0] === 'MFA_REQUIRED' ? 'mfa' : `403 ${codes.join()}`;
  const root = response.data?.[operation.root];
  if (root == null) {
    if (codes.length === 1 && codes[0] === 'NOT_FOUND') return 'not_found';
    if (codes.length > 0 && codes.every((c) => c === 'FORBIDDEN')) return 'forbidden';
    return `null root with ${codes.join() || 'no error'}`;
  }
  if (codes.length > 0) return codes.every((c) => c === 'FORBIDDEN') ? 'forbidden' : `errors ${codes.join()}`;
  if (operation.listIds) return operation.listIds(root).includes(operation.target!(t)) ? 'present' : 'absent';
  if (operation.nested) return operation.nested(root).length > 0 ? 'ok' : 'empty';
  return 'ok';
}
