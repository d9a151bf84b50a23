import { and, asc, eq, gt, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { inIds, type Db, type InTransaction, type Scope } from '@caregraph/platform';
import { deviceAssignments, devices, type DeviceRow } from './schema.ts';

export type DeviceRecord = DeviceRow;

export interface DeviceAssignmentRecord {
  deviceId: string;
  patientId: string;
  assignedAt: Date;
  unassignedAt: Date | null;
}

export interface NewDevice {
  organizationId: string;
  serialNumber: string;
  kind: DeviceRow['kind'];
  model: string | null;
  manufacturer: string | null;
  firmwareVersion: string | null;
}

/**
 * All SQL of the devices domain. Every read takes the viewer's scope: a device outside it is not
 * found, listed or counted, exactly as if it did not exist. Batched reads serve DataLoaders.
 */
export class DeviceRepository {
  constructor(private readonly db: Db) {}

  async findByIds(scope: Scope, ids: readonly string[]): Promise<DeviceRecord[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(devices).where(and(inIds(devices.id, ids), inScope(scope)));
  }

  async assignedTo(scope: Scope, patientIds: readonly string[]): Promise<DeviceRecord[]> {
    if (patientIds.length === 0) return [];
    return this.db
      .select()
      .from(devices)
      .where(and(inIds(devices.assignedPatientId, patientIds), inScope(scope)))
      .orderBy(asc(devices.createdAt), asc(devices.id));
  }

  /** Assignments of these (already reached) devices that overlap [from, to], oldest first. */
  async assignmentsDuring(deviceIds: readonly string[], from: Date, to: Date): Promise<DeviceAssignmentRecord[]> {
    if (deviceIds.length === 0) return [];
    return this.db
      .select({
        deviceId: deviceAssignments.deviceId,
        patientId: deviceAssignments.patientId,
        assignedAt: deviceAssignments.assignedAt,
        unassignedAt: deviceAssignments.unassignedAt,
      })
      .from(deviceAssignments)
      .where(
        and(
          inIds(deviceAssignments.deviceId, deviceIds),
          lte(deviceAssignments.assignedAt, to),
          or(isNull(deviceAssignments.unassignedAt), gte(deviceAssignments.unassignedAt, from)),
        ),
      )
      .orderBy(asc(deviceAssignments.assignedAt));
  }

  /** One page in (created_at, id) order; `limit` should be the page size + 1. */
  async list(scope: Scope, limit: number, after: { createdAt: Date; id: string } | null): Promise<DeviceRecord[]> {
    const afterCursor = after
      ? or(gt(devices.createdAt, after.createdAt), and(eq(devices.createdAt, after.createdAt), gt(devices.id, after.id)))
      : undefined;
    return this.db
      .select()
      .from(devices)
      .where(and(afterCursor, inScope(scope)))
      .orderBy(asc(devices.createdAt), asc(devices.id))
      .limit(limit);
  }

  async insert(device: NewDevice, inTransaction?: InTransaction<DeviceRecord>): Promise<DeviceRecord> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(devices).values(device).returning();
      await inTransaction?.(tx as unknown as Db, row!);
      return row!;
    });
  }

  /** Erasure: unassigns the patient's devices and deletes their assignment history, atomically. */
  /**
   * Devices of the organization were heard from: `last_seen_at` moves to now, never backwards
   * (concurrent batches may commit out of order).
   */
  async markSeen(organizationId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const updated = await this.db
      .update(devices)
      .set({ lastSeenAt: sql`greatest(${devices.lastSeenAt}, now())` })
      .where(and(eq(devices.organizationId, organizationId), inIds(devices.id, ids)))
      .returning({ id: devices.id });
    return updated.length;
  }

  async forgetPatient(organizationId: string, patientId: string, inTransaction: InTransaction<number>): Promise<number> {
    return this.db.transaction(async (tx) => {
      const unassigned = await tx
        .update(devices)
        .set({ assignedPatientId: null, updatedAt: sql`now()` })
        .where(and(eq(devices.organizationId, organizationId), eq(devices.assignedPatientId, patientId)))
        .returning({ id: devices.id });
      await tx
        .delete(deviceAssignments)
        .where(and(eq(deviceAssignments.organizationId, organizationId), eq(deviceAssignments.patientId, patientId)));
      await inTransaction(tx as unknown as Db, unassigned.length);
      return unassigned.length;
    });
  }

  /** Ends the current assignment (if any) and starts the new one, atomically. */
  async assign(device: DeviceRecord, patientId: string, inTransaction?: InTransaction<DeviceRecord>): Promise<DeviceRecord> {
    return this.db.transaction(async (tx) => {
      await endAssignment(tx as unknown as Db, device.id);
      await tx.insert(deviceAssignments).values({ deviceId: device.id, patientId, organizationId: device.organizationId });
      const [row] = await tx
        .update(devices)
        .set({ assignedPatientId: patientId, updatedAt: sql`now()` })
        .where(eq(devices.id, device.id))
        .returning();
      await inTransaction?.(tx as unknown as Db, row!);
      return row!;
    });
  }

  async unassign(device: DeviceRecord, inTransaction?: InTransaction<DeviceRecord>): Promise<DeviceRecord> {
    return this.db.transaction(async (tx) => {
      await endAssignment(tx as unknown as Db, device.id);
      const [row] = await tx
        .update(devices)
        .set({ assignedPatientId: null, updatedAt: sql`now()` })
        .where(eq(devices.id, device.id))
        .returning();
      await inTransaction?.(tx as unknown as Db, row!);
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

function inScope(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'organization':
      return eq(devices.organizationId, scope.organizationId);
    case 'patients':
      return scope.patientIds.length === 0
        ? sql`false`
        : and(eq(devices.organizationId, scope.organizationId), inIds(devices.assignedPatientId, scope.patientIds));
    case 'device':
      return and(eq(devices.organizationId, scope.organizationId), eq(devices.id, scope.deviceId));
    default:
      return sql`false`;
  }
}
