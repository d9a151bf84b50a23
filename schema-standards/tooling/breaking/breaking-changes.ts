import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { changeKey, parseChangelog } from './changelog.ts';

export interface BreakingChangeReport {
  /** Breaking changes since the baseline that no changelog entry records: these fail the check. */
  unrecorded: Change[];
  /** Breaking changes a changelog entry records. */
  recorded: Change[];
  /** Dangerous and safe changes since the baseline, for information. */
  others: Change[];
}

export const describeChange = (change: Change) => `- \`${change.type}\` \`${change.path ?? ''}\`  (${change.message})`;

/** Compares the current API schema with the baseline and sorts the differences by the changelog. */
export async function compareWithBaseline(baselineSdl: string, current: GraphQLSchema, changelogMarkdown: string): Promise<BreakingChangeReport> {
  const recordedKeys = new Set(parseChangelog(changelogMarkdown).flatMap((entry) => entry.changes));
  const changes = await diff(buildSchema(baselineSdl), current);
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  return {
    unrecorded: breaking.filter((change) => !recordedKeys.has(changeKey(change.type, change.path))),
    recorded: breaking.filter((change) => recordedKeys.has(changeKey(change.type, change.path))),
    others: changes.filter((change) => change.criticality.level !== CriticalityLevel.Breaking),
  };
}
