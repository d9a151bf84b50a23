import { decodeCursor, invalidCursor, isId, pageSize, type PageArgs } from '@caregraph/schema-standards';
import type { TimelineArgs } from '../loaders.ts';
import { checkTimelineArgs } from '../validation.ts';

/** Turns GraphQL connection arguments into loader arguments, rejecting bad ones by name. */
export function timelineArgs(args: PageArgs & { code?: string | null; from?: Date | null; to?: Date | null }): TimelineArgs {
  checkTimelineArgs(args);
  const size = pageSize(args.first);
  const cursor = decodeCursor(args.after, 2);
  const after = cursor ? { effectiveAt: new Date(Number(cursor[0])), id: String(cursor[1]) } : null;
  if (after && (Number.isNaN(after.effectiveAt.getTime()) || !isId(after.id))) throw invalidCursor();
  return { code: args.code ?? null, from: args.from ?? null, to: args.to ?? null, size, after };
}
