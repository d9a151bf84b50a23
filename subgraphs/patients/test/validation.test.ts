import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  checkClinicianId,
  checkCreatePatient,
  checkUpdatePatient,
  type CreatePatientInput,
  type UpdatePatientInput,
} from '../src/validation.ts';
import { rejectedField } from '../../../test/support/rejections.ts';

const ADA: CreatePatientInput = {
  mrn: ' MRN-0001 ',
  name: { family: ' Lovelace ', given: [' Ada ', 'Augusta'] },
  birthDate: '1985-12-10',
  sex: 'FEMALE',
  contact: { email: ' ada@example.org ', phone: '+44 (20) 7946-0000' },
};

// Birth dates are checked against the current day; pin it.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-15T12:00:00Z'));
});
afterAll(() => {
  vi.useRealTimers();
});

describe('checkCreatePatient', () => {
  it('returns the trimmed record', () => {
    expect(checkCreatePatient(ADA)).toEqual({
      mrn: 'MRN-0001',
      familyName: 'Lovelace',
      givenNames: ['Ada', 'Augusta'],
      birthDate: '1985-12-10',
      sex: 'FEMALE',
      email: 'ada@example.org',
      phone: '+44 (20) 7946-0000',
    });
  });

  it('stores absent or blank contact points as null', () => {
    expect(checkCreatePatient({ ...ADA, contact: null })).toMatchObject({ email: null, phone: null });
    expect(checkCreatePatient({ ...ADA, contact: undefined })).toMatchObject({ email: null, phone: null });
    expect(checkCreatePatient({ ...ADA, contact: { email: '  ', phone: '' } })).toMatchObject({ email: null, phone: null });
  });

  it('accepts birth dates from 1900-01-01 to today', () => {
    expect(checkCreatePatient({ ...ADA, birthDate: '1900-01-01' }).birthDate).toBe('1900-01-01');
    expect(checkCreatePatient({ ...ADA, birthDate: '2026-03-15' }).birthDate).toBe('2026-03-15');
  });

  it.each<[string, Partial<CreatePatientInput>, string, string[]]>([
    ['an MRN with a space', { mrn: 'MRN 0001' }, 'input.mrn', ['MRN 0001']],
    ['an MRN with an underscore', { mrn: 'MRN_0001' }, 'input.mrn', ['MRN_0001']],
    ['an MRN of 65 characters', { mrn: 'M'.repeat(65) }, 'input.mrn', ['M'.repeat(65)]],
    ['a blank MRN', { mrn: '   ' }, 'input.mrn', []],
    ['no given names', { name: { family: 'Lovelace', given: [] } }, 'input.name.given', []],
    ['six given names', { name: { family: 'Lovelace', given: ['A', 'B', 'C', 'D', 'E', 'F'] } }, 'input.name.given', []],
    ['a blank given name', { name: { family: 'Lovelace', given: ['Ada', ' '] } }, 'input.name.given[1]', []],
    ['a family name of 101 characters', { name: { family: 'L'.repeat(101), given: ['Ada'] } }, 'input.name.family', ['L'.repeat(101)]],
    ['a control character in a name', { name: { family: 'Love\u0000lace', given: ['Ada'] } }, 'input.name.family', ['Love']],
    ['a birth date before 1900', { birthDate: '1899-12-31' }, 'input.birthDate', ['1899-12-31']],
    ['a birth date tomorrow', { birthDate: '2026-03-16' }, 'input.birthDate', ['2026-03-16']],
    ['an e-mail without a domain', { contact: { email: 'ada.lovelace@' } }, 'input.contact.email', ['ada.lovelace']],
    ['an e-mail with a space', { contact: { email: 'ada lovelace@example.org' } }, 'input.contact.email', ['lovelace']],
    ['a phone number with letters', { contact: { phone: 'call 555-0100' } }, 'input.contact.phone', ['555-0100']],
    ['a phone number of 33 characters', { contact: { phone: '1'.repeat(33) } }, 'input.contact.phone', ['1'.repeat(33)]],
  ])('rejects %s', (_, change, field, secrets) => {
    expect(rejectedField(() => checkCreatePatient({ ...ADA, ...change }), ...secrets)).toBe(field);
  });
});

describe('checkUpdatePatient', () => {
  it('returns no changes for an empty input', () => {
    expect(checkUpdatePatient({})).toEqual({});
  });

  it('checks and returns only the fields given', () => {
    expect(checkUpdatePatient({ mrn: ' MRN-2 ', sex: 'OTHER' })).toEqual({ mrn: 'MRN-2', sex: 'OTHER' });
    expect(checkUpdatePatient({ name: { family: 'Byron', given: ['Ada'] } })).toEqual({ familyName: 'Byron', givenNames: ['Ada'] });
    expect(checkUpdatePatient({ birthDate: '2000-02-29' })).toEqual({ birthDate: '2000-02-29' });
  });

  it('ignores explicit nulls but clears the contact when it is null', () => {
    // GraphQL passes explicit nulls through; a null mrn means "unchanged", a null contact means "remove".
    const input = { mrn: null, name: null, birthDate: null, sex: null, contact: null } as unknown as UpdatePatientInput;
    expect(checkUpdatePatient(input)).toEqual({ email: null, phone: null });
    expect(checkUpdatePatient({ contact: { email: 'ada@example.org' } })).toEqual({ email: 'ada@example.org', phone: null });
  });

  it('rejects invalid fields with the same rules as create', () => {
    expect(rejectedField(() => checkUpdatePatient({ mrn: 'bad mrn' }), 'bad mrn')).toBe('input.mrn');
    expect(rejectedField(() => checkUpdatePatient({ name: { family: 'Byron', given: [] } }))).toBe('input.name.given');
    expect(rejectedField(() => checkUpdatePatient({ birthDate: '2027-01-01' }), '2027-01-01')).toBe('input.birthDate');
    expect(rejectedField(() => checkUpdatePatient({ contact: { phone: 'nope' } }), 'nope')).toBe('input.contact.phone');
  });
});

describe('checkClinicianId', () => {
  it('returns an opaque subject trimmed', () => {
    expect(checkClinicianId(' auth0|5f7c8ec7c33c6c004bbafe82 ')).toBe('auth0|5f7c8ec7c33c6c004bbafe82');
    expect(checkClinicianId('x'.repeat(255))).toHaveLength(255);
  });

  it('rejects blank, overlong and control-character ids', () => {
    expect(rejectedField(() => checkClinicianId('  '))).toBe('clinicianId');
    expect(rejectedField(() => checkClinicianId('x'.repeat(256)), 'x'.repeat(256))).toBe('clinicianId');
    expect(rejectedField(() => checkClinicianId('dr-who\u0007'), 'dr-who')).toBe('clinicianId');
  });
});
