import { createHash } from 'node:crypto';
import { DEVICE_KINDS, type DemoDevice, type DemoPlan } from '@caregraph/platform';

const HEART_RATE = '8867-4';

/** The ids the workloads use, chosen from the seeded plan (the same every run). */
export interface BenchDataset {
  plan: DemoPlan;
  organizationId: string;
  /** The clinician every read workload signs in as (with MFA). */
  clinicianId: string;
  /** W1: a patient on the clinician's care team, with devices and sparse vitals. */
  dashboardPatientId: string;
  /** Patients with 30 days of per-minute heart rate; W3 charts the first. */
  densePatientIds: string[];
  /** W3's range: exactly the dense readings (the sparse ones are later). */
  denseWindow: { from: Date; to: Date };
  /** W4: each device posts for the patient it is assigned to, with its own token. */
  ingestDevices: { deviceId: string; patientId: string }[];
}

/** A stable UUID from a name, for the bench's own rows (same name, same id, every run). */
export function namedUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Devices on the shelf (assigned to no one), so the fleet reaches the size the issue names. */
export function withShelfDevices(plan: DemoPlan, count: number): DemoPlan {
  const template = plan.devices[0]!;
  const shelf: DemoDevice[] = Array.from({ length: count }, (_, i) => ({
    ...template,
    id: namedUuid(`bench-shelf-device-${i}`),
    organizationId: plan.organizations[i % plan.organizations.length]!.id,
    serialNumber: `SN-BENCH-${String(i).padStart(6, '0')}`,
    assignedPatientId: null,
    assignedAt: null,
  }));
  return { ...plan, devices: [...plan.devices, ...shelf] };
}

/**
 * Picks the workloads' subjects: the first clinician of the first organization, patients on their
 * care team (each with a device), and the first devices of that organization that have a patient.
 */
export function chooseDataset(plan: DemoPlan, densePatients: number, ingestDevices: number, denseWindow: BenchDataset['denseWindow']): BenchDataset {
  const organization = plan.organizations[0]!;
  const clinicianId = organization.clinicians[0]!;
  const assigned = plan.devices.filter((device) => device.organizationId === organization.id && device.assignedPatientId);
  const withDevice = new Set(assigned.map((device) => device.assignedPatientId));
  const panel = plan.patients.filter((p) => p.organizationId === organization.id && p.careTeam.includes(clinicianId) && withDevice.has(p.id));
  if (panel.length < densePatients + 1) throw new Error(`the data set is too small: the clinician's panel has ${panel.length} patients`);
  if (assigned.length < ingestDevices + densePatients + 1) throw new Error(`the data set is too small: ${assigned.length} assigned devices`);
  // W4 posts heart rates: only devices that measure it (ingestion refuses what a device cannot take).
  const ingest = assigned
    .filter((device) => DEVICE_KINDS[device.kind].vitals.some((vital) => vital.code === HEART_RATE))
    .filter((device) => !panel.slice(0, 1 + densePatients).some((p) => p.id === device.assignedPatientId))
    .slice(0, ingestDevices);
  if (ingest.length < ingestDevices) throw new Error(`the data set is too small: ${ingest.length} devices that measure heart rate`);
  return {
    plan,
    organizationId: organization.id,
    clinicianId,
    dashboardPatientId: panel[0]!.id,
    densePatientIds: panel.slice(1, 1 + densePatients).map((p) => p.id),
    denseWindow,
    // Not the read workloads' patients: W4's new readings must not change what W1-W3 read.
    ingestDevices: ingest.map((device) => ({ deviceId: device.id, patientId: device.assignedPatientId! })),
  };
}
