import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '@caregraph/platform';
import { deviceAssignments, devices, type DeviceRow } from './schema.ts';

export type DeviceRecord = DeviceRow;

export interface NewDevice {
  organizationId: string;
  serialNumber: string;
  kind: DeviceRow['kind'];
  model: string | null;
  manufacturer: string | null;
  firmwareVersion: string | null;
}

/** All SQL of the devices domain. Batched reads take many ids so DataLoaders can use them. */
export class DeviceRepository {
  constructor(private readonly db: Db) {}

  async findByIds(ids: readonly string[]): Promise<DeviceRecord[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(devices).where(inArray(devices.id, [...ids]));
  }

  async assignedTo(patientIds: readonly string[]): Promise<DeviceRecord[]> {
    if (patientIds.length === 0) return [];
    return this.db
      .select()
      .from(devices)
      .where(inArray(devices.assignedPatientId, [...patientIds]))
      .orderBy(asc(devices.createdAt), asc(devices.id));
  }

  /** One page in (created_at, id) order; `limit` should be the page size + 1. */
  async list(limit: number, after: { createdAt: Date; id: string } | null): Promise<DeviceRecord[]> {
    const afterCursor = after
      ? or(gt(devices.createdAt, after.createdAt), and(eq(devices.createdAt, after.createdAt), gt(devices.id, after.id)))
      : undefined;
    return this.db.select().from(devices).where(afterCursor).orderBy(asc(devices.createdAt), asc(devices.id)).limit(limit);
  }

  async insert(device: NewDevice): Promise<DeviceRecord> {
    const [row] = await this.db.insert(devices).values(device).returning();
    return row!;
  }

  /** Ends the current assignment (if any) and starts the new one, atomically. */
  async assign(device: DeviceRecord, patientId: string): Promise<DeviceRecord> {
    return this.db.transaction(async (tx) => {
      await endAssignment(tx as unknown as Db, device.id);
      await tx.insert(deviceAssignments).values({ deviceId: device.id, patientId, organizationId: device.organizationId });
      const [row] = await tx
        .update(devices)
        .set({ assignedPatientId: patientId, updatedAt: sql`now()` })
        .where(eq(devices.id, device.id))
        .returning();
      return row!;
    });
  }

  async unassign(device: DeviceRecord): Promise<DeviceRecord> {
    return this.db.transaction(async (tx) => {
      await endAssignment(tx as unknown as Db, device.id);
      const [row] = await tx
        .update(devices)
        .set({ assignedPatientId: null, updatedAt: sql`now()` })
        .where(eq(devices.id, device.id))
        .returning();
      return row!;
    });
  }
}

async function endAssignment(db: Db, deviceId: string): Promise<void> {
  await db
    .update(deviceAssignments)
    .set({ unassignedAt: sql`now()` })
    .where(and(eq(deviceAssignments.deviceId, deviceId), isNull(deviceAssignments.unassignedAt)));
}
