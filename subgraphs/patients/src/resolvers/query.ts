import { checks, refuse } from '@caregraph/platform';
import { decodeKeyset, isId, notFound, pageSize, toConnection } from '@caregraph/schema-standards';
import type { PatientsContext } from '../context.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

/**
 * A lookup by MRN or e-mail tells who holds that identifier (or that nobody here does), whatever
 * fields the caller then asks for: recorded as a read of each patient found (so it appears in
 * their accounting of disclosures), or as one read of no patient when none matched. The fields
 * say which identifier was searched by, never its value.
 */
function auditIdentifierLookup(context: PatientsContext, filter: { mrn?: string | null; email?: string | null } | null | undefined, found: string[]): void {
  const by = [...(filter?.mrn ? ['lookup:mrn'] : []), ...(filter?.email ? ['lookup:email'] : [])];
  if (by.length === 0) return;
  if (found.length === 0) context.audit.read('Patient', null, null, by);
  for (const patientId of found) context.audit.read('Patient', patientId, patientId, by);
}

export const Query: QueryResolvers = {
  async patient(_, args, context) {
    const patient = isId(args.id) ? await context.loaders.patientById.load(args.id) : null;
    if (!patient) throw notFound('Patient');
    return patient;
  },

  async patients(_, args, context) {
    const viewer = context.request.viewer;
    // Searching by an identifier is itself a use of PHI: it tells whether that person is a patient.
    if ((args.filter?.mrn || args.filter?.email) && !(viewer && checks.readPhi(viewer))) {
      throw refuse(context.audit, 'Patient', 'filter', 'Filtering by identifiers requires access to PHI.');
    }
    const size = pageSize(args.first);
    const cursor = decodeKeyset(args.after, ['instant', 'uuid']);
    const after = cursor ? { createdAt: cursor[0], id: cursor[1] } : null;
    const rows = await context.repository.list(size + 1, after, args.filter ?? {});
    for (const row of rows) context.loaders.patientById.prime(row.id, row);
    const connection = toConnection(rows, size, (row) => [row.createdAt.toISOString(), row.id]);
    auditIdentifierLookup(context, args.filter, rows.map((row) => row.id));
    return connection;
  },
};
