/**
 * The schema changelog (docs/schema-changelog.md) records every breaking API change on purpose.
 * An entry is a `## YYYY-MM-DD: title` section; each breaking change it covers is a list item
 * holding the change's type and path in backticks, exactly as `pnpm check:breaking` prints them:
 *
 *     ## 2027-04-01: Observation.display removed
 *     - `FIELD_REMOVED` `Observation.display`
 *
 *     Deprecated since 2026-12-01 ("removal after 2027-03-31"); use the code's display text.
 */
export interface ChangelogEntry {
  date: string;
  title: string;
  /** `TYPE path` keys of the breaking changes the entry records. */
  changes: string[];
}

const HEADING = /^## (\d{4}-\d{2}-\d{2}): (.+)$/;
const CHANGE = /^- `([A-Z_]+)` `([^`]+)`/;

export const changeKey = (type: string, path: string | undefined) => `${type} ${path ?? ''}`.trim();

/** Parses the changelog; throws on a change listed outside an entry, so a typo cannot pass silently. */
export function parseChangelog(markdown: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  let inCodeBlock = false; // examples of the format are not entries
  for (const [index, line] of markdown.split('\n').entries()) {
    if (line.startsWith('```')) inCodeBlock = !inCodeBlock;
    if (inCodeBlock) continue;
    const heading = line.match(HEADING);
    if (heading) {
      entries.push({ date: heading[1]!, title: heading[2]!, changes: [] });
      continue;
    }
    const change = line.match(CHANGE);
    if (!change) continue;
    const entry = entries.at(-1);
    if (!entry) throw new Error(`schema changelog line ${index + 1}: a change listed before any "## YYYY-MM-DD: title" entry`);
    entry.changes.push(changeKey(change[1]!, change[2]!));
  }
  return entries;
}
