import { decodeCursor, invalidCursor, isId, notFound, pageSize, toConnection, type PageArgs } from '@caregraph/schema-standards';
import type { DevicesContext } from '../context.ts';

export const Query = {
  async device(_: unknown, args: { id: string }, context: DevicesContext) {
    const device = isId(args.id) ? await context.loaders.deviceById.load(args.id) : null;
    if (!device) throw notFound('Device');
    return device;
  },

  async devices(_: unknown, args: PageArgs, context: DevicesContext) {
    const size = pageSize(args.first);
    const cursor = decodeCursor(args.after, 2);
    const after = cursor ? { createdAt: new Date(cursor[0]!), id: String(cursor[1]) } : null;
    if (after && (Number.isNaN(after.createdAt.getTime()) || !isId(after.id))) throw invalidCursor();
    const rows = await context.repository.list(await context.scope(), size + 1, after);
    for (const row of rows) context.loaders.deviceById.prime(row.id, row);
    return toConnection(rows, size, (row) => [row.createdAt.toISOString(), row.id]);
  },
};
