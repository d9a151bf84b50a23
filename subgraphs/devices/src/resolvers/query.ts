import { decodeKeyset, isId, notFound, pageSize, toConnection } from '@caregraph/schema-standards';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

export const Query: QueryResolvers = {
  async device(_, args, context) {
    const device = isId(args.id) ? await context.loaders.deviceById.load(args.id) : null;
    if (!device) throw notFound('Device');
    return device;
  },

  async devices(_, args, context) {
    const size = pageSize(args.first);
    const cursor = decodeKeyset(args.after, ['instant', 'uuid']);
    const after = cursor ? { createdAt: cursor[0], id: cursor[1] } : null;
    const rows = await context.repository.list(await context.scope(), size + 1, after);
    for (const row of rows) context.loaders.deviceById.prime(row.id, row);
    return toConnection(rows, size, (row) => [row.createdAt.toISOString(), row.id]);
  },
};
