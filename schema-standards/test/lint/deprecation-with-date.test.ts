import { describe, expect, it } from 'vitest';
import { deprecationWithDate } from '../../tooling/lint/rules/deprecation-with-date.ts';
import { subgraph, violations } from './support.ts';

const MESSAGE = '@deprecated needs a reason naming the replacement and "removal after YYYY-MM-DD", e.g. @deprecated(reason: "Use x; removal after 2027-03-31")';

describe('deprecation-with-date', () => {
  it('passes deprecations with a reason and a removal date, on fields, arguments and enum values', () => {
    const sdl = subgraph('ok', `
type Device {
  model: String @deprecated(reason: "Use modelName; removal after 2027-03-31")
  modelName: String
}
enum Kind { SCALE @deprecated(reason: "Use WEIGHT_SCALE; removal after 2027-01-01")  WEIGHT_SCALE }
type Query { devices(kind: String @deprecated(reason: "Use kinds; removal after 2027-06-30"), kinds: [Kind!]): [Device!]! }`);
    expect(violations(deprecationWithDate, sdl)).toEqual([]);
  });

  it('fails a deprecation without a reason, without a date, or with an impossible date', () => {
    const sdl = subgraph('bad', `
type Device {
  model: String @deprecated
  serial: String @deprecated(reason: "Use serialNumber")
  firmware: String @deprecated(reason: "Use firmwareVersion; removal after 2027-02-30")
}
enum Kind { SCALE @deprecated(reason: "No longer made") }`);
    expect(violations(deprecationWithDate, sdl)).toEqual([`bad: ${MESSAGE}`, `bad: ${MESSAGE}`, `bad: ${MESSAGE}`, `bad: ${MESSAGE}`]);
  });
});
