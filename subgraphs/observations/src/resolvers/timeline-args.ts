import { decodeKeyset, pageSize, type PageArgs } from '@caregraph/schema-standards';
import type { TimelineArgs } from '../loaders.ts';
import { checkTimelineArgs } from '../validation.ts';

/** Turns GraphQL connection arguments into loader arguments, rejecting bad ones by name. */
export function timelineArgs(args: PageArgs & { code?: string | null; from?: Date | null; to?: Date | null }): TimelineArgs {
  checkTimelineArgs(args);
  const size = pageSize(args.first);
  const cursor = decodeKeyset(args.after, ['instant', 'uuid']);
  const after = cursor ? { effectiveAt: cursor[0], id: cursor[1] } : null;
  return { code: args.code ?? null, from: args.from ?? null, to: args.to ?? null, size, after };
}
