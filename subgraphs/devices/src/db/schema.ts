import { index, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** The devices domain owns this PostgreSQL schema; no other domain reads or writes it. */
export const devicesSchema = pgSchema('devices');

export const deviceKind = devicesSchema.enum('device_kind', [
  'PULSE_OXIMETER',
  'BLOOD_PRESSURE_MONITOR',
  'GLUCOSE_METER',
  'ECG_PATCH',
  'THERMOMETER',
  'WEIGHT_SCALE',
]);
export const deviceStatus = devicesSchema.enum('device_status', ['ACTIVE', 'INACTIVE', 'RETIRED']);

export const devices = devicesSchema.table(
  'devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    serialNumber: text('serial_number').notNull(),
    kind: deviceKind('kind').notNull(),
    model: text('model'),
    manufacturer: text('manufacturer'),
    firmwareVersion: text('firmware_version'),
    status: deviceStatus('status').notNull().default('ACTIVE'),
    /** The patient (owned by the patients domain, so no foreign key) the device serves now. */
    assignedPatientId: uuid('assigned_patient_id'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('devices_organization_serial_key').on(t.organizationId, t.serialNumber),
    index('devices_assigned_patient_idx').on(t.assignedPatientId),
    index('devices_created_idx').on(t.createdAt, t.id),
  ],
);

/** Every assignment a device has had, for provenance of the observations it sent. */
export const deviceAssignments = devicesSchema.table(
  'device_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    patientId: uuid('patient_id').notNull(),
    organizationId: uuid('organization_id').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    unassignedAt: timestamp('unassigned_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('device_assignments_device_idx').on(t.deviceId, t.assignedAt),
    index('device_assignments_patient_idx').on(t.patientId, t.assignedAt),
  ],
);

export type DeviceRow = typeof devices.$inferSelect;
