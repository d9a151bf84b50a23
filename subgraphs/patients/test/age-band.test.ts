import { expect, it } from 'vitest';
import { ageBand } from '../src/resolvers/patient.ts';

const TODAY = new Date('2026-06-15T12:00:00Z');

it.each([
  ['2026-06-15', '0-17'], // born today
  ['2008-06-16', '0-17'], // 18 tomorrow
  ['2008-07-01', '0-17'], // 18 next month
  ['2008-06-15', '18-29'], // 18 today
  ['1996-06-16', '18-29'], // 30 tomorrow
  ['1996-06-15', '30-39'], // 30 today
  ['1986-06-16', '30-39'],
  ['1986-06-15', '40-49'],
  ['1976-01-01', '50-59'],
  ['1936-06-16', '80-89'], // 90 tomorrow
  ['1936-06-15', '90+'], // 90 today
  ['1900-01-01', '90+'],
])('someone born %s is in band %s on 2026-06-15', (birthDate, band) => {
  expect(ageBand(birthDate, TODAY)).toBe(band);
});

it('counts a 29 February birthday as reached only on 1 March in common years', () => {
  expect(ageBand('2008-02-29', new Date('2026-02-28T12:00:00Z'))).toBe('0-17');
  expect(ageBand('2008-02-29', new Date('2026-03-01T12:00:00Z'))).toBe('18-29');
});

it('uses the UTC calendar day of `today`', () => {
  // 23:30 in New York on 14 June is already 15 June in UTC.
  expect(ageBand('2008-06-15', new Date('2026-06-14T23:30:00-04:00'))).toBe('18-29');
  expect(ageBand('2008-06-15', new Date('2026-06-14T23:30:00Z'))).toBe('0-17');
});
