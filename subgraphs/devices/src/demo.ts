import type { Db, DemoPlan } from '@caregraph/platform';
import { deviceAssignments, devices } from './db/schema.ts';

const BATCH = 500;

/** Writes the devices part of a demo plan; returns false (writing nothing) if devices exist. */
export async function writeDemoDevices(db: Db, plan: DemoPlan): Promise<boolean> {
  const existing = await db.select({ id: devices.id }).from(devices).limit(1);
  if (existing.length > 0) return false;
  await db.transaction(async (tx) => {
    for (let i = 0; i < plan.devices.length; i += BATCH) {
      const slice = plan.devices.slice(i, i + BATCH);
      await tx.insert(devices).values(
        slice.map((d) => ({
          id: d.id,
          organizationId: d.organizationId,
          serialNumber: d.serialNumber,
          kind: d.kind,
          model: d.model,
          manufacturer: d.manufacturer,
          firmwareVersion: d.firmwareVersion,
          status: 'ACTIVE' as const,
          assignedPatientId: d.assignedPatientId,
          lastSeenAt: d.assignedPatientId ? plan.now : null,
          createdAt: d.createdAt,
          updatedAt: d.createdAt,
        })),
      );
      const assignments = slice
        .filter((d) => d.assignedPatientId && d.assignedAt)
        .map((d) => ({ deviceId: d.id, patientId: d.assignedPatientId!, organizationId: d.organizationId, assignedAt: d.assignedAt! }));
      if (assignments.length > 0) await tx.insert(deviceAssignments).values(assignments);
    }
  });
  return true;
}
