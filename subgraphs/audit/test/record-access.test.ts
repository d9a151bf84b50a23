import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditLog } from '@caregraph/platform';
import { recordAccess, type AccessRecordInput } from '../src/record-access.ts';

const PATIENT = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const READ: AccessRecordInput = { action: 'READ', outcome: 'SUCCESS', resourceType: 'Patient', resourceId: PATIENT, patientId: PATIENT, fields: ['mrn'] };

/** An audit log that keeps what it is given (the SQL side is tested in platform/test/audit-log.int.test.ts). */
function collectingLog() {
  const appended: AuditEntry[][] = [];
  return { appended, log: { append: async (entries: AuditEntry[]) => void appended.push(entries) } as unknown as AuditLog };
}

/**
 * The router's records are checked before they join a group commit: a value the database would
 * refuse must fail this request only, never the other requests written with it.
 */
describe('recordAccess', () => {
  it('appends the records with the request’s circumstances, actions in lower case', async () => {
    const { appended, log } = collectingLog();
    expect(await recordAccess(log, { requestId: 'req-12345678', actorSub: 'admin-1' }, [READ])).toBe(1);
    expect(appended[0]).toEqual([expect.objectContaining({ action: 'read', outcome: 'success', patientId: PATIENT, requestId: 'req-12345678', actor: expect.objectContaining({ sub: 'admin-1' }) })]);
  });

  it.each([
    ['a patient id that is not a UUID', { requestId: 'req-12345678' }, [{ ...READ, patientId: 'patient-1' }], 'records[0].patientId'],
    ['an organization id that is not a UUID', { requestId: 'req-12345678', actorOrganizationId: 'org-1' }, [READ], 'request.actorOrganizationId'],
    ['a resource type that is not a type name', { requestId: 'req-12345678' }, [{ ...READ, resourceType: 'Patient; drop' }], 'records[0].resourceType'],
  ])('refuses %s and appends nothing', async (_case, request, records, field) => {
    const { appended, log } = collectingLog();
    await expect(recordAccess(log, request, records)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
    expect(appended).toEqual([]);
  });
});
