import type { Resource } from '@medplum/fhirtypes';
import { deviceToFhir, type DeviceRecord } from '../mapping/device.ts';
import { bloodPressureToFhir, observationToFhir, type ObservationRecord } from '../mapping/observation.ts';
import { operationOutcome } from '../mapping/operation-outcome.ts';
import { patientToFhir, type PatientRecord } from '../mapping/patient.ts';
import { BLOOD_PRESSURE } from '../vital-signs.ts';
import { codesAt, withheldUnder, type GraphAnswer, type GraphExecutor } from './graph.ts';

export type ReadResult = { resource: Resource } | { outcome: ReturnType<typeof operationOutcome> };

const PATIENT = `query FhirPatient($id: ID!) { patient(id: $id) { id organizationId mrn name { family given text } birthDate sex contact { email phone } createdAt } }`;
const DEVICE = `query FhirDevice($id: ID!) { device(id: $id) { id organizationId serialNumber kind model manufacturer firmwareVersion status lastSeenAt assignedPatient { id } } }`;
const OBSERVATION_FIELDS = 'id patient { id } device { id } code display value unit effectiveAt receivedAt status';
const OBSERVATION = `query FhirObservation($id: ID!) { observation(id: $id) { ${OBSERVATION_FIELDS} } }`;
/** The other half of a blood-pressure measurement: the same patient's reading of the partner code at the same instant. */
const PARTNER = `query FhirObservationPartner($patient: ID!, $code: String!, $from: DateTime!, $to: DateTime!) {
  patient(id: $patient) { observations(code: $code, from: $from, to: $to, first: 10) { edges { node { ${OBSERVATION_FIELDS} } } } } }`;

/**
 * Nothing to read: unknown and out of reach answer alike (404), so a caller cannot learn that a
 * record exists elsewhere; a domain that is down is 503.
 */
function missing(answer: GraphAnswer<unknown>, root: string, reference: string): ReadResult {
  const codes = codesAt(answer, [root]);
  if (codes.includes('SERVICE_UNAVAILABLE')) return { outcome: operationOutcome('transient', `${reference} cannot be read now; try again`) };
  if (codes.length === 0 || codes.every((code) => code === 'NOT_FOUND' || code === 'FORBIDDEN' || code === 'BAD_USER_INPUT')) {
    return { outcome: operationOutcome('not-found', `${reference} is not known`) };
  }
  return { outcome: operationOutcome('exception', `${reference} could not be read`) };
}

export async function readPatient(graph: GraphExecutor, id: string): Promise<ReadResult> {
  const answer = await graph<{ patient: Omit<PatientRecord, 'withheld'> | null }>(PATIENT, { id });
  const patient = answer.data?.patient;
  if (!patient) return missing(answer, 'patient', `Patient/${id}`);
  return { resource: patientToFhir({ ...patient, withheld: withheldUnder(answer, ['patient']) }) };
}

interface DeviceData extends Omit<DeviceRecord, 'withheld' | 'assignedPatientId'> {
  assignedPatient: { id: string } | null;
}

export async function readDevice(graph: GraphExecutor, id: string): Promise<ReadResult> {
  const answer = await graph<{ device: DeviceData | null }>(DEVICE, { id });
  const device = answer.data?.device;
  if (!device) return missing(answer, 'device', `Device/${id}`);
  const { assignedPatient, ...rest } = device;
  return { resource: deviceToFhir({ ...rest, assignedPatientId: assignedPatient?.id ?? null, withheld: withheldUnder(answer, ['device']) }) };
}

interface ObservationData extends Omit<ObservationRecord, 'patientId' | 'deviceId'> {
  patient: { id: string } | null;
  device: { id: string } | null;
}

const recordOf = (o: ObservationData, patientId: string): ObservationRecord => ({ ...o, patientId, deviceId: o.device?.id ?? null });

/**
 * An observation. A systolic reading reads as its blood-pressure panel (which has its id) when the
 * diastolic half exists; a diastolic reading reads as itself (a read answers the id it was asked).
 */
export async function readObservation(graph: GraphExecutor, id: string): Promise<ReadResult> {
  const answer = await graph<{ observation: ObservationData | null }>(OBSERVATION, { id });
  const observation = answer.data?.observation;
  if (!observation) return missing(answer, 'observation', `Observation/${id}`);
  const patientId = observation.patient?.id;
  if (!patientId) return { outcome: operationOutcome('exception', `Observation/${id} could not be read`) };
  const record = recordOf(observation, patientId);
  if (record.code !== BLOOD_PRESSURE.systolic) return { resource: observationToFhir(record) };
  const at = Date.parse(record.effectiveAt);
  const partners = await graph<{ patient: { observations: { edges: { node: ObservationData }[] } | null } | null }>(PARTNER, {
    patient: patientId,
    code: BLOOD_PRESSURE.diastolic,
    from: new Date(at).toISOString(),
    to: new Date(at + 1).toISOString(),
  });
  const partner = partners.data?.patient?.observations?.edges.map((edge) => recordOf(edge.node, patientId)).find((p) => p.deviceId === record.deviceId);
  if (!partner) return { resource: observationToFhir(record) };
  return { resource: bloodPressureToFhir(record, partner) };
}
