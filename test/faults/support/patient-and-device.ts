import type { DemoPlan } from '@caregraph/platform';

/**
 * One query that needs two domains (patients at the root, devices beside it), so a fault in one
 * shows as a partial answer from the other.
 */
export const PATIENT_AND_DEVICE = `query ($patient: ID!, $device: ID!) { patient(id: $patient) { name { text } } device(id: $device) { kind } }`;

/** A patient and a device of the demo organization the fault platform's admin belongs to. */
export function patientAndDeviceOf(plan: DemoPlan): { patient: string; device: string } {
  const organization = plan.organizations[0]!.id;
  return {
    patient: plan.patients.find((p) => p.organizationId === organization)!.id,
    device: plan.devices.find((d) => d.organizationId === organization)!.id,
  };
}
