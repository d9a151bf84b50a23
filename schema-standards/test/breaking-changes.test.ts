import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchema } from 'graphql';
import { compareWithBaseline } from '../tooling/breaking/breaking-changes.ts';
import { parseChangelog } from '../tooling/breaking/changelog.ts';

const fixture = (name: string) => readFileSync(new URL(`fixtures/breaking/${name}`, import.meta.url), 'utf8');
const keys = (changes: { type: string; path?: string }[]) => changes.map((change) => `${change.type} ${change.path}`);

describe('breaking-change check', () => {
  const baseline = fixture('baseline.graphql');
  const changed = buildSchema(fixture('changed.graphql'));

  it('catches a breaking change that no changelog entry records', async () => {
    const report = await compareWithBaseline(baseline, changed, '# Schema changelog\n');
    expect(keys(report.unrecorded)).toEqual(['FIELD_REMOVED Patient.ageBand']);
    expect(report.recorded).toEqual([]);
  });

  it('passes a breaking change recorded in an entry, and counts the safe ones apart', async () => {
    const report = await compareWithBaseline(baseline, changed, fixture('changelog.md'));
    expect(report.unrecorded).toEqual([]);
    expect(keys(report.recorded)).toEqual(['FIELD_REMOVED Patient.ageBand']);
    expect(keys(report.others)).toEqual(expect.arrayContaining(['FIELD_ADDED Patient.createdAt', 'FIELD_ARGUMENT_ADDED Query.patient.asOf']));
  });

  it('finds nothing between a schema and itself', async () => {
    const report = await compareWithBaseline(baseline, buildSchema(baseline), '');
    expect(report).toEqual({ unrecorded: [], recorded: [], others: [] });
  });
});

describe('schema changelog', () => {
  it('reads entries and their changes, skipping examples in code blocks', () => {
    expect(parseChangelog(fixture('changelog.md'))).toEqual([
      { date: '2027-04-01', title: 'Patient.ageBand removed', changes: ['FIELD_REMOVED Patient.ageBand'] },
    ]);
  });

  it('refuses a change listed outside an entry', () => {
    expect(() => parseChangelog('# Schema changelog\n- `FIELD_REMOVED` `Patient.ageBand`\n')).toThrow(/line 2: a change listed before any/);
  });
});
