import { describe, expect, it } from 'vitest';
import { quantity } from '../src/quantity.ts';
import { rejectionOf } from '../../test/support/rejections.ts';

describe('quantity', () => {
  it('keeps a finite value and a UCUM code', () => {
    expect(quantity('weight', 68.4, 'kg')).toEqual({ value: 68.4, unit: 'kg' });
    expect(quantity('pressure', 120, 'mm[Hg]')).toEqual({ value: 120, unit: 'mm[Hg]' });
  });

  it.each([
    ['a non-finite value', Number.NaN, 'kg', 'weight.value'],
    ['an infinite value', Number.POSITIVE_INFINITY, 'kg', 'weight.value'],
    ['a unit with a space', 1, 'mm Hg', 'weight.unit'],
    ['an empty unit', 1, '', 'weight.unit'],
  ])('rejects %s, naming the field', (_, value, unit, field) => {
    const error = rejectionOf(() => quantity('weight', value, unit));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
