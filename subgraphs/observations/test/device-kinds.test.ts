import { describe, expect, it } from 'vitest';
import { DEVICE_KINDS } from '@caregraph/platform';
import { CODES_BY_DEVICE_KIND, deviceKindMeasures } from '../src/device-kinds.ts';
import { vitalCode } from '../src/codes.ts';

describe('what each kind of device measures', () => {
  it('covers every DeviceKind with supported codes only', () => {
    expect(Object.keys(CODES_BY_DEVICE_KIND).sort()).toEqual(Object.keys(DEVICE_KINDS).sort());
    for (const codes of Object.values(CODES_BY_DEVICE_KIND)) for (const code of codes) expect(vitalCode(code), code).toBeDefined();
  });

  it('agrees with the demo data, so seeded readings are ones their devices could take', () => {
    for (const [kind, { vitals }] of Object.entries(DEVICE_KINDS)) {
      expect([...CODES_BY_DEVICE_KIND[kind]!].sort(), kind).toEqual(vitals.map((v) => v.code).sort());
    }
  });

  it('refuses a heart rate from a weight scale and an unknown kind', () => {
    expect(deviceKindMeasures('WEIGHT_SCALE', '29463-7')).toBe(true);
    expect(deviceKindMeasures('WEIGHT_SCALE', '8867-4')).toBe(false);
    expect(deviceKindMeasures('TOASTER', '8867-4')).toBe(false);
  });
});
