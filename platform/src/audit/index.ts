import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '../db/migrate.ts';

export * from './audit-log.ts';
export * from './event.ts';
export * from './verify.ts';
export * from './chain-key.ts';
export * from './checkpoint-file.ts';
export { CheckpointPublisher } from './checkpoint-publisher.ts';
export * from './integrity.ts';
export { attestLegacyEvents, legacyChainsOf } from './legacy-attestation.ts';
export { auditEvents, type AuditEventRow } from './schema.ts';

/** The audit schema's migrations; every host applies them (the log is shared by all domains). */
export const auditMigrations: MigrationSet = {
  schema: 'audit',
  folder: fileURLToPath(new URL('../../drizzle', import.meta.url)),
};
export * from './recorder.ts';
export * from './access-trail.ts';
export * from './trail-page.ts';
export { AUDIT_TRAIL_PATH } from './trail-wire.ts';
