import { expect, it } from 'vitest';
import { groupBy } from '../src/group-by.ts';

const rows = [
  { patientId: 'p2', value: 1 },
  { patientId: 'p1', value: 2 },
  { patientId: 'p2', value: 3 },
  { patientId: 'stranger', value: 4 },
];

it('groups rows into the order of the keys, keeping row order within a group', () => {
  expect(groupBy(['p1', 'p2'], rows, (row) => row.patientId)).toEqual([
    [{ patientId: 'p1', value: 2 }],
    [
      { patientId: 'p2', value: 1 },
      { patientId: 'p2', value: 3 },
    ],
  ]);
});

it('gives an empty group to a key without rows and drops rows of keys not asked for', () => {
  const groups = groupBy(['p3', 'p1'], rows, (row) => row.patientId);
  expect(groups).toEqual([[], [{ patientId: 'p1', value: 2 }]]);
  expect(groups.flat().some((row) => row.patientId === 'stranger')).toBe(false);
});

it('answers a repeated key with the same rows at each position', () => {
  const groups = groupBy(['p1', 'p1'], rows, (row) => row.patientId);
  expect(groups).toEqual([[{ patientId: 'p1', value: 2 }], [{ patientId: 'p1', value: 2 }]]);
});

it('returns one empty group per key when there are no rows', () => {
  expect(groupBy(['p1', 'p2'], [], (row: { id: string }) => row.id)).toEqual([[], []]);
});
