import { decodeCursor, isId, notFound, pageSize, toConnection, type PageArgs } from '@caregraph/schema-standards';
import type { PatientsContext } from '../context.ts';

export const Query = {
  async patient(_: unknown, args: { id: string }, context: PatientsContext) {
    const patient = isId(args.id) ? await context.loaders.patientById.load(args.id) : null;
    if (!patient) throw notFound('Patient');
    return patient;
  },

  async patients(_: unknown, args: PageArgs, context: PatientsContext) {
    const size = pageSize(args.first);
    const cursor = decodeCursor(args.after, 2);
    const after = cursor ? { createdAt: new Date(cursor[0]!), id: String(cursor[1]) } : null;
    if (after && (Number.isNaN(after.createdAt.getTime()) || !isId(after.id))) {
      return toConnection([], 0, () => []); // a well-formed but meaningless cursor: empty page
    }
    const rows = await context.repository.list(size + 1, after);
    for (const row of rows) context.loaders.patientById.prime(row.id, row);
    return toConnection(rows, size, (row) => [row.createdAt.toISOString(), row.id]);
  },
};
